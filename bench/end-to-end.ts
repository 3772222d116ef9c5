import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { nodeArgsFor, siblingModule } from './node-args-for.js';

export interface EndToEnd {
  files: number;
  lines: number;
  /** From the first request to GitHub to the completed check run. */
  durationMs: number;
  githubRequests: number;
  /** The budget for one review: 5 + files / 50 (the installation token, cached for an hour, apart). */
  githubRequestBudget: number;
  requestsByOperation: Record<string, number>;
  /** Requests the stand-in did not know (the App changed how it talks to GitHub). */
  unhandledRequests: string[];
  peakRssMb: number;
  outcome: unknown;
}

/**
 * One review of a pull request of `files` new files, from the check run to the summary, through
 * `runReview` against a local GitHub stand-in; in its own process so that its peak memory is its own.
 */
export async function measureEndToEnd(files: number, seed: number): Promise<EndToEnd> {
  const child = siblingModule(import.meta.url, 'end-to-end-child');
  const { stdout } = await promisify(execFile)(process.execPath, nodeArgsFor(child, [String(files), String(seed)]), { maxBuffer: 1024 * 1024 });
  return JSON.parse(stdout) as EndToEnd;
}
