import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { onRateLimit, onSecondaryRateLimit } from '../github/rate-limit-handlers.js';

/**
 * The client of the Actions mode: `@octokit/rest` with the token the workflow hands in. Retries
 * and throttling as the App has them: the retry plugin's defaults (a 5xx or a network error three
 * times, never a 4xx), writes spaced out so a large review does not trip a secondary rate limit,
 * and the App's own handlers for the limits GitHub does answer with.
 */
export const ActionsOctokit = Octokit.plugin(retry, throttling).defaults({
  throttle: {
    onRateLimit: (retryAfter: number, request: LimitedRequest, octokit: unknown, retryCount: number) => onRateLimit(retryAfter, request, withLog(octokit), retryCount),
    onSecondaryRateLimit: (retryAfter: number, request: LimitedRequest, octokit: unknown, retryCount: number) =>
      onSecondaryRateLimit(retryAfter, request, withLog(octokit), retryCount),
  },
});

interface LimitedRequest {
  method: string;
  url: string;
  [parameter: string]: unknown;
}

/** Octokit types its logger as `warn(message)`; the job log below takes the handlers' `warn(fields, message)` as well. */
function withLog(octokit: unknown): { log: { warn: (fields: object, message: string) => void } } {
  return octokit as { log: { warn: (fields: object, message: string) => void } };
}

export type ActionsOctokitClass = typeof ActionsOctokit;

export interface ActionsClientOptions {
  token: string;
  apiUrl: string;
  userAgent: string;
  stderr: { write(chunk: string): unknown };
  /** `RUNNER_DEBUG`: a re-run with debug logging also shows every request and its answer. */
  debug: boolean;
}

/** A client for one job, whose log lines go to the job's log. */
export function createActionsOctokit(Client: ActionsOctokitClass, options: ActionsClientOptions): InstanceType<ActionsOctokitClass> {
  return new Client({
    auth: options.token,
    baseUrl: options.apiUrl,
    userAgent: options.userAgent,
    log: jobLog(options.stderr, options.debug),
  });
}

/**
 * Octokit logs a line per request (info, or error when GitHub refuses one); a refusal this mode
 * expects, such as a fork's read-only token, is explained once in its own words instead. The rate
 * limit handlers call `warn(fields, message)`, Octokit itself `warn(message)`: the text is printed.
 */
function jobLog(stderr: ActionsClientOptions['stderr'], debug: boolean) {
  const line = (first: unknown, second: unknown) => (typeof first === 'string' ? first : String(second ?? ''));
  const toDebug = (first: unknown, second?: unknown) => {
    if (debug) stderr.write(`perf-review (debug): ${line(first, second)}\n`);
  };
  return {
    debug: toDebug,
    info: toDebug,
    warn: (first: unknown, second?: unknown) => void stderr.write(`perf-review: ${line(first, second)}\n`),
    error: toDebug,
  };
}
