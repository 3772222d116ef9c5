import * as ts from '../engine/compiler.js';
import { semanticParent, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact, QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { queuedCommands } from './utils/redis-pipelines.js';
import { unguardedRejection } from './utils/rejections.js';
import { runsOutsideServer } from './utils/scripts.js';

/** Query builders that run only when awaited (or `.then()` is called): dropped, they never run. */
const LAZY: Record<string, string> = { drizzle: 'drizzle', prisma: 'Prisma', knex: 'knex', kysely: 'Kysely', postgres: 'postgres.js' };
/** Kysely builders run on these; without one, even an awaited builder runs nothing. */
const KYSELY_RUN = /^(execute|executeTakeFirst|executeTakeFirstOrThrow|stream)$/;
const MAX_CALL_TEXT = 60;

interface Candidate {
  node: ts.CallExpression;
  call: string;
  /** The library whose builder never runs unless awaited. */
  lazy?: string;
}

export default defineRule({
  id: 'no-floating-promise',
  checklist: 'async.floating',
  severity: 'critical',
  docs: {
    description: 'Disallow dropping the promise of a local async function, queue add, mail send, Redis command, SQL query or outbound HTTP request without awaiting, returning or catching it.',
  },
  messages: {
    floating:
      '`{{call}}(…)` returns a promise that nothing awaits, returns or catches: if it rejects (a Redis blip, an SMTP timeout), Node 20 treats the unhandled rejection as fatal and the process exits with every in-flight request and job; if it succeeds, the code after it has already moved on. `await` it (or collect it for `Promise.all`); if fire-and-forget is intended, add `.catch()` that logs.',
    neverRuns:
      'This {{library}} `{{call}}` is never awaited, so the query never runs: {{library}} builders execute only when awaited (or `.then()` is called), and the write is silently lost. Add `await`.',
  },
  applies: (facts) =>
    !runsOutsideServer(facts) &&
    (facts.queueCalls.length > 0 || facts.mailCalls.length > 0 || facts.redisCalls.length > 0 || facts.httpCalls.length > 0 ||
      facts.queries.length > 0 || facts.localCalls.some((c) => c.target.isAsync)),
  check(facts, ctx) {
    for (const candidate of candidates(facts)) {
      const { usage, parent } = facts.usageOf(candidate.node);
      // `void p` is an explicit decision to let it go; `.then`/`.catch` chains are require-rejection-handler's.
      if (usage !== 'dropped') continue;
      const fn = facts.functionOf(candidate.node);
      // At start-up (a script's `main();`, what only it calls) a rejection crashes the process with
      // the error printed and fails the deploy loudly: what start-up code wants. A lost write is lost anywhere.
      if (!fn || hasCallback(candidate.node) || (!candidate.lazy && facts.isStartup(fn))) continue;
      if (candidate.lazy) {
        ctx.report({ node: candidate.node, messageId: 'neverRuns', data: { call: candidate.call, library: candidate.lazy }, fix: awaitFix(facts, candidate.node, fn, parent) });
      } else {
        ctx.report({ node: candidate.node, messageId: 'floating', data: { call: candidate.call } });
      }
    }
  },
});

function candidates(facts: FileFacts): Candidate[] {
  const out: Candidate[] = [];
  const callText = (node: ts.CallExpression): string => {
    const text = facts.text(unwrap(node.expression)).replace(/\s+/g, '');
    return text.length > MAX_CALL_TEXT ? `…${text.slice(-MAX_CALL_TEXT)}` : text;
  };
  for (const local of facts.localCalls) {
    // An async helper that catches its own errors is fire-and-forget by design.
    if (local.target.isAsync && unguardedRejection(local.target.node)) out.push({ node: local.node, call: callText(local.node) });
  }
  for (const list of [facts.queueCalls, facts.mailCalls, facts.httpCalls]) {
    for (const c of list) out.push({ node: c.node, call: callText(c.node) });
  }
  const queued = queuedCommands(facts);
  for (const redis of facts.redisCalls) {
    // `pipeline()` and `multi()` return a batch, not a promise; commands queued on one run at `exec()`.
    if (redis.command === 'pipeline' || redis.command === 'multi' || queued.has(redis)) continue;
    out.push({ node: redis.node, call: callText(redis.node) });
  }
  for (const query of facts.queries) {
    if (!ts.isCallExpression(query.node)) continue;
    const lazy = lazyLibrary(query);
    // A dropped read builder that never runs costs nothing: dead code, not a lost write.
    if (lazy && query.shape.op !== 'write') continue;
    out.push({ node: query.node, call: lazy ? query.shape.verb : callText(query.node), lazy });
  }
  return out;
}

function lazyLibrary(query: QueryFact): string | undefined {
  const library = LAZY[query.shape.library];
  if (query.shape.library === 'kysely' && query.chain?.links.some((l) => KYSELY_RUN.test(l.name))) return undefined;
  return library;
}

/** Node-style callbacks (`sendMail(msg, cb)`, `pool.query(sql, cb)`): no promise is returned or it is handled. */
function hasCallback(call: ts.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  const inner = last && unwrap(last);
  return !!inner && (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner));
}

/** `await` before a lost write, when the statement is the call itself inside an async function. */
function awaitFix(facts: FileFacts, call: ts.CallExpression, fn: FunctionFact, parent: ts.Node | undefined): string | undefined {
  if (!fn.isAsync || !parent || !ts.isExpressionStatement(parent) || semanticParent(call) !== parent || unwrap(parent.expression) !== call) return undefined;
  const source = facts.source;
  const start = call.getStart(source);
  const first = source.getLineAndCharacterOfPosition(start).line;
  const last = source.getLineAndCharacterOfPosition(call.getEnd()).line;
  const from = source.getPositionOfLineAndCharacter(first, 0);
  const lineEnds = source.getLineEndOfPosition(source.getPositionOfLineAndCharacter(last, 0));
  return source.text.slice(from, start) + 'await ' + source.text.slice(start, lineEnds);
}
