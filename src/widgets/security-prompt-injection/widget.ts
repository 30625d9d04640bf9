/** The prompt-injection simulator's registry entry (see src/lib/widget.ts). */
import { defineWidget } from '../../lib/widget';
import { params } from './params';

export const widget = defineWidget({
  name: 'security-prompt-injection',
  component: 'PromptInjectionSimulator',
  title: 'Prompt-injection simulator (no language model)',
  caption:
    'A simulation with no language model: an assistant that reads its developer’s instructions, the user’s request and a retrieved, untrusted document, and follows a short, readable list of rules. Edit the document and watch it get hijacked (a leaking link, a tool call, an overridden answer); switch on defences and see which attacks of a fixed list each one stops.',
  defaultId: 'pi',
  params,
  compute: 'plain',
  source: [
    'src/math/security-prompt-injection.ts',
    'src/math/security-prompt-attacks.ts',
    'src/widgets/security-prompt-injection/compute.ts',
  ],
  metrics: {
    hijacked: { label: 'whether the document reached its goal' },
    links: { label: 'links in the answer' },
    toolCallsRun: { label: 'tool calls that ran' },
    instructionsFollowed: { label: 'instructions from the document followed' },
    attacks: { label: 'attacks in the fixed list' },
  },
});
