import { MAX_FILE_BYTES, isAnalysablePath } from '../engine/files.js';
import type { SourceInput } from '../engine/index.js';
import { httpStatusOf } from './error-fields.js';
import { MAX_CONTENT_BYTES } from './limits.js';
import type { ChangedFile } from './list-changed-files.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** The engine skips larger files, and GitHub sends none above its own limit: the smaller of the two. */
const MAX_READ_BYTES = Math.min(MAX_FILE_BYTES, MAX_CONTENT_BYTES);

/**
 * Files per GraphQL query. With the file list's 100 per page, a review spends one request per 50
 * changed files on listing and reading together. A batch GitHub cannot answer in time is split.
 */
export const FILES_PER_QUERY = 100;

/**
 * Queries in flight at once. GraphQL requests go through the throttling plugin's write limiter
 * (one per second per installation), so more would only queue there.
 */
const CONCURRENT_QUERIES = 2;

/**
 * A batch is halved no further than this: a failure that smaller batches do not cure (an outage)
 * then costs at most 7 queries per 100 files, on top of the retries of each.
 */
const MIN_FILES_TO_SPLIT = 25;

/** Errors GitHub gives for what it refuses outright, whatever the size of the query. */
const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHORIZED']);

export type Content = { content: string } | { skipReason: string };

export interface Blob {
  text?: string | null;
  byteSize?: number;
  isBinary?: boolean | null;
  isTruncated?: boolean;
}

/** What a review reads of each file: its text, and what tells a file it cannot use apart. */
export const BLOB_FIELDS = '... on Blob { text byteSize isBinary isTruncated }';

type BatchData = { repository: Record<string, Blob | null> | null } | null | undefined;

/**
 * Where a file's content is found: by the blob id GitHub listed for it at the head (the very
 * content its patch describes), or by its path at the head commit when the list gave none.
 */
export function objectSelector(file: ChangedFile, headSha: string): { argument: 'oid' | 'expression'; value: string; type: string } {
  return file.sha ? { argument: 'oid', value: file.sha, type: 'GitObjectID!' } : { argument: 'expression', value: `${headSha}:${file.path}`, type: 'String!' };
}

/** The files a review reads: removed files have no content at the head, and other paths are not code the engine reads. */
export function filesToRead(files: readonly ChangedFile[]): ChangedFile[] {
  return files.filter((file) => file.status !== 'removed' && isAnalysablePath(file.path));
}

/**
 * The changed code files with their content at the head commit, read through GraphQL in batches
 * (`object(oid: …)` per file), not one request per file. One file GitHub cannot serve does not
 * stop the review: it carries a `skipReason` and the summary says it was not read. `known` holds
 * contents already read (with the review's context): they cost nothing more.
 *
 * Contents are read from the base repository, also for a pull request from a fork: GitHub makes
 * the fork's commits reachable there, and the App is installed there only.
 */
export async function readSources(octokit: GitHub, target: ReviewTarget, files: readonly ChangedFile[], known: ReadonlyMap<string, Content> = new Map()): Promise<SourceInput[]> {
  const wanted = filesToRead(files);
  const contents = wanted.map((file) => known.get(contentKey(file)));
  const missing = wanted.flatMap((_, index) => (contents[index] === undefined ? [index] : []));
  const batches: number[][] = [];
  for (let start = 0; start < missing.length; start += FILES_PER_QUERY) batches.push(missing.slice(start, start + FILES_PER_QUERY));
  let next = 0;
  const reader = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const read = await readBatch(octokit, target, batch.map((index) => wanted[index]!));
      batch.forEach((index, n) => (contents[index] = read[n]!));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_QUERIES, batches.length) }, reader));
  return wanted.map((file, index) => ({ path: file.path, status: file.status, ...(file.patch !== undefined ? { patch: file.patch } : {}), ...contents[index]! }));
}

/** A file's content read once is the same content wherever the list names the same blob. */
export function contentKey(file: ChangedFile): string {
  return `${file.path}\0${file.sha ?? ''}`;
}

async function readBatch(octokit: GitHub, target: ReviewTarget, files: ChangedFile[]): Promise<Content[]> {
  const selectors = files.map((file) => objectSelector(file, target.headSha));
  const variables = Object.fromEntries(selectors.map((selector, n) => [`e${n}`, selector.value]));
  const declarations = selectors.map((selector, n) => `$e${n}: ${selector.type}`).join(', ');
  const fields = selectors.map((selector, n) => `    f${n}: object(${selector.argument}: $e${n}) { ${BLOB_FIELDS} }`).join('\n');
  const query = `query ($owner: String!, $repo: String!, ${declarations}) {\n  repository(owner: $owner, name: $repo) {\n${fields}\n  }\n}`;
  let data: BatchData;
  let errors: GraphqlError[] = [];
  try {
    data = await octokit.graphql<NonNullable<BatchData>>(query, { owner: target.owner, repo: target.repo, ...variables });
  } catch (error) {
    ({ data, errors } = partialResult(error));
    if (!data?.repository) {
      const status = httpStatusOf(error);
      if (files.length > MIN_FILES_TO_SPLIT && tooMuchAtOnce(status, errors)) return splitAndRead(octokit, target, files);
      return files.map(() => ({ skipReason: notReturned(status !== undefined ? `HTTP ${status}` : (errors[0]?.type ?? errors[0]?.message)) }));
    }
  }
  return files.map((_, n) => contentOf(data?.repository?.[`f${n}`], errors.find((error) => error.path?.at(-1) === `f${n}`)));
}

async function splitAndRead(octokit: GitHub, target: ReviewTarget, files: ChangedFile[]): Promise<Content[]> {
  const half = Math.ceil(files.length / 2);
  return [...(await readBatch(octokit, target, files.slice(0, half))), ...(await readBatch(octokit, target, files.slice(half)))];
}

/**
 * A server error, or a query GitHub stopped without a typed reason (its timeout), can come from
 * the size of the answer: half as many files may pass.
 */
function tooMuchAtOnce(status: number | undefined, errors: GraphqlError[]): boolean {
  if (status !== undefined) return status >= 500;
  return errors.length > 0 && !errors.some((error) => error.type !== undefined && REFUSALS.has(error.type));
}

export function contentOf(blob: Blob | null | undefined, error: GraphqlError | undefined): Content {
  if (error) return { skipReason: notReturned(error.type ?? error.message) };
  if (blob === null || blob === undefined) return { skipReason: notReturned('not found at the head commit') };
  // A submodule or a directory at that path: the `... on Blob` fragment selects nothing.
  if (blob.byteSize === undefined) return { skipReason: 'not a regular file at the head commit' };
  if (blob.isBinary) return { skipReason: 'binary content' };
  // GitHub leaves `text` out, or cuts it, for blobs past its own size limit.
  if (blob.byteSize > MAX_READ_BYTES || blob.isTruncated || typeof blob.text !== 'string') return { skipReason: tooLarge(blob.byteSize) };
  return { content: blob.text };
}

export interface GraphqlError {
  type?: string;
  message?: string;
  path?: (string | number)[];
}

/** Octokit's GraphqlResponseError carries what GitHub did answer beside the errors. */
function partialResult(error: unknown): { data: BatchData; errors: GraphqlError[] } {
  const { data, errors } = (error ?? {}) as { data?: BatchData; errors?: GraphqlError[] };
  return { data, errors: Array.isArray(errors) ? errors : [] };
}

export function notReturned(why: string | undefined): string {
  return `GitHub did not return its content${why ? ` (${why})` : ''}`;
}

function tooLarge(size: number): string {
  const limit = `larger than ${MAX_READ_BYTES / 1_000_000} MB`;
  return size > MAX_READ_BYTES ? `${limit} (${(size / 1_000_000).toFixed(1)} MB)` : limit;
}
