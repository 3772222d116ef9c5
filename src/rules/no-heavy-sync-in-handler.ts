import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../engine/facts/index.js';
import { defineRule, type RuleContext } from '../engine/rule.js';
import { handlerOf, iterableOf, largeCollectionOf, largeCollections, requestName, type LargeCollection } from './utils/handler-data.js';

/**
 * Rows per side below which a nested loop is not heavy: 1,000 × 1,000 simple comparisons take a
 * few milliseconds. A query with a literal `limit` at or under this, or a dynamic one, is a page.
 */
const MAX_PAGE = 1000;

/**
 * Synchronous library calls that do seconds-scale CPU work on whole inputs, by module and export.
 * Kept narrow on purpose: each one is synchronous by name or by module, and has a cost that does
 * not depend on how it is used. Node's own `*Sync` calls belong to no-blocking-sync-call.
 */
const HEAVY: Record<string, { names: ReadonlySet<string>; messageId: string }> = {
  bcrypt: { names: new Set(['hashSync', 'compareSync']), messageId: 'bcrypt' },
  bcryptjs: { names: new Set(['hashSync', 'compareSync']), messageId: 'bcrypt' },
  'csv-parse/sync': { names: new Set(['parse']), messageId: 'csv' },
  'csv-stringify/sync': { names: new Set(['stringify']), messageId: 'csv' },
  xlsx: { names: new Set(['read', 'readFile', 'write', 'writeFile']), messageId: 'spreadsheet' },
  // mjml 4 compiles synchronously; mjml 5 returns a promise (awaited calls are left alone).
  mjml: { names: new Set(['default', '*']), messageId: 'template' },
};

/** Calls inside a loop that walk a whole array. */
const SCANS = new Set(['includes', 'indexOf', 'lastIndexOf']);
const SORTS = new Set(['sort', 'toSorted']);
const WALKS = new Set([...SCANS, ...SORTS]);

export default defineRule({
  id: 'no-heavy-sync-in-handler',
  checklist: 'async.offload',
  severity: 'moderate',
  docs: {
    description: 'Disallow CPU-heavy synchronous work in request handlers: nested loops over unbounded query results or request arrays, and whole-input sync libraries (bcrypt `hashSync`, `csv-parse/sync`, `xlsx`, mjml).',
  },
  messages: {
    nested:
      'For each item of `{{outer}}` ({{outerOrigin}}) this walks `{{inner}}` ({{innerOrigin}}) again: O(N×M) work on the event loop, so 10,000 × 10,000 items is 100 million steps (about a second) during which this process answers no other request. Index `{{inner}}` once in a `Map` or `Set` before the loop (O(N+M)); if the work is heavy by nature, enqueue a job and answer `202 Accepted`.',
    sort:
      '`{{inner}}` ({{innerOrigin}}) is sorted again for each item of `{{outer}}`: O(N × M log M) on the event loop, which for 10,000 rows is seconds without answering any other request. Sort once before the loop.',
    bcrypt:
      '`{{call}}` hashes on the event loop: bcrypt at cost 10 takes about 50–100 ms per call (bcryptjs, in plain JavaScript, about three times that), and every other request waits meanwhile, so 20 logins a second fill the process. Use the async `{{async}}`, which runs on the libuv thread pool (bcrypt) or yields between rounds (bcryptjs).',
    csv:
      '`{{call}}` from `{{module}}` processes the whole file in one synchronous call: a 50 MB upload takes seconds on the event loop, during which this process answers nobody. Use the streaming API of `csv-parse` / `csv-stringify`, or store the upload, enqueue a job and answer `202 Accepted`.',
    spreadsheet:
      '`{{call}}` builds or parses the whole workbook synchronously: a sheet of 100,000 rows takes seconds on the event loop, during which this process answers nobody. Enqueue a job that writes the file to storage and answer `202 Accepted` with the job id.',
    template:
      '`{{call}}` compiles MJML synchronously on every request: tens of milliseconds for a typical email, hundreds for a large one, with every other request waiting. Compile templates once (at publish time or start-up) and cache the HTML, or render in a worker.',
  },
  applies: (facts) => facts.functions.some((f) => f.kinds.has('route-handler')),
  check(facts, ctx) {
    for (const handler of facts.functions.filter((f) => f.kinds.has('route-handler'))) {
      checkLoops(facts, handler, ctx);
    }
    for (const call of facts.calls) {
      if (!ts.isCallExpression(call.node) || !handlerOf(call.fn)) continue;
      const heavy = heavyCall(facts, call.node);
      if (!heavy || facts.usageOf(call.node).usage === 'awaited') continue;
      ctx.report({
        node: call.node,
        messageId: heavy.messageId,
        data: { call: facts.text(call.node.expression), module: heavy.module, async: facts.text(call.node.expression).replace(/Sync$/, '') },
        metric: { operation: `${facts.text(call.node.expression)} (${facts.path}:${facts.line(call.node)})`, current: 'blocks the event loop', target: 'off the request path' },
      });
    }
  },
});

function checkLoops(facts: FileFacts, handler: FunctionFact, ctx: RuleContext): void {
  // Every finding here sits in a loop of the handler: without one, its data need not be traced.
  if (!facts.loops.some((loop) => handlerOf(loop.fn) === handler)) return;
  const collections = largeCollections(facts, handler, MAX_PAGE);
  if (collections.size === 0) return;
  const req = requestName(handler);
  const reported = new Set<ts.Node>();
  // A request-body name may be a string (`subject.includes(…)`): it counts for scans only when some
  // loop of the handler iterates it, which proves it is an array.
  const iterated = new Set(facts.loops.filter((l) => handlerOf(l.fn) === handler).map((l) => largeCollectionOf(iterableOf(l), collections, req)?.name));
  const isArray = (c: LargeCollection): boolean => c.origin !== 'the request body' || iterated.has(c.name);
  for (const outer of facts.loops) {
    if (handlerOf(outer.fn) !== handler) continue;
    const outerCollection = largeCollectionOf(iterableOf(outer), collections, req);
    if (!outerCollection) continue;
    const within = (node: ts.Node): boolean => node !== outer.node && node.pos >= outer.body.pos && node.end <= outer.body.end;
    const report = (node: ts.Node, messageId: string, inner: LargeCollection, innerText: string): void => {
      if (reported.has(node)) return;
      reported.add(node);
      ctx.report({
        node,
        messageId,
        data: { outer: outerCollection.name, outerOrigin: outerCollection.origin, inner: innerText, innerOrigin: inner.origin },
        metric: {
          operation: `${innerText} inside a loop over ${outerCollection.name} (${facts.path}:${facts.line(node)})`,
          current: messageId === 'sort' ? 'O(N × M log M)' : 'O(N×M)',
          target: 'O(N+M)',
        },
      });
    };
    for (const inner of facts.loops) {
      if (!within(inner.node)) continue;
      const collection = largeCollectionOf(iterableOf(inner), collections, req);
      if (collection) report(inner.node, 'nested', collection, collection.name);
    }
    const walks = facts.calls
      .map((c) => c.node)
      .filter((n): n is ts.CallExpression => ts.isCallExpression(n) && within(n) && WALKS.has(calleeName(n) ?? ''));
    // Sorts first: in `rows.sort(…).indexOf(x)` both calls start at one column, and the sort is the cost.
    const isScan = (call: ts.CallExpression): number => Number(SCANS.has(calleeName(call)!));
    walks.sort((a, b) => isScan(a) - isScan(b));
    for (const call of walks) {
      const name = calleeName(call)!;
      const collection = largeCollectionOf(calleeObject(call), collections, req);
      if (!collection || !isArray(collection)) continue;
      if (SORTS.has(name)) report(call, 'sort', collection, collection.name);
      else report(call, 'nested', collection, `${collection.name}.${name}()`);
    }
  }
}

function heavyCall(facts: FileFacts, call: ts.CallExpression): { messageId: string; module: string } | undefined {
  const callee = unwrap(call.expression);
  let module: string | undefined;
  let name: string | undefined;
  if (ts.isIdentifier(callee)) {
    const binding = facts.imports.get(callee.text);
    module = binding?.module;
    name = binding?.imported;
  } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(unwrap(callee.expression))) {
    const binding = facts.imports.get((unwrap(callee.expression) as ts.Identifier).text);
    if (binding && (binding.imported === '*' || binding.imported === 'default')) {
      module = binding.module;
      name = callee.name.text;
    }
  }
  const entry = module ? HEAVY[module] : undefined;
  return entry && name && entry.names.has(name) ? { messageId: entry.messageId, module: module! } : undefined;
}
