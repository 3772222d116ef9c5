import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/index.js';
import { listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB } from '../fixtures/app/sources.js';
import { APP_ID, deliver, type JsonBody, examplePayload, mockBlobs, mockCheckRunStart, mockConfig, mockHead, mockInstallationToken, recordBodies, useApp } from '../helpers/github.js';

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
    const updates = recordBodies();
    mockInstallationToken(t.github);
    t.github.get(`${REPO_PATH}/pulls/2`).reply(200, {
      number: 2,
      title: 'Batch the event queries',
      head: { sha: HEAD_SHA },
      base: { repo: { name: 'hello-world', html_url: 'https://github.com/github/hello-world', owner: { login: 'github' } } },
    });
    mockConfig(t.github, undefined, REPO_PATH, 'github');
    const created = mockCheckRunStart(t.github, { sha: HEAD_SHA, id: CHECK_RUN_ID, repoPath: REPO_PATH });
    t.github
      .get(`${REPO_PATH}/pulls/2/files`)
      .query({ per_page: 100 })
      .reply(200, [])
      .get(`${REPO_PATH}/pulls/2/comments`)
      .query({ per_page: 100 })
      .reply(200, []);
    mockHead(t.github, { sha: HEAD_SHA, repoPath: REPO_PATH });
    t.github
      .get(`${REPO_PATH}/issues/2/comments`)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(`${REPO_PATH}/issues/2/comments`)
      .reply(201, { id: 90 })
      .patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`)
      .reply(updates.reply(200, { id: CHECK_RUN_ID }));

    await deliver(t.probot, 'check_run', rerun('Performance Review', APP_ID));

    expect(created).toEqual([expect.objectContaining({ name: 'Performance Review', head_sha: HEAD_SHA, status: 'in_progress' })]);
    expect(updates.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
  });

  it('reuses the check run it was asked to re-run, adding only the annotations it does not show yet', async () => {
    const updates = recordBodies();
    mockInstallationToken(t.github);
    t.github.get(`${REPO_PATH}/pulls/2`).reply(200, {
      number: 2,
      title: 'Batch the event queries',
      head: { sha: HEAD_SHA },
      base: { repo: { name: 'hello-world', html_url: 'https://github.com/github/hello-world', owner: { login: 'github' } } },
    });
    mockConfig(t.github, undefined, REPO_PATH, 'github');
    t.github
      .get(`${REPO_PATH}/commits/${HEAD_SHA}/check-runs`)
      .query({ check_name: 'Performance Review', app_id: String(APP_ID) })
      .reply(200, {
        total_count: 1,
        check_runs: [{ id: CHECK_RUN_ID, name: 'Performance Review', app: { id: APP_ID }, status: 'completed', conclusion: 'failure', output: { annotations_count: 1 } }],
      })
      // No POST to /check-runs: the run is put back in progress instead.
      .patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`)
      .reply(updates.reply(200, { id: CHECK_RUN_ID }))
      .get(`${REPO_PATH}/pulls/2/files`)
      .query({ per_page: 100 })
      .reply(200, [listedFile(EMAILS_ROUTE, 'modified'), listedFile(QUERY_IN_JOB, 'added', 4)])
      .get(`${REPO_PATH}/pulls/2/comments`)
      .query({ per_page: 100 })
      .reply(200, []);
    mockBlobs(t.github, { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [QUERY_IN_JOB.path]: QUERY_IN_JOB.content }, { sha: HEAD_SHA });
    mockHead(t.github, { sha: HEAD_SHA, repoPath: REPO_PATH });
    t.github
      .post(`${REPO_PATH}/pulls/2/reviews`)
      .reply(200, { id: 80 })
      .get(`${REPO_PATH}/issues/2/comments`)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(`${REPO_PATH}/issues/2/comments`)
      .reply(201, { id: 90 })
      // The annotation the first run of this commit already added.
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

    expect(updates.bodies[0]).toMatchObject({ status: 'in_progress', output: { title: 'Reviewing…' } });
    expect(updates.bodies[1]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(updates.bodies[1]!.output.annotations).toEqual([expect.objectContaining({ path: QUERY_IN_JOB.path, title: 'no-query-in-loop' })]);
  });

  it.each([
    ['another App’s check run of the same name', 'Performance Review', APP_ID + 1],
    ['another check run', 'randscape', APP_ID],
  ])('ignores %s', async (_case, name, appId) => {
    await deliver(t.probot, 'check_run', rerun(name, appId));
  });
});
