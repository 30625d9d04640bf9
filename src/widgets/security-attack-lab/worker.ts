/**
 * The lab's Worker: the zoo's shared commands, and the attack: one digit (a test digit or the reader's
 * pixels) attacked on the source model and scored on the victim (src/ml/security.ts). tfjs loads here,
 * lazily, when the widget nears the viewport (the runtime's server owns that).
 */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { splitToFloats } from '../../math/digit-split';
import { attackDigit } from '../../ml/security';
import { checkPixels, ZooKit } from '../zoo-shared/kit';
import type { AttackRequest, Command, WorkerEvent } from './protocol';

const zoo = new ZooKit();

serveModelWorker<Command, WorkerEvent>({
  async handle(cmd, ctx) {
    if (await zoo.handle(cmd, ctx)) return;
    if (cmd.type !== 'attack') return;
    const r: AttackRequest = cmd.request;
    let pixels: Float32Array;
    let trueLabel: number | null = null;
    if (r.digit.kind === 'test') {
      const test = await zoo.assets.split('test');
      const i = r.digit.index;
      if (!(Number.isInteger(i) && i >= 0 && i < test.count)) {
        throw new RangeError(`test digit ${i} is not one of 0 … ${test.count - 1}`);
      }
      pixels = splitToFloats(test, i, 1);
      trueLabel = test.labels[i];
    } else {
      pixels = checkPixels(r.digit.pixels);
    }
    const [victim, source] = await Promise.all([zoo.model(r.victim), zoo.model(r.source)]);
    const began = performance.now();
    const out = attackDigit(victim, source, pixels, trueLabel, r.attack, r.seed);
    const ms = performance.now() - began;
    ctx.post({ type: 'attacked', run: cmd.run, result: { ...out, request: r, trueLabel, ms } }, [
      out.original.buffer,
      out.adversarial.buffer,
    ]);
  },
});
