// Runs one App review against the GitHub stand-in in a fresh process and prints its figures (see end-to-end.ts).
// First, as in perf-review's own processes: the garbage collector's settings (src/gc-settings.ts).
import '../src/gc-settings.js';
import { pino } from 'pino';
import { ProbotOctokit } from 'probot';
import { closeAnalysisPool } from '../src/engine/pool/review-off-thread.js';
import { runReview } from '../src/github/run-review.js';
import type { EndToEnd } from './end-to-end.js';
import { generateRepository } from './generate-repository.js';
import { startGitHubStandIn } from './github-stand-in.js';
import { round } from './time-runs.js';

const [files, seed] = [Number(process.argv[2]), Number(process.argv[3])];
const repository = generateRepository(files, seed);
const pr = { owner: 'mailer-co', repo: 'email-platform', pullNumber: 300, headSha: 'f'.repeat(40), files: repository.files };
const github = await startGitHubStandIn(pr);
// Retries would hide a failed request, and throttling would wait on real time.
const octokit = new ProbotOctokit({ auth: { token: 'bench-installation-token' }, baseUrl: github.url, retry: { enabled: false }, throttle: { enabled: false } });

const started = performance.now();
// A push to a repository without `.github/perf-review.yml`: the defaults, changed lines only.
const outcome = await runReview(octokit, { owner: pr.owner, repo: pr.repo, pullNumber: pr.pullNumber, headSha: pr.headSha, mode: 'changed', push: true }, pino({ level: 'silent' }));
const durationMs = round(performance.now() - started);
await github.close();
await closeAnalysisPool();

// The client authenticates with a plain token: no installation token request, which the budget leaves out anyway.
const githubRequests = [...github.requests.values()].reduce((sum, count) => sum + count, 0) + github.unhandled.length;
const result: EndToEnd = {
  files,
  lines: repository.lines,
  durationMs,
  githubRequests,
  githubRequestBudget: 5 + Math.floor(files / 50),
  requestsByOperation: Object.fromEntries(github.requests),
  unhandledRequests: github.unhandled,
  // maxRSS is in kilobytes.
  peakRssMb: round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
  outcome,
};
process.stdout.write(JSON.stringify(result));
