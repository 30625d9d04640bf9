/**
 * Shared helpers of the claims tests: a passage or exercise solution that predicts what a widget shows
 * at a linked state is a claim, and its test runs the site's own code at exactly that state.
 *
 * The state is read from the lesson itself (the <Exercise widget state> attributes), so a test always
 * checks the link the reader gets, and decoded with the widget's own params (decodeParams), so defaults,
 * clamping and snapping are exactly the widget's.
 */
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeParams, type ParamSpecs, type ParamValues } from '../../../src/lib/params';
import { tf } from '../../../src/ml/tf';

/** The exercise's widget id and its linked state ("ap.task=reverse&ap.heads=1"), from the lesson's MDX. */
export function exerciseLink(lesson: string, exerciseId: string): { widget: string; state: string } {
  const mdx = readFileSync(join(process.cwd(), 'content', 'lessons', lesson, 'index.mdx'), 'utf8');
  const tag = mdx.match(new RegExp(`<Exercise\\s[^>]*id="${exerciseId}"[^>]*>`));
  if (!tag) throw new Error(`no <Exercise id="${exerciseId}"> in the ${lesson} lesson`);
  const widget = tag[0].match(/widget="([^"]*)"/)?.[1];
  const state = tag[0].match(/state="([^"]*)"/)?.[1] ?? '';
  if (!widget) throw new Error(`<Exercise id="${exerciseId}"> links no widget`);
  return { widget, state };
}

/**
 * A widget's values at a state, as the widget decodes them (URL > defaults). `extra` holds the keys the
 * exercise asks the reader to change next ("Then set 4 heads"): each replaces the linked value.
 */
export function stateValues<S extends ParamSpecs>(specs: S, widget: string, state: string, extra = ''): ParamValues<S> {
  const search = new URLSearchParams(state);
  for (const [key, value] of new URLSearchParams(extra)) search.set(key, value);
  const { values, notices } = decodeParams(specs, search, widget);
  // A state the widget would have to correct is a broken link, not a claim.
  if (notices.length > 0) throw new Error(`state "${search}" is not valid for ${widget}: ${notices.join(' ')}`);
  return values;
}

/** The values an exercise's "Set up the demo" link gives its widget, optionally with extra keys. */
export function exerciseValues<S extends ParamSpecs>(
  lesson: string,
  exerciseId: string,
  specs: S,
  extra = '',
): ParamValues<S> {
  const { widget, state } = exerciseLink(lesson, exerciseId);
  return stateValues(specs, widget, state, extra);
}

/**
 * The models here are small: tfjs's wasm backend runs them 3-5 times faster than the cpu backend in Node,
 * and it is the backend the widgets run in the browser. Call in beforeAll; restore with useCpu in afterAll.
 */
export async function useWasm(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
}

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
}

export const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The measured value behind each claim, printed as one table when a claims file ends (afterAll), so a
 * reviewer sees what the code really showed next to what the text says, not only that it passed.
 */
export class Measurements {
  private readonly rows: { claim: string; value: string }[] = [];

  record(claim: string, values: Record<string, number | string | boolean>): void {
    const value = Object.entries(values)
      .map(([k, v]) => `${k} ${typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v}`)
      .join(', ');
    this.rows.push({ claim, value });
  }

  print(title: string): void {
    const width = Math.max(...this.rows.map((r) => r.claim.length), 0);
    console.log(
      [`${title}: measured values`, ...this.rows.map((r) => `  ${r.claim.padEnd(width)}  ${r.value}`)].join('\n'),
    );
  }
}
