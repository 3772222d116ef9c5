import * as ts from '../engine/compiler.js';
import { boundNames, calleeName, calleeObject, referencedNames, stringText, unwrap } from '../engine/facts/ast.js';
import type { CallSite, FileFacts, FunctionFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { isReadCall, isTransactionStart } from './utils/reads.js';

/** Calls whose callback runs on one connection: transactions, reserved connections, pg-promise tasks. */
const ONE_CONNECTION_CALLS = /^(\$?transaction|begin|tx|task|connection|reserve)$/;
/** The words `isTransactionStart` looks for, anywhere in a file's text. */
const TRANSACTION_WORDS = /BEGIN|START\s+TRANSACTION/i;
/** Names of checks that must pass before anything else runs (authorisation before loading data). */
const GATE = /auth|session|permission|access|verify|require|assert|check|validate|guard|ensure/i;

interface Await {
  statement: ts.VariableStatement;
  call: ts.CallExpression;
  names: string[];
  /** `const x = await call(…);` with no type annotation: can be rewritten mechanically. */
  simple: boolean;
}

export default defineRule({
  id: 'prefer-promise-all',
  checklist: 'async.parallel',
  severity: 'moderate',
  docs: {
    description: 'Prefer `Promise.all` for consecutive awaited reads (queries, Redis reads, HTTP GETs, read helpers) whose later calls do not use the earlier results.',
  },
  messages: {
    sequential:
      'These {{count}} awaits do not use each other\'s results but run one after another, so the wait is the sum of their latencies (three 20 ms reads cost 60 ms instead of 20 ms) on every call. Start them together: `const [{{names}}] = await Promise.all([...])`.',
  },
  applies: (facts) => facts.functions.some((f) => f.isAsync),
  check(facts, ctx) {
    const byBlock = new Map<ts.Node, Await[]>();
    // Which functions send `BEGIN` themselves: read only once a candidate needs it.
    let beginsTransaction: Set<FunctionFact | undefined> | undefined;
    const begins = (): Set<FunctionFact | undefined> =>
      (beginsTransaction ??= new Set(
        // A file with no such word anywhere sends no `BEGIN`: no need to read every call's first argument.
        !TRANSACTION_WORDS.test(facts.source.text)
          ? []
          : facts.calls.filter((c) => ts.isCallExpression(c.node) && isTransactionStart(stringText(c.node.arguments[0]))).map((c) => c.fn),
      ));
    for (const site of facts.calls) {
      const candidate = awaitOf(site);
      if (!candidate || !eligible(facts, site, candidate, begins)) continue;
      const block = candidate.statement.parent;
      const awaits = byBlock.get(block);
      if (awaits) awaits.push(candidate);
      else byBlock.set(block, [candidate]);
    }
    for (const [block, awaits] of byBlock) {
      // A run takes two awaits or more.
      if (awaits.length < 2) continue;
      for (const run of runs((block as ts.Block).statements, awaits)) {
        const first = run[0]!.statement;
        const last = run[run.length - 1]!.statement;
        const names = run.flatMap((a) => a.names);
        ctx.report({
          node: first,
          to: last,
          messageId: 'sequential',
          data: { count: run.length, names: names.join(', ') },
          metric: { operation: `sequential awaits (${facts.path}:${facts.line(first)})`, current: String(run.length), target: '1' },
          fix: rewrite(facts, run),
        });
      }
    }
  },
});

/** `const x = await call(…)` (or `let`, or a destructuring) as a statement of a block. */
function awaitOf(site: CallSite): Await | undefined {
  const call = site.node;
  if (!ts.isCallExpression(call)) return undefined;
  const awaited = call.parent;
  if (!awaited || !ts.isAwaitExpression(awaited)) return undefined;
  let declaration: ts.Node = awaited.parent;
  while (ts.isParenthesizedExpression(declaration)) declaration = declaration.parent;
  if (!ts.isVariableDeclaration(declaration) || !ts.isVariableDeclarationList(declaration.parent)) return undefined;
  const list = declaration.parent;
  const statement = list.parent;
  if (list.declarations.length !== 1 || !ts.isVariableStatement(statement) || !ts.isBlock(statement.parent)) return undefined;
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
  return {
    statement,
    call,
    names: boundNames(declaration.name),
    simple: isConst && ts.isIdentifier(declaration.name) && !declaration.type && declaration.initializer === awaited,
  };
}

function eligible(facts: FileFacts, site: CallSite, candidate: Await, beginsTransaction: () => Set<FunctionFact | undefined>): boolean {
  // Awaits in loops are other rules' (N+1, bulk sends); start-up runs once.
  if (site.loops.length > 0 || facts.isStartup(site.fn) || inTransaction(site.fn, beginsTransaction)) return false;
  if (GATE.test(calleeName(candidate.call) ?? '')) return false;
  return isReadCall(facts, candidate.call);
}

/**
 * Inside a transaction or connection callback (`db.transaction(cb)`, Kysely's
 * `db.transaction().execute(cb)`, pg-promise's `db.tx(cb)`), or in a function that sends `BEGIN`
 * itself: one connection runs the queries in order whatever the code does.
 */
function inTransaction(fn: FunctionFact | undefined, beginsTransaction: () => Set<FunctionFact | undefined>): boolean {
  for (let current = fn; current; current = current.parent) {
    if (current.kinds.has('transaction') || (current.argumentOf && holdsConnection(current.argumentOf.call))) return true;
  }
  return !!fn && beginsTransaction().has(fn);
}

function holdsConnection(call: ts.CallExpression | ts.NewExpression): boolean {
  if (!ts.isCallExpression(call)) return false;
  if (ONE_CONNECTION_CALLS.test(calleeName(call) ?? '')) return true;
  const receiver = calleeObject(call);
  return !!receiver && ts.isCallExpression(unwrap(receiver)) && ONE_CONNECTION_CALLS.test(calleeName(unwrap(receiver) as ts.CallExpression) ?? '');
}

/** Consecutive candidate statements of a block, split where a later call reads an earlier result. */
function runs(statements: readonly ts.Statement[], awaits: Await[]): Await[][] {
  const byStatement = new Map(awaits.map((a) => [a.statement as ts.Statement, a]));
  const out: Await[][] = [];
  let current: Await[] = [];
  const flush = (): void => {
    if (current.length >= 2) out.push(current);
    current = [];
  };
  for (const statement of statements) {
    const candidate = byStatement.get(statement);
    if (!candidate) {
      flush();
      continue;
    }
    const reads = referencedNames(candidate.call);
    if (current.some((earlier) => earlier.names.some((n) => reads.has(n)))) flush();
    current.push(candidate);
  }
  flush();
  return out;
}

/** `const [a, b] = await Promise.all([callA, callB]);` when every statement is simple, on its own lines, with nothing between. */
function rewrite(facts: FileFacts, run: Await[]): string | undefined {
  if (!run.every((a) => a.simple)) return undefined;
  // Re-indenting a call over several lines would change the text of a template literal inside it.
  if (run.some((a) => /\n/.test(facts.text(a.call)) && facts.text(a.call).includes('`'))) return undefined;
  const source = facts.source;
  const text = source.text;
  for (let i = 0; i < run.length; i++) {
    const start = run[i]!.statement.getStart(source);
    const end = run[i]!.statement.getEnd();
    const lineStart = source.getPositionOfLineAndCharacter(source.getLineAndCharacterOfPosition(start).line, 0);
    if (text.slice(lineStart, start).trim() !== '' || text.slice(end, source.getLineEndOfPosition(end)).trim() !== '') return undefined;
    // Comments between the statements would be lost.
    if (i > 0 && text.slice(run[i - 1]!.statement.getEnd(), start).trim() !== '') return undefined;
  }
  const first = run[0]!.statement;
  const indent = text.slice(source.getPositionOfLineAndCharacter(source.getLineAndCharacterOfPosition(first.getStart(source)).line, 0), first.getStart(source));
  // A call written over several lines moves one level in: its continuation lines follow it.
  const calls = run.map((a) => `${indent}  ${facts.text(unwrap(a.call)).split('\n').join('\n  ')},`);
  return [`${indent}const [${run.flatMap((a) => a.names).join(', ')}] = await Promise.all([`, ...calls, `${indent}]);`].join('\n');
}
