// `npm run bench`: prints one JSON document on stdout, progress on stderr.
// First, as in perf-review's own processes: the garbage collector's settings (src/gc-settings.ts).
import '../src/gc-settings.js';
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, runBench, type BenchOptions } from './run-bench.js';
import type { WebhookQueue } from './webhook-latency.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    seed: { type: 'string' },
    repeats: { type: 'string' },
    'eslint-repeats': { type: 'string' },
    'eslint-files': { type: 'string' },
    'cli-repeats': { type: 'string' },
    'memory-files': { type: 'string' },
    'end-to-end-files': { type: 'string' },
    'webhook-deliveries': { type: 'string' },
    'webhook-rounds': { type: 'string' },
    'webhook-files': { type: 'string' },
    'webhook-queue': { type: 'string' },
    only: { type: 'string' },
    'no-warm-up': { type: 'boolean', default: false },
  },
});

const count = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
const options: BenchOptions = {
  sizes: values.sizes ? values.sizes.split(',').map(Number) : DEFAULT_OPTIONS.sizes,
  seed: count(values.seed, DEFAULT_OPTIONS.seed),
  repeats: count(values.repeats, DEFAULT_OPTIONS.repeats),
  eslintRepeats: count(values['eslint-repeats'], DEFAULT_OPTIONS.eslintRepeats),
  ...(values['eslint-files'] !== undefined ? { eslintFiles: Number(values['eslint-files']) } : {}),
  cliRepeats: count(values['cli-repeats'], DEFAULT_OPTIONS.cliRepeats),
  memoryFiles: count(values['memory-files'], DEFAULT_OPTIONS.memoryFiles),
  endToEndFiles: count(values['end-to-end-files'], DEFAULT_OPTIONS.endToEndFiles),
  webhookDeliveries: count(values['webhook-deliveries'], DEFAULT_OPTIONS.webhookDeliveries),
  webhookRounds: count(values['webhook-rounds'], DEFAULT_OPTIONS.webhookRounds),
  webhookFiles: count(values['webhook-files'], DEFAULT_OPTIONS.webhookFiles),
  webhookQueues: values['webhook-queue'] ? values['webhook-queue'].split(',').map(webhookQueue) : DEFAULT_OPTIONS.webhookQueues,
  ...(values.only !== undefined ? { only: onlyPart(values.only) } : {}),
  warmUp: !values['no-warm-up'],
  log: (line) => process.stderr.write(`bench: ${line}\n`),
};
function webhookQueue(value: string): WebhookQueue {
  if (value !== 'embedded' && value !== 'redis') throw new Error(`--webhook-queue takes embedded, redis or both (comma-separated), got ${value}`);
  return value;
}
function onlyPart(value: string): 'webhook' {
  if (value !== 'webhook') throw new Error(`--only takes webhook, got ${value}`);
  return value;
}
for (const [name, value] of Object.entries(options)) {
  const numbers = (Array.isArray(value) ? value : [value]).filter((item) => typeof item === 'number');
  if (numbers.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`${name} takes whole numbers, got ${String(value)}`);
}

process.stdout.write(`${JSON.stringify(await runBench(options), null, 2)}\n`);
