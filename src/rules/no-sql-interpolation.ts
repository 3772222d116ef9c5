import * as ts from '../engine/compiler.js';
import { calleeName, calleeObject, unwrap } from '../engine/facts/ast.js';
import type { FileFacts } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { constInitializer as constInit } from '../engine/facts/queries.js';
import { sqlParts, type SqlPart } from './utils/sql-text.js';

/** Verbs that send SQL text as written (tagged templates parameterise, these do not). */
const TEXT_VERBS = new Set(['query', 'execute', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe']);
const KNEX_RAW = new Set(['raw', 'whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw']);
/** Libraries whose `X.raw(text)` splices text into a query: drizzle's and Kysely's `sql`, Prisma's `Prisma`. */
const RAW_LIBRARIES = new Set(['drizzle', 'kysely', 'prisma']);
/** Where a spliced expression stands for a value: after a comparison, in `IN (…)`, `ANY(…)`, `VALUES (…)`, `BETWEEN`. */
const VALUE_POSITION = /(=|<>|!=|<|>|\blike|\bilike|\bin\s*\(|\bin\s*\([^()]*,|\bany\s*\(|\bvalues\s*\(|\bvalues\s*\([^()]*,|\bbetween|\bbetween\s+\S+\s+and)\s*$/i;
/** Numbers cannot carry a quote: no injection, and PostgreSQL folds them like literals. */
const NUMERIC_CALLS = /^(Number|parseInt|parseFloat|BigInt|Math\.\w+|Date\.now)$/;
const ESCAPING_CALLS = /escape|quote|format|ident|literal/i;
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

type Library = 'pg' | 'prisma' | 'postgres' | 'drizzle' | 'kysely' | 'knex';

interface Candidate {
  call: ts.CallExpression;
  text: ts.Expression;
  library: Library;
  /** The call takes the SQL as its only argument and `$n` parameters next to it (pg, postgres.js `unsafe`, Prisma `…Unsafe`). */
  positional?: 'array' | 'rest';
}

export default defineRule({
  id: 'no-sql-interpolation',
  checklist: 'db.prepared',
  severity: 'moderate',
  docs: {
    description: 'Disallow SQL text built by interpolating or concatenating values instead of passing them as parameters.',
  },
  messages: {
    interpolated:
      'This SQL text splices in `{{value}}` instead of passing it as a parameter. Every distinct value makes a new statement that PostgreSQL parses and plans again (no prepared-statement reuse: a 0.1 ms lookup costs 1 ms or more), and a quote in the value rewrites the query (SQL injection). {{how}}',
  },
  applies: (facts) => candidates(facts).length > 0,
  check(facts, ctx) {
    for (const candidate of candidates(facts)) {
      const parts = sqlParts(candidate.text);
      if (!parts) continue;
      const values = splicedValues(parts);
      if (values.length === 0) continue;
      ctx.report({
        node: candidate.call,
        messageId: 'interpolated',
        data: { value: clip(values[0]!.getText()), how: HOW[candidate.library] },
        fix: fixOf(facts, candidate, parts),
      });
    }
  },
});

const HOW: Record<Library, string> = {
  pg: "Write `$1`, `$2` in the text and pass the values beside it: `pool.query('SELECT … WHERE id = $1', [id])`.",
  postgres: 'Use the tagged template, which sends values as parameters: sql`SELECT … WHERE id = ${id}`.',
  prisma: 'Use the tagged `prisma.$queryRaw`SELECT … WHERE id = ${id}``, which sends values as parameters (or `$1` with the values as extra arguments).',
  drizzle: 'Use the `sql` tagged template, which sends values as parameters: sql`… = ${id}`; keep `sql.raw` for constant text.',
  kysely: 'Use the `sql` tagged template, which sends values as parameters: sql`… = ${id}`; keep `sql.raw` for constant text.',
  knex: "Write `?` in the text and pass the values as bindings: `knex.raw('… WHERE id = ?', [id])`.",
};

/** `applies` and `check` both need them: found once per file. */
function candidates(facts: FileFacts): Candidate[] {
  return facts.memo(candidates, () => findCandidates(facts));
}

function findCandidates(facts: FileFacts): Candidate[] {
  const found: Candidate[] = [];
  // `$1` parameters are PostgreSQL's; a client we cannot name may be MySQL's (`?`), so the fix needs evidence.
  const dollarParams = facts.queries.some((q) => q.shape.library === 'pg' || q.shape.library === 'postgres' || /\$\d/.test(q.shape.sql ?? ''));
  for (const query of facts.queries) {
    const call = query.node;
    if (!ts.isCallExpression(call)) continue;
    if (query.shape.library === 'knex' && query.chain) {
      for (const link of query.chain.links) {
        if (KNEX_RAW.has(link.name) && link.call.arguments[0]) found.push({ call: link.call, text: link.call.arguments[0], library: 'knex' });
      }
      continue;
    }
    if (!TEXT_VERBS.has(query.shape.verb) || !query.shape.sqlNode || ts.isTaggedTemplateExpression(unwrap(query.shape.sqlNode))) continue;
    const library: Library = query.shape.library === 'prisma' ? 'prisma' : query.shape.verb === 'unsafe' ? 'postgres' : query.shape.library === 'drizzle' ? 'drizzle' : 'pg';
    const positional = call.arguments.length !== 1 || library === 'drizzle' || (library === 'pg' && !dollarParams) ? undefined : library === 'prisma' ? 'rest' : 'array';
    found.push({ call, text: query.shape.sqlNode, library, positional });
  }
  // `sql.raw(…)` (drizzle, Kysely) and `Prisma.raw(…)` are fragments, not queries: they live in the calls.
  for (const site of facts.calls) {
    const call = site.node;
    if (!ts.isCallExpression(call) || calleeName(call) !== 'raw' || !call.arguments[0]) continue;
    const object = calleeObject(call);
    const binding = object && ts.isIdentifier(unwrap(object)) ? facts.imports.get((unwrap(object) as ts.Identifier).text) : undefined;
    if (!binding?.library || !RAW_LIBRARIES.has(binding.library)) continue;
    found.push({ call, text: call.arguments[0], library: binding.library as Library });
  }
  return found;
}

/** The spliced expressions that stand for values and are not constants, placeholders or escaped. */
function splicedValues(parts: SqlPart[]): ts.Expression[] {
  const values: ts.Expression[] = [];
  let before = '';
  parts.forEach((part, i) => {
    if ('text' in part) {
      before += part.text;
      return;
    }
    const next = parts[i + 1];
    const after = next && 'text' in next ? next.text : '';
    if (isValuePosition(before, after) && !isSafe(part.expr, 0)) values.push(part.expr);
    before += '?';
  });
  return values;
}

function isValuePosition(before: string, after: string): boolean {
  // `$${i + 1}` builds a placeholder; `= ${alias}.id` and `${prefix}_events` splice identifiers.
  if (before.endsWith('$') || /^[.\w]/.test(after)) return false;
  const quotes = (before.match(/'/g) ?? []).length;
  return quotes % 2 === 1 || VALUE_POSITION.test(before);
}

/** Constants, numbers, escaped text and placeholder lists cannot inject and are fine to splice. */
function isSafe(expr: ts.Expression, depth: number): boolean {
  const inner = unwrap(expr);
  if (depth > 4) return false;
  if (ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner) || inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword || inner.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(inner)) {
    if (CONSTANT_NAME.test(inner.text)) return true;
    const init = constInit(inner);
    return !!init && isSafe(init, depth + 1);
  }
  // `TABLES.emails`, `EmailStatus.Sent`, `COLUMNS[sort]`: a value chosen from a fixed map or enum.
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'length') return true;
    let root: ts.Expression = inner;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
    return ts.isIdentifier(root) && (CONSTANT_NAME.test(root.text) || (ts.isPropertyAccessExpression(inner) && /^[A-Z]/.test(root.text)));
  }
  if (ts.isConditionalExpression(inner)) return isSafe(inner.whenTrue, depth + 1) && isSafe(inner.whenFalse, depth + 1);
  if (ts.isPrefixUnaryExpression(inner)) return inner.operator === ts.SyntaxKind.PlusToken || inner.operator === ts.SyntaxKind.MinusToken;
  if (ts.isTemplateExpression(inner)) return inner.templateSpans.every((s) => isSafe(s.expression, depth + 1)) || buildsPlaceholders(inner);
  if (ts.isBinaryExpression(inner)) return (isSafe(inner.left, depth + 1) && isSafe(inner.right, depth + 1)) || buildsPlaceholders(inner);
  if (ts.isCallExpression(inner)) {
    const callee = unwrap(inner.expression).getText();
    const name = calleeName(inner) ?? '';
    if (NUMERIC_CALLS.test(callee) || name === 'toFixed' || ESCAPING_CALLS.test(name)) return true;
    return buildsPlaceholders(inner);
  }
  return false;
}

/** `ids.map((_, i) => `$${i + 1}`).join(', ')` and `'$' + (i + 1)` write parameters, not values. */
function buildsPlaceholders(expr: ts.Expression): boolean {
  return /\$\$\{|['"`]\$['"`]?\s*\+|['"`]\$\d/.test(expr.getText());
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}…` : flat;
}

/**
 * `pool.query(`… WHERE id = ${id} AND status = '${status}'`)` → `pool.query('… WHERE id = $1 AND
 * status = $2', [id, status])`: offered only when the text is written inline, every spliced value
 * stands alone (quoted values exactly `'${x}'`), and the text has no parameters of its own yet.
 */
function fixOf(facts: FileFacts, candidate: Candidate, parts: SqlPart[]): string | undefined {
  const template = unwrap(candidate.text);
  if (!candidate.positional || !ts.isTemplateExpression(template)) return undefined;
  if (parts.some((p) => 'text' in p && /\$\d/.test(p.text))) return undefined;
  const pieces: string[] = [raw(template.head)];
  const values: string[] = [];
  for (const span of template.templateSpans) {
    const before = pieces[pieces.length - 1]!;
    const after = raw(span.literal);
    const quoted = (before.match(/'/g) ?? []).length % 2 === 1;
    if (isSafe(span.expression, 0)) {
      pieces.push('${' + span.expression.getText() + '}', after);
      continue;
    }
    // A list (`IN (${ids.join(',')})`) needs `= ANY($1)` and an array: a rewrite, not a substitution.
    if (!quoted && !/(=|<>|!=|<|>)\s*$/.test(before)) return undefined;
    if (quoted && !(before.endsWith("'") && after.startsWith("'"))) return undefined;
    values.push(span.expression.getText());
    if (quoted) pieces[pieces.length - 1] = before.slice(0, -1);
    pieces.push(`$${values.length}`, quoted ? after.slice(1) : after);
  }
  const text = facts.source.text;
  const call = candidate.call;
  const start = call.getStart(facts.source);
  const prefix = text.slice(start, template.getStart(facts.source));
  const suffix = text.slice(template.getEnd(), call.getEnd());
  const args = candidate.positional === 'array' ? `, [${values.join(', ')}]` : `, ${values.join(', ')}`;
  const replaced = `${prefix}\`${pieces.join('')}\`${args}${suffix}`;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', call.getEnd());
  return text.slice(lineStart, start) + replaced + text.slice(call.getEnd(), lineEnd === -1 ? text.length : lineEnd);
}

/** The literal text of a template piece as written in the source (escapes kept). */
function raw(piece: ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail): string {
  const written = piece.getText();
  // A head opens with '`', a middle or tail with '}'; a tail closes with '`', the others with '${'.
  return written.slice(1, written.length - (ts.isTemplateTail(piece) ? 1 : 2));
}
