import * as ts from '../engine/compiler.js';
import { hasSpread, propertyOf, unwrap } from '../engine/facts/ast.js';
import type { ConstructFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';

/** Longest queue-name expression quoted in a message before it is shortened. */
const MAX_NAME_TEXT = 40;

export default defineRule({
  id: 'require-worker-concurrency',
  checklist: 'batch.concurrency',
  severity: 'moderate',
  docs: {
    description: 'Require a `concurrency` option on every BullMQ `new Worker(…)`.',
  },
  messages: {
    missing:
      '`new Worker({{queue}}, …)` sets no `concurrency`, so BullMQ runs one job at a time on it: at 50 ms a job that is 20 jobs/s, below the target of 50 emails/s per worker. Set `concurrency` (from configuration, e.g. `Number(process.env.WORKER_CONCURRENCY ?? 10)`) and size it to the pools a job uses: each running job may hold one database connection.',
  },
  applies: (facts) => facts.constructs.some(isBullWorker),
  check(facts, ctx) {
    for (const worker of facts.constructs) {
      if (!isBullWorker(worker) || !needsConcurrency(worker)) continue;
      // `worker.concurrency = n` after construction is BullMQ's setter for the same option.
      if (worker.assignedTo && facts.propertyWrites.get(worker.assignedTo)?.has('concurrency')) continue;
      const name = worker.args[0] ? facts.text(worker.args[0]) : 'name';
      ctx.report({
        node: worker.node,
        messageId: 'missing',
        data: { queue: name.length > MAX_NAME_TEXT ? `${name.slice(0, MAX_NAME_TEXT - 1)}…` : name },
        metric: {
          operation: `Worker ${name} (${facts.path}:${facts.line(worker.node)})`,
          current: '1 job at a time (≈20 jobs/s at 50 ms a job)',
          target: '> 50 emails/s per worker',
        },
      });
    }
  },
});

function isBullWorker(construct: ConstructFact): boolean {
  return construct.construct.library === 'bullmq' && construct.construct.role === 'worker';
}

function needsConcurrency(worker: ConstructFact): boolean {
  const [, processor, options] = worker.args;
  // Without a processor the worker only serves `getNextJob()` calls, one fetch at a time by design.
  if (!processor || isNothing(processor)) return false;
  if (!options) return true;
  const inner = unwrap(options);
  // Options built elsewhere (a variable, a factory, a spread) may carry `concurrency` where we cannot see it.
  if (!ts.isObjectLiteralExpression(inner) || hasSpread(inner)) return false;
  return propertyOf(inner, 'concurrency') === undefined;
}

function isNothing(node: ts.Expression): boolean {
  const inner = unwrap(node);
  return inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === 'undefined');
}
