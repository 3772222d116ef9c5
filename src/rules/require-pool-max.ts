import * as ts from '../engine/compiler.js';
import { stringText, unwrap } from '../engine/facts/ast.js';
import type { ConstructFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { hasOption, isPgPool, optionValue, optionsAt } from './utils/clients.js';

/** knex `client` names that talk to PostgreSQL. */
const KNEX_PG_CLIENTS = new Set(['pg', 'postgres', 'postgresql', 'pg-native', 'pgnative']);

interface Sizable {
  node: ConstructFact['node'];
  kind: string;
  defaultSize: string;
}

export default defineRule({
  id: 'require-pool-max',
  checklist: 'pool.pg-size',
  severity: 'moderate',
  docs: { description: 'Require PostgreSQL pools (pg, postgres.js, knex) to set their maximum size explicitly.' },
  messages: {
    noMax:
      'This {{kind}} sets no `max`, so it silently opens up to {{default}} connections per process. Pool size is a budget: replicas × processes × `max` must stay below PostgreSQL\'s `max_connections` (100 by default, a few reserved), or a deploy or an autoscale step fails with "too many clients" while the old and new replicas overlap. Set `max` deliberately (for example from configuration) and note the budget next to it.',
  },
  applies: (facts) => facts.constructs.some((c) => candidate(c) !== undefined),
  check(facts, ctx) {
    for (const c of facts.constructs) {
      const pool = candidate(c);
      if (pool && missingMax(c)) ctx.report({ node: pool.node, messageId: 'noMax', data: { kind: pool.kind, default: pool.defaultSize } });
    }
  },
});

function candidate(c: ConstructFact): Sizable | undefined {
  if (isPgPool(c)) return { node: c.node, kind: 'pg Pool', defaultSize: "pg's default of 10" };
  if (c.construct.library === 'postgres') return { node: c.node, kind: 'postgres.js client', defaultSize: "postgres.js's default of 10" };
  if (c.construct.library === 'knex' && isKnexForPostgres(c)) return { node: c.node, kind: 'knex pool', defaultSize: "knex's default of 10 (min 2)" };
  return undefined;
}

function missingMax(c: ConstructFact): boolean {
  if (isPgPool(c)) {
    // pg-pool reads `max` from its options only, never from the connection string.
    const options = optionsAt(c.args, 0);
    return options.kind === 'none' || (options.kind === 'literal' && !hasOption(options.object, 'max', 'poolSize'));
  }
  if (c.construct.library === 'postgres') return postgresMissingMax(c.args);
  const config = optionsAt(c.args, 0);
  if (config.kind !== 'literal') return false;
  const pool = optionValue(config.object, 'pool');
  if (!hasOption(config.object, 'pool')) return true;
  if (!pool || !ts.isObjectLiteralExpression(pool)) return false;
  const options = optionsAt([pool], 0);
  return options.kind === 'literal' && !hasOption(options.object, 'max');
}

/**
 * postgres.js takes `postgres(url?, options?)` and reads `max` from the options, then from the
 * URL's `?max=`: a URL we cannot read may carry the size, so a URL alone is left alone.
 */
function postgresMissingMax(args: readonly ts.Expression[]): boolean {
  if (args.length === 0) return true;
  const first = unwrap(args[0]!);
  const optionsIndex = ts.isObjectLiteralExpression(first) ? 0 : 1;
  const options = optionsAt(args, optionsIndex);
  const url = optionsIndex === 1 ? first : undefined;
  if (url && /[?&]max=/.test(stringText(url) ?? '')) return false;
  // A URL written out in full, with no query string, cannot carry a size.
  if (options.kind === 'none') return !!url && ts.isStringLiteralLike(url) && !url.text.includes('?');
  return options.kind === 'literal' && !hasOption(options.object, 'max');
}

function isKnexForPostgres(c: ConstructFact): boolean {
  const config = optionsAt(c.args, 0);
  if (config.kind !== 'literal') return false;
  const client = optionValue(config.object, 'client');
  const name = client && stringText(client);
  return name !== undefined && KNEX_PG_CLIENTS.has(name);
}
