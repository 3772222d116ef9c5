import * as ts from '../engine/compiler.js';
import { calleeName, semanticParent, stringText, unwrap } from '../engine/facts/ast.js';
import type { FileFacts, QueryFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { selectsEveryColumn } from './utils/sql.js';

const DRIZZLE_SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);
/** knex methods that choose the columns (or aggregate them), so the query is not `SELECT *`. */
const KNEX_COLUMNS = new Set([
  'column', 'columns', 'pluck', 'distinct', 'distinctOn', 'count', 'countDistinct', 'min', 'max', 'sum', 'sumDistinct', 'avg', 'avgDistinct',
]);
/** knex chains that read a table: `knex('t')`, `knex.from('t')`, `knex.select(…).from('t')`. */
const KNEX_TABLE_STARTS = new Set(['from', 'table', 'select', 'queryBuilder']);
/** Helpers (drizzle, Kysely's `eb`) that take a query as a subquery, whose columns PostgreSQL prunes. */
const SUBQUERY_HELPERS = new Set(['exists', 'notExists', 'inArray', 'notInArray']);
const COST = '100 rows with a 20 KB `html_body` move 2 MB from PostgreSQL into memory instead of a few KB';

export default defineRule({
  id: 'no-select-star',
  checklist: 'db.select-columns',
  severity: 'moderate',
  docs: {
    description: 'Disallow reads that select every column (`SELECT *`, drizzle `select()` with no columns, knex without `select`, Kysely `selectAll()`).',
  },
  messages: {
    drizzle: `\`{{verb}}()\` with no column map reads every column, wide ones too: ${COST}. Name the columns you use: \`db.select({ id: emails.id, status: emails.status }).from(emails)\`.`,
    sql: `\`{{star}}\` sends every column to the client, wide ones too: ${COST}, and no index-only scan can serve it. List the columns you use: \`SELECT id, status, created_at FROM …\`.`,
    knex: `This knex query reads every column ({{how}}): ${COST}. Name the columns you use: \`.select('id', 'status')\`.`,
    kysely: `\`selectAll()\` reads every column, wide ones too: ${COST}. Name the columns you use: \`.select(['id', 'status'])\`.`,
  },
  applies: (facts) => facts.queries.length > 0,
  check(facts, ctx) {
    for (const query of facts.queries) {
      const found = selectStar(facts, query);
      if (!found) continue;
      ctx.report({
        node: query.node,
        ...found,
        metric: { operation: `${query.shape.verb} (${facts.path}:${facts.line(query.node)})`, current: 'every column', target: 'only the columns used' },
      });
    }
  },
});

function selectStar(facts: FileFacts, query: QueryFact): { messageId: string; data?: Record<string, string> } | undefined {
  const { shape, chain } = query;
  if (shape.op !== 'read') return undefined;
  if (shape.sql !== undefined) return selectsEveryColumn(shape.sql) ? { messageId: 'sql', data: { star: starOf(shape.sql) } } : undefined;
  if (!chain) return undefined;
  const names = chain.links.map((link) => link.name);
  if (shape.library === 'drizzle' && DRIZZLE_SELECTS.has(shape.verb)) {
    const first = chain.links[0]!.call;
    // `selectDistinctOn([t.id])` takes its column map second.
    const hasColumns = first.arguments.length > (shape.verb === 'selectDistinctOn' ? 1 : 0);
    if (hasColumns || isSubquery(facts, query, names)) return undefined;
    return { messageId: 'drizzle', data: { verb: shape.verb } };
  }
  if (shape.library === 'kysely') return names.includes('selectAll') && !isSubquery(facts, query, names) ? { messageId: 'kysely' } : undefined;
  if (shape.library === 'knex') return knexStar(chain.links);
  return undefined;
}

function knexStar(links: NonNullable<QueryFact['chain']>['links']): { messageId: string; data: Record<string, string> } | undefined {
  const [first] = links;
  if (!first) return undefined;
  if (first.name === 'raw') {
    const sql = stringText(first.call.arguments[0]);
    return sql && selectsEveryColumn(sql) ? { messageId: 'sql', data: { star: starOf(sql) } } : undefined;
  }
  const startsAtTable = ts.isIdentifier(unwrap(first.call.expression)) || KNEX_TABLE_STARTS.has(first.name);
  // `.modify(fn)` may add the columns where we cannot see them.
  if (!startsAtTable || links.some((l) => KNEX_COLUMNS.has(l.name) || l.name === 'modify')) return undefined;
  if (links.some((l) => l.name === 'first' && l.call.arguments.length > 0)) return undefined;
  const selects = links.filter((l) => l.name === 'select');
  if (selects.length === 0) return { messageId: 'knex', data: { how: 'no `select`' } };
  const star = selects.flatMap((l) => [...l.call.arguments]).map((arg) => stringText(arg)).find((text) => text !== undefined && /(^|\.)\*$/.test(text));
  if (star) return { messageId: 'knex', data: { how: `\`select('${star}')\`` } };
  return selects.every((l) => l.call.arguments.length === 0) ? { messageId: 'knex', data: { how: '`select()` with no columns' } } : undefined;
}

/**
 * A query used inside another (`.as('sq')`, `exists(…)`, `eb.exists(…)`, `insert(t).select(…)`),
 * or one that reads from a subquery whose columns are already chosen.
 */
function isSubquery(facts: FileFacts, query: QueryFact, names: string[]): boolean {
  if (names[names.length - 1] === 'as') return true;
  const from = query.chain?.links.find((l) => l.name === 'from')?.call.arguments[0];
  if (from && isAliasedQuery(facts, unwrap(from))) return true;
  const parent = semanticParent(query.node);
  if (parent && ts.isCallExpression(parent) && parent.arguments.some((a) => unwrap(a) === query.node)) {
    const name = calleeName(parent);
    if (name && SUBQUERY_HELPERS.has(name)) return true;
  }
  return facts.queries.some((q) => q !== query && q.shape.op === 'write' && q.args.some((a) => unwrap(a) === query.node));
}

function isAliasedQuery(facts: FileFacts, node: ts.Expression): boolean {
  return facts.queries.some((q) => {
    if (q.chain?.links[q.chain.links.length - 1]?.name !== 'as') return false;
    if (q.node === node) return true;
    const holder = semanticParent(q.node);
    return ts.isIdentifier(node) && !!holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && holder.name.text === node.text;
  });
}

function starOf(sql: string): string {
  const match = /\bselect\s+(?:distinct\s+)?((?:[\w$"]+\.)?\*)/i.exec(sql);
  return match ? `SELECT ${match[1]}` : 'SELECT *';
}
