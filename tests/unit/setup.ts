// Node has no WebAssembly SIMD guarantee or WebGL: unit tests run every tfjs op on the cpu backend,
// the reference implementation the browser backends are checked against.
import '@tensorflow/tfjs-backend-cpu';
import { tf } from '../../src/ml/tf';

await tf.setBackend('cpu');
await tf.ready();
