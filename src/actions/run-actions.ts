import type { CliIo } from '../cli/run-cli.js';
import { loadConfig } from '../cli/load-config.js';
import type { CliOptions } from '../cli/parse-cli-args.js';
import { writeOutput } from '../cli/write-output.js';
import { CONFIG_PATH, engineOptionsOf, type PerfReviewConfig } from '../config/index.js';
import { review, type ReviewMode, type ReviewResult, type SourceInput } from '../engine/index.js';
import { plural } from '../review/markdown.js';
import { completeCheckRun, startCheckRun, type CheckRun } from '../github/check-run.js';
import { describeFailure, type ReviewStep } from '../github/describe-failure.js';
import { errorFields, httpStatusOf, isMissingPermission } from '../github/error-fields.js';
import { listChangedFiles, type ChangedFile, type ChangedFiles } from '../github/list-changed-files.js';
import { listReviewComments } from '../github/list-review-comments.js';
import { publishReview, renderPullRequestReview, type PublishLog } from '../github/publish-review.js';
import { selectChangedFiles } from '../github/select-changed-files.js';
import type { GitHub } from '../github/types.js';
import { ActionsOctokit, createActionsOctokit } from './actions-octokit.js';
import { readActionsEnvironment, type ActionsEnvironment } from './read-actions-environment.js';
import { readCheckoutSources } from './read-checkout-sources.js';
import { unshownAnnotationsNote, writeJobReport } from './write-job-report.js';

/** What the review of one pull request needs once the environment and configuration are read. */
interface Run {
  octokit: GitHub;
  actions: ActionsEnvironment;
  config: PerfReviewConfig;
  configFile: string;
  mode: ReviewMode;
  options: CliOptions;
  io: CliIo;
  version: string;
  say: (line: string) => void;
}

/**
 * `perf-review --github`: the pull request of the workflow run this step belongs to, reviewed from
 * the checkout and published through the App's own publisher, with the workflow's token. A token
 * that may not write (a pull request from a fork) gets annotations and the job summary instead.
 * Exit status as the command line's: 1 when a finding reaches the gate, so the job gates the merge
 * either way; 2 when the review could not run or be published.
 */
export async function runActions(options: CliOptions, io: CliIo, version: string): Promise<number> {
  const say = (line: string) => void io.stderr.write(`perf-review: ${line}\n`);
  const env = io.env ?? process.env;
  const actions = await readActionsEnvironment(env, io.cwd);
  // A file named on the command line is the user's path; the default lives in the repository.
  const loaded = options.config !== undefined ? await loadConfig(io.cwd, options.config) : await loadConfig(actions.workspace);
  for (const note of loaded.notes) say(note);
  const config = { ...loaded.config, failOn: options.failOn ?? loaded.config.failOn };
  // Marking a draft ready is the moment its author asks for reviews, as for the App.
  if (config.skipDrafts && actions.draft && actions.action !== 'ready_for_review') {
    say(`#${actions.target.pullNumber} is a draft: not reviewed (skipDrafts)`);
    return 0;
  }
  const octokit = createActionsOctokit(io.Octokit ?? ActionsOctokit, {
    token: actions.token,
    apiUrl: actions.apiUrl,
    userAgent: `perf-review/${version}`,
    stderr: io.stderr,
    debug: env.RUNNER_DEBUG === '1',
  });
  const run: Run = { octokit, actions, config, configFile: loaded.file ?? CONFIG_PATH, mode: options.all ? 'all' : 'changed', options, io, version, say };

  let checkRun: CheckRun;
  try {
    checkRun = await startCheckRun(octokit, actions.target);
  } catch (error) {
    if (!isMissingPermission(error)) {
      say(`${describeFailure('check', error).title} ${errorFields(error).message}`);
      return 2;
    }
    return reviewReadOnly(run, error);
  }
  return reviewAndPublish(run, checkRun);
}

async function reviewAndPublish(run: Run, checkRun: CheckRun): Promise<number> {
  const { octokit, actions, config, mode, say } = run;
  const { target } = actions;
  let step: ReviewStep = 'files';
  try {
    const { listing, files, notes, sources } = await readPullRequest(run);
    step = 'comments';
    const posted = await listReviewComments(octokit, target);
    step = 'analyse';
    const result = await analyse(run, sources, files, notes);
    const log: PublishLog = {
      info: () => undefined,
      warn: (fields, message) => say(`${message}${statusOf(fields)}`),
    };
    const published = await publishReview(octokit, target, result, {
      config,
      mode,
      listing,
      files,
      posted,
      checkRun,
      notes,
      log,
      publisher: 'workflow',
      onStep: (next) => (step = next),
    });
    if (published.status === 'superseded') {
      say(`#${target.pullNumber} has a newer head (${published.by.slice(0, 7)}): nothing was published for ${target.headSha.slice(0, 7)}, the run for the newer commit reviews it`);
      return 0;
    }
    say(`published on #${target.pullNumber}: ${plural(published.comments, 'new inline comment')}, the summary comment, and the check run "Performance Review" (${published.conclusion})`);
    return published.conclusion === 'failure' ? 1 : 0;
  } catch (error) {
    const failure = describeFailure(step, error);
    say(`${failure.title} ${errorFields(error).message}`);
    try {
      await completeCheckRun(octokit, target, checkRun, failure);
    } catch (reportError) {
      say(`could not complete the check run either: ${errorFields(reportError).message}`);
    }
    return 2;
  }
}

/**
 * A token that may not create a check run may write nothing else either: a pull request from a
 * fork gets a read-only `GITHUB_TOKEN`. Reading still works, so the review runs as usual and goes
 * where a read-only job can put it: annotations on the lines, and the summary on the run's page.
 */
async function reviewReadOnly(run: Run, refusal: unknown): Promise<number> {
  const { actions, config, say } = run;
  const { target } = actions;
  const why = `GitHub refused to let the workflow create a check run on ${target.owner}/${target.repo} (HTTP ${httpStatusOf(refusal)}), as it does for a pull request from a fork or without \`checks: write\``;
  let step: ReviewStep = 'files';
  let result: ReviewResult;
  let read: PullRequestFiles;
  try {
    read = await readPullRequest(run);
    step = 'analyse';
    result = await analyse(run, read.sources, read.files, read.notes);
  } catch (error) {
    say(`${describeFailure(step, error).title} ${errorFields(error).message}`);
    return 2;
  }
  const note = `Posted as annotations and this job summary: ${why}, so nothing was posted on the pull request.`;
  const unshown = unshownAnnotationsNote(result.findings);
  const rendered = renderPullRequestReview(target, result, { files: read.files, notes: [note, ...read.notes, ...(unshown ? [unshown] : [])], failOn: config.failOn });
  const summarised = await writeJobReport(result.findings, rendered.summary, { stdout: run.io.stdout, ...(actions.stepSummary ? { stepSummary: actions.stepSummary } : {}) });
  const where = summarised ? 'the summary is in the job summary' : 'there is no job summary (GITHUB_STEP_SUMMARY is not set)';
  say(`read-only token: ${why}; the findings are annotations, ${where}, and the exit status gates the job`);
  return rendered.conclusion === 'failure' ? 1 : 0;
}

interface PullRequestFiles {
  listing: ChangedFiles;
  /** The listed files `include` / `exclude` let through. */
  files: ChangedFile[];
  notes: string[];
  sources: SourceInput[];
}

/**
 * The pull request's changed files from GitHub (its patches decide which lines count and where
 * inline comments may go, exactly as for the App) and their content from the checkout.
 */
async function readPullRequest(run: Run): Promise<PullRequestFiles> {
  const { octokit, actions, config, configFile, say } = run;
  const { target } = actions;
  const listing = await listChangedFiles(octokit, target);
  const { files, notes } = selectChangedFiles(listing, config, target, configFile);
  const { sources, fromGitHub } = await readCheckoutSources(octokit, target, actions.workspace, files);
  if (fromGitHub > 0) {
    say(`${plural(fromGitHub, 'changed file')} read from GitHub: the checkout does not hold ${fromGitHub === 1 ? 'its' : 'their'} content at the head commit ${target.headSha.slice(0, 7)} (actions/checkout checks out a merge commit unless given that ref)`);
  }
  return { listing, files, notes, sources };
}

/** The analysis, printed in the chosen format before anything is published, so the log has it whatever GitHub answers. */
async function analyse(run: Run, sources: SourceInput[], files: readonly ChangedFile[], notes: string[]): Promise<ReviewResult> {
  const { actions, config, mode, options, io, version } = run;
  const result = review(sources, engineOptionsOf(config, mode));
  await writeOutput(result, { ...options, failOn: config.failOn }, {
    cwd: io.cwd,
    root: actions.workspace,
    version,
    stdout: io.stdout,
    markdown: () => renderPullRequestReview(actions.target, result, { files, notes, failOn: config.failOn }).summary,
  });
  return result;
}

function statusOf(fields: object): string {
  const status = (fields as { status?: unknown }).status;
  return typeof status === 'number' ? ` (HTTP ${status})` : '';
}
