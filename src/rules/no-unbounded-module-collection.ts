import * as ts from '../engine/compiler.js';
import { calleeName, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, FunctionFact } from '../engine/facts/index.js';
import type { CollectionFact } from '../engine/facts/state.js';
import { defineRule } from '../engine/rule.js';
import { derivedNames, entryPointOf, parameterNames, referencesAny } from './utils/lifetimes.js';
import { runsOutsideServer } from './utils/scripts.js';

/** Functions that read a collection passed to them without keeping or changing it. */
const READERS = /^(JSON\.stringify|Array\.from|Array\.isArray|Object\.(keys|values|entries)|Promise\.(all|allSettled|race|any)|structuredClone|String|Boolean|console\.\w+)$/;

export default defineRule({
  id: 'no-unbounded-module-collection',
  checklist: 'mem.growing',
  severity: 'critical',
  docs: {
    description: 'Disallow module-level arrays, maps, sets and object maps that grow on every request, job or call and are never emptied.',
  },
  messages: {
    array:
      '`{{name}}` is a module-level array that {{fn}} adds to on every {{unit}}, and nothing in this file ever takes anything out: in a process that runs for days it grows until the process runs out of memory (1 KB per entry at 1M emails a day is 1 GB a day). Flush and empty it (`{{name}}.splice(0)`), cap it (`if ({{name}}.length > MAX) {{name}}.shift()`), or keep the data in Redis or the database.',
    keyed:
      '`{{name}}` is a module-level {{kind}} that {{fn}} adds to on every {{unit}}, and nothing in this file ever deletes from it: every new key stays for the life of the process, so memory grows with the number of distinct keys. Use a bounded cache (`new LRUCache({ max: 10_000, ttl: 60_000 })` from lru-cache), or `delete` entries when they are done.',
  },
  applies: (facts) => !runsOutsideServer(facts) && facts.collections.length > 0,
  check(facts, ctx) {
    for (const collection of facts.collections) {
      if (isExported(collection.node) || collection.shrinks.length > 0) continue;
      const selfGrowing = collection.reset.filter((node) => growsItself(node, collection.name));
      if (selfGrowing.length < collection.reset.length || escapes(facts, collection)) continue;
      const grows = [...collection.grows, ...selfGrowing].filter(addsEntries).sort((a, b) => a.pos - b.pos);
      for (const node of grows) {
        const fn = facts.functionOf(node);
        if (!fn || !facts.isHot(fn) || !addsPerCall(facts, fn, node)) continue;
        const unit = unitOf(facts, fn);
        const data = { name: collection.name, fn: nameOf(fn, unit), unit, kind: collection.kind === 'object' ? 'object map' : collection.kind === 'map' ? 'Map' : 'Set' };
        ctx.report({ node, messageId: collection.kind === 'array' ? 'array' : 'keyed', data });
        break;
      }
    }
  },
});

/**
 * A request handler, job processor, listener or interval adds on every run. Another async function
 * adds per call only what its arguments bring: `loadTemplates()` filling a registry from a folder
 * adds the same keys however often it runs.
 */
function addsPerCall(facts: FileFacts, fn: FunctionFact, node: ts.Node): boolean {
  if (entryPointOf(facts, fn)) return true;
  let outer = fn;
  while (outer.parent) outer = outer.parent;
  return referencesAny(node, derivedNames(outer, parameterNames(fn)));
}

/**
 * Whether a growth site can add a new entry each time: not `concat` (it copies), not a key written
 * in the code (`cache.set('latest', v)`, `stats.lastRun = …` overwrite the same entry).
 */
function addsEntries(node: ts.Node): boolean {
  if (ts.isCallExpression(node)) {
    const method = calleeName(node);
    if (method === 'concat') return false;
    const key = node.arguments[0] && unwrap(node.arguments[0]);
    return !((method === 'set' || method === 'add') && key && isLiteral(key));
  }
  if (ts.isBinaryExpression(node)) {
    const left = unwrap(node.left);
    if (ts.isPropertyAccessExpression(left)) return false;
    if (ts.isElementAccessExpression(left)) return !isLiteral(unwrap(left.argumentExpression));
  }
  return true;
}

function isLiteral(node: ts.Expression): boolean {
  return ts.isStringLiteralLike(node) || ts.isNumericLiteral(node);
}

function isExported(declaration: ts.VariableDeclaration): boolean {
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && !!ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** `log = log.concat(entry)`, `log = [...log, entry]`: a reassignment that keeps everything. */
function growsItself(node: ts.Node, name: string): boolean {
  if (!ts.isBinaryExpression(node)) return false;
  const right = unwrap(node.right);
  if (ts.isCallExpression(right)) return calleeName(right) === 'concat' && unwrap(right.expression).getText().startsWith(`${name}.`);
  return ts.isArrayLiteralExpression(right) && right.elements.some((e) => ts.isSpreadElement(e) && unwrap(e.expression).getText() === name);
}

/**
 * The collection is handed to code this file cannot see (passed to a function, returned,
 * aliased, exported), which may empty it.
 */
function escapes(facts: FileFacts, collection: CollectionFact): boolean {
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === collection.name && node !== collection.node.name) found = handedOn(node);
    ts.forEachChild(node, walk);
  };
  walk(facts.source);
  return found;
}

function handedOn(id: ts.Identifier): boolean {
  let current: ts.Node = id;
  while (current.parent && (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isNonNullExpression(current.parent))) {
    current = current.parent;
  }
  const parent = current.parent;
  if (!parent) return false;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === current) return false;
  if (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) && parent.name === current) return false;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    return parent.expression !== current && !(ts.isCallExpression(parent) && READERS.test(unwrap(parent.expression).getText()));
  }
  if (ts.isSpreadElement(parent) || ts.isForOfStatement(parent) || ts.isForInStatement(parent) || ts.isTypeOfExpression(parent)) return false;
  if (ts.isBinaryExpression(parent)) return parent.right === current && isAssignment(parent.operatorToken.kind);
  return ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) ||
    ts.isShorthandPropertyAssignment(parent) || ts.isExportSpecifier(parent) || ts.isExportAssignment(parent) || ts.isArrayLiteralExpression(parent);
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function nameOf(fn: FunctionFact, unit: string): string {
  for (let current: FunctionFact | undefined = fn; current; current = current.parent) if (current.name) return `\`${current.name}()\``;
  return unit === 'request' ? 'the route handler' : unit === 'job' ? 'the job processor' : unit === 'event' ? 'the listener' : 'this function';
}

function unitOf(facts: FileFacts, fn: FunctionFact): string {
  const entry = entryPointOf(facts, fn);
  if (entry?.kinds.has('route-handler')) return 'request';
  if (entry?.kinds.has('job-processor')) return 'job';
  if (entry?.kinds.has('listener')) return 'event';
  if (entry?.kinds.has('timer')) return 'tick';
  return 'call';
}
