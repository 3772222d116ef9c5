import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { nodeArgsFor, siblingModule } from './node-args-for.js';

export type AnalysisPlace = 'in-thread' | 'pool';

export interface PeakMemory {
  files: number;
  lines: number;
  place: AnalysisPlace;
  /** Resident set once Node, the engine and the sources are loaded, before the analysis. */
  baselineRssMb: number;
  /** The process's highest resident set (`resourceUsage().maxRSS`), analysis included. */
  peakRssMb: number;
  /** Resident set after the analysis, once its garbage is collected: what a review leaves behind. */
  afterRssMb: number;
}

/**
 * Peak memory needs a process of its own: `maxRSS` only grows, and the bench process has already
 * held ESLint's programs and earlier runs.
 */
export async function measurePeakMemory(files: number, seed: number, place: AnalysisPlace): Promise<PeakMemory> {
  const child = siblingModule(import.meta.url, 'peak-memory-child');
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', ...nodeArgsFor(child, [String(files), String(seed), place])], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as PeakMemory;
}
