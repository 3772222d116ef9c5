import * as ts from '../../engine/compiler.js';
import { unwrap } from '../../engine/facts/ast.js';
import type { RedisCallFact } from '../../engine/facts/calls.js';
import type { FileFacts } from '../../engine/facts/index.js';

/**
 * Commands queued on a Redis pipeline or transaction (`const p = redis.pipeline(); p.set(k, v)`,
 * `redis.multi().set(k, v)`): they return the pipeline, not a promise, and are sent together by
 * `exec()`. A dropped one is normal, and one per item of a loop is the batched way.
 */
export function queuedCommands(facts: FileFacts): Set<RedisCallFact> {
  const pipelines = new Set<string>();
  for (const call of facts.redisCalls) {
    if (call.command !== 'pipeline' && call.command !== 'multi') continue;
    const { usage, parent } = facts.usageOf(call.node);
    if (usage !== 'stored' || !parent) continue;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) pipelines.add(parent.name.text);
    else if (ts.isBinaryExpression(parent)) pipelines.add(facts.text(unwrap(parent.left)));
  }
  return new Set(
    facts.redisCalls.filter((c) => c.command !== 'pipeline' && c.command !== 'multi' && (pipelines.has(c.receiver) || /\.(pipeline|multi)\(/.test(c.receiver))),
  );
}
