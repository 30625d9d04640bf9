import { describe, expect, it } from 'vitest';
import { chooseBackends, classifyRenderer } from '../../src/lib/backend-choice';
import { SlicedRunner, type RunnerState } from '../../src/lib/runtime/sliced-runner';

describe('backend choice', () => {
  it('prefers wasm without a hardware GPU and webgl with one', () => {
    expect(chooseBackends(null, 'software').order).toEqual(['wasm', 'cpu']);
    expect(chooseBackends(null, 'none').order).toEqual(['wasm', 'cpu']);
    expect(chooseBackends(null, 'hardware').order).toEqual(['webgl', 'wasm', 'cpu']);
  });
  it('puts an override first and keeps the fallbacks', () => {
    expect(chooseBackends('cpu', 'software').order).toEqual(['cpu', 'wasm']);
    expect(chooseBackends('WEBGL', 'software').order).toEqual(['webgl', 'wasm', 'cpu']);
  });
  it('does not try webgl where the page found none', () => {
    const r = chooseBackends('webgl', 'none');
    expect(r.order).toEqual(['wasm', 'cpu']);
    expect(r.notice).toContain('WebGL is not available');
  });
  it('explains an unusable override', () => {
    const r = chooseBackends('tpu<script>', 'software');
    expect(r.order).toEqual(['wasm', 'cpu']);
    expect(r.notice).toContain('not one of wasm, webgl, cpu');
  });
  it('tells software renderers from hardware ones', () => {
    expect(classifyRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)')).toBe(
      'software',
    );
    expect(classifyRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('software');
    expect(classifyRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)')).toBe('hardware');
    expect(classifyRenderer(null)).toBe('none');
  });
});

describe('SlicedRunner', () => {
  function makeLoop(totalSteps: number) {
    const reports: RunnerState[] = [];
    const seen: number[] = [];
    let clock = 0;
    const loop = new SlicedRunner({
      totalSteps,
      // Each step "takes" 10 ms of the injected clock.
      step: (i) => {
        seen.push(i);
        clock += 10;
      },
      report: (s) => reports.push(s),
      now: () => clock,
      yieldToEventLoop: async () => {},
      sliceMs: 25,
      reportEveryMs: 100,
    });
    return { loop, reports, seen };
  }

  it('runs every step once, in order, and finishes with a report', async () => {
    const { loop, reports, seen } = makeLoop(50);
    await loop.play();
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(loop.state.phase).toBe('done');
    expect(reports.at(-1)).toMatchObject({ phase: 'done', step: 50 });
    // 10 clock-ms per step: 100 steps per second.
    expect(loop.state.stepsPerSecond).toBeCloseTo(100, 6);
    // Throttled: far fewer reports than steps.
    expect(reports.length).toBeLessThan(10);
  });

  it('pauses between slices, single-steps while paused, and resumes', async () => {
    const { loop, seen } = makeLoop(1000);
    const running = loop.play();
    loop.pause();
    await running;
    expect(loop.state.phase).toBe('paused');
    const afterPause = seen.length;
    expect(afterPause).toBeLessThan(1000);
    await loop.stepOnce();
    expect(seen.length).toBe(afterPause + 1);
    await loop.play();
    expect(loop.state).toMatchObject({ phase: 'done', step: 1000 });
  });

  it('stops for good when its AbortSignal fires', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const loop = new SlicedRunner({
      totalSteps: 1_000_000,
      step: (i) => {
        seen.push(i);
        if (i === 10) controller.abort();
      },
      report: () => {},
      signal: controller.signal,
      sliceMs: 1000,
    });
    await loop.play();
    expect(loop.state.phase).toBe('cancelled');
    expect(seen.length).toBe(11);
    await loop.play();
    expect(seen.length).toBe(11);
  });

  it('extends a finished budget', async () => {
    const { loop, seen } = makeLoop(5);
    await loop.play();
    loop.extend(8);
    await loop.play();
    expect(seen.length).toBe(8);
  });

  it('a play whose signal aborts pauses (and can resume); the constructor signal cancels for good', async () => {
    const { loop, seen, reports } = makeLoop(1000);
    const pause = new AbortController();
    const running = loop.play(pause.signal);
    pause.abort();
    await running;
    expect(loop.state.phase).toBe('paused');
    expect(reports.at(-1)?.phase).toBe('paused');
    // The report after a pause counts every step that ran, the one in flight included.
    expect(reports.at(-1)?.step).toBe(seen.length);
    await loop.play(new AbortController().signal);
    expect(loop.state).toMatchObject({ phase: 'done', step: 1000 });
    // A play with an already aborted signal does nothing.
    const again = makeLoop(10);
    const aborted = new AbortController();
    aborted.abort();
    await again.loop.play(aborted.signal);
    expect(again.seen).toEqual([]);
  });

  it('takes at least one step per slice even when the clock jumps past the slice at every reading', async () => {
    let clock = 0;
    const seen: number[] = [];
    const loop = new SlicedRunner({
      totalSteps: 5,
      step: (i) => void seen.push(i),
      now: () => (clock += 1000),
      yieldToEventLoop: async () => {},
      sliceMs: 25,
    });
    await loop.play();
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(loop.state.phase).toBe('done');
  });
});
