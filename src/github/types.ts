import type { Octokit } from '@octokit/rest';

/**
 * The client every call of this layer goes through: what Probot's installation client (the App)
 * and `@octokit/rest` with a workflow's token (the Actions mode) have in common, so one publisher
 * serves both. Probot's client has no endpoint methods at its root, hence `rest.*` only.
 */
export type GitHub = Pick<Octokit, 'rest' | 'paginate' | 'graphql' | 'auth' | 'request' | 'hook'>;
