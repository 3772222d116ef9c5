import * as ts from '../engine/compiler.js';
import { unwrap } from '../engine/facts/ast.js';
import type { CallSite } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { runsPerCall } from './utils/lifetimes.js';
import { isTestPath } from './utils/scripts.js';
import { chunkAccumulations } from './utils/stream-chunks.js';

export default defineRule({
  id: 'no-buffer-concat-in-loop',
  checklist: 'mem.buffers',
  severity: 'minor',
  docs: {
    description: 'Disallow `Buffer.concat` of an accumulator inside a loop or `data` listener, and Buffer chunks collected with no size limit.',
  },
  messages: {
    quadratic:
      '`{{target}} = Buffer.concat([{{target}}, …])` copies everything collected so far on every chunk: 1,000 chunks of 64 KB copy about 32 GB and leave each old buffer for the garbage collector. Push the chunks into an array and call `Buffer.concat(chunks)` once after the loop.',
    unbounded:
      'Raw chunks are kept in `{{target}}` with no size limit and joined by `Buffer.concat` at the end: one 500 MB body holds 500 MB (and another 500 MB while it is concatenated) in a process meant to stay under 512 MB. Count the bytes and stop past a limit (`if (size > MAX) stream.destroy()`), or stream the data on with `pipeline()`.',
  },
  // Collecting raw chunks is also "a stream loaded whole" (prefer-streaming); this rule says more.
  overrides: ['prefer-streaming'],
  applies: (facts) => !isTestPath(facts.path) && (facts.calls.some((c) => isBufferConcat(c.node)) || facts.listeners.some((l) => l.event === 'data')),
  check(facts, ctx) {
    for (const call of facts.calls) {
      const node = call.node;
      if (!ts.isCallExpression(node) || !isBufferConcat(node)) continue;
      const target = reassignedAccumulator(node);
      if (!target || !repeats(call)) continue;
      ctx.report({ node, messageId: 'quadratic', data: { target } });
    }
    for (const accumulation of chunkAccumulations(facts)) {
      if (!accumulation.bufferConcat || !runsPerCall(facts, accumulation.fn)) continue;
      ctx.report({ node: accumulation.node, messageId: 'unbounded', data: { target: accumulation.target } });
    }
  },
});

function isBufferConcat(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = unwrap(node.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'concat' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Buffer';
}

/** `acc = Buffer.concat([acc, chunk])`: the name that is both in the list and assigned the result. */
function reassignedAccumulator(call: ts.CallExpression): string | undefined {
  const list = call.arguments[0] && unwrap(call.arguments[0]);
  if (!list || !ts.isArrayLiteralExpression(list)) return undefined;
  let parent = call.parent;
  while (parent && ts.isParenthesizedExpression(parent)) parent = parent.parent;
  if (!parent || !ts.isBinaryExpression(parent) || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  const target = unwrap(parent.left);
  if (!ts.isIdentifier(target) && !ts.isPropertyAccessExpression(target)) return undefined;
  const text = target.getText();
  return list.elements.some((e) => unwrap(e).getText() === text) ? text : undefined;
}

/**
 * The call runs once per chunk or item: inside a loop over something other than a fixed list, or
 * inside a `data` listener.
 */
function repeats(call: CallSite): boolean {
  if (call.loops.some((loop) => !iteratesLiteral(loop.node))) return true;
  for (let fn = call.fn; fn; fn = fn.parent) {
    const owner = fn.argumentOf?.call;
    const event = owner && ts.isCallExpression(owner) ? owner.arguments[0] : undefined;
    if (fn.kinds.has('listener') && event && ts.isStringLiteralLike(event) && event.text === 'data') return true;
    if (!fn.kinds.has('array-callback')) break;
  }
  return false;
}

function iteratesLiteral(node: ts.Node): boolean {
  return (ts.isForOfStatement(node) || ts.isForInStatement(node)) && ts.isArrayLiteralExpression(unwrap(node.expression));
}
