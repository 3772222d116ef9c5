import * as ts from '../../engine/compiler.js';
import { boundNames, calleeName, calleeObject, isFunctionNode, referencedNames, unwrap } from '../../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../../engine/facts/index.js';
import { contains, handlerOf, isLocalName, requestNames } from './lifetimes.js';

/**
 * Streams read into memory whole: each chunk of a `data` event or of a `for await` over a stream
 * pushed into a local array (or appended to a local string) that lives until the stream ends.
 */
export interface ChunkAccumulation {
  /** The `push(...)` call or the `+=` that keeps the chunk. */
  node: ts.Node;
  /** The local array or string the chunks go to. */
  target: string;
  source: 'data' | 'for-await';
  /** The chunks are joined by `Buffer.concat(target)` afterwards: raw bytes. */
  bufferConcat: boolean;
  /** The function that reads the stream (registers the listener, runs the loop). */
  fn: FunctionFact | undefined;
}

/** Calls whose result is a readable stream or an async iterable of chunks, lines or rows. */
const STREAM_FACTORIES = new Set(['createReadStream', 'pipe', 'stream', 'cursor', 'iterate', 'iterator', 'createInterface', 'compose']);

export function chunkAccumulations(facts: FileFacts): ChunkAccumulation[] {
  const found: ChunkAccumulation[] = [];
  for (const listener of facts.listeners) {
    if (listener.event !== 'data' || !/^(on|addListener|prependListener)$/.test(listener.method)) continue;
    const handler = handlerFunction(facts, listener.handler);
    const chunk = handler?.node.parameters[0];
    if (!handler || !chunk || !handler.node.body) continue;
    const owner = facts.functionOf(listener.node);
    // A response to an outbound call (`https.get(url, (res) => res.on('data', …))`) or a child
    // process's output is small by design; uploads, files and typed streams are not.
    if (!isStream(facts, calleeObject(listener.node)!, owner)) continue;
    const accumulation = accumulationIn(handler.node.body, new Set(boundNames(chunk.name)), (name) => !handler.locals.has(name) && isLocalName(owner, name));
    if (accumulation) found.push({ ...accumulation, source: 'data', fn: owner, bufferConcat: concatenatesBuffers(facts, owner, accumulation.target) });
  }
  for (const loop of facts.loops) {
    if (loop.kind !== 'for-await' || !ts.isForOfStatement(loop.node) || !isStream(facts, loop.node.expression, loop.fn)) continue;
    const declaredInside = new Set<string>();
    const walk = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node)) boundNames(node.name).forEach((n) => declaredInside.add(n));
      ts.forEachChild(node, walk);
    };
    walk(loop.body);
    const accumulation = accumulationIn(loop.body, loop.itemNames, (name) => !declaredInside.has(name) && isLocalName(loop.fn, name));
    if (accumulation) found.push({ ...accumulation, source: 'for-await', fn: loop.fn, bufferConcat: concatenatesBuffers(facts, loop.fn, accumulation.target) });
  }
  return found;
}

function handlerFunction(facts: FileFacts, handler: ts.Expression | undefined): FunctionFact | undefined {
  if (!handler) return undefined;
  const inner = unwrap(handler);
  if (isFunctionNode(inner)) return facts.functions.find((f) => f.node === inner);
  if (ts.isIdentifier(inner)) return facts.functions.find((f) => f.name === inner.text);
  return undefined;
}

/**
 * The first `target.push(chunk)` or `target += chunk` in `body`, where `chunk` is one of `items` and
 * `target` passes `isTarget`; undefined when the body checks a size (`if (size > MAX) …`), which
 * bounds what is kept.
 */
function accumulationIn(
  body: ts.Node,
  items: ReadonlySet<string>,
  isTarget: (name: string) => boolean,
): { node: ts.Node; target: string } | undefined {
  let found: { node: ts.Node; target: string } | undefined;
  let bounded = false;
  const carriesItem = (node: ts.Node): boolean => [...referencedNames(node)].some((n) => items.has(n));
  const walk = (node: ts.Node): void => {
    if (ts.isIfStatement(node) && hasComparison(node.expression)) bounded = true;
    if (!found && ts.isCallExpression(node) && calleeName(node) === 'push') {
      const receiver = calleeObject(node);
      const inner = receiver && unwrap(receiver);
      if (inner && ts.isIdentifier(inner) && isTarget(inner.text) && node.arguments.some(carriesItem)) found = { node, target: inner.text };
    }
    if (!found && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) {
      const left = unwrap(node.left);
      if (ts.isIdentifier(left) && isTarget(left.text) && carriesItem(node.right)) found = { node, target: left.text };
    }
    ts.forEachChild(node, walk);
  };
  walk(body);
  return bounded ? undefined : found;
}

function hasComparison(node: ts.Node): boolean {
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken ||
      op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken) return true;
  }
  return ts.forEachChild(node, hasComparison) ?? false;
}

/** `Buffer.concat(target)` somewhere in the function that reads the stream. */
function concatenatesBuffers(facts: FileFacts, fn: FunctionFact | undefined, target: string): boolean {
  return facts.calls.some((call) => {
    const node = call.node;
    if (!ts.isCallExpression(node) || (fn && !contains(fn.node, node))) return false;
    const callee = unwrap(node.expression);
    const arg = node.arguments[0] && unwrap(node.arguments[0]);
    return ts.isPropertyAccessExpression(callee) && callee.getText() === 'Buffer.concat' && !!arg && ts.isIdentifier(arg) && arg.text === target;
  });
}

/**
 * A readable stream: a route handler's request (`req`, `request.raw`), `createReadStream(…)`,
 * `x.pipe(…)`, a query `.stream()` / `.cursor()`, a readline interface, or a local initialised
 * with one of these.
 */
export function isStream(facts: FileFacts, expr: ts.Expression, fn: FunctionFact | undefined, depth = 0): boolean {
  const inner = unwrap(expr);
  if (ts.isCallExpression(inner)) {
    const name = calleeName(inner);
    if (name && STREAM_FACTORIES.has(name)) return true;
    // csv-parse: `parse({ columns: true })` piped from a file.
    const binding = ts.isIdentifier(unwrap(inner.expression)) ? facts.imports.get(calleeName(inner)!) : undefined;
    return !!binding && binding.module.startsWith('csv-parse') && binding.imported === 'parse';
  }
  const handler = handlerOf(fn);
  if (handler?.kinds.has('route-handler')) {
    const request = [...requestNames(handler)][0];
    const text = inner.getText();
    if (request && (text === request || text === `${request}.raw`)) return true;
  }
  if (ts.isIdentifier(inner) && depth < 2 && fn) {
    if (STREAM_TYPE.test(parameterType(fn, inner.text) ?? '')) return true;
    const init = initializerIn(fn, inner.text);
    if (init) return isStream(facts, init, fn, depth + 1);
  }
  return false;
}

/** Types of a request body, an upload or a file read: `(req: IncomingMessage)`, `(input: Readable)`. */
const STREAM_TYPE = /^(http\.)?(IncomingMessage|Readable|ReadStream|NodeJS\.ReadableStream|ReadableStream)\b/;

function parameterType(fn: FunctionFact, name: string): string | undefined {
  for (let current: FunctionFact | undefined = fn; current; current = current.parent) {
    const param = current.node.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (param) return param.type?.getText();
  }
  return undefined;
}

function initializerIn(fn: FunctionFact, name: string): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer) {
      const init = unwrap(node.initializer);
      found = ts.isAwaitExpression(init) ? init.expression : init;
    }
    ts.forEachChild(node, walk);
  };
  for (let current: FunctionFact | undefined = fn; current && !found; current = current.parent) if (current.node.body) walk(current.node.body);
  return found;
}
