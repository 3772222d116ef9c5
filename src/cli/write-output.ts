import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReviewResult } from '../engine/index.js';
import { renderJson, renderText, type FailOn } from '../review/index.js';
import { renderSarif } from '../review/sarif.js';
import type { CliFormat } from './parse-cli-args.js';

export interface OutputOptions {
  format: CliFormat;
  failOn: FailOn;
  sarifFile?: string;
}

export interface OutputContext {
  /** The working directory: `--sarif-file` is relative to it. */
  cwd: string;
  /** The folder the findings' paths are relative to: `%SRCROOT%` in SARIF. */
  root: string;
  version: string;
  /** The summary in the output template, as this front end titles and links it. */
  markdown: () => string;
  stdout: { write(chunk: string): unknown };
}

/**
 * Prints the review in the chosen format and, with `--sarif-file`, writes SARIF beside it: the CLI
 * on a checkout and the Actions mode print the same way, and a workflow can hand the file to code
 * scanning while its log shows the text.
 */
export async function writeOutput(result: ReviewResult, options: OutputOptions, ctx: OutputContext): Promise<void> {
  const sarif = () => renderSarif(result, { version: ctx.version, srcRoot: pathToFileURL(ctx.root).href.replace(/\/?$/, '/') });
  ctx.stdout.write(render(result, options, ctx, sarif));
  if (options.sarifFile !== undefined) await writeFile(resolve(ctx.cwd, options.sarifFile), sarif());
}

function render(result: ReviewResult, options: OutputOptions, ctx: OutputContext, sarif: () => string): string {
  switch (options.format) {
    case 'sarif':
      return sarif();
    case 'json':
      return renderJson(result, { failOn: options.failOn });
    case 'markdown':
      return ctx.markdown();
    case 'text':
      return renderText(result, { failOn: options.failOn });
  }
}
