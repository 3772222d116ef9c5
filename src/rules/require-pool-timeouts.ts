import * as ts from '../engine/compiler.js';
import { stringText, unwrap } from '../engine/facts/ast.js';
import type { ConstructFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { hasOption, isPgPool, optionsAt } from './utils/clients.js';

/**
 * Only the timeouts whose library default is "never" are required: pg's `connectionTimeoutMillis`
 * (0: wait forever for a connection) and postgres.js's `idle_timeout` (0: never close an idle
 * connection). Defaults that are bounded (pg's idle timeout of 10 s, postgres.js's connect timeout
 * of 30 s, ioredis's connect timeout of 10 s, nodemailer's 2-minute connection timeout, knex's
 * 60-second acquire timeout) are a tuning choice, not a missing timeout.
 */
export default defineRule({
  id: 'require-pool-timeouts',
  checklist: 'pool.timeouts',
  severity: 'minor',
  docs: { description: 'Require PostgreSQL pools to bound the waits whose library default is unbounded.' },
  messages: {
    pgConnect:
      'This pg Pool sets no `connectionTimeoutMillis`, and pg\'s default (0) waits forever: when the pool is exhausted or PostgreSQL is unreachable, every `pool.query()` and `pool.connect()` queues without end, requests pile up far past a 100 ms p99 and memory grows until the process dies, instead of failing fast. Set `connectionTimeoutMillis` (2,000–5,000 ms is typical) so callers get an error they can retry or turn into a 503.',
    postgresIdle:
      'This postgres.js client sets no `idle_timeout`, and its default (0) never closes an idle connection: every replica keeps up to `max` connections open through quiet hours, and a connection silently dropped by a NAT or load balancer fails the next query on it. Set `idle_timeout` (in seconds, 20–60 is typical).',
  },
  applies: (facts) => facts.constructs.some((c) => isPgPool(c) || c.construct.library === 'postgres'),
  check(facts, ctx) {
    for (const c of facts.constructs) {
      if (isPgPool(c) && pgMissingConnectTimeout(c)) ctx.report({ node: c.node, messageId: 'pgConnect' });
      else if (c.construct.library === 'postgres' && postgresMissingIdle(c)) ctx.report({ node: c.node, messageId: 'postgresIdle' });
    }
  },
});

function pgMissingConnectTimeout(c: ConstructFact): boolean {
  const options = optionsAt(c.args, 0);
  return options.kind === 'none' || (options.kind === 'literal' && !hasOption(options.object, 'connectionTimeoutMillis'));
}

/**
 * postgres.js also reads `idle_timeout` from the URL's query string and from `PGIDLE_TIMEOUT`, so
 * only an options object written in the code, without it, is reported.
 */
function postgresMissingIdle(c: ConstructFact): boolean {
  const first = c.args[0] && unwrap(c.args[0]);
  if (!first) return false;
  const optionsIndex = ts.isObjectLiteralExpression(first) ? 0 : 1;
  if (optionsIndex === 1 && /[?&]idle_timeout=/.test(stringText(first) ?? '')) return false;
  const options = optionsAt(c.args, optionsIndex);
  return options.kind === 'literal' && !hasOption(options.object, 'idle_timeout', 'timeout');
}
