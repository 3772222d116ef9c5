import { defineRule } from '../engine/rule.js';
import { isInside, processors, reachableFrom } from './utils/functions.js';

/** Circuit-breaker libraries of the ecosystem; any of them imported means the author thought of it. */
const BREAKERS = new Set(['opossum', 'cockatiel', 'brakes', 'mollitia', 'circuit-breaker-js', '@fastify/circuit-breaker']);

export default defineRule({
  id: 'require-circuit-breaker',
  checklist: 'worker.circuit-breaker',
  severity: 'minor',
  docs: { description: 'Require outbound HTTP calls made by job processors to go through a circuit breaker.' },
  messages: {
    noBreaker:
      'This job calls an external service with `{{client}}` and no circuit breaker: when the service is down every job waits for its timeout and retries, the queue backs up past 10,000 jobs and workers sit idle on dead sockets. Wrap the call in a breaker (`opossum`, `cockatiel`) and fail fast while it is open.',
  },
  applies: (facts) => processors(facts).length > 0 && facts.httpCalls.length > 0,
  check(facts, ctx) {
    if ([...facts.imports.values()].some((binding) => BREAKERS.has(binding.module))) return;
    const reported = new Set<string>();
    for (const processor of processors(facts)) {
      const reached = [...reachableFrom(facts, processor)];
      for (const call of facts.httpCalls) {
        if (!reached.some((fn) => isInside(call.node, fn))) continue;
        const key = `${call.node.pos}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report({ node: call.node, messageId: 'noBreaker', data: { client: call.client } });
      }
    }
  },
});
