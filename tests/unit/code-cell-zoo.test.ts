/**
 * The `zoo` and `digits` binding sets (src/widgets/code-cell/bindings-zoo.ts) in Node, through the
 * cell's own evaluator: the shipped models score what their manifest records, gradients flow to the
 * input (an FGSM step), bad input gets a message, files are checked, and runs leak nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/ml/tf';
import type { Tf } from '../../src/lib/tf-runtime';
import type { ZooManifest } from '../../src/math/zoo';
import { loadBindings } from '../../src/widgets/code-cell/bindings';
import type { BindingSet } from '../../src/widgets/code-cell/binding-docs';
import type { OutputItem } from '../../src/widgets/code-cell/output';
import { captureCompiler, runCell } from '../../src/widgets/code-cell/sandbox';

const compile = captureCompiler();
const readPublic = async (path: string) => new Uint8Array(await readFile(join(process.cwd(), 'public', path)));
const manifest = JSON.parse(
  await readFile(join(process.cwd(), 'public/weights/zoo/manifest.json'), 'utf8'),
) as ZooManifest;
const bindings = await loadBindings(tf as unknown as Tf, ['zoo', 'digits'], readPublic);

async function run(code: string) {
  return runCell({ tf: tf as unknown as Tf, code, bindings, compile });
}
const texts = (outputs: OutputItem[]) => outputs.flatMap((o) => (o.kind === 'text' ? [o.text] : []));
const returned = (outputs: OutputItem[]) => {
  const r = outputs.find((o) => o.kind === 'returned');
  return r && 'text' in r ? r.text : '';
};
const errorOf = (outputs: OutputItem[]) =>
  outputs.find((o) => o.kind === 'error') as Extract<OutputItem, { kind: 'error' }>;

describe('code cell: the zoo binding set', () => {
  it('lists the shipped models and what their manifest records', async () => {
    const r = await run(
      'print(zoo.names.join(" "));\nconst i = zoo.info("cnn");\nprint(i.parameters, i.testAccuracy);',
    );
    expect(r.ok, JSON.stringify(r.outputs)).toBe(true);
    const cnn = manifest.models.find((m) => m.name === 'cnn')!;
    expect(texts(r.outputs)).toEqual(['softmax mlp cnn robust-cnn', `${cnn.parameters} ${cnn.test.accuracy}`]);
  });

  it('a loaded model scores the manifest’s recorded test accuracy (all 2,000 test digits)', async () => {
    for (const name of ['softmax', 'mlp'] as const) {
      const r = await run(
        `const model = await zoo.load("${name}");\nconst { x, labels } = zoo.test.batch(0, zoo.test.count);\nconst p = model.predict(x);\nlet correct = 0;\np.forEach((row, i) => { if (row.indexOf(Math.max(...row)) === labels[i]) correct++; });\nreturn correct;`,
      );
      expect(r.ok, JSON.stringify(r.outputs)).toBe(true);
      const entry = manifest.models.find((m) => m.name === name)!;
      // Recorded on wasm; the unit tests run on cpu: the same argmax up to a digit or two on a tie.
      expect(Math.abs(Number(returned(r.outputs)) - entry.test.correct)).toBeLessThanOrEqual(2);
    }
  });

  it('predict takes one digit, a list of digits or a tensor; probabilities sum to 1', async () => {
    const r = await run(
      'const m = zoo.load("mlp");\nconst i = zoo.test.indexOf(7);\nconst one = m.predict(zoo.test.image(i));\nconst two = m.predict([zoo.test.image(i), zoo.test.image(0)]);\nprint(one.length, two.length, Math.abs(one.reduce((a, b) => a + b) - 1) < 1e-5, one.indexOf(Math.max(...one)));',
    );
    expect(r.ok, JSON.stringify(r.outputs)).toBe(true);
    expect(texts(r.outputs)).toEqual(['10 2 true 7']);
  });

  it('gradients flow to the input of every model: an FGSM step at ε = 0.2 breaks the CNN, less so the robust one', async () => {
    const code = (name: string) =>
      `const model = zoo.load("${name}");\nconst { x, labels } = zoo.test.batch(0, 50);\nconst g = tf.grad((input) => model.loss(input, labels))(x);\nconst adv = x.add(g.sign().mul(0.2)).clipByValue(0, 1);\nconst acc = (t) => model.predict(t).filter((row, i) => row.indexOf(Math.max(...row)) === labels[i]).length;\nprint(g.abs().sum().dataSync()[0] > 0, acc(x), acc(adv));`;
    const [cnn, robust] = [await run(code('cnn')), await run(code('robust-cnn'))];
    expect(cnn.ok, JSON.stringify(cnn.outputs)).toBe(true);
    const [gc, cleanC, advC] = texts(cnn.outputs)[0].split(' ');
    const [gr, cleanR, advR] = texts(robust.outputs)[0].split(' ');
    expect([gc, gr]).toEqual(['true', 'true']);
    expect(Number(cleanC)).toBeGreaterThan(45);
    expect(Number(advC)).toBeLessThan(Number(cleanC) - 15);
    expect(Number(advR)).toBeGreaterThan(Number(advC) + 10);
    expect(Number(cleanR)).toBeGreaterThan(45);
  });

  it('bad input gets a message the reader can act on', async () => {
    const name = await run('zoo.load("resnet");');
    expect(errorOf(name.outputs)).toMatchObject({ name: 'RangeError', line: 1 });
    expect(errorOf(name.outputs).message).toContain('try one of softmax, mlp, cnn, robust-cnn');
    const shape = await run('const m = zoo.load("cnn");\nm.predict([[1, 2, 3]]);');
    expect(errorOf(shape.outputs)).toMatchObject({ line: 2 });
    expect(errorOf(shape.outputs).message).toContain('expected 784');
    const range = await run('zoo.test.batch(1990, 20);');
    expect(errorOf(range.outputs).message).toContain('outside the split');
  });

  it('the digits set is the validation split, with the same accessors', async () => {
    const r = await run(
      'print(digits.count, digits.split, zoo.test.count, zoo.test.split, digits.label(digits.indexOf(3, 2)));',
    );
    expect(texts(r.outputs)).toEqual(['1000 validation 2000 test 3']);
  });

  it('a damaged weights file is refused when the bindings load', async () => {
    const damaged = async (path: string) => {
      const bytes = await readPublic(path);
      if (path.endsWith('cnn.bin')) bytes[100] ^= 1;
      return bytes;
    };
    await expect(loadBindings(tf as unknown as Tf, ['zoo'], damaged)).rejects.toThrow(/SHA-256/);
  });

  it('a model built in a run is freed when the run ends: no tensors or variables left over 50 runs', async () => {
    const code =
      'const m = zoo.load(Math.random() < 0.5 ? "softmax" : "mlp");\nconst { x, labels } = zoo.test.batch(0, 4);\nconst g = tf.grad((input) => m.loss(input, labels))(x);\nprint(m.predict(x).length, g.shape);\nif (Math.random() < 0.3) throw new Error("sometimes");';
    await run(code);
    const before = { tensors: tf.memory().numTensors, bytes: tf.memory().numBytes };
    const leaks: number[] = [];
    for (let i = 0; i < 50; i++) leaks.push((await run(code)).memory.leaked);
    expect(leaks.filter((n) => n !== 0)).toEqual([]);
    expect({ tensors: tf.memory().numTensors, bytes: tf.memory().numBytes }).toEqual(before);
    expect(Object.keys(tf.engine().registeredVariables)).toHaveLength(0);
  });
});

it('binding sets load only what they name', async () => {
  const sets: BindingSet[] = ['attention'];
  const read: string[] = [];
  await loadBindings(tf as unknown as Tf, sets, async (p) => {
    read.push(p);
    return readPublic(p);
  });
  expect(read).toEqual([]);
});
