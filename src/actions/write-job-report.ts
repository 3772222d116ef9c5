import { appendFile } from 'node:fs/promises';
import { SEVERITIES, type Finding } from '../engine/index.js';
import { plural } from '../review/markdown.js';
import { workflowAnnotation } from './workflow-annotation.js';

/**
 * "10 warning annotations, 10 error annotations, and 10 notice annotations per step": the runner
 * drops the rest without a word.
 * https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations
 */
export const MAX_ANNOTATIONS_PER_KIND = 10;

export interface JobReportIo {
  stdout: { write(chunk: string): unknown };
  /** The file at `GITHUB_STEP_SUMMARY`: its Markdown shows on the run's summary page. */
  stepSummary?: string;
}

/**
 * What a job with a read-only token can still publish: each finding as an annotation (printed as
 * a workflow command, most severe first so the runner's cap drops the least important ones), and
 * the summary appended to the job summary. Returns whether there was a job summary to append to.
 */
export async function writeJobReport(findings: readonly Finding[], summary: string, io: JobReportIo): Promise<boolean> {
  const ordered = SEVERITIES.flatMap((severity) => findings.filter((finding) => finding.severity === severity));
  for (const finding of ordered) io.stdout.write(`${workflowAnnotation(finding)}\n`);
  if (io.stepSummary === undefined) return false;
  await appendFile(io.stepSummary, summary.endsWith('\n') ? summary : `${summary}\n`);
  return true;
}

/** Said in the summary when the runner will not show every annotation, so nobody takes the rest for gone. */
export function unshownAnnotationsNote(findings: readonly Finding[]): string | undefined {
  const unshown = SEVERITIES.reduce((sum, severity) => sum + Math.max(0, findings.filter((finding) => finding.severity === severity).length - MAX_ANNOTATIONS_PER_KIND), 0);
  if (unshown === 0) return undefined;
  return `GitHub shows ${MAX_ANNOTATIONS_PER_KIND} annotations of each severity per step: ${plural(unshown, 'finding')} ${unshown === 1 ? 'has' : 'have'} no annotation on the pull request, and this summary lists every one.`;
}
