import * as ts from '../engine/compiler.js';
import { hasSpread, propertyOf, unwrap } from '../engine/facts/ast.js';
import type { HttpCallFact } from '../engine/facts/calls.js';
import type { FileFacts } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { runsOutsideServer } from './utils/scripts.js';

/** Options that bound a request: a signal, or a client's own timeouts. */
const BOUNDING_OPTIONS = ['signal', 'timeout', 'headersTimeout', 'bodyTimeout'];
/** Arguments of `fetch(x)` that are certainly a URL, not a `Request` that may carry its own signal. */
const URL_NAME = /url|uri|href|endpoint/i;
const FIX_SIGNAL = 'signal: AbortSignal.timeout(10_000)';

export default defineRule({
  id: 'require-request-timeout',
  checklist: 'async.abort',
  severity: 'moderate',
  docs: {
    description: 'Require a timeout or an AbortSignal on outbound `fetch`, axios, got and undici requests made while serving requests and jobs.',
  },
  messages: {
    missing:
      '`{{call}}` has no timeout or AbortSignal: when the other side stops answering, this {{where}} waits {{wait}}, holding its socket and memory, and a slow provider piles requests up until the process runs out. Pass {{option}}.',
  },
  applies: (facts) => facts.httpCalls.some((c) => c.client !== 'ky') && !runsOutsideServer(facts),
  check(facts, ctx) {
    const axiosDefaults = /\bdefaults\.timeout\s*=/.test(facts.source.text);
    for (const http of facts.httpCalls) {
      // ky times out after 10 s unless told otherwise.
      if (http.client === 'ky' || (http.client === 'axios' && axiosDefaults)) continue;
      const fn = facts.functionOf(http.node);
      // A hang at start-up or in a CLI is seen by the person running it; it does not pile up.
      if (facts.isStartup(fn) || !isUnbounded(facts, http)) continue;
      ctx.report({
        node: http.node,
        messageId: 'missing',
        data: { call: callName(facts, http), where: whereOf(fn), wait: waitOf(facts, http), option: optionOf(http.client) },
        fix: fetchFix(facts, http),
      });
    }
  },
});

/** No options, or options we can read that carry neither a signal nor a timeout. */
function isUnbounded(facts: FileFacts, http: HttpCallFact): boolean {
  if (http.instanceDefaults && (hasSpread(http.instanceDefaults) || BOUNDING_OPTIONS.some((o) => propertyOf(http.instanceDefaults!, o)))) return false;
  // An instance made from options we cannot see (`axios.create(config)`) may carry a timeout.
  if (!http.instanceDefaults && isInstance(facts, http)) return false;
  if (!http.options) return true;
  const options = unwrap(http.options);
  if (!ts.isObjectLiteralExpression(options) || hasSpread(options)) return false;
  return !BOUNDING_OPTIONS.some((o) => propertyOf(options, o));
}

function isInstance(facts: FileFacts, http: HttpCallFact): boolean {
  const callee = unwrap(http.node.expression);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const root = unwrap(callee.expression);
  return ts.isIdentifier(root) && !facts.imports.has(root.text);
}

function callName(facts: FileFacts, http: HttpCallFact): string {
  return facts.text(unwrap(http.node.expression)).replace(/\s+/g, '');
}

function whereOf(fn: ReturnType<FileFacts['functionOf']>): string {
  for (let current = fn; current; current = current.parent) {
    if (current.kinds.has('route-handler')) return 'request';
    if (current.kinds.has('job-processor')) return 'job';
  }
  return 'call';
}

function waitOf(facts: FileFacts, http: HttpCallFact): string {
  const binding = facts.imports.get(facts.text(unwrap(http.node.expression)));
  // Node's fetch and undici give up after 300 s without headers or body data; node-fetch, axios and got never do.
  if ((http.client === 'fetch' && !binding) || http.client === 'undici' || binding?.module === 'undici') return 'up to 5 minutes (undici\'s default headers and body timeouts)';
  return 'with no limit at all (no default timeout)';
}

function optionOf(client: string): string {
  if (client === 'axios') return '`timeout: 10_000` (or set it once, in `axios.create({ timeout })`)';
  if (client === 'got') return '`timeout: { request: 10_000 }`';
  return `\`${FIX_SIGNAL}\``;
}

/** `fetch(url)` → `fetch(url, { signal: AbortSignal.timeout(10_000) })`, for Node's own fetch on one line. */
function fetchFix(facts: FileFacts, http: HttpCallFact): string | undefined {
  const call = http.node;
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee) || callee.text !== 'fetch' || facts.imports.has('fetch') || call.arguments.length !== 1) return undefined;
  const arg = unwrap(call.arguments[0]!);
  if (!isCertainlyUrl(arg)) return undefined;
  const source = facts.source;
  const start = call.getStart(source);
  const line = source.getLineAndCharacterOfPosition(start).line;
  if (source.getLineAndCharacterOfPosition(call.getEnd()).line !== line) return undefined;
  const from = source.getPositionOfLineAndCharacter(line, 0);
  const to = source.getLineEndOfPosition(start);
  return `${source.text.slice(from, start)}fetch(${facts.text(call.arguments[0]!)}, { ${FIX_SIGNAL} })${source.text.slice(call.getEnd(), to)}`;
}

function isCertainlyUrl(arg: ts.Expression): boolean {
  if (ts.isStringLiteralLike(arg) || ts.isTemplateExpression(arg)) return true;
  if (ts.isNewExpression(arg)) return ts.isIdentifier(arg.expression) && arg.expression.text === 'URL';
  if (ts.isIdentifier(arg)) return URL_NAME.test(arg.text);
  if (ts.isPropertyAccessExpression(arg)) return URL_NAME.test(arg.name.text);
  return false;
}
