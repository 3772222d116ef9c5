import { MAX_GRAPHQL_PAGE } from './limits.js';
import type { PostedComment } from './list-review-comments.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** Pages of review threads read at most: 5,000 threads is far past any pull request a person reviews. */
const MAX_THREAD_PAGES = 50;

/** Threads resolved per request, each an aliased mutation: one request instead of one per thread. */
const RESOLVES_PER_REQUEST = 50;

export const THREADS_QUERY = `query ($owner: String!, $repo: String!, $number: Int!, $first: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: $first, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: ({ id: string; isResolved: boolean; comments: { nodes: ({ databaseId: number | null } | null)[] } } | null)[];
      };
    } | null;
  } | null;
}

/**
 * Resolves the review threads that the given comments start, so a fixed finding's conversation
 * collapses and no longer holds up a branch that requires conversations to be resolved. A comment
 * read through GraphQL knows its thread; one read through REST does not, and GraphQL maps one to
 * the other. Returns how many were resolved.
 */
export async function resolveThreads(octokit: GitHub, target: ReviewTarget, comments: readonly PostedComment[]): Promise<number> {
  if (comments.length === 0) return 0;
  const known = comments.flatMap((comment) => (comment.threadId !== undefined && !comment.resolved ? [comment.threadId] : []));
  const unknown = comments.filter((comment) => comment.threadId === undefined).map((comment) => comment.id);
  const threadIds = [...known, ...(unknown.length > 0 ? await openThreadsOf(octokit, target, new Set(unknown)) : [])];
  for (let i = 0; i < threadIds.length; i += RESOLVES_PER_REQUEST) {
    const batch = threadIds.slice(i, i + RESOLVES_PER_REQUEST);
    const declarations = batch.map((_, n) => `$t${n}: ID!`).join(', ');
    const fields = batch.map((_, n) => `  t${n}: resolveReviewThread(input: { threadId: $t${n} }) { thread { id } }`).join('\n');
    await octokit.graphql(`mutation (${declarations}) {\n${fields}\n}`, Object.fromEntries(batch.map((id, n) => [`t${n}`, id])));
  }
  return threadIds.length;
}

/** The unresolved threads whose first comment is one of `commentIds`. */
async function openThreadsOf(octokit: GitHub, target: ReviewTarget, commentIds: ReadonlySet<number>): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_THREAD_PAGES; page++) {
    const data: ThreadsPage = await octokit.graphql<ThreadsPage>(THREADS_QUERY, {
      owner: target.owner,
      repo: target.repo,
      number: target.pullNumber,
      first: MAX_GRAPHQL_PAGE,
      cursor,
    });
    const threads = data.repository?.pullRequest?.reviewThreads;
    if (!threads) break;
    for (const thread of threads.nodes) {
      const first = thread?.comments.nodes[0]?.databaseId;
      if (thread && !thread.isResolved && first != null && commentIds.has(first)) found.push(thread.id);
    }
    if (!threads.pageInfo.hasNextPage || found.length === commentIds.size) break;
    cursor = threads.pageInfo.endCursor;
  }
  return found;
}
