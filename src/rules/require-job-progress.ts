import * as ts from '../engine/compiler.js';
import { unwrap } from '../engine/facts/ast.js';
import type { LoopFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { bodyText, processors, reachableFrom } from './utils/functions.js';

export default defineRule({
  id: 'require-job-progress',
  checklist: 'worker.progress',
  severity: 'minor',
  docs: { description: 'Require long-running job processors to report progress while they loop over many items.' },
  messages: {
    noProgress:
      'This job loops over `{{items}}` awaiting I/O for each item and never reports progress: a 10,000-recipient job looks stalled for minutes and a stalled-job check may retry it. Call `await job.updateProgress(done / total * 100)` every few hundred items.',
  },
  applies: (facts) => processors(facts).length > 0,
  check(facts, ctx) {
    for (const processor of processors(facts)) {
      const reached = [...reachableFrom(facts, processor)];
      if (reached.some((fn) => /\b(updateProgress|progress)\s*\(/.test(bodyText(facts, fn)))) continue;
      const loop = facts.loops.find((l) => l.fn !== undefined && reached.includes(l.fn) && isLongIoLoop(l));
      if (loop) ctx.report({ node: loop.node, messageId: 'noProgress', data: { items: iterated(loop, facts.text) } });
    }
  },
});

/** A loop over a collection (not a fixed list) whose body awaits, one item after another. */
function isLongIoLoop(loop: LoopFact): boolean {
  if (loop.kind !== 'for-of' && loop.kind !== 'for' && loop.kind !== 'for-await') return false;
  if (ts.isForOfStatement(loop.node) && ts.isArrayLiteralExpression(unwrap(loop.node.expression))) return false;
  let awaits = false;
  const walk = (node: ts.Node): void => {
    if (awaits || (node !== loop.body && ts.isFunctionLike(node))) return;
    if (ts.isAwaitExpression(node)) awaits = true;
    ts.forEachChild(node, walk);
  };
  walk(loop.body);
  return awaits;
}

function iterated(loop: LoopFact, text: (node: ts.Node) => string): string {
  if (ts.isForOfStatement(loop.node)) return text(loop.node.expression);
  return 'items';
}
