/**
 * A cell's state in a link, for a lesson's cells.ts: `cellState("cell-x", code)` is the
 * `cell-x.code=<token>` an exercise's `state` opens (the same encoding the cell writes, src/lib/notebook/codec.ts).
 * Throws for code too long for a link, so the build fails rather than an exercise link.
 */
import { encodeCode } from '../../lib/notebook/codec';

export function cellState(id: string, code: string): string {
  const encoded = encodeCode(code);
  if (!encoded.ok) throw new Error(`${id}: ${encoded.reason}`);
  return `${id}.code=${encoded.token}`;
}
