/**
 * Secondary rate limits come in bursts (many writes at once on a large pull request): a few waits
 * of GitHub's `Retry-After` get past one, and more mean GitHub wants the client to stop.
 */
export const MAX_SECONDARY_RATE_LIMIT_RETRIES = 3;

/** A primary limit resets up to an hour later: a review waits for the reset only when it is this close. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 60;

interface LimitedRequest {
  method: string;
  /** A template (`/repos/{owner}/{repo}/…`) when the request came through an endpoint method, its parameters beside it. */
  url: string;
  [parameter: string]: unknown;
}

interface WithLog {
  log: { warn: (fields: object, message: string) => void };
}

/**
 * The throttling plugin's handlers, shared by the App's client and the Actions mode's: true retries
 * after `retryAfter` seconds.
 */
export function onSecondaryRateLimit(retryAfter: number, options: LimitedRequest, octokit: WithLog, retryCount = 0): boolean {
  const retry = retryCount < MAX_SECONDARY_RATE_LIMIT_RETRIES;
  octokit.log.warn(
    { method: options.method, path: pathOf(options), retryAfter, retryCount, retry },
    retry ? `Secondary rate limit: retrying in ${retryAfter} s` : 'Secondary rate limit: giving up after retries',
  );
  return retry;
}

export function onRateLimit(retryAfter: number, options: LimitedRequest, octokit: WithLog, retryCount = 0): boolean {
  const retry = retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
  octokit.log.warn(
    { method: options.method, path: pathOf(options), retryAfter, retryCount, retry },
    retry ? `Rate limit: retrying in ${retryAfter} s` : 'Rate limit: giving up until the limit resets',
  );
  return retry;
}

/** The path alone, its template filled in: a query string is no business of the log. */
function pathOf(options: LimitedRequest): string {
  const url = options.url.replace(/\{(\w+)\}/g, (template, name: string) => {
    const value = options[name];
    return typeof value === 'string' || typeof value === 'number' ? encodeURIComponent(String(value)) : template;
  });
  return new URL(url, 'https://api.github.com').pathname;
}
