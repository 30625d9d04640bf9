/** The playground's view parts, one job each: the training curves, the reader's input and answer, the maps. */
import { useCallback, useMemo } from 'preact/hooks';
import type { StepPoint } from '../../lib/runtime/protocol';
import { PlotMount } from '../../lib/ui/PlotMount';
import { countCorrect, formatToken } from '../../math/tasks';
import { SequenceInput } from '../sequence-shared/SequenceInput';
import type { ProbeResult } from '../../ml/training-session';
import { accuracyChart, attentionHeatmap, attentionLegend, lossChart } from './charts';

export function TrainingCurves(props: {
  loss: StepPoint[];
  evalLoss: StepPoint[];
  accuracy: StepPoint[];
  totalSteps: number;
}) {
  const { loss, evalLoss, accuracy, totalSteps } = props;
  const drawLoss = useCallback(() => lossChart(loss, evalLoss, { totalSteps }), [loss, evalLoss, totalSteps]);
  const drawAccuracy = useCallback(() => accuracyChart(accuracy, { totalSteps }), [accuracy, totalSteps]);
  return (
    <div class="chart-row">
      <div>
        <p class="chart-label">Loss</p>
        <PlotMount make={drawLoss} />
      </div>
      <div>
        <p class="chart-label">Held-out token accuracy</p>
        <PlotMount make={drawAccuracy} />
      </div>
    </div>
  );
}

/** The reader's question (a text field with its own validation message) and the model's answer to it. */
export function ProbeInput(props: Parameters<typeof SequenceInput>[0] & { probe: ProbeResult | null }) {
  const { probe, ...input } = props;
  return (
    <div class="playground-probe">
      <SequenceInput {...input} />
      {probe && <ProbeOutput probe={probe} />}
    </div>
  );
}

function ProbeOutput({ probe }: { probe: ProbeResult }) {
  const n = probe.expected.length;
  const question = probe.tokens.slice(0, n).map(formatToken).join(' ');
  const right = countCorrect(probe.generated, probe.expected);
  return (
    <dl class="probe-output">
      <div>
        <dt>Question</dt>
        <dd>{question} |</dd>
      </div>
      <div>
        <dt>Correct answer</dt>
        <dd>{probe.expected.map(formatToken).join(' ')}</dd>
      </div>
      <div>
        <dt>Model writes</dt>
        <dd>
          {probe.generated.map((t, i) => (
            <span key={i} class={t === probe.expected[i] ? 'token-right' : 'token-wrong'}>
              {formatToken(t)}
              <span class="visually-hidden">{t === probe.expected[i] ? ' (right)' : ' (wrong)'}</span>{' '}
            </span>
          ))}
          ({right} of {n} right)
        </dd>
      </div>
    </dl>
  );
}

/** Every head of every layer, on one shared colour scale. */
export function AttentionMaps({ probe }: { probe: ProbeResult }) {
  const tokens = useMemo(() => probe.tokens.map(formatToken), [probe]);
  return (
    <div class="attention-grid">
      <PlotMount make={attentionLegend} />
      {probe.attention.map((layer, l) => (
        <div key={l}>
          <p class="chart-label">Layer {l + 1}</p>
          <div class="chart-row">
            {layer.map((head, h) => (
              <div key={h}>
                <p class="chart-label">Head {h + 1}</p>
                <AttentionMap weights={head} tokens={tokens} label={`Layer ${l + 1}, head ${h + 1} attention weight`} />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

function AttentionMap(props: { weights: number[][]; tokens: string[]; label: string }) {
  const { weights, tokens, label } = props;
  const make = useCallback(() => attentionHeatmap(weights, tokens, label), [weights, tokens, label]);
  return <PlotMount make={make} />;
}
