/**
 * The live "Diffusion on images" widget. Forward half: a real held-out digit noised in closed form
 * (plain math on the page, ForwardPanel). Reverse half: 16 digits of the asked class drawn by the
 * pre-trained tiny denoiser in a Worker (controller.ts), animated frame by frame with x̂_0 under x_t,
 * then a scrubber over the kept frames (ReversePanel). Data, manifest and weights load when the widget
 * nears the viewport.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { usePrefersReducedMotion } from '../../lib/ui/use-reduced-motion';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { DigitDiffusionController, INITIAL_RUN_STATE } from './controller';
import { ForwardPanel } from './ForwardPanel';
import { T } from './forward';
import { params, SAMPLE_COUNT, SAMPLING_KEYS } from './params';
import { ReversePanel } from './ReversePanel';
import { describeSampling } from './summary';

export default function DigitDiffusionView(props: WidgetViewProps<typeof params>) {
  const { id } = props;
  const {
    state,
    controller,
    worker: run,
    status,
  } = useModelWidget(params, props, (o) => new DigitDiffusionController(o), INITIAL_RUN_STATE);
  const { values } = state;
  const reducedMotion = usePrefersReducedMotion();

  // Sampling: once the weights are in, and again (debounced) whenever a sampling setting changes.
  const loaded = run.numParameters > 0;
  const request = useMemo(
    () => ({
      digit: values.digit,
      guidance: values.guidance,
      sampler: values.sampler,
      steps: values.steps,
      seed: values.seed,
      n: SAMPLE_COUNT,
    }),
    [values.digit, values.guidance, values.sampler, values.steps, values.seed],
  );
  const startSampling = () => controller?.sample(request, !reducedMotion);
  const requestKey = SAMPLING_KEYS.map((k) => values[k]).join('|');
  useEffect(() => {
    if (!loaded) return;
    const timer = setTimeout(startSampling, run.request ? 300 : 0);
    return () => clearTimeout(timer);
  }, [loaded, requestKey]);

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeSampling(run, T)}
      backend={run.backend ? `${run.backend} (sampling); forward view in plain JavaScript` : 'starting…'}
      state={state}
      error={run.error}
      metrics={{
        agree: run.result?.agree ?? null,
        computeMs: run.result?.computeMs ?? null,
        frames: run.frames.length,
        tensors: run.numTensors,
        backend: run.backend,
      }}
    >
      <ForwardPanel id={id} state={state} heldout={run.heldout} loadError={run.error} />
      <ReversePanel
        id={id}
        state={state}
        run={run}
        reducedMotion={reducedMotion}
        onSample={startSampling}
        onPause={() => controller?.pause()}
        onResume={() => controller?.resume()}
        onStop={() => controller?.cancel()}
      />
    </WidgetShell>
  );
}
