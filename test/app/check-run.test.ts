import { describe, expect, it } from 'vitest';
import { APP_ID, deliver, type JsonBody, examplePayload, mockInstallationToken, recordBodies, useApp } from '../helpers/github.js';

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
    const created = recordBodies();
    const updates = recordBodies();
    mockInstallationToken(t.github);
    t.github
      .get(`${REPO_PATH}/pulls/2`)
      .reply(200, {
        number: 2,
        title: 'Batch the event queries',
        head: { sha: HEAD_SHA },
        base: { repo: { name: 'hello-world', html_url: 'https://github.com/github/hello-world', owner: { login: 'github' } } },
      })
      .post(`${REPO_PATH}/check-runs`, created.matcher)
      .reply(201, { id: CHECK_RUN_ID })
      .get(`${REPO_PATH}/pulls/2/files`)
      .query({ per_page: 100 })
      .reply(200, [])
      .get(`${REPO_PATH}/pulls/2/comments`)
      .query({ per_page: 100 })
      .reply(200, [])
      .get(`${REPO_PATH}/issues/2/comments`)
      .query({ per_page: 100 })
      .reply(200, [])
      .post(`${REPO_PATH}/issues/2/comments`)
      .reply(201, { id: 90 })
      .patch(`${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, updates.matcher)
      .reply(200, { id: CHECK_RUN_ID });

    await deliver(t.probot, 'check_run', rerun('Performance Review', APP_ID));

    expect(created.bodies).toEqual([expect.objectContaining({ name: 'Performance Review', head_sha: HEAD_SHA, status: 'in_progress' })]);
    expect(updates.bodies).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
  });

  it.each([
    ['another App’s check run of the same name', 'Performance Review', APP_ID + 1],
    ['another check run', 'randscape', APP_ID],
  ])('ignores %s', async (_case, name, appId) => {
    await deliver(t.probot, 'check_run', rerun(name, appId));
  });
});
