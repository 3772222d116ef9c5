// Runs one analysis in a fresh process and prints its memory figures (see peak-memory.ts).
// First, as in perf-review's own processes: the garbage collector's settings (src/gc-settings.ts).
import '../src/gc-settings.js';
import { review } from '../src/engine/index.js';
import { closeAnalysisPool, reviewOffThread } from '../src/engine/pool/review-off-thread.js';
import { generateRepository } from './generate-repository.js';
import { inputsOf } from './measure-engine.js';
import type { AnalysisPlace, PeakMemory } from './peak-memory.js';
import { collectGarbage, round } from './time-runs.js';

const [files, seed, place] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4] as AnalysisPlace];
const repository = generateRepository(files, seed);
const inputs = inputsOf(repository.files);
const mb = (bytes: number) => round(bytes / 1024 / 1024);

collectGarbage();
const baselineRssMb = mb(process.memoryUsage().rss);
if (place === 'pool') {
  await reviewOffThread(inputs, { mode: 'all' });
  await closeAnalysisPool();
} else {
  review(inputs, { mode: 'all' });
}
collectGarbage();
const result: PeakMemory = {
  files,
  lines: repository.lines,
  place,
  baselineRssMb,
  // maxRSS is in kilobytes.
  peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
  afterRssMb: mb(process.memoryUsage().rss),
};
process.stdout.write(JSON.stringify(result));
