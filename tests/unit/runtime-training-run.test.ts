/**
 * The training half of the runtime (src/lib/runtime/training-run.ts): the evaluation cadence, no
 * snapshot from a replaced model, the play/step commands under the server's current-run signal, and
 * the throttle. Plain objects stand in for sessions and the server's context.
 */
import { describe, expect, it } from 'vitest';
import type { RunnerState } from '../../src/lib/runtime/sliced-runner';
import { isTrainingCommand, runTrainingCommand, SlicedTrainingRun, Throttle } from '../../src/lib/runtime/training-run';
import type { ServerContext } from '../../src/lib/runtime/worker-server';

class CountingSession {
  steps = 0;
  disposed = false;
  trainStep(): void {
    this.steps++;
  }
  dispose(): void {
    this.disposed = true;
  }
}

class CountingRun extends SlicedTrainingRun<CountingSession> {
  readonly evaluatedAt: number[] = [];
  readonly snapshots: { phase: string; step: number; force: boolean }[] = [];

  constructor(totalSteps: number, evalEvery: number) {
    super(7, new CountingSession(), { totalSteps, evalEvery, reportEveryMs: 1e9 });
    this.evaluate();
  }
  protected recordStep(): void {
    this.session.trainStep();
  }
  protected evaluate(): void {
    this.evaluatedAt.push(this.session.steps);
  }
  protected snapshot(progress: RunnerState, force: boolean): void {
    this.snapshots.push({ phase: progress.phase, step: progress.step, force });
  }
}

function fakeContext(run: CountingRun) {
  const begun: AbortController[] = [];
  const ctx = {
    session: run,
    begin(id: number) {
      begun.at(-1)?.abort();
      const controller = new AbortController();
      begun.push(controller);
      return { id, signal: controller.signal, post() {} };
    },
  } as unknown as ServerContext<never, CountingRun>;
  return { ctx, begun };
}

describe('SlicedTrainingRun', () => {
  it('evaluates at step 0, every evalEvery steps and at the last step, and reports when done', async () => {
    const run = new CountingRun(10, 4);
    await run.runner.play();
    expect(run.evaluatedAt).toEqual([0, 4, 8, 10]);
    expect(run.snapshots.at(-1)).toEqual({ phase: 'done', step: 10, force: false });
  });

  it('posts nothing for a model that was replaced, and frees its session', async () => {
    const run = new CountingRun(10, 5);
    run.report(true);
    expect(run.snapshots).toEqual([{ phase: 'idle', step: 0, force: true }]);
    run.dispose();
    run.report(true);
    expect(run.session.disposed).toBe(true);
    expect(run.runner.state.phase).toBe('cancelled');
    expect(run.snapshots).toHaveLength(1);
  });
});

describe('training commands', () => {
  it('tells play and step from a widget’s own commands', () => {
    expect(isTrainingCommand({ type: 'play' })).toBe(true);
    expect(isTrainingCommand({ type: 'step' })).toBe(true);
    expect(isTrainingCommand({ type: 'configure' })).toBe(false);
  });

  it('plays under the current-run signal, so a newer run pauses it; step does one step', async () => {
    const run = new CountingRun(1_000_000, 1_000_000);
    const { ctx, begun } = fakeContext(run);
    const playing = runTrainingCommand({ type: 'play' }, ctx);
    expect(run.runner.state.phase).toBe('running');
    // What the server does when another run begins (or on Pause): the play's signal aborts.
    begun[0].abort();
    await playing;
    expect(run.runner.state.phase).toBe('paused');
    const before = run.session.steps;
    await runTrainingCommand({ type: 'step' }, ctx);
    expect(run.session.steps).toBe(before + 1);
    expect(begun).toHaveLength(2);
    run.dispose();
  });
});

describe('Throttle', () => {
  it('is due at most every interval, or when forced', () => {
    let now = 0;
    const t = new Throttle(500, () => now);
    expect(t.due()).toBe(true);
    now = 499;
    expect(t.due()).toBe(false);
    expect(t.due(true)).toBe(true);
    now = 998;
    expect(t.due()).toBe(false);
    now = 999;
    expect(t.due()).toBe(true);
  });
});
