import * as ts from '../../engine/compiler.js';
import { referencedNames, unwrap } from '../../engine/facts/ast.js';
import type { FileFacts, LoopFact } from '../../engine/facts/index.js';

/**
 * The innermost loop that repeats `nodes` once per item of a collection: the item (or something
 * derived from it) flows into them. Loops that are not "one call per item" are passed over:
 * `for await` over a cursor, `while` loops (polling, pagination), retries, chunked batches,
 * fixed lists written in the code, and cursors (the call reads a variable the loop reassigns).
 */
export function perItemLoop(facts: FileFacts, loops: readonly LoopFact[], nodes: readonly ts.Node[]): LoopFact | undefined {
  for (let i = loops.length - 1; i >= 0; i--) {
    const loop = loops[i]!;
    if (loop.kind === 'for-await' || loop.kind === 'while' || loop.kind === 'do') continue;
    if (loop.isChunk || loop.isRetry || iteratesLiteral(loop)) continue;
    const read = new Set<string>();
    nodes.forEach((node) => referencedNames(node, read));
    if ([...loop.reassigned].some((name) => read.has(name))) continue;
    if (nodes.some((node) => facts.dependsOnIteration(node, loop))) return loop;
  }
  return undefined;
}

/** A short name for what a loop iterates, for messages. */
export function itemName(loop: LoopFact): string {
  const first = [...loop.itemNames][0] ?? [...loop.indexNames][0];
  return first ?? 'item';
}

function iteratesLiteral(loop: LoopFact): boolean {
  const node = loop.node;
  if (ts.isForOfStatement(node) || ts.isForInStatement(node)) return ts.isArrayLiteralExpression(unwrap(node.expression));
  if (loop.kind === 'array-callback' && ts.isCallExpression(node)) {
    const callee = unwrap(node.expression);
    return ts.isPropertyAccessExpression(callee) && ts.isArrayLiteralExpression(unwrap(callee.expression));
  }
  return false;
}
