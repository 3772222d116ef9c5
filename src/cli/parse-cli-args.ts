import { parseArgs } from 'node:util';
import type { FailOn } from '../review/index.js';
import { CONFIG_PATH, FAIL_ON_VALUES } from '../config/index.js';
import { UsageError } from './usage-error.js';

export type CliFormat = 'text' | 'json' | 'markdown' | 'sarif';

export interface CliOptions {
  paths: string[];
  base?: string;
  all: boolean;
  format: CliFormat;
  /** Absent when not given: the configuration's `failOn` applies, then the default. */
  failOn?: FailOn;
  /** `--config <file>`; absent: `.github/perf-review.yml` when there is one. */
  config?: string;
  listRules: boolean;
  /** `--github`: review the pull request of the workflow run this runs in, and publish the review to it. */
  github: boolean;
  /** `--sarif-file <file>`: also write the review as SARIF there, whatever `--format` prints. */
  sarifFile?: string;
  help: boolean;
  version: boolean;
}

const FORMATS: readonly string[] = ['text', 'json', 'markdown', 'sarif'];
const FAIL_ON: readonly string[] = FAIL_ON_VALUES;

export const USAGE = `Usage: perf-review [paths...] [options]

Reviews JavaScript and TypeScript files for the performance problems of high-volume Node.js back-ends.

  paths                     files or folders to review (default: .)
  --base <git-ref>          review only the lines changed since <git-ref>, as a pull request would
                            (uncommitted and untracked files count as changed)
  --all                     review every line (the default without --base; with --base, every line
                            of the changed files)
  --format <format>         text (default), json, markdown (the summary comment the App posts)
                            or sarif (SARIF 2.1.0, for code scanning)
  --fail-on <severity>      exit 1 when a finding reaches critical (default), moderate or minor;
                            none never fails; wins over failOn in the configuration
  --config <file>           the configuration to use (default: ${CONFIG_PATH} when present);
                            include and exclude globs are matched against paths relative to
                            the working directory
  --list-rules              list every rule (with --format json: a JSON array)
  --github                  inside a GitHub Actions pull_request workflow: review the lines the pull
                            request changes and publish the review to it (inline comments, summary
                            comment, check run), reading GITHUB_EVENT_PATH, GITHUB_REPOSITORY,
                            GITHUB_API_URL, GITHUB_TOKEN and GITHUB_WORKSPACE; with a read-only
                            token, annotations and the job summary instead
  --sarif-file <file>       also write the review as SARIF 2.1.0 to <file>
  -h, --help                show this help
  -v, --version             show the version

Exit status: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error.
`;

/** Reads the command line of the contract; anything it does not know is an error, never ignored. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: 'string' },
        all: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string' },
        'list-rules': { type: 'boolean', default: false },
        config: { type: 'string' },
        github: { type: 'boolean', default: false },
        'sarif-file': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(parseErrorMessage(error));
  }
  const { values, positionals } = parsed;
  const format = values.format;
  const failOn = values['fail-on'];
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format ${format} (expected text, json, markdown or sarif)`);
  if (failOn !== undefined && !FAIL_ON.includes(failOn)) throw new UsageError(`unknown --fail-on ${failOn} (expected critical, moderate, minor or none)`);
  if (values.config === '') throw new UsageError('--config needs a file');
  if (values.base !== undefined && (values.base === '' || values.base.startsWith('-'))) {
    throw new UsageError(`--base needs a git ref, not "${values.base}"`);
  }
  if (values['list-rules'] && (positionals.length > 0 || values.base !== undefined)) {
    throw new UsageError('--list-rules takes no paths and no --base');
  }
  if (values.github && (positionals.length > 0 || values.base !== undefined || values['list-rules'])) {
    throw new UsageError('--github reviews the files the pull request changes: it takes no paths, no --base and no --list-rules');
  }
  if (values['sarif-file'] === '') throw new UsageError('--sarif-file needs a file');
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    ...(values.base !== undefined ? { base: values.base } : {}),
    all: values.all,
    format: format as CliFormat,
    ...(failOn !== undefined ? { failOn: failOn as FailOn } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    listRules: values['list-rules'],
    github: values.github,
    ...(values['sarif-file'] !== undefined ? { sarifFile: values['sarif-file'] } : {}),
    help: values.help,
    version: values.version,
  };
}

/** Node's messages suggest `--` tricks and span several clauses; a user needs the option and the fix. */
function parseErrorMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option} (see perf-review --help)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(message) ? `${option} needs a value` : `${option} takes no value`;
  }
  return message.split('\n')[0]!;
}
