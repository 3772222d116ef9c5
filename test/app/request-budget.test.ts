import { describe, expect, it } from 'vitest';
import { CHECK_RUN_ID, REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, addedPatch } from '../fixtures/app/sources.js';
import { deliver, examplePayload, mockBlobs, mockCheckRunStart, mockConfig, mockHead, mockInstallationToken, mockPullRequest, useApp } from '../helpers/github.js';

const t = useApp();

const FILES = 250;

function linkTo(page: number): string {
  return `<https://api.github.com${REPO_PATH}/pulls/2/files?per_page=100&page=${page}>; rel="next"`;
}

describe('GitHub requests per review', () => {
  it(`a review of ${FILES} changed files: 12 requests, plus 2 per 100 files (a page of the list and a query of contents)`, async () => {
    let requests = 0;
    t.github.on('request', () => requests++);
    const clean = Array.from({ length: FILES - 1 }, (_, i) => ({ path: `src/lib/value-${i}.ts`, content: `export const value${i} = ${i};\n` }));
    const changed = [{ path: EMAILS_ROUTE.path, content: EMAILS_ROUTE.content }, ...clean].map((file) => ({ ...file, patch: addedPatch(file.content) }));
    const pages = [changed.slice(0, 100), changed.slice(100, 200), changed.slice(200)];

    // The 12 every review makes, whatever its size:
    mockInstallationToken(t.github); // the token (cached for an hour per installation in production)
    mockPullRequest(t.github, { changedFiles: FILES }); // the pull request, as the job starts
    mockConfig(t.github); // the configuration: the repository's file, then the organisation's
    mockCheckRunStart(t.github); // an earlier check run on the commit, then the new one
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: 100 }).reply(200, pages[0]!.map((file) => listedFile(file, 'added', 1)), { link: linkTo(2) });
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: '100', page: '2' }).reply(200, pages[1]!.map((file) => listedFile(file, 'added', 1)), { link: linkTo(3) });
    t.github.get(`${REPO_PATH}/pulls/2/files`).query({ per_page: '100', page: '3' }).reply(200, pages[2]!.map((file) => listedFile(file, 'added', 1)));
    const queried = mockBlobs(t.github, Object.fromEntries(changed.map((file) => [file.path, file.content])), { times: 3 });
    t.github.get(`${REPO_PATH}/pulls/2/comments`).query({ per_page: 100 }).reply(200, []); // earlier review comments
    mockHead(t.github); // the head, just before publishing
    t.github.post(`${REPO_PATH}/pulls/2/reviews`).reply(200, { id: 80 }); // the review
    t.github.get(`${REPO_PATH}/issues/2/comments`).query({ per_page: 100 }).reply(200, []).post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 }); // the summary
    t.github.patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`).reply(200, { id: CHECK_RUN_ID }); // the check run's result

    await deliver(t.probot, 'pull_request', examplePayload('pull_request', 12));

    expect(queried.map((paths) => paths.length)).toEqual([100, 100, 50]);
    expect(requests).toBe(12 + 2 * Math.ceil(FILES / 100));
  });
});
