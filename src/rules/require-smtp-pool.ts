import { defineRule } from '../engine/rule.js';
import { perCallContext } from './utils/clients.js';
import { smtpKindOf, unpooledSmtp } from './utils/smtp.js';

export default defineRule({
  id: 'require-smtp-pool',
  checklist: 'pool.smtp',
  severity: 'moderate',
  docs: { description: 'Require nodemailer SMTP transports to be pooled and created once, not per send.' },
  messages: {
    noPool:
      'This SMTP transport is not pooled: nodemailer opens a new connection for every message, paying TCP + TLS + AUTH (several round-trips, often 100–300 ms) per email. At 1M emails a day that is a million handshakes, and providers throttle that kind of connection churn. Add `pool: true`, with `maxConnections` and `maxMessages` sized to what your provider allows.',
    perSend:
      'A new SMTP transport is created for each {{context}}: every email pays a fresh TCP + TLS + AUTH handshake (100–300 ms) and no connection is ever reused, pooled or not. Create one transport with `pool: true` at module level (or one per SMTP account, cached in a module `Map`) and reuse it.',
  },
  // The per-send finding is the SMTP-specific form of a client created per request.
  overrides: ['no-client-per-request'],
  applies: (facts) => facts.constructs.some((c) => c.construct.library === 'nodemailer' && smtpKindOf(c) !== 'other'),
  check(facts, ctx) {
    for (const c of facts.constructs) {
      if (c.construct.library !== 'nodemailer' || smtpKindOf(c) === 'other') continue;
      const context = perCallContext(facts, c);
      if (context) ctx.report({ node: c.node, messageId: 'perSend', data: { context } });
      else if (unpooledSmtp(c)) ctx.report({ node: c.node, messageId: 'noPool' });
    }
  },
});
