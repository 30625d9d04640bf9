/**
 * The live model zoo explorer: pick a shipped model, score it on the test split in the Worker, see its
 * answer for a test digit or a drawing, and train its architecture from scratch. The worker is the
 * zoo's kit (zoo-shared/kit.ts); this view only draws what it reports.
 */
import { useEffect } from 'preact/hooks';
import { IDLE_PROGRESS } from '../../lib/runtime/sliced-runner';
import { ParamControls } from '../../lib/ui/ParamControl';
import { BackendNote } from '../../lib/ui/RunControls';
import { useModelWidget, type WidgetViewProps } from '../../lib/ui/use-controller';
import { WidgetShell } from '../../lib/ui/WidgetShell';
import { modelFacts, type ZooCatalog } from '../zoo-shared/catalog';
import { DigitInput, useResolvedDigitInput } from '../zoo-shared/DigitInput';
import type { TrainRequest } from '../zoo-shared/protocol';
import { digitRequest } from '../zoo-shared/zoo-state';
import { ExplorerController, INITIAL_STATE } from './controller';
import { AnswerPanel, EvaluationPanel, TrainingPanel } from './ExplorerParts';
import { params, type ExplorerParams } from './params';
import { describeExplorer } from './summary';

/** The training run the settings ask for (the chosen model's recipe, from scratch). */
export function trainRequest(v: Pick<ExplorerParams, 'model' | 'steps' | 'seed'>): TrainRequest {
  return { model: v.model, from: 'scratch', steps: v.steps, seed: v.seed };
}

const sameRequest = (a: TrainRequest | null, b: TrainRequest) =>
  !!a && a.model === b.model && a.steps === b.steps && a.seed === b.seed && a.from === b.from;

export default function ZooExplorerView(props: WidgetViewProps<typeof params> & { catalog: ZooCatalog }) {
  const { id, catalog } = props;
  const {
    state,
    controller,
    worker: zoo,
    status,
  } = useModelWidget(params, props, (o) => new ExplorerController(o), INITIAL_STATE);
  const { values } = state;
  const facts = modelFacts(catalog, values.model);
  const resolved = useResolvedDigitInput(values);
  const blank = resolved.kind === 'drawn' && !resolved.preprocessed.hasInk;

  // The model's answer for the reader's digit, whenever the digit or the model changes (a dragged
  // slider sends one request when it rests).
  const inputKey = resolved.kind === 'test' ? `test ${resolved.testIndex}` : `drawn ${values.drawing}`;
  useEffect(() => {
    if (!controller) return;
    const timer = setTimeout(() => {
      controller.classify(
        values.model,
        resolved.kind === 'test'
          ? { kind: 'test', index: resolved.testIndex }
          : digitRequest({ kind: 'pixels', pixels: resolved.preprocessed.pixels }),
      );
    }, 60);
    return () => clearTimeout(timer);
  }, [controller, values.model, inputKey]);

  const wanted = trainRequest(values);
  const t = zoo.training;
  // Settings changed since the run on show: the next Train starts a fresh model.
  const current = sameRequest(t.request, wanted);
  const progress = current ? t.progress : { ...IDLE_PROGRESS, totalSteps: values.steps };
  const play = () => {
    if (!current || t.progress.phase === 'done') controller?.train(wanted);
    controller?.play();
  };
  const testPixels = zoo.classified.result?.digit === 'test' ? zoo.classified.result.pixels : null;
  const lastEval = zoo.evaluation.result;
  const answer = zoo.classified.result;

  return (
    <WidgetShell
      widgetId={id}
      status={status}
      summary={describeExplorer(values, zoo, blank)}
      backend={zoo.backend ?? 'starting…'}
      state={state}
      error={zoo.error}
      metrics={{
        evaluated: lastEval?.request.model ?? null,
        accuracy: lastEval?.accuracy ?? null,
        correct: lastEval?.correct ?? null,
        manifestAccuracy: lastEval?.manifest?.accuracy ?? null,
        evaluationMs: lastEval ? Math.round(lastEval.computeMs) : null,
        evaluationWallMs: lastEval ? Math.round(lastEval.wallMs) : null,
        prediction: answer && !blank ? answer.probabilities.indexOf(Math.max(...answer.probabilities)) : null,
        trainStep: t.progress.step,
        stepsPerSecond: t.progress.stepsPerSecond,
        validationAccuracy: t.validation.at(-1)?.value ?? null,
        tensors: zoo.numTensors,
        backend: zoo.backend,
      }}
    >
      <ParamControls widgetId={id} specs={params} values={values} set={state.set} keys={['model']} />
      <p class="chart-note">
        {facts.description}: {facts.parameters.toLocaleString('en')} parameters, {Math.round(facts.bytes / 1000)} kB of
        weights. <a href="/models/">The model zoo</a> has its card.
      </p>
      <BackendNote backend={zoo.backend} fallbacks={zoo.fallbacks} />
      <DigitInput id={id} values={values} set={state.set} testPixels={testPixels} onNotice={state.addNotice}>
        <AnswerPanel result={answer} blank={blank} />
      </DigitInput>
      <EvaluationPanel
        id={id}
        facts={facts}
        evaluation={zoo.evaluation}
        canEvaluateTrained={t.progress.step > 0 && t.phase !== 'running'}
        disabled={status === 'loading'}
        onEvaluate={(which) =>
          controller?.evaluate({ model: which === 'trained' ? 'trained' : values.model, split: 'test' })
        }
        onStop={() => controller?.stop()}
      />
      <TrainingPanel
        id={id}
        catalog={catalog}
        facts={facts}
        training={t}
        current={current}
        progress={progress}
        state={state}
        disabled={status === 'loading' || t.phase === 'loading'}
        onPlay={play}
        onPause={() => controller?.pause()}
        onStep={() => {
          if (!current || t.progress.phase === 'done') controller?.train(wanted);
          controller?.step();
        }}
        onReset={() => controller?.train(wanted)}
      />
    </WidgetShell>
  );
}
