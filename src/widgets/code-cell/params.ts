import { defineParams, intParam, textParam, type ParamValues } from '../../lib/params';
import { MAX_TOKEN_CHARS } from '../../lib/notebook/codec';

/**
 * State of a code cell. `code` is the program in its URL form (src/lib/notebook/codec.ts: deflate +
 * base64url, at most MAX_TOKEN_CHARS characters): the page's starting value is the lesson's code, so
 * only an edited cell puts it in the link. A token that does not decode is refused with a notice and
 * the lesson's code is shown instead (the view checks it; this text param only bounds its length).
 */
export const params = defineParams({
  code: textParam({
    default: '',
    maxLength: MAX_TOKEN_CHARS,
    label: 'Code',
    doc: 'The cell’s program, compressed for the link.',
  }),
  limit: intParam({
    default: 10,
    min: 1,
    max: 30,
    label: 'Time limit (s)',
    doc: 'A run that takes longer is stopped: its sandbox is terminated and a fresh one started.',
  }),
});

export type CellParams = ParamValues<typeof params>;
