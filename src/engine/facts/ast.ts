import * as ts from '../compiler.js';
import { SyntaxKind } from '../compiler.js';

/** Helpers over the raw compiler AST: the facts walk never wraps nodes in ts-morph objects. */

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  switch (node.kind) {
    case SyntaxKind.FunctionDeclaration:
    case SyntaxKind.FunctionExpression:
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.MethodDeclaration:
    case SyntaxKind.Constructor:
    case SyntaxKind.GetAccessor:
    case SyntaxKind.SetAccessor:
      return true;
    default:
      return false;
  }
}

export function isAsyncFunction(node: FunctionNode): boolean {
  return !!ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** Strips parentheses, `as`, `!` and `satisfies` around an expression. */
export function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    switch (current.kind) {
      case SyntaxKind.ParenthesizedExpression:
      case SyntaxKind.AsExpression:
      case SyntaxKind.NonNullExpression:
      case SyntaxKind.SatisfiesExpression:
      case SyntaxKind.TypeAssertionExpression:
        current = (current as ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression | ts.TypeAssertion).expression;
        break;
      default:
        return current;
    }
  }
}

/** The name a property access or element access with a literal key reads, if any. */
export function memberName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return undefined;
}

/** The receiver of a member call: `a.b.c()` → `a.b`. */
export function calleeObject(call: ts.CallExpression): ts.Expression | undefined {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) return callee.expression;
  return undefined;
}

/** The method name of a member call (`a.b.c()` → `c`) or the function name of a plain call. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  return memberName(callee);
}

export interface Chain {
  /** The innermost expression the chain starts from: an identifier, `this`, `this.x`, or a call. */
  root: ts.Expression;
  /** Text of the root as written (`db`, `this.db`, `ctx.prisma`). */
  rootText: string;
  /** Property names read between the root and the first call: `db.query.users.findMany` → [query, users, findMany]. */
  path: string[];
  /** Calls along the chain, innermost first, with the method each calls. */
  links: { name: string; call: ts.CallExpression }[];
}

/**
 * Decomposes the fluent chain that ends at `outer`: `db.select().from(t).where(x)` has root `db`
 * and links select, from, where. Property reads on identifiers (`this.db`, `ctx.prisma`) stay in
 * the root when they come before the first call.
 */
export function decomposeChain(outer: ts.CallExpression, source: ts.SourceFile): Chain {
  const links: { name: string; call: ts.CallExpression }[] = [];
  const names: string[] = [];
  let current: ts.Expression = outer;
  for (;;) {
    current = unwrap(current);
    if (ts.isCallExpression(current)) {
      const callee = unwrap(current.expression);
      const name = memberName(callee) ?? (ts.isIdentifier(callee) ? callee.text : '');
      links.push({ name, call: current });
      if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
        current = callee.expression;
        continue;
      }
      current = callee;
      break;
    }
    break;
  }
  // Walked from the outside in; innermost first from here on.
  links.reverse();
  // Property reads before the first call: `db.query.users` in `db.query.users.findMany()`.
  let root = current;
  while (ts.isPropertyAccessExpression(root) && !isSimpleRoot(root)) {
    names.push(root.name.text);
    root = unwrap(root.expression);
  }
  names.reverse();
  const first = links[0];
  if (first) names.push(first.name);
  const path = names;
  return { root, rootText: root.getText(source), path, links };
}

/** `x`, `this`, `this.x`, `ctx.x`: the receivers we treat as one client. */
function isSimpleRoot(node: ts.PropertyAccessExpression): boolean {
  const inner = unwrap(node.expression);
  return inner.kind === ts.SyntaxKind.ThisKeyword;
}

/** Whether `node` is the outermost call of its fluent chain (its parent does not continue it). */
export function isChainEnd(node: ts.CallExpression): boolean {
  let parent = node.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent))) parent = parent.parent;
  if (!parent) return true;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === skipUp(node, parent)) {
    const grand = parent.parent;
    // `.then(...)` / `.catch(...)` continue the promise, not the query builder.
    const name = memberName(parent);
    if (name === 'then' || name === 'catch' || name === 'finally') return true;
    return !(grand && ts.isCallExpression(grand) && grand.expression === parent);
  }
  return true;
}

function skipUp(node: ts.Node, parent: ts.Node): ts.Node {
  let current = node;
  while (current.parent && current.parent !== parent) current = current.parent;
  return current;
}

/**
 * Identifiers an expression reads, excluding property names and object-literal keys. Below the
 * node it reads no `parent`: the facts walk calls it on parts of the tree it has not bound yet.
 */
export function referencedNames(node: ts.Node, into: Set<string> = new Set()): Set<string> {
  addReads(node, node.parent, into);
  return into;
}

function addReads(node: ts.Node, parent: ts.Node | undefined, into: Set<string>): void {
  if (ts.isIdentifier(node)) {
    const isPropertyName = !!parent && (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === node;
    if (!isPropertyName) into.add(node.text);
  } else if (ts.isShorthandPropertyAssignment(node)) {
    into.add(node.name.text);
  } else {
    ts.forEachChild(node, (child) => addReads(child, node, into));
  }
}

/** Names bound by a binding pattern or identifier (`{ a, b: [c] }` → a, c). */
export function boundNames(name: ts.BindingName, into: string[] = []): string[] {
  if (ts.isIdentifier(name)) {
    into.push(name.text);
  } else {
    for (const element of name.elements) {
      if (ts.isBindingElement(element)) boundNames(element.name, into);
    }
  }
  return into;
}

/** The text of a string literal or a template (with `${…}` kept as `?`). */
export function stringText(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (ts.isStringLiteralLike(inner)) return inner.text;
  if (ts.isTemplateExpression(inner)) {
    return inner.head.text + inner.templateSpans.map((span) => '?' + span.literal.text).join('');
  }
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = stringText(inner.left) ?? '?';
    const right = stringText(inner.right) ?? '?';
    return left === '?' && right === '?' ? undefined : left + right;
  }
  return undefined;
}

export function lineOf(source: ts.SourceFile, pos: number): number {
  return source.getLineAndCharacterOfPosition(pos).line + 1;
}

/** The parent that is not a parenthesis, `as`, `!` or `satisfies`. */
export function semanticParent(node: ts.Node): ts.Node | undefined {
  let parent = node.parent;
  while (
    parent &&
    (ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isSatisfiesExpression(parent))
  ) {
    parent = parent.parent;
  }
  return parent;
}

export function propertyOf(object: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return object.properties.find((p) => {
    const key = p.name;
    return !!key && (ts.isIdentifier(key) || ts.isStringLiteral(key)) && key.text === name;
  });
}

/** Whether an object literal has a spread, whose keys we cannot see. */
export function hasSpread(object: ts.ObjectLiteralExpression): boolean {
  return object.properties.some((p) => ts.isSpreadAssignment(p));
}

export type Usage =
  | 'awaited'
  | 'returned'
  | 'stored'
  | 'argument'
  | 'chained'
  | 'voided'
  | 'dropped'
  | 'other';

/**
 * What happens to the value of an expression: awaited, returned, stored in a variable, passed on,
 * chained with `.then`/`.catch`, explicitly `void`ed, or dropped on the floor.
 */
export function usageOf(node: ts.Expression): { usage: Usage; chainedWith?: string; parent?: ts.Node } {
  let current: ts.Node = node;
  for (;;) {
    const parent = semanticParent(current);
    if (!parent) return { usage: 'other' };
    if (ts.isAwaitExpression(parent)) return { usage: 'awaited', parent };
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === skipWrappers(current, parent))) return { usage: 'returned', parent };
    if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) return { usage: 'stored', parent };
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return { usage: 'stored', parent };
      if (op === ts.SyntaxKind.CommaToken && parent.left === skipWrappers(current, parent)) return { usage: 'dropped', parent };
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.CommaToken) {
        current = parent;
        continue;
      }
      return { usage: 'other', parent };
    }
    if (ts.isConditionalExpression(parent) && parent.condition !== skipWrappers(current, parent)) {
      current = parent;
      continue;
    }
    if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent)) {
      current = parent;
      continue;
    }
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      return parent.expression === skipWrappers(current, parent) ? { usage: 'other', parent } : { usage: 'argument', parent };
    }
    if (ts.isPropertyAccessExpression(parent)) {
      const name = parent.name.text;
      if (name === 'then' || name === 'catch' || name === 'finally') return { usage: 'chained', chainedWith: name, parent };
      return { usage: 'other', parent };
    }
    if (ts.isVoidExpression(parent)) return { usage: 'voided', parent };
    if (ts.isExpressionStatement(parent)) return { usage: 'dropped', parent };
    if (ts.isYieldExpression(parent)) return { usage: 'returned', parent };
    if (ts.isTemplateSpan(parent) || ts.isElementAccessExpression(parent)) return { usage: 'other', parent };
    return { usage: 'other', parent };
  }
}

function skipWrappers(node: ts.Node, parent: ts.Node): ts.Node {
  let current = node;
  while (current.parent && current.parent !== parent) current = current.parent;
  return current;
}

/**
 * Where a once-only initialisation stores the value `node` computes: `x ??= f()`, `x ||= f()`,
 * `x ?? (x = f())`, `if (!x) x = f()` (or `x === undefined`, `x == null`), or `x = f()` after
 * `if (x) return x`. Undefined when the value is computed every time the code runs.
 */
export function onceTarget(node: ts.Node): ts.Expression | undefined {
  let child: ts.Node = node;
  for (let parent = node.parent; parent && !isFunctionNode(parent) && !ts.isStatement(parent); child = parent, parent = parent.parent) {
    if (!ts.isBinaryExpression(parent) || parent.right !== child) continue;
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return unwrap(parent.left);
    if (op !== ts.SyntaxKind.EqualsToken) continue;
    const target = unwrap(parent.left);
    return isGuardedAssignment(parent, target.getText()) ? target : undefined;
  }
  return undefined;
}

function isGuardedAssignment(assignment: ts.BinaryExpression, target: string): boolean {
  const outer = semanticParent(assignment);
  // `x ?? (x = f())`, `x || (x = f())`
  if (outer && ts.isBinaryExpression(outer) && unwrap(outer.right) === assignment && unwrap(outer.left).getText() === target) {
    const op = outer.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return true;
  }
  if (!outer || !ts.isExpressionStatement(outer)) return false;
  // `if (!x) x = f();` or `if (!x) { …; x = f(); }`
  const container = outer.parent;
  const branch = ts.isBlock(container) ? container : outer;
  const ifStatement = branch.parent;
  if (ifStatement && ts.isIfStatement(ifStatement) && ifStatement.thenStatement === branch && testsEmpty(ifStatement.expression, target, true)) return true;
  // `if (x) return x; x = f();`
  if (!ts.isBlock(container) && !ts.isSourceFile(container)) return false;
  const statements = container.statements;
  for (let i = statements.indexOf(outer) - 1; i >= 0; i--) {
    const earlier = statements[i]!;
    if (ts.isIfStatement(earlier) && returns(earlier.thenStatement) && testsEmpty(earlier.expression, target, false)) return true;
  }
  return false;
}

/** Whether `condition` is true exactly when `target` is empty (`empty`) or set (`!empty`). */
function testsEmpty(condition: ts.Expression, target: string, empty: boolean): boolean {
  const inner = unwrap(condition);
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) return testsEmpty(inner.operand, target, !empty);
  if (inner.getText() === target) return !empty;
  if (!ts.isBinaryExpression(inner)) return false;
  const op = inner.operatorToken.kind;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !unequal) return false;
  const [left, right] = [unwrap(inner.left), unwrap(inner.right)];
  const isNothing = (e: ts.Expression): boolean =>
    e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || (ts.isStringLiteral(e) && e.text === 'undefined');
  const subject = (e: ts.Expression): string => (ts.isTypeOfExpression(e) ? unwrap(e.expression).getText() : e.getText());
  const mentions = (isNothing(right) && subject(left) === target) || (isNothing(left) && subject(right) === target);
  return mentions && (equal === empty);
}

function returns(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length > 0 && ts.isReturnStatement(statement.statements[statement.statements.length - 1]!);
}
