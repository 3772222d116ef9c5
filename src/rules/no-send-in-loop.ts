import * as ts from '../engine/compiler.js';
import { unwrap } from '../engine/facts/ast.js';
import type { LoopFact } from '../engine/facts/index.js';
import { defineRule } from '../engine/rule.js';
import { itemName, perItemLoop } from './utils/loops.js';

export default defineRule({
  id: 'no-send-in-loop',
  checklist: 'batch.bulk-send',
  severity: 'critical',
  docs: {
    description: 'Disallow sending an email or enqueuing a job once per recipient in a loop instead of in bulk.',
  },
  messages: {
    mail:
      'Each `{{item}}` gets its own `{{method}}` call, one after another: at ~100 ms per SMTP or API round-trip, 10,000 recipients take 17 minutes and hold this request or job that long. Enqueue the recipients with one `queue.addBulk(...)` and let workers send through a pooled transport (`pool: true`, `maxConnections`) with bounded concurrency.',
    provider:
      'Each `{{item}}` gets its own `{{method}}` request to the email provider: 10,000 recipients cost 10,000 HTTP round-trips and use up its rate limit. Use the provider\'s batch API (SendGrid personalizations: up to 1,000 recipients per request; Resend `batch.send`: 100 emails; SES v2 `SendBulkEmail`: 50 destinations), or enqueue the recipients with `queue.addBulk(...)`.',
    queue:
      'Each `{{item}}` is enqueued with its own `add`: 10,000 recipients cost 10,000 Redis round-trips (about 5 s at 0.5 ms each) and a crash half-way leaves half of them queued. Build the jobs first and enqueue them with one `queue.addBulk(jobs)` per chunk of at most 1,000.',
  },
  applies: (facts) => facts.mailCalls.length > 0 || facts.queueCalls.some((c) => c.method === 'add'),
  check(facts, ctx) {
    const sends = [
      ...facts.mailCalls.map((c) => ({ node: c.node, method: c.method, messageId: c.method === 'sendMail' ? 'mail' : 'provider' })),
      ...facts.queueCalls.filter((c) => c.method === 'add' && !isRepeatable(c.args[2])).map((c) => ({ node: c.node, method: c.method, messageId: 'queue' })),
    ];
    for (const send of sends) {
      const site = facts.siteOf(send.node);
      if (!site) continue;
      const loop = perItemLoop(facts, site.loops, [...send.node.arguments]);
      if (!loop || iteratesFixedList(loop)) continue;
      ctx.report({ node: send.node, messageId: send.messageId, data: { item: itemName(loop), method: send.method } });
    }
  },
});

/** `add(name, data, { repeat })` registers a schedule: BullMQ's `addBulk` ignores `repeat`, so there is no bulk form. */
function isRepeatable(options: ts.Expression | undefined): boolean {
  const inner = options && unwrap(options);
  return !!inner && ts.isObjectLiteralExpression(inner) && inner.properties.some((p) => p.name?.getText() === 'repeat');
}

/** `for (const to of ADMINS)` with `const ADMINS = ['ops@…', 'cto@…']` at module level: a handful, written in the code. */
function iteratesFixedList(loop: LoopFact): boolean {
  const node = loop.node;
  let iterable: ts.Expression | undefined;
  if (ts.isForOfStatement(node)) iterable = node.expression;
  else if (loop.kind === 'array-callback' && ts.isCallExpression(node) && ts.isPropertyAccessExpression(unwrap(node.expression))) {
    iterable = (unwrap(node.expression) as ts.PropertyAccessExpression).expression;
  }
  const inner = iterable && unwrap(iterable);
  if (!inner || !ts.isIdentifier(inner)) return false;
  for (const statement of inner.getSourceFile().statements) {
    if (!ts.isVariableStatement(statement) || (statement.declarationList.flags & ts.NodeFlags.Const) === 0) continue;
    const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === inner.text);
    if (declaration?.initializer) return ts.isArrayLiteralExpression(unwrap(declaration.initializer));
  }
  return false;
}
