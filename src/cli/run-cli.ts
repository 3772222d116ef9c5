import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ActionsOctokitClass } from '../actions/actions-octokit.js';
import { engineOptionsOf, selectFiles } from '../config/index.js';
import { review, type ReviewResult } from '../engine/index.js';
import { conclusionOf, docsUrlFor, renderReview, type FailOn } from '../review/index.js';
import { RULES } from '../rules/index.js';
import { loadConfig } from './load-config.js';
import { loadSources } from './load-sources.js';
import { USAGE, parseCliArgs, type CliOptions } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';
import { writeOutput } from './write-output.js';

export interface CliIo {
  cwd: string;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** The environment `--github` reads the workflow run from; `process.env` when absent. */
  env?: NodeJS.ProcessEnv;
  /** The client class `--github` publishes with; the Actions client when absent. */
  Octokit?: ActionsOctokitClass;
}

/**
 * The `perf-review` command: review files or the changes since a ref, print them, and answer with
 * the exit status of the contract (0 passes, 1 a finding reaches --fail-on, 2 usage or input error).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCliArgs(argv);
    if (options.help) return print(io, USAGE);
    if (options.version) return print(io, `${await version()}\n`);
    if (options.listRules) return print(io, listRules(options));
    // Loaded only here: a local review never needs the GitHub client.
    if (options.github) return await (await import('../actions/run-actions.js')).runActions(options, io, await version());

    const { config, file, notes } = await loadConfig(io.cwd, options.config);
    for (const note of notes) io.stderr.write(`perf-review: ${note}\n`);
    // An explicit flag is this run's decision; the file is the project's standing one.
    const failOn = options.failOn ?? config.failOn;
    const { inputs, skipped } = await loadSources(io.cwd, options.paths, {
      ...(options.base !== undefined ? { base: options.base } : {}),
      selection: { select: (paths) => selectFiles(paths, config), reason: `excluded by ${file ?? 'the configuration'}` },
    });
    const reviewed = review(inputs, engineOptionsOf(config, options.base !== undefined && !options.all ? 'changed' : 'all'));
    const result: ReviewResult = { ...reviewed, skipped: [...skipped, ...reviewed.skipped] };
    await writeOutput(result, { ...options, failOn }, { cwd: io.cwd, root: io.cwd, version: await version(), stdout: io.stdout, markdown: () => markdown(result, options, failOn, io.cwd) });
    return conclusionOf(result.findings, failOn) === 'failure' ? 1 : 0;
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr.write(`perf-review: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

function markdown(result: ReviewResult, options: CliOptions, failOn: FailOn, cwd: string): string {
  return renderReview(result, {
    title: titleOf(options, cwd),
    date: new Date().toISOString().slice(0, 10),
    linkTo: (path, line) => `${encodeURI(path)}#L${line}`,
    docsUrl: (ruleId) => docsUrlFor(ruleId),
    failOn,
  }).summary;
}

/** `.` alone says nothing in a heading; the folder's name does. */
function titleOf(options: CliOptions, cwd: string): string {
  const area = options.paths.map((path) => (path === '.' ? basename(cwd) : path.replace(/\\/g, '/'))).join(', ');
  return options.base !== undefined ? `${area} (changes since ${options.base})` : area;
}

function listRules(options: CliOptions): string {
  const rules = RULES.map((rule) => ({
    id: rule.id,
    checklist: rule.checklist,
    severity: rule.severity,
    docs: `docs/rules/${rule.id}.md`,
    description: rule.docs.description,
  }));
  if (options.format === 'json') return `${JSON.stringify(rules, null, 2)}\n`;
  const width = (key: 'id' | 'checklist' | 'severity') => Math.max(...rules.map((rule) => rule[key].length));
  const [id, checklist, severity] = [width('id'), width('checklist'), width('severity')];
  return rules.map((r) => `${r.id.padEnd(id)}  ${r.checklist.padEnd(checklist)}  ${r.severity.padEnd(severity)}  ${r.description}\n`).join('');
}

function print(io: CliIo, text: string): number {
  io.stdout.write(text);
  return 0;
}

/** package.json sits two folders up from both src/cli and dist/cli. */
export async function version(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
