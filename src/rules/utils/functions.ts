import * as ts from '../../engine/compiler.js';
import type { FileFacts, FunctionFact } from '../../engine/facts/index.js';

/** A function and every local function it calls, directly or through others, and nested callbacks. */
export function reachableFrom(facts: FileFacts, root: FunctionFact): Set<FunctionFact> {
  const seen = new Set<FunctionFact>();
  const queue = [root];
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const call of facts.localCalls) if (call.fn === next) queue.push(call.target);
    for (const fn of facts.functions) if (fn.parent === next) queue.push(fn);
  }
  return seen;
}

/** Whether `node` lies inside the body of `fn` (nested functions included). */
export function isInside(node: ts.Node, fn: FunctionFact): boolean {
  return node.pos >= fn.node.pos && node.end <= fn.node.end && node.getSourceFile() === fn.node.getSourceFile();
}

/** Job processors of the file: functions passed to a BullMQ `new Worker(name, processor)`. */
export function processors(facts: FileFacts): FunctionFact[] {
  return facts.functions.filter((fn) => fn.kinds.has('job-processor'));
}

/** The `new Worker(...)` that a processor belongs to, if it is in this file. */
export function workerOf(facts: FileFacts, processor: FunctionFact) {
  return facts.constructs.find(
    (c) => c.construct.role === 'worker' && c.args.some((arg) => arg.pos <= processor.node.pos && arg.end >= processor.node.end),
  ) ?? facts.constructs.find((c) => c.construct.role === 'worker' && c.args[1] && ts.isIdentifier(c.args[1]) && c.args[1].text === processor.name);
}

/** Text of a whole function body, for cheap "does it mention X" checks within one function. */
export function bodyText(facts: FileFacts, fn: FunctionFact): string {
  return fn.node.body ? facts.text(fn.node.body) : '';
}
