import * as ts from '../compiler.js';
import { calleeName, calleeObject, unwrap } from './ast.js';

/**
 * Module-level collections (arrays, maps, sets, plain object maps) and everything that makes
 * them grow or shrink. A collection that only grows in a long-running process is a leak.
 */
export interface CollectionFact {
  name: string;
  node: ts.VariableDeclaration;
  kind: 'array' | 'map' | 'set' | 'object';
  grows: ts.Node[];
  shrinks: ts.Node[];
  /** Reassigned somewhere (`buffer = []`): emptied wholesale. */
  reset: ts.Node[];
}

const GROW: Record<CollectionFact['kind'], Set<string>> = {
  array: new Set(['push', 'unshift', 'splice', 'concat']),
  map: new Set(['set']),
  set: new Set(['add']),
  object: new Set(),
};
const SHRINK = new Set(['shift', 'pop', 'splice', 'delete', 'clear', 'length', 'slice']);

export function moduleCollections(source: ts.SourceFile, calls: readonly ts.CallExpression[], mutations: readonly ts.Node[]): CollectionFact[] {
  const collections = new Map<string, CollectionFact>();
  for (const statement of source.statements) {
    const list = ts.isVariableStatement(statement) ? statement.declarationList : undefined;
    if (!list) continue;
    for (const declaration of list.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const kind = collectionKind(unwrap(declaration.initializer));
      if (kind) collections.set(declaration.name.text, { name: declaration.name.text, node: declaration, kind, grows: [], shrinks: [], reset: [] });
    }
  }
  if (collections.size === 0) return [];

  for (const call of calls) {
    const receiver = calleeObject(call);
    const method = calleeName(call);
    const target = receiver && ts.isIdentifier(unwrap(receiver)) ? collections.get((unwrap(receiver) as ts.Identifier).text) : undefined;
    if (!target || !method) continue;
    // `splice(0, n)` with a delete count empties part of the array; `splice(i, 0, x)` inserts.
    if (method === 'splice') {
      const count = call.arguments[1];
      if (call.arguments.length <= 2 || (count && !(ts.isNumericLiteral(count) && count.text === '0'))) target.shrinks.push(call);
      else target.grows.push(call);
      continue;
    }
    if (GROW[target.kind].has(method)) target.grows.push(call);
    else if (SHRINK.has(method)) target.shrinks.push(call);
  }
  for (const node of mutations) {
    if (ts.isDeleteExpression(node)) {
      const inner = unwrap(node.expression);
      const base = ts.isElementAccessExpression(inner) || ts.isPropertyAccessExpression(inner) ? unwrap(inner.expression) : undefined;
      const target = base && ts.isIdentifier(base) ? collections.get(base.text) : undefined;
      target?.shrinks.push(node);
      continue;
    }
    if (!ts.isBinaryExpression(node)) continue;
    const left = unwrap(node.left);
    if (ts.isIdentifier(left)) {
      collections.get(left.text)?.reset.push(node);
    } else if (ts.isElementAccessExpression(left) && ts.isIdentifier(unwrap(left.expression))) {
      collections.get((unwrap(left.expression) as ts.Identifier).text)?.grows.push(node);
    } else if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(unwrap(left.expression))) {
      const target = collections.get((unwrap(left.expression) as ts.Identifier).text);
      if (target && left.name.text === 'length') target.shrinks.push(node);
      else if (target?.kind === 'object') target.grows.push(node);
    }
  }
  return [...collections.values()];
}

function collectionKind(init: ts.Expression): CollectionFact['kind'] | undefined {
  if (ts.isArrayLiteralExpression(init) && init.elements.length === 0) return 'array';
  if (ts.isObjectLiteralExpression(init) && init.properties.length === 0) return 'object';
  if (ts.isNewExpression(init) && ts.isIdentifier(init.expression)) {
    if (init.expression.text === 'Map' || init.expression.text === 'WeakMap') return init.expression.text === 'Map' ? 'map' : undefined;
    if (init.expression.text === 'Set') return 'set';
    if (init.expression.text === 'Array') return 'array';
  }
  return undefined;
}
