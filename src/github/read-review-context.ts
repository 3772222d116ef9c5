import { CONFIG_PATH } from '../config/index.js';
import { SUMMARY_MARKER, fingerprintsIn } from '../review/markers.js';
import { CHECK_RUN_NAME, type CheckRun } from './check-run.js';
import { MAX_GRAPHQL_PAGE } from './limits.js';
import type { ChangedFile } from './list-changed-files.js';
import type { PostedComment } from './list-review-comments.js';
import { BLOB_FIELDS, contentKey, contentOf, filesToRead, objectSelector, type Blob, type Content, type GraphqlError } from './read-sources.js';
import type { GitHub } from './types.js';

/** The pull request as the review reads it at its start. */
export interface PullRequestState {
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  draft: boolean;
  title: string;
  updatedAt: string;
  headSha: string;
  /** The base branch: the changed files are its diff with the head from their merge base. */
  baseRef: string;
  changedFiles: number;
  /** The base repository's web address. */
  repoUrl: string;
}

/** The App's own summary comment on the pull request. */
export interface SummaryComment {
  id: number;
  body: string;
}

/** A configuration file's text, its absence, or the failure that hid it. */
export type ConfigText = { text: string } | { absent: true } | { unreadable: unknown };

export interface ReviewContext {
  pullRequest: PullRequestState;
  /** The first comment of each review thread: fingerprints, and the thread to resolve once fixed. */
  posted: PostedComment[];
  /** Why the earlier comments could not be read; the review cannot run without them. */
  postedUnreadable?: unknown;
  summary: SummaryComment | undefined;
  /** This App's check run on the head commit, to reuse; undefined when there is none. */
  checkRun: CheckRun | undefined;
  /** GitHub refused to show check runs: the App lacks the checks permission. */
  checksForbidden: boolean;
  /** `.github/perf-review.yml` on the default branch, and the organisation's in `<owner>/.github`. */
  config: { repository: ConfigText; organisation: ConfigText };
  /** Contents of the files asked for, by `contentKey`. */
  contents: Map<string, Content>;
}

export interface ContextRequest {
  owner: string;
  repo: string;
  pullNumber: number;
  /** This App's id: its check suites are found by it. Undefined (a plain token): no check run is looked up. */
  appId: number | undefined;
  /** Files whose content to read in the same query, at most one batch. */
  files: readonly ChangedFile[];
  /** The head the review is for, when the job knows it (a push); otherwise the pull request's. */
  headSha?: string;
}

/** The default branch's configuration file, as Probot reads it from `HEAD`. */
const CONFIG_OBJECT = `object(expression: "HEAD:${CONFIG_PATH}") { ... on Blob { text isBinary } }`;

const THREAD_FIELDS = 'id isResolved comments(first: 1) { nodes { databaseId body path line viewerDidAuthor } }';
const COMMENT_FIELDS = 'databaseId body viewerDidAuthor';

export const THREADS_QUERY = `query ($owner: String!, $repo: String!, $number: Int!, $first: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      connection: reviewThreads(first: $first, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { ${THREAD_FIELDS} } }
    }
  }
}`;

export const COMMENTS_QUERY = `query ($owner: String!, $repo: String!, $number: Int!, $first: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      connection: comments(first: $first, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { ${COMMENT_FIELDS} } }
    }
  }
}`;

/** Pages of a connection read at most: 5,000 threads or comments is far past any pull request a person reviews. */
const MAX_PAGES = 50;

/** The GraphQL document of the context read, for `files`: exported so tests validate it against GitHub's schema. */
export function reviewContextQuery(request: Pick<ContextRequest, 'appId' | 'files' | 'headSha'>): { query: string; variables: Record<string, unknown>; read: { file: ChangedFile; alias: string }[] } {
  const files = filesToRead(request.files);
  const selectors = files.map((file) => objectSelector(file, request.headSha ?? ''));
  // Without a head to name a path at, a file without a blob id waits for the next batch.
  const readable = selectors.flatMap((selector, n) => (selector.argument === 'oid' || request.headSha ? [{ selector, n }] : []));
  const checks = request.appId !== undefined;
  const declarations = [
    '$owner: String!',
    '$repo: String!',
    '$number: Int!',
    '$first: Int!',
    ...(checks ? ['$appId: Int!', '$checkName: String!'] : []),
    ...readable.map(({ selector, n }) => `$e${n}: ${selector.type}`),
  ];
  const checkRuns = checks
    ? `\n      commits(last: 1) { nodes { commit { oid checkSuites(first: 10, filterBy: { appId: $appId }) { nodes { checkRuns(first: 1, filterBy: { checkName: $checkName }) { nodes { databaseId annotations(first: $first) { totalCount nodes { path title message location { start { line } } } } } } } } } } }`
    : '';
  const query = `query (${declarations.join(', ')}) {
  repository(owner: $owner, name: $repo) {
    url
    config: ${CONFIG_OBJECT}
    pullRequest(number: $number) {
      state isDraft title updatedAt headRefOid baseRefName changedFiles${checkRuns}
      reviewThreads(first: $first) { pageInfo { hasNextPage endCursor } nodes { ${THREAD_FIELDS} } }
      comments(first: $first) { pageInfo { hasNextPage endCursor } nodes { ${COMMENT_FIELDS} } }
    }
${readable.map(({ selector, n }) => `    f${n}: object(${selector.argument}: $e${n}) { ${BLOB_FIELDS} }`).join('\n')}
  }
  organisation: repository(owner: $owner, name: ".github") { config: ${CONFIG_OBJECT} }
}`;
  const variables = {
    first: MAX_GRAPHQL_PAGE,
    ...(checks ? { appId: request.appId, checkName: CHECK_RUN_NAME } : {}),
    ...Object.fromEntries(readable.map(({ selector, n }) => [`e${n}`, selector.value])),
  };
  return { query, variables, read: readable.map(({ n }) => ({ file: files[n]!, alias: `f${n}` })) };
}

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (T | null)[];
}

interface ThreadNode {
  id: string;
  isResolved: boolean;
  comments: { nodes: ({ databaseId: number | null; body: string; path: string; line: number | null; viewerDidAuthor: boolean } | null)[] };
}

interface CommentNode {
  databaseId: number | null;
  body: string;
  viewerDidAuthor: boolean;
}

interface RunNode {
  databaseId: number | null;
  annotations: { totalCount: number; nodes: ({ path: string; title: string | null; message: string; location: { start: { line: number } } } | null)[] } | null;
}

interface ContextData {
  repository: {
    url: string;
    config: { text?: string | null; isBinary?: boolean | null } | null;
    pullRequest: {
      state: PullRequestState['state'];
      isDraft: boolean;
      title: string;
      updatedAt: string;
      headRefOid: string;
      baseRefName: string;
      changedFiles: number;
      commits?: { nodes: ({ commit: { oid: string; checkSuites: { nodes: ({ checkRuns: { nodes: (RunNode | null)[] } | null } | null)[] } | null } } | null)[] };
      reviewThreads: Page<ThreadNode> | null;
      comments: Page<CommentNode> | null;
    } | null;
  } & Record<string, unknown>;
  organisation: { config: { text?: string | null; isBinary?: boolean | null } | null } | null;
}

/**
 * Everything a review needs to know before it analyses, in one GraphQL query: the pull request
 * (state, draft, head, base, title), the first comment of each review thread (fingerprints, and the
 * thread to resolve once its finding is fixed), the App's summary comment, the App's check run on the
 * head commit, the configuration of the repository and of its organisation, and the content of the
 * first files. A connection is paged on only when it is full. Throws when GitHub does not answer
 * with the pull request: the job is retried, as for any request that fails before a review starts.
 */
export async function readReviewContext(octokit: GitHub, request: ContextRequest): Promise<ReviewContext> {
  const { query, variables, read } = reviewContextQuery(request);
  let data: ContextData | null | undefined;
  let errors: GraphqlError[] = [];
  try {
    data = await octokit.graphql<ContextData>(query, { owner: request.owner, repo: request.repo, number: request.pullNumber, ...variables });
  } catch (error) {
    ({ data, errors } = partialResult(error));
    if (!data?.repository?.pullRequest) throw error;
  }
  const repository = data?.repository;
  const pr = repository?.pullRequest;
  if (!repository || !pr) throw new Error(`GitHub returned no pull request #${request.pullNumber} in ${request.owner}/${request.repo}`);
  const errorAt = (...names: string[]) => errors.find((error) => names.every((name) => error.path?.includes(name)));

  const contents = new Map<string, Content>();
  for (const { file, alias } of read) {
    contents.set(contentKey(file), contentOf(repository[alias] as Blob | null | undefined, errors.find((error) => error.path?.at(-1) === alias)));
  }

  const headSha = request.headSha ?? pr.headRefOid;
  const commentsError = errorAt('pullRequest', 'reviewThreads') ?? errorAt('pullRequest', 'comments');
  let posted: PostedComment[] = [];
  let summary: SummaryComment | undefined;
  let postedUnreadable: unknown;
  try {
    if (commentsError) throw graphqlFailure(commentsError);
    const threads = await restOf(octokit, request, pr.reviewThreads, THREADS_QUERY, () => false);
    posted = threads.flatMap(postedCommentOf);
    const comments = await restOf(octokit, request, pr.comments, COMMENTS_QUERY, (nodes) => nodes.some(isSummary));
    const found = comments.find(isSummary);
    summary = found ? { id: found.databaseId!, body: found.body } : undefined;
  } catch (error) {
    postedUnreadable = error;
  }

  const checksError = errorAt('pullRequest', 'commits');
  const commit = pr.commits?.nodes[0]?.commit;
  const run = commit?.oid === headSha ? commit.checkSuites?.nodes.flatMap((suite) => suite?.checkRuns?.nodes ?? []).find((node) => node?.databaseId != null) : undefined;
  return {
    pullRequest: {
      state: pr.state,
      draft: pr.isDraft,
      title: pr.title,
      updatedAt: pr.updatedAt,
      headSha: pr.headRefOid,
      baseRef: pr.baseRefName,
      changedFiles: pr.changedFiles,
      repoUrl: repository.url,
    },
    posted,
    ...(postedUnreadable !== undefined ? { postedUnreadable } : {}),
    summary,
    checkRun: run ? checkRunOf(run) : undefined,
    checksForbidden: checksError?.type === 'FORBIDDEN',
    config: {
      repository: configText(repository.config, errorAt('repository', 'config'), false),
      organisation: configText(data?.organisation?.config, errors.find((error) => error.path?.[0] === 'organisation'), true),
    },
    contents,
  };
}

/** The run, with the annotations it shows when one page holds them all: a re-run then adds only the others, at no extra request. */
function checkRunOf(run: RunNode): CheckRun {
  const annotations = run.annotations?.totalCount ?? 0;
  const nodes = (run.annotations?.nodes ?? []).flatMap((node) => (node ? [{ path: node.path, start_line: node.location.start.line, title: node.title ?? '', message: node.message }] : []));
  return { id: run.databaseId!, annotations, ...(nodes.length === annotations ? { shown: nodes } : {}) };
}

function isSummary(comment: CommentNode | null): comment is CommentNode {
  return comment !== null && comment.viewerDidAuthor && comment.databaseId !== null && comment.body.includes(SUMMARY_MARKER);
}

function postedCommentOf(thread: ThreadNode | null): PostedComment[] {
  const first = thread?.comments.nodes[0];
  if (!thread || !first || first.databaseId === null) return [];
  return [{ id: first.databaseId, path: first.path, line: first.line, fingerprints: fingerprintsIn(first.body), byApp: first.viewerDidAuthor, threadId: thread.id, resolved: thread.isResolved }];
}

/** A full connection's other pages, until `enough` says what was wanted is found. */
async function restOf<T>(octokit: GitHub, request: ContextRequest, first: Page<T> | null, query: string, enough: (nodes: (T | null)[]) => boolean): Promise<(T | null)[]> {
  const nodes = [...(first?.nodes ?? [])];
  let page = first;
  for (let n = 1; n < MAX_PAGES && page?.pageInfo.hasNextPage && !enough(nodes); n++) {
    const data: { repository: { pullRequest: { connection: Page<T> } | null } | null } = await octokit.graphql(query, {
      owner: request.owner,
      repo: request.repo,
      number: request.pullNumber,
      first: MAX_GRAPHQL_PAGE,
      cursor: page.pageInfo.endCursor,
    });
    page = data.repository?.pullRequest?.connection ?? null;
    nodes.push(...(page?.nodes ?? []));
  }
  return nodes;
}

/**
 * Probot's reading, from the object GitHub returned: no file is no configuration; the organisation's
 * `.github` repository may not exist or not be visible to the installation, which Probot also reads as none.
 */
function configText(blob: { text?: string | null; isBinary?: boolean | null } | null | undefined, error: GraphqlError | undefined, absentWhenRefused: boolean): ConfigText {
  if (error && !(absentWhenRefused && (error.type === 'NOT_FOUND' || error.type === 'FORBIDDEN'))) return { unreadable: graphqlFailure(error) };
  if (!blob || blob.isBinary || typeof blob.text !== 'string') return { absent: true };
  return { text: blob.text };
}

/** An error a person can read in the check run: GitHub's type and message for one field of the query. */
function graphqlFailure(error: GraphqlError): Error {
  return new Error(`GitHub's GraphQL API answered ${error.type ?? 'an error'}: ${error.message ?? 'no message'}`);
}

function partialResult(error: unknown): { data: ContextData | null | undefined; errors: GraphqlError[] } {
  const { data, errors } = (error ?? {}) as { data?: ContextData | null; errors?: GraphqlError[] };
  return { data, errors: Array.isArray(errors) ? errors : [] };
}
