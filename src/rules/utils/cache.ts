import * as ts from '../../engine/compiler.js';
import { boundNames, isFunctionNode, stringText, unwrap } from '../../engine/facts/ast.js';
import type { RedisCallFact } from '../../engine/facts/calls.js';
import type { FileFacts, QueryFact } from '../../engine/facts/index.js';

/** Redis commands that store a value under a key, and which argument holds the value (or the TTL). */
export const STORE_COMMANDS: Record<string, { value: number; ttl?: { index: number; unit: number } }> = {
  set: { value: 1 },
  setex: { value: 2, ttl: { index: 1, unit: 1 } },
  setEx: { value: 2, ttl: { index: 1, unit: 1 } },
  psetex: { value: 2, ttl: { index: 1, unit: 0.001 } },
  pSetEx: { value: 2, ttl: { index: 1, unit: 0.001 } },
  hset: { value: 1 },
  hSet: { value: 1 },
  hmset: { value: 1 },
};

/** `expire`, `pexpire`, `expireat`, `pExpireAt` … */
export const EXPIRE_COMMAND = /^p?expire(at)?$/i;

/** How long a `set` keeps its value: no expiry, a TTL (seconds when written in the code), or options we cannot read. */
export type Expiry = { kind: 'none' } | { kind: 'ttl'; seconds?: number } | { kind: 'unknown' };

const TTL_FLAGS: Record<string, number | undefined> = { EX: 1, PX: 0.001, EXAT: undefined, PXAT: undefined, KEEPTTL: undefined };

/**
 * The expiry a Redis store command gives its key: ioredis flags (`'EX', 60`), node-redis options
 * (`{ EX: 60 }`, `{ expiration: { type: 'EX', value: 60 } }`), or the TTL argument of `setex`.
 */
export function expiryOf(call: RedisCallFact): Expiry {
  const spec = STORE_COMMANDS[call.command];
  if (spec?.ttl) {
    const seconds = ttlSeconds(call.args[spec.ttl.index]);
    return { kind: 'ttl', seconds: seconds === undefined ? undefined : seconds * spec.ttl.unit };
  }
  if (call.command !== 'set') return { kind: 'none' };
  const options = call.args.slice(2);
  for (let i = 0; i < options.length; i++) {
    const arg = unwrap(options[i]!);
    if (ts.isStringLiteralLike(arg)) {
      const flag = arg.text.toUpperCase();
      if (Object.hasOwn(TTL_FLAGS, flag)) {
        const unit = TTL_FLAGS[flag];
        const value = unit === undefined ? undefined : ttlSeconds(options[i + 1]);
        return { kind: 'ttl', seconds: value === undefined || unit === undefined ? undefined : value * unit };
      }
      continue;
    }
    // `set(k, v, 60)` is not a Redis signature, but its author meant a TTL: not ours to report.
    if (ts.isNumericLiteral(arg)) return { kind: 'ttl', seconds: Number(arg.text) };
    if (!ts.isObjectLiteralExpression(arg)) return { kind: 'unknown' };
    for (const prop of arg.properties) {
      if (ts.isSpreadAssignment(prop) || !prop.name || !ts.isIdentifier(prop.name)) return { kind: 'unknown' };
      const name = prop.name.text;
      if (name === 'expiration') return { kind: 'ttl' };
      if (Object.hasOwn(TTL_FLAGS, name)) {
        const unit = TTL_FLAGS[name];
        const value = unit !== undefined && ts.isPropertyAssignment(prop) ? ttlSeconds(prop.initializer) : undefined;
        return { kind: 'ttl', seconds: value === undefined || unit === undefined ? undefined : value * unit };
      }
    }
  }
  return { kind: 'none' };
}

/** A key expression with whitespace normalised, for "the same key" comparisons within a function. */
export function keyText(facts: FileFacts, key: ts.Expression): string {
  return facts.text(unwrap(key)).replace(/\s+/g, '');
}

/**
 * The shape of a key whatever its variables are called: `tpl:${appId}:${id}` and
 * `tpl:${a}:${templateId}` are both `tpl:?:?`; `keys.template(id)` is `keys.template()`. A local
 * `const key = …` is followed. Undefined when the key comes from somewhere we cannot see.
 */
export function keyShape(facts: FileFacts, key: ts.Expression, depth = 0): string | undefined {
  const inner = unwrap(key);
  if (ts.isIdentifier(inner) && depth < 3) {
    const declaration = bindingOf(inner.text, inner);
    return declaration?.kind === 'variable' && declaration.init ? keyShape(facts, declaration.init, depth + 1) : undefined;
  }
  if (ts.isCallExpression(inner)) return `${facts.text(unwrap(inner.expression))}()`;
  return stringText(inner);
}

/** The table (drizzle table object, Prisma model, SQL table name) a query reads or writes, lower-cased. */
export function tableOf(query: QueryFact): string | undefined {
  const chain = query.chain;
  const { shape } = query;
  if (shape.sql !== undefined) {
    const match = /\b(?:from|into|update|join)\s+"?([\w$.]+)"?/i.exec(shape.sql);
    return match?.[1]?.split('.').pop()?.toLowerCase();
  }
  if (!chain) return undefined;
  if (shape.library === 'prisma') return chain.path.length === 2 ? chain.path[0]!.toLowerCase() : undefined;
  if (chain.path[0] === 'query' && chain.path.length === 3) return chain.path[1]!.toLowerCase();
  const link = chain.links.find((l) => /^(from|insert|update|delete|selectFrom|insertInto|updateTable|deleteFrom|replaceInto)$/.test(l.name));
  const arg = link?.call.arguments[0];
  if (!arg) return undefined;
  const inner = unwrap(arg);
  if (ts.isStringLiteralLike(inner)) return inner.text.split(/\s+/)[0]!.split('.').pop()!.toLowerCase();
  return ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) ? inner.getText().toLowerCase() : undefined;
}

/** A key as a short Markdown code span for messages (a template literal's own backticks kept). */
export function keyLabel(facts: FileFacts, key: ts.Expression): string {
  const full = facts.text(unwrap(key)).replace(/\s+/g, ' ');
  const text = full.length > 60 ? `${full.slice(0, 57)}…` : full;
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** What a name used in a key or a TTL refers to, found by walking its enclosing scopes. */
export interface Binding {
  kind: 'parameter' | 'variable' | 'loop-item' | 'import' | 'function';
  /** The initialiser of `const x = …` (not of a destructured name). */
  init?: ts.Expression;
  isConst: boolean;
}

/**
 * The binding `name` refers to at `from`: parameters and destructured parameters, `const`/`let`
 * (destructured too) in enclosing blocks, loop variables, imports and function declarations.
 * Keys are often a destructured `id` or a loop item, so those count here. Lexical lookup only.
 */
export function bindingOf(name: string, from: ts.Node): Binding | undefined {
  for (let node: ts.Node | undefined = from.parent; node; node = node.parent) {
    if (isFunctionNode(node)) {
      if (node.parameters.some((p) => boundNames(p.name).includes(name))) return { kind: 'parameter', isConst: false };
      continue;
    }
    if ((ts.isForOfStatement(node) || ts.isForInStatement(node) || ts.isForStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
      if (node.initializer.declarations.some((d) => boundNames(d.name).includes(name))) return { kind: 'loop-item', isConst: false };
    }
    if (ts.isCatchClause(node) && node.variableDeclaration && boundNames(node.variableDeclaration.name).includes(name)) return { kind: 'variable', isConst: false };
    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      const found = boundIn(node.statements, name);
      if (found) return found;
    }
  }
  return undefined;
}

function boundIn(statements: ts.NodeArray<ts.Statement>, name: string): Binding | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of statement.declarationList.declarations) {
        if (!boundNames(d.name).includes(name)) continue;
        return { kind: 'variable', init: ts.isIdentifier(d.name) && d.initializer ? unwrap(d.initializer) : undefined, isConst };
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) {
      return { kind: 'function', isConst: true };
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      const bindings = clause.namedBindings;
      const names = [clause.name?.text, ...(bindings && ts.isNamespaceImport(bindings) ? [bindings.name.text] : bindings ? bindings.elements.map((e) => e.name.text) : [])];
      if (names.includes(name)) return { kind: 'import', isConst: true };
    }
  }
  return undefined;
}

/** The seconds a TTL expression stands for when it is written in the code (`300`, `5 * 60`, a constant). */
export function ttlSeconds(expr: ts.Expression | undefined, depth = 0): number | undefined {
  if (!expr || depth > 3) return undefined;
  const inner = unwrap(expr);
  if (ts.isNumericLiteral(inner)) return Number(inner.text.replace(/_/g, ''));
  if (ts.isStringLiteralLike(inner) && /^\d+$/.test(inner.text)) return Number(inner.text);
  if (ts.isBinaryExpression(inner)) {
    const left = ttlSeconds(inner.left, depth + 1);
    const right = ttlSeconds(inner.right, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    if (inner.operatorToken.kind === ts.SyntaxKind.AsteriskToken) return left * right;
    if (inner.operatorToken.kind === ts.SyntaxKind.PlusToken) return left + right;
    return undefined;
  }
  if (!ts.isIdentifier(inner)) return undefined;
  const binding = bindingOf(inner.text, inner);
  return binding?.isConst && binding.init ? ttlSeconds(binding.init, depth + 1) : undefined;
}
