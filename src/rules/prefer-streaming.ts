import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact, QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { contains, derivedNames, handlerOf, isNewline, referencesAny, requestNames, runsPerCall } from './utils/lifetimes.js';
import { isUnboundedList, unboundedResults } from './utils/query-results.js';
import { isTestPath } from './utils/scripts.js';
import { chunkAccumulations } from './utils/stream-chunks.js';

/** Array methods whose result is as long as their receiver: `rows.map(toCsv).join('\n')` is still every row. */
const SAME_SIZE = new Set(['map', 'filter', 'flatMap', 'sort', 'toSorted', 'reverse', 'concat']);
/** Serialisers that turn a whole array into one string, by module. */
const SERIALISERS: Record<string, string> = { 'csv-stringify/sync': 'stringify', papaparse: 'unparse', json2csv: 'parse' };

export default defineRule({
  id: 'prefer-streaming',
  checklist: 'mem.stream',
  severity: 'moderate',
  docs: {
    description: 'Prefer streaming to loading whole uploads, files, result sets or streams into memory in exports, imports and reports.',
  },
  messages: {
    requestFile:
      '`{{call}}` loads the whole uploaded file into memory on every request: ten 200 MB imports at once hold 2 GB in one process (the target is 512 MB). Stream it (`createReadStream(path)` or the upload\'s stream, through `pipeline()` or `for await`) and handle rows as they arrive.',
    readLines:
      '`readFile` loads the whole file and `split` copies it into an array of lines: a 500 MB import needs over 1 GB before the first row is handled. Read it line by line with `readline.createInterface({ input: createReadStream(path) })` and `for await`.',
    wholeResult:
      'Every row of this `{{verb}}` (it has no limit) is loaded and then built into one {{into}}: an export of 1M emails holds the rows and the string (hundreds of MB) in memory at once. Stream the rows (a cursor such as pg-query-stream or postgres.js `.cursor()`, or keyset pages of 1,000) and write each line to the response or file as it comes.',
    chunks:
      'Every chunk of this stream is kept in `{{target}}` until it ends: a 200 MB body costs 200 MB of memory per call, with no cap. Handle the chunks as they arrive (`pipeline()` into a parser or a file), or stop at a size limit (`if (size > MAX) stream.destroy()`).',
  },
  // An export of every row needs a stream, not a limit or pages: on that query this advice wins.
  overrides: ['require-query-limit', 'require-list-pagination'],
  applies: (facts) =>
    !isTestPath(facts.path) &&
    (facts.queries.some((q) => q.shape.op === 'read') ||
      facts.listeners.some((l) => l.event === 'data') ||
      facts.loops.some((l) => l.kind === 'for-await') ||
      [...facts.imports.values()].some((b) => b.library === 'node:fs') ||
      facts.functions.some((f) => f.kinds.has('route-handler'))),
  check(facts, ctx) {
    for (const call of facts.calls) {
      const node = call.node;
      if (!ts.isCallExpression(node)) continue;
      if (isReadFile(facts, node)) {
        const handler = handlerOf(call.fn);
        if (handler && fromRequest(handler, node.arguments[0])) ctx.report({ node, messageId: 'requestFile', data: { call: 'readFile' } });
        else if (runsPerCall(facts, call.fn) && call.fn && splitIntoLines(facts, call.fn, node)) ctx.report({ node, messageId: 'readLines' });
        continue;
      }
      if (calleeName(node) !== 'toBuffer') continue;
      const handler = handlerOf(call.fn);
      if (handler?.kinds.has('route-handler') && fromRequest(handler, calleeObject(node))) {
        // @fastify/multipart: `(await request.file()).toBuffer()`.
        ctx.report({ node, messageId: 'requestFile', data: { call: 'toBuffer()' } });
      }
    }
    const reported = new Set<QueryFact>();
    for (const query of facts.queries) {
      if (!query.fn || reported.has(query) || !isUnboundedList(query) || !runsPerCall(facts, query.fn)) continue;
      const names = [...unboundedResults(facts, query.fn)].filter(([, q]) => q === query).map(([name]) => name);
      const into = names.map((name) => serialisedAs(facts, query.fn!, name)).find((x) => x !== undefined);
      if (!into) continue;
      reported.add(query);
      ctx.report({
        node: query.node,
        messageId: 'wholeResult',
        data: { verb: query.shape.verb, into },
        metric: { operation: `${query.shape.verb} export (${facts.path}:${facts.line(query.node)})`, current: 'every row in memory at once', target: 'one page or row at a time' },
      });
    }
    for (const accumulation of chunkAccumulations(facts)) {
      if (!runsPerCall(facts, accumulation.fn)) continue;
      ctx.report({ node: accumulation.node, messageId: 'chunks', data: { target: accumulation.target } });
    }
  },
});

/** `readFile` of `node:fs` or `fs/promises`, called by name or through the module (`fs.readFile`, `fs.promises.readFile`). */
function isReadFile(facts: FileFacts, call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const binding = facts.imports.get(callee.text);
    return binding?.library === 'node:fs' && binding.imported === 'readFile';
  }
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'readFile') return false;
  let object = unwrap(callee.expression);
  if (ts.isPropertyAccessExpression(object) && object.name.text === 'promises') object = unwrap(object.expression);
  if (!ts.isIdentifier(object)) return false;
  const binding = facts.imports.get(object.text);
  return binding?.library === 'node:fs' && (binding.imported === '*' || binding.imported === 'default' || binding.imported === 'promises');
}

/** The expression reads the request or job the handler was given (`req.file.path`, `job.data.path`). */
function fromRequest(handler: FunctionFact, expr: ts.Expression | undefined): boolean {
  return !!expr && referencesAny(expr, derivedNames(handler, requestNames(handler)));
}

/** The file's text is split into an array of lines: `(await readFile(p, 'utf8')).split('\n')`, or through a variable. */
function splitIntoLines(facts: FileFacts, fn: FunctionFact, call: ts.CallExpression): boolean {
  let value: ts.Node = call;
  while (value.parent && (ts.isAwaitExpression(value.parent) || ts.isParenthesizedExpression(value.parent))) value = value.parent;
  if (splitsLines(value)) return true;
  const holder = value.parent;
  if (!holder || !ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) return false;
  const name = holder.name.text;
  return facts.calls.some((c) => {
    if (!contains(fn.node, c.node) || !ts.isCallExpression(c.node) || calleeName(c.node) !== 'split') return false;
    const receiver = calleeObject(c.node);
    return !!receiver && ts.isIdentifier(rootOf(receiver)) && (rootOf(receiver) as ts.Identifier).text === name && isLineSeparator(c.node.arguments[0]);
  });
}

/** `value.split('\n')` or `value.toString().split(/\r?\n/)`. */
function splitsLines(value: ts.Node): boolean {
  let current: ts.Node = value;
  for (;;) {
    const access = current.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || !access.parent || !ts.isCallExpression(access.parent)) return false;
    if (access.name.text === 'split') return isLineSeparator(access.parent.arguments[0]);
    if (access.name.text !== 'toString') return false;
    current = access.parent;
  }
}

function isLineSeparator(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  const inner = unwrap(arg);
  return isNewline(inner) || (ts.isRegularExpressionLiteral(inner) && inner.text.includes('\\n'));
}

function rootOf(expr: ts.Expression): ts.Expression {
  let current = unwrap(expr);
  while (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current)) current = unwrap(current.expression);
  return current;
}

/**
 * How the rows named `name` become one string in `fn`: `rows.map(toLine).join('\n')` (a CSV or
 * NDJSON body), `JSON.stringify(rows)`, or a CSV serialiser's sync API. Undefined otherwise.
 */
function serialisedAs(facts: FileFacts, fn: FunctionFact, name: string): string | undefined {
  for (const call of facts.calls) {
    const node = call.node;
    if (!ts.isCallExpression(node) || !contains(fn.node, node)) continue;
    const method = calleeName(node);
    const receiver = calleeObject(node);
    if (method === 'join' && receiver && isNewline(node.arguments[0]) && isWholeList(receiver, name)) return 'newline-separated string (`join`)';
    const arg = node.arguments[0] && unwrap(node.arguments[0]);
    if (!arg) continue;
    if (unwrap(node.expression).getText() === 'JSON.stringify' && (isWholeList(arg, name) || wrapsList(arg, name))) return 'JSON string (`JSON.stringify`)';
    const callee = unwrap(node.expression);
    const binding = ts.isIdentifier(callee) ? facts.imports.get(callee.text) : undefined;
    if (binding && SERIALISERS[binding.module] === binding.imported && isWholeList(arg, name)) return `CSV string (\`${binding.imported}\`)`;
  }
  return undefined;
}

/** `rows`, or `rows.map(…)`, `rows.filter(…).map(…)`: as many items as the rows. */
function isWholeList(expr: ts.Expression, name: string): boolean {
  const inner = unwrap(expr);
  if (ts.isIdentifier(inner)) return inner.text === name;
  if (ts.isCallExpression(inner)) {
    const method = calleeName(inner);
    const receiver = calleeObject(inner);
    return !!method && SAME_SIZE.has(method) && !!receiver && isWholeList(receiver, name);
  }
  return false;
}

/** `{ data: rows }`, `{ rows }`. */
function wrapsList(expr: ts.Expression, name: string): boolean {
  if (!ts.isObjectLiteralExpression(expr)) return false;
  return expr.properties.some(
    (p) => (ts.isShorthandPropertyAssignment(p) && p.name.text === name) || (ts.isPropertyAssignment(p) && isWholeList(p.initializer, name)),
  );
}
