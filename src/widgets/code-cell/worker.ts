/**
 * A code cell's sandbox: a dedicated module Worker, one per cell, that runs the reader's code and
 * nothing else. tfjs loads here through the runtime's worker server (the page's backend order); then
 * `configure` loads the lesson's bindings (data through the fetch captured below, the only one the
 * Worker ever uses) and locks the Worker down (sandbox.ts: network, other contexts, code from strings),
 * before any reader code runs. The page's controller terminates the Worker when a run exceeds its time
 * limit or the reader presses Stop, and starts a new one.
 */
import { serveModelWorker } from '../../lib/runtime/worker-server';
import { loadBindings, type ReadFile } from './bindings';
import { bindingNames } from './binding-docs';
import type { Command, WorkerEvent } from './protocol';
import { captureCompiler, lockDown, runCell } from './sandbox';

// Captured before anything else can touch the global: the sandbox's own doors out, which reader code
// never sees (module scope, not the global).
const compile = captureCompiler();
const post = (self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void }).postMessage.bind(
  self,
);
let privateFetch: typeof fetch | null = self.fetch.bind(self);

interface Scope {
  onmessage: ((e: MessageEvent) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
// The runtime's server talks through this object, not through `self`, whose postMessage is locked away.
const scope: Scope = { onmessage: null, postMessage: (message, transfer = []) => post(message, transfer) };
self.addEventListener('message', (e) => scope.onmessage?.(e));

let bindings: Record<string, unknown> | null = null;

serveModelWorker<Command, WorkerEvent>(
  {
    async handle(cmd, ctx) {
      switch (cmd.type) {
        case 'configure': {
          if (bindings) return;
          const readFile: ReadFile = async (path) => {
            if (!privateFetch) throw new Error('the sandbox is locked: no more files can be read');
            const response = await privateFetch(`${ctx.baseUrl}${path}`);
            if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
            return new Uint8Array(await response.arrayBuffer());
          };
          bindings = await loadBindings(ctx.tf, cmd.sets, readFile);
          privateFetch = null;
          const refused = lockDown(self);
          ctx.post({ type: 'configured', names: bindingNames(cmd.sets), refused });
          return;
        }
        case 'run': {
          if (!bindings) throw new Error('The sandbox got code before its bindings.');
          const run = ctx.begin(cmd.run);
          const result = await runCell({ tf: ctx.tf, code: cmd.code, bindings, compile });
          run.post({ type: 'result', result });
          return;
        }
      }
    },
  },
  scope,
);
