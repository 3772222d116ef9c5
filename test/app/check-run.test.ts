import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/index.js';
import { listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB } from '../fixtures/app/sources.js';
import { APP_ID, deliver, type JsonBody, examplePayload, expectCheckRun, mockContext, mockFiles, mockInstallationToken, recordBodies, useApp } from '../helpers/github.js';

function emailsFinding() {
  return review([{ ...EMAILS_ROUTE, status: 'modified' }], { mode: 'changed' }).findings[0]!;
}

// The check_run example with an installation: a `rerequested` for the repository github/hello-world.
const RE_REQUESTED = 7;
const REPO_PATH = '/repos/github/hello-world';
const HEAD_SHA = 'd6fde92930d4715a2b49857d24b940956b26d2d3';
const CHECK_RUN_ID = 4343;

const t = useApp();

/** The example re-run, for a check run named `name` created by the App `appId`, on pull request #2. */
function rerun(name: string, appId: number) {
  const payload = examplePayload('check_run', RE_REQUESTED) as { check_run: JsonBody };
  payload.check_run.name = name;
  payload.check_run.app.id = appId;
  // The example has no pull request; GitHub lists the ones whose head is the check run's commit.
  payload.check_run.pull_requests = [
    {
      url: `https://api.github.com${REPO_PATH}/pulls/2`,
      id: 279147437,
      number: 2,
      head: { ref: 'changes', sha: HEAD_SHA, repo: { id: 186853002, url: `https://api.github.com${REPO_PATH}`, name: 'hello-world' } },
      base: { ref: 'master', sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', repo: { id: 186853002, url: `https://api.github.com${REPO_PATH}`, name: 'hello-world' } },
    },
  ];
  return payload;
}

describe('check_run.rerequested', () => {
  it('reviews the pull request of its own check run again', async () => {
    mockInstallationToken(t.github);
    mockFiles(t.github, [], { repoPath: REPO_PATH });
    const context = mockContext(t.github, { repoPath: REPO_PATH, sha: HEAD_SHA, title: 'Batch the event queries', changedFiles: 0 });
    t.github.post(`${REPO_PATH}/issues/2/comments`).reply(201, { id: 90 });
    const { created } = expectCheckRun(t.github, { id: CHECK_RUN_ID, repoPath: REPO_PATH });

    await deliver(t.probot, 'check_run', rerun('Performance Review', APP_ID));

    expect(context.bodies[0]!.variables).toMatchObject({ owner: 'github', repo: 'hello-world', number: 2 });
    expect(created).toEqual([expect.objectContaining({ name: 'Performance Review', head_sha: HEAD_SHA, status: 'completed', conclusion: 'success' })]);
  });

  it('reuses the check run it was asked to re-run, adding only the annotations it does not show yet', async () => {
    const updates = recordBodies();
    mockInstallationToken(t.github);
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 4)], { repoPath: REPO_PATH });
    mockContext(t.github, {
      repoPath: REPO_PATH,
      sha: HEAD_SHA,
      changedFiles: 2,
      files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [QUERY_IN_JOB.path]: QUERY_IN_JOB.content },
      // The annotation the first run of this commit already added, read with the run itself.
      checkRun: { id: CHECK_RUN_ID, shown: [{ path: EMAILS_ROUTE.path, start_line: EMAILS_ROUTE.queryLine, title: 'no-query-in-loop', message: emailsFinding().message }] },
    });
    t.github
      .post(`${REPO_PATH}/pulls/2/reviews`)
      .reply(200, { id: 80 })
      .post(`${REPO_PATH}/issues/2/comments`)
      .reply(201, { id: 90 })
      // No POST to /check-runs: the run is completed again.
      .patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`)
      .reply(updates.reply(200, { id: CHECK_RUN_ID }));

    await deliver(t.probot, 'check_run', rerun('Performance Review', APP_ID));

    expect(updates.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(updates.bodies[0]!.output.annotations).toEqual([expect.objectContaining({ path: QUERY_IN_JOB.path, title: 'no-query-in-loop' })]);
  });

  it('lists the annotations of a reused run first when there are more than the context read holds', async () => {
    const updates = recordBodies();
    mockInstallationToken(t.github);
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified')], { repoPath: REPO_PATH });
    mockContext(t.github, { repoPath: REPO_PATH, sha: HEAD_SHA, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content }, checkRun: { id: CHECK_RUN_ID, annotations: 101 } });
    t.github
      .post(`${REPO_PATH}/pulls/2/reviews`)
      .reply(200, { id: 80 })
      .post(`${REPO_PATH}/issues/2/comments`)
      .reply(201, { id: 90 })
      .get(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}/annotations`)
      .query({ per_page: 100 })
      .reply(200, [
        {
          path: EMAILS_ROUTE.path,
          start_line: EMAILS_ROUTE.queryLine,
          end_line: EMAILS_ROUTE.queryLine,
          annotation_level: 'failure',
          title: 'no-query-in-loop',
          message: emailsFinding().message,
          raw_details: null,
          start_column: null,
          end_column: null,
          blob_href: '',
        },
      ])
      .patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`)
      .reply(updates.reply(200, { id: CHECK_RUN_ID }));

    await deliver(t.probot, 'check_run', rerun('Performance Review', APP_ID));

    expect(updates.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(updates.bodies[0]!.output).not.toHaveProperty('annotations');
  });

  it.each([
    ['another App’s check run of the same name', 'Performance Review', APP_ID + 1],
    ['another check run', 'randscape', APP_ID],
  ])('ignores %s', async (_case, name, appId) => {
    await deliver(t.probot, 'check_run', rerun(name, appId));
  });
});
