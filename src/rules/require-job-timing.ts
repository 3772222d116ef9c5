import { defineRule } from '../engine/rule.js';
import { bodyText, processors, reachableFrom, workerOf } from './utils/functions.js';

/** What measuring a job's duration looks like in the processor or the worker's events. */
const TIMING = /\b(performance\.now|Date\.now|process\.hrtime|console\.time|startTimer|observe|histogram|\.time\(|timing|duration|processedOn|finishedOn|startActiveSpan|startSpan)\b/;

export default defineRule({
  id: 'require-job-timing',
  checklist: 'worker.timing',
  severity: 'minor',
  docs: { description: 'Require BullMQ job processors to record how long each job takes.' },
  messages: {
    untimed:
      'This worker records no job duration: when throughput drops below 50 emails/s nobody can tell which job type got slow. Observe `Date.now() - start` (or `job.finishedOn - job.processedOn` in a `completed` listener) into a histogram per job name.',
  },
  applies: (facts) => processors(facts).length > 0,
  check(facts, ctx) {
    const timedByEvents = facts.listeners.some(
      (l) => (l.event === 'completed' || l.event === 'failed') && l.handler !== undefined && TIMING.test(facts.text(l.handler)),
    );
    if (timedByEvents) return;
    for (const processor of processors(facts)) {
      const reached = [...reachableFrom(facts, processor)];
      if (reached.some((fn) => TIMING.test(bodyText(facts, fn)))) continue;
      const worker = workerOf(facts, processor);
      ctx.report({ node: worker?.node ?? processor.node, messageId: 'untimed' });
    }
  },
});
