import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, isFunctionNode, referencedNames, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';

/** Redis commands that only read. */
const REDIS_READS = new Set(['get', 'hget', 'hGet', 'hgetall', 'hGetAll', 'hmget', 'mget', 'smembers', 'lrange', 'zrange', 'exists']);

interface Read {
  node: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression;
  text: string;
  verb: string;
}

export default defineRule({
  id: 'no-duplicate-read',
  checklist: 'cache.hot',
  severity: 'moderate',
  docs: {
    description: 'Disallow issuing the same read query twice in one function when nothing in between can change its result.',
  },
  messages: {
    duplicate:
      'This `{{verb}}` repeats the read of line {{first}} with the same arguments, and nothing in between writes: the second round-trip (1–5 ms and a pool connection, on every request) returns the same rows. Keep the first result in a variable and reuse it; if several functions need it, load it once and pass it down (or cache it in Redis when every request reads it).',
  },
  applies: (facts) => facts.queries.some((q) => q.shape.op !== 'write') || facts.redisCalls.some((c) => REDIS_READS.has(c.command)),
  check(facts, ctx) {
    const byFn = new Map<FunctionFact, Read[]>();
    const add = (fn: FunctionFact | undefined, read: Read): void => {
      if (!fn || !facts.isHot(fn) || fn.kinds.has('transaction')) return;
      byFn.set(fn, [...(byFn.get(fn) ?? []), read]);
    };
    for (const q of facts.queries) {
      if (q.shape.op !== 'write') add(q.fn, { node: q.node, text: normalise(facts.text(q.node)), verb: q.shape.verb });
    }
    for (const c of facts.redisCalls) {
      if (REDIS_READS.has(c.command)) add(facts.functionOf(c.node), { node: c.node, text: normalise(facts.text(c.node)), verb: c.command });
    }
    for (const [fn, reads] of byFn) {
      reads.sort((a, b) => a.node.pos - b.node.pos);
      const reported = new Set<Read>();
      for (let i = 0; i < reads.length; i++) {
        for (let j = i + 1; j < reads.length; j++) {
          const [first, second] = [reads[i]!, reads[j]!];
          if (reported.has(second) || first.text !== second.text || !bothRun(first.node, second.node)) continue;
          if (changedBetween(facts, fn, first, second)) continue;
          reported.add(second);
          ctx.report({ node: second.node, messageId: 'duplicate', data: { verb: second.verb, first: facts.line(first.node) } });
        }
      }
    }
  },
});

function normalise(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Whether both reads run in one pass through the function: the first is not behind a condition
 * the second is outside of (if/else branches, `?:`, `&&`), and neither repeats (a loop: polling or
 * retries) nor runs only after a failure (`catch`: a retry).
 */
function bothRun(first: ts.Node, second: ts.Node): boolean {
  const ancestors = new Set<ts.Node>();
  for (let n: ts.Node | undefined = first.parent; n; n = n.parent) ancestors.add(n);
  let common: ts.Node | undefined = second.parent;
  while (common && !ancestors.has(common)) common = common.parent;
  if (!common) return false;
  return !pathCrosses(first, common, true) && !pathCrosses(second, common, false);
}

function pathCrosses(node: ts.Node, common: ts.Node, conditional: boolean): boolean {
  for (let child = node, parent = node.parent; parent && child !== common; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent) || ts.isCatchClause(parent) || ts.isIterationStatement(parent, false)) return true;
    if (!conditional) continue;
    if (ts.isIfStatement(parent) && child !== parent.expression) return true;
    if (ts.isConditionalExpression(parent) && child !== parent.condition) return true;
    if (ts.isCaseClause(parent) || ts.isDefaultClause(parent)) return true;
    if (ts.isBinaryExpression(parent) && child === parent.right && isShortCircuit(parent.operatorToken.kind)) return true;
  }
  return false;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

/**
 * Whether anything between the two reads may change what the second one returns: a write (any
 * query that is not a read, any Redis command that is not a read), an awaited call we cannot see
 * into (a service, a lock, a sleep), a local function, or a new value for a variable the query uses.
 */
function changedBetween(facts: FileFacts, fn: FunctionFact, first: Read, second: Read): boolean {
  const from = first.node.end;
  const to = second.node.getStart();
  const inside = (n: ts.Node): boolean => n.pos >= from && n.end <= to;
  const reads = new Set<ts.Node>([...facts.queries.filter((q) => q.shape.op !== 'write').map((q) => q.node), ...facts.redisCalls.filter((c) => REDIS_READS.has(c.command)).map((c) => c.node)]);
  for (const site of facts.calls) {
    if (!inside(site.node) || reads.has(site.node)) continue;
    if (facts.queries.some((q) => q.node === site.node) || facts.redisCalls.some((c) => c.node === site.node)) return true;
    if (facts.localCalls.some((c) => c.node === site.node)) return true;
    if (ts.isCallExpression(site.node) && isPromiseCombinator(site.node)) continue;
    const usage = facts.usageOf(site.node as ts.Expression).usage;
    if (usage === 'awaited' || usage === 'chained') return true;
  }
  const names = referencedNames(first.node);
  let reassigned = false;
  let declarations = 0;
  const visit = (child: ts.Node): void => {
    if (reassigned) return;
    if (ts.isVariableDeclaration(child) && ts.isIdentifier(child.name) && names.has(child.name.text)) declarations++;
    if (inside(child) && ts.isBinaryExpression(child) && child.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && child.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      if ([...referencedNames(child.left)].some((n) => names.has(n))) reassigned = true;
    }
    if (inside(child) && (ts.isPrefixUnaryExpression(child) || ts.isPostfixUnaryExpression(child)) && ts.isIdentifier(child.operand) && names.has(child.operand.text)) reassigned = true;
    ts.forEachChild(child, visit);
  };
  visit(fn.node);
  // The same text can name different variables in two blocks (`{ const id = a } { const id = b }`).
  return reassigned || declarations > 1;
}

function isPromiseCombinator(call: ts.CallExpression): boolean {
  const receiver = calleeObject(call);
  return !!receiver && ts.isIdentifier(unwrap(receiver)) && (unwrap(receiver) as ts.Identifier).text === 'Promise' && /^(all|allSettled|race|any)$/.test(calleeName(call) ?? '');
}
