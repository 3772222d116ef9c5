import type { ContextKind, FunctionFact, SyncCallFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { runsOutsideServer } from './utils/scripts.js';

/** Where each library's calls go, by message id. */
const MESSAGE_OF: Record<string, string> = {
  'node:fs': 'fs',
  'node:crypto': 'crypto',
  'node:zlib': 'zlib',
  'node:child_process': 'childProcess',
};

/** Sync calls that take microseconds: their async forms cost more than they save. */
const CHEAP = new Set(['randomFillSync', 'hkdfSync']);

const ENTRY_KINDS: [ContextKind, string][] = [
  ['route-handler', 'in a route handler'],
  ['job-processor', 'in a job processor'],
  ['listener', 'in an event listener'],
  ['timer', 'in a timer callback'],
];

export default defineRule({
  id: 'no-blocking-sync-call',
  checklist: 'async.blocking',
  severity: 'critical',
  docs: {
    description: 'Disallow synchronous `fs`, `crypto`, `zlib` and `child_process` calls in request handlers, job processors, async functions and the functions they call.',
  },
  messages: {
    fs: '`{{call}}` {{where}} blocks the event loop until the disk answers: every other request and job in this process waits (a 5 ms read at 100 requests/s blocks half of every second). Use {{alternative}}, or read the file once at start-up.',
    crypto: '`{{call}}` {{where}} computes on the event loop, and it is slow by design (PBKDF2 with 100,000 iterations or scrypt takes about 50–100 ms, an RSA key pair more) while every other request and job waits. Use {{alternative}}, which runs on the libuv thread pool.',
    zlib: '`{{call}}` {{where}} compresses on the event loop (gzip costs about 10–30 ms per MB) while every other request and job waits. Use {{alternative}}; both run on the libuv thread pool.',
    childProcess: '`{{call}}` {{where}} stops the event loop until the child process exits (tens of milliseconds to seconds): nothing else in this process runs meanwhile. Use {{alternative}}.',
  },
  applies: (facts) => facts.syncCalls.length > 0 && !runsOutsideServer(facts),
  check(facts, ctx) {
    for (const call of facts.syncCalls) {
      // Start-up code, shutdown listeners and one-time lazy initialisation run once, not per request.
      if (call.lazy || CHEAP.has(call.name) || !facts.isHot(call.fn)) continue;
      const messageId = MESSAGE_OF[call.library];
      if (!messageId) continue;
      ctx.report({
        node: call.node,
        messageId,
        data: { call: call.name, where: whereOf(call.fn), alternative: alternativeOf(call) },
        metric: {
          operation: `${call.name} (${facts.path}:${facts.line(call.node)})`,
          current: 'blocks the event loop',
          target: 'off the event loop',
        },
      });
    }
  },
});

function whereOf(fn: FunctionFact | undefined): string {
  for (let current = fn; current; current = current.parent) {
    for (const [kind, where] of ENTRY_KINDS) if (current.kinds.has(kind)) return where;
  }
  if (!fn?.name) return 'on a request or job path';
  return fn.isAsync ? `in async \`${fn.name}()\`` : `in \`${fn.name}()\`, which request or job code calls`;
}

function alternativeOf(call: SyncCallFact): string {
  const base = call.name.slice(0, -'Sync'.length);
  switch (call.library) {
    case 'node:fs':
      return base === 'exists' ? '`await fs.promises.access(…)` (or `stat`)' : `\`await fs.promises.${base}(…)\``;
    case 'node:crypto':
      return `\`await promisify(crypto.${base})(…)\``;
    case 'node:zlib':
      return `\`await promisify(zlib.${base})(…)\` or a \`stream.pipeline\` through \`zlib.create${base[0]!.toUpperCase()}${base.slice(1)}()\``;
    default:
      return base === 'spawn' ? '`spawn(…)` and wait for its `close` event' : '`await promisify(execFile)(…)` (`execFile` also skips the shell)';
  }
}
