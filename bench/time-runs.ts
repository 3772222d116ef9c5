export interface Timing {
  runsMs: number[];
  medianMs: number;
  minMs: number;
  /**
   * CPU time of the whole process (every thread) per run: less disturbed than wall time when
   * other work shares the machine, though it also counts the garbage collector's background threads.
   */
  cpuRunsMs: number[];
  medianCpuMs: number;
}

/**
 * Runs `work` once untimed, then `repeats` times back to back, and keeps every figure: the machine
 * is shared and noisy, so the median is the figure to compare and the minimum shows what the code
 * costs undisturbed. No forced collection between runs: after `gc()` V8 shrinks the heap and the
 * next run pays for growing it again (a 100-file parse measured 2-3 times slower), which a
 * long-running App never sees.
 */
export async function timeRuns(repeats: number, work: () => unknown): Promise<Timing> {
  await work();
  const runsMs: number[] = [];
  const cpuRunsMs: number[] = [];
  for (let run = 0; run < repeats; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await work();
    runsMs.push(round(performance.now() - started));
    const used = process.cpuUsage(cpu);
    cpuRunsMs.push(round((used.user + used.system) / 1000));
  }
  return { ...summarise(runsMs), cpuRunsMs, medianCpuMs: median(cpuRunsMs) };
}

/**
 * Runs `a` and `b` once each untimed, then `repeats` times in turn (a, b, a, b …), and keeps every
 * figure of both: two measures taken in turn meet the same state of a shared machine, so their
 * ratio is steadier than that of two series run one after the other. `ratios` holds a's time over
 * b's for each pair, in wall and CPU time.
 */
export async function timeInTurn(repeats: number, a: () => unknown, b: () => unknown): Promise<{ a: Timing; b: Timing; ratios: number[]; cpuRatios: number[] }> {
  await a();
  await b();
  const runs = { a: { wall: [] as number[], cpu: [] as number[] }, b: { wall: [] as number[], cpu: [] as number[] } };
  const timeOnce = async (work: () => unknown, into: { wall: number[]; cpu: number[] }): Promise<void> => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await work();
    into.wall.push(round(performance.now() - started));
    const used = process.cpuUsage(cpu);
    into.cpu.push(round((used.user + used.system) / 1000));
  };
  for (let run = 0; run < repeats; run++) {
    await timeOnce(a, runs.a);
    await timeOnce(b, runs.b);
  }
  const timing = ({ wall, cpu }: { wall: number[]; cpu: number[] }): Timing => ({ ...summarise(wall), cpuRunsMs: cpu, medianCpuMs: median(cpu) });
  const ratiosOf = (x: number[], y: number[]): number[] => x.map((value, i) => round(value / y[i]!, 2));
  return { a: timing(runs.a), b: timing(runs.b), ratios: ratiosOf(runs.a.wall, runs.b.wall), cpuRatios: ratiosOf(runs.a.cpu, runs.b.cpu) };
}

export type WallTiming = Omit<Timing, 'cpuRunsMs' | 'medianCpuMs'>;

/** Wall-time figures of runs timed elsewhere (ESLint, a child process): no CPU figures. */
export function summarise(runsMs: number[]): WallTiming {
  return { runsMs, medianMs: median(runsMs), minMs: Math.min(...runsMs) };
}

/** The median, rounded to `digits` decimals: one for milliseconds, two for the ratios. */
export function median(values: readonly number[], digits = 1): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return round(sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2, digits);
}

export type Rate<T extends WallTiming> = T & { linesPerSecond: number };

export function withRate<T extends WallTiming>(timing: T, lines: number): Rate<T> {
  return { ...timing, linesPerSecond: perSecond(lines, timing.medianMs) };
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? Math.round((count * 1000) / ms) : 0;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** With `--expose-gc`, a clean heap before a memory figure is read. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
