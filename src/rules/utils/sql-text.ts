import * as ts from '../../engine/compiler.js';
import { stringText, unwrap } from '../../engine/facts/ast.js';
import { constInitializer } from '../../engine/facts/queries.js';

/**
 * SQL text as the code writes it: the literal parts and the values spliced between them, with
 * `const` names followed to what they hold. Readings of the SQL itself are small and lexical
 * (comments, strings and parenthesised parts set aside), not a parser.
 */

/** One piece of SQL text: literal text, or an expression spliced in by `${…}` or `+`. */
export type SqlPart = { text: string } | { expr: ts.Expression };

/**
 * The pieces of a template literal or a `+` concatenation, flattening nested ones and following
 * `const` names. Undefined when the expression is not text we can see (a call, a parameter).
 */
export function sqlParts(node: ts.Expression, depth = 0): SqlPart[] | undefined {
  const inner = unwrap(node);
  if (ts.isStringLiteralLike(inner)) return [{ text: inner.text }];
  if (ts.isTemplateExpression(inner)) {
    const parts: SqlPart[] = [{ text: inner.head.text }];
    for (const span of inner.templateSpans) parts.push({ expr: span.expression }, { text: span.literal.text });
    return parts;
  }
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = sqlParts(inner.left, depth + 1) ?? [{ expr: inner.left }];
    const right = sqlParts(inner.right, depth + 1) ?? [{ expr: inner.right }];
    // `a + b` of two unknowns is arithmetic or an opaque join, not SQL text we can read.
    if (!left.some((p) => 'text' in p) && !right.some((p) => 'text' in p)) return undefined;
    return [...left, ...right];
  }
  if (ts.isIdentifier(inner) && depth < 4) {
    const init = constInitializer(inner);
    return init ? sqlParts(init, depth + 1) : undefined;
  }
  return undefined;
}

/** The SQL text of an expression with every spliced value as `?`, when there is any text. */
export function sqlTextOf(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  const direct = stringText(node);
  if (direct !== undefined) return direct;
  const parts = sqlParts(node);
  return parts?.map((p) => ('text' in p ? p.text : '?')).join('');
}

/** The outermost level of a statement: comments dropped, strings emptied, parenthesised parts emptied. */
export function sqlTopLevel(sql: string): string {
  const code = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  let depth = 0;
  let out = '';
  for (const char of code) {
    if (char === '(') {
      if (depth === 0) out += '(';
      depth++;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
      if (depth === 0) out += ')';
    } else if (depth === 0) {
      out += char;
    }
  }
  return out;
}

const AGGREGATES = /\b(count|sum|avg|min|max|bool_and|bool_or|every|array_agg|json_agg|jsonb_agg|string_agg|json_object_agg|exists)\s*\(/i;

/** What a SELECT reads, at its outermost level. */
export interface SqlRead {
  /** The first table after FROM, for messages. */
  table?: string;
  limited: boolean;
  /** The select list aggregates (`count(*)`, `sum(x)`), or the rows are grouped. */
  aggregate: boolean;
  /** WHERE pins the primary key (`id = $1`, `id = ANY($1)`, `id IN (…)`). */
  byKey: boolean;
  /** WHERE takes a list of values (`= ANY($1)`, `IN ($1, $2)`): as many rows as the caller asks for. */
  byList: boolean;
  hasWhere: boolean;
}

/** Reads a SELECT (or WITH … SELECT) that has a FROM; undefined for anything else. */
export function readSql(sql: string): SqlRead | undefined {
  if (!/^\s*(select|with)\b/i.test(sql)) return undefined;
  const top = sqlTopLevel(sql);
  const from = /\bfrom\s+("?[\w.]+"?)/i.exec(top);
  if (!from) return undefined;
  const selectList = /\bselect\s+([\s\S]*?)\bfrom\b/i.exec(sql)?.[1] ?? '';
  const where = /\bwhere\b([\s\S]*)$/i.exec(top)?.[1] ?? '';
  return {
    table: from[1]!.replace(/"/g, ''),
    limited: /\blimit\b|\bfetch\s+(first|next)\b/i.test(top),
    aggregate: AGGREGATES.test(selectList) || /\bgroup\s+by\b/i.test(top),
    byKey: /(^|[^\w.])("?\w+"?\.)?"?id"?\s*=\s*(\$\d+|\?|:\w+|''|\d+|any\s*\()/i.test(where) || /(^|[^\w.])("?\w+"?\.)?"?id"?\s+in\s*\(\s*(\$\d+|\?)/i.test(sql),
    // `IN ?` is a list spliced by a tagged template (postgres.js `IN ${sql(ids)}`).
    byList: /=\s*any\s*\(\s*(\$\d+|\?)|\bin\s*\(\s*(\$\d+|\?)|\bin\s+\?|\bunnest\s*\(/i.test(sql),
    hasWhere: /\bwhere\b/i.test(top),
  };
}
