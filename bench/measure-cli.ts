import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo-root.js';
import { perSecond, round, summarise, type WallTiming } from './time-runs.js';

export interface CliRun {
  command: string;
  files: number;
  lines: number;
  /** Wall time of the process: Node start-up, loading the engine, reading the files, analysis, output. */
  wall: WallTiming;
  filesPerSecond: number;
  /** The engine's own figure from the JSON output, for the share start-up takes. */
  analysisMs: number;
}

const CORPUS = 'test/corpus';

/** `perf-review --all` over the precision corpus, as a user runs it: a new process each time. */
export async function measureCli(repeats: number): Promise<CliRun | { skipped: string }> {
  const root = repoRoot();
  const bin = join(root, 'dist', 'cli', 'main.js');
  const built = await access(bin).then(
    () => true,
    () => false,
  );
  if (!built) return { skipped: 'dist/cli/main.js is missing: run `npm run build` first' };
  const args = [bin, '--all', '--format', 'json', CORPUS];
  const runsMs: number[] = [];
  let output = { stats: { files: 0, lines: 0, durationMs: 0 } };
  for (let run = 0; run < repeats; run++) {
    const started = performance.now();
    const stdout = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).then(
      (done) => done.stdout,
      // Exit status 1 only says findings reached --fail-on: the corpus is full of them on purpose.
      (error: { code?: number; stdout?: string }) => {
        if (error.code === 1 && error.stdout) return error.stdout;
        throw error;
      },
    );
    runsMs.push(round(performance.now() - started));
    output = JSON.parse(stdout) as typeof output;
  }
  const wall = summarise(runsMs);
  return {
    command: `perf-review --all --format json ${CORPUS}`,
    files: output.stats.files,
    lines: output.stats.lines,
    wall,
    filesPerSecond: perSecond(output.stats.files, wall.medianMs),
    analysisMs: output.stats.durationMs,
  };
}
