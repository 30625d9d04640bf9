import { booleanParam, choiceParam, defineParams, textParam, type ParamValues } from '../../lib/params';
import { ATTACKS, DEFENCE_LABELS } from '../../math/security-prompt-attacks';
import { MAX_DOCUMENT } from '../../math/security-prompt-injection';

export const DOCUMENT_CHOICES = [...ATTACKS.map((a) => a.id), 'custom'] as const;

/**
 * State of the prompt-injection simulator: which retrieved document the assistant reads (one of the
 * fixed attacks, or the reader's own text), and the four defences, each on or off. No seed: the
 * simulated assistant is deterministic.
 */
export const params = defineParams({
  attack: choiceParam({
    default: 'image-exfil',
    options: DOCUMENT_CHOICES,
    optionLabels: { ...Object.fromEntries(ATTACKS.map((a) => [a.id, a.title])), custom: 'My own document' },
    label: 'Retrieved document',
    doc: 'One of the fixed attacks, or a document you write.',
  }),
  document: textParam({
    default: '',
    maxLength: MAX_DOCUMENT,
    label: 'My own document',
    doc: 'The untrusted text the assistant retrieves, when “My own document” is chosen.',
  }),
  delimit: booleanParam({
    default: false,
    label: DEFENCE_LABELS.delimit,
    doc: 'Wrap the document in markers and tell the assistant that text inside is data.',
  }),
  planner: booleanParam({
    default: false,
    label: DEFENCE_LABELS.planner,
    doc: 'A planner that never sees the document decides what to do; a reader without tools or notes writes the summary.',
  }),
  allowlist: booleanParam({
    default: false,
    label: DEFENCE_LABELS.allowlist,
    doc: 'Run only allowed tools with allowed arguments (mail to the user only).',
  }),
  outputCheck: booleanParam({
    default: false,
    label: DEFENCE_LABELS.outputCheck,
    doc: 'Remove links to foreign hosts from the answer and redact the notes.',
  }),
});

export type PromptInjectionParams = ParamValues<typeof params>;
