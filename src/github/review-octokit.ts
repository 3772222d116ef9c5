import { ProbotOctokit } from 'probot';
import { onRateLimit, onSecondaryRateLimit } from './rate-limit-handlers.js';

/**
 * The client every review uses in production. Probot's own client has the retry and throttling
 * plugins, but Probot replaces the throttling handlers with ones that never retry a secondary rate
 * limit, so a large pull request would fail on the first one. These retry a bounded number of
 * times, after GitHub's `Retry-After`, and log each wait. The retry plugin keeps its defaults:
 * three retries of a 5xx or network error (after 1, 4 and 9 s), none of a 4xx.
 */
export const ReviewOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { ...(options.throttle as object | undefined), onSecondaryRateLimit, onRateLimit },
}));
