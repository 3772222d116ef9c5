import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { review, type ReviewResult } from '../engine/index.js';
import { conclusionOf, docsUrlFor, renderJson, renderReview, renderText } from '../review/index.js';
import { RULES } from '../rules/index.js';
import { loadSources } from './load-sources.js';
import { USAGE, parseCliArgs, type CliOptions } from './parse-cli-args.js';
import { UsageError } from './usage-error.js';

export interface CliIo {
  cwd: string;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** The configuration file the App reads; the CLI will read it too, and says so while it does not. */
const CONFIG_PATH = '.github/perf-review.yml';

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

    if (await exists(io.cwd, CONFIG_PATH)) {
      io.stderr.write(`perf-review: ${CONFIG_PATH} is not read by the CLI yet; every rule runs with its defaults\n`);
    }
    const { inputs, skipped } = await loadSources(io.cwd, options.paths, options.base);
    const reviewed = review(inputs, { mode: options.base !== undefined && !options.all ? 'changed' : 'all' });
    const result: ReviewResult = { ...reviewed, skipped: [...skipped, ...reviewed.skipped] };
    io.stdout.write(render(result, options, io.cwd));
    return conclusionOf(result.findings, options.failOn) === 'failure' ? 1 : 0;
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr.write(`perf-review: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

function render(result: ReviewResult, options: CliOptions, cwd: string): string {
  switch (options.format) {
    case 'json':
      return renderJson(result, { failOn: options.failOn });
    case 'markdown':
      return renderReview(result, {
        title: titleOf(options, cwd),
        date: new Date().toISOString().slice(0, 10),
        linkTo: (path, line) => `${encodeURI(path)}#L${line}`,
        docsUrl: (ruleId) => docsUrlFor(ruleId),
        failOn: options.failOn,
      }).summary;
    case 'text':
      return renderText(result, { failOn: options.failOn });
  }
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

async function exists(cwd: string, path: string): Promise<boolean> {
  return stat(join(cwd, path)).then(
    () => true,
    () => false,
  );
}

/** package.json sits two folders up from both src/cli and dist/cli. */
async function version(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
