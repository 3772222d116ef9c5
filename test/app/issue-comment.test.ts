import { describe, expect, it } from 'vitest';
import { HEAD_SHA, REPO_PATH, listedFile } from '../fixtures/app/github.js';
import { EMAILS_ROUTE, QUERY_IN_JOB } from '../fixtures/app/sources.js';
import { deliver, examplePayload, expectCheckRun, mockContext, mockFiles, mockInstallationToken, recordBodies, useApp } from '../helpers/github.js';

// The issue_comment example with an installation (index 3) is on an issue, not a pull request.
const CREATED = 3;
const COMMENT_ID = 492700400;
const ISSUE = 1;
const COMMENTER = 'Codertocat';

const t = useApp();

/** The example comment, turned into a comment on a pull request with the given body. */
function pullRequestComment(body: string) {
  const payload = examplePayload('issue_comment', CREATED) as { issue: Record<string, unknown>; comment: { body: string } };
  // GitHub sends `issue.pull_request` for comments on pull requests; the example is on an issue.
  payload.issue.pull_request = {
    url: `https://api.github.com${REPO_PATH}/pulls/${ISSUE}`,
    html_url: `https://github.com/Codertocat/Hello-World/pull/${ISSUE}`,
    diff_url: `https://github.com/Codertocat/Hello-World/pull/${ISSUE}.diff`,
    patch_url: `https://github.com/Codertocat/Hello-World/pull/${ISSUE}.patch`,
    merged_at: null,
  };
  payload.comment.body = body;
  return payload;
}

function permissionIs(permission: string, roleName: string) {
  t.github
    .get(`${REPO_PATH}/collaborators/${COMMENTER}/permission`)
    .reply(200, { permission, role_name: roleName, user: { login: COMMENTER, id: 21031067 } });
}

describe('issue_comment /perf-review', () => {
  it('does nothing visible for a user who can only read', async () => {
    mockInstallationToken(t.github);
    permissionIs('read', 'read');

    await deliver(t.probot, 'issue_comment', pullRequestComment('/perf-review'));
    // No reaction, check run, review or comment: any of them would be a request with no mock.
  });

  it('reacts and reviews the pull request for a maintainer', async () => {
    const reactions = recordBodies();
    const reviews = recordBodies();
    const summaries = recordBodies();
    mockInstallationToken(t.github);
    // `permission` folds maintain into write; `role_name` keeps it.
    permissionIs('write', 'maintain');
    t.github.post(`${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`).reply(reactions.reply(201, { id: 1, content: 'eyes' }));
    // A command names no head: the review is of the one the pull request has.
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified')], { pull: ISSUE });
    const context = mockContext(t.github, { pull: ISSUE, title: 'Load email events', files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content } });
    t.github
      .post(`${REPO_PATH}/pulls/${ISSUE}/reviews`)
      .reply(reviews.reply(200, { id: 80 }))
      .post(`${REPO_PATH}/issues/${ISSUE}/comments`)
      .reply(summaries.reply(201, { id: 90 }));
    const { created: updates } = expectCheckRun(t.github);

    await deliver(t.probot, 'issue_comment', pullRequestComment('/perf-review\nThe loop changed since the last push.'));

    expect(reactions.bodies).toEqual([{ content: 'eyes' }]);
    expect(context.bodies[0]!.variables).toMatchObject({ number: ISSUE });
    expect(reviews.bodies[0]).toMatchObject({ commit_id: HEAD_SHA });
    expect(reviews.bodies[0]!.comments).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine, side: 'RIGHT' })]);
    expect(summaries.bodies[0]!.body).toContain('# Performance Review: Load email events');
    expect(updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure', head_sha: HEAD_SHA });
  });

  it('/perf-review full reviews every line of the changed files, commenting inline only on diff lines', async () => {
    // The job file's only change is a quote style on line 1: its N+1 (line 7) predates the pull request.
    const restyled = { path: QUERY_IN_JOB.path, patch: `@@ -1,3 +1,3 @@\n-import { eq } from "drizzle-orm";\n+import { eq } from 'drizzle-orm';\n import { db } from '../db';\n import { users } from '../db/schema';` };
    const reviews = recordBodies();
    const summaries = recordBodies();
    mockInstallationToken(t.github);
    permissionIs('admin', 'admin');
    t.github.post(`${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`).reply(201, { id: 1, content: 'eyes' });
    mockFiles(t.github, [listedFile(EMAILS_ROUTE, 'modified'), listedFile(restyled, 'modified', 2)], { pull: ISSUE });
    mockContext(t.github, { pull: ISSUE, changedFiles: 2, files: { [EMAILS_ROUTE.path]: EMAILS_ROUTE.content, [QUERY_IN_JOB.path]: QUERY_IN_JOB.content } });
    t.github
      .post(`${REPO_PATH}/pulls/${ISSUE}/reviews`)
      .reply(reviews.reply(200, { id: 80 }))
      .post(`${REPO_PATH}/issues/${ISSUE}/comments`)
      .reply(summaries.reply(201, { id: 90 }));
    const { created: updates } = expectCheckRun(t.github);

    await deliver(t.probot, 'issue_comment', pullRequestComment('/perf-review full'));

    expect(reviews.bodies[0]!.comments).toEqual([expect.objectContaining({ path: EMAILS_ROUTE.path, line: EMAILS_ROUTE.queryLine })]);
    const summary: string = summaries.bodies[0]!.body;
    expect(summary).toMatch(new RegExp(`${QUERY_IN_JOB.path}:${QUERY_IN_JOB.queryLine}.*\\(line ${QUERY_IN_JOB.queryLine} is outside the diff\\)`));
    expect(summary).not.toContain('the changed lines of');
    expect(updates[0]!.output.annotations).toHaveLength(2);
  });

  it.each([
    ['/perf-review help', 'Commands, on the first line of a pull request comment'],
    ['/perf-review fulll', '`/perf-review fulll` is not a command I know.'],
  ])('%s answers with the commands, in a reply that mentions its author', async (command, start) => {
    const replies = recordBodies();
    mockInstallationToken(t.github);
    permissionIs('write', 'write');
    t.github.post(`${REPO_PATH}/issues/${ISSUE}/comments`).reply(replies.reply(201, { id: 91 }));

    await deliver(t.probot, 'issue_comment', pullRequestComment(command));

    expect(replies.bodies).toEqual([{ body: expect.stringMatching(new RegExp(`^@${COMMENTER} ${start.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}`)) }]);
    for (const usage of ['`/perf-review`', '`/perf-review full`', '`/perf-review help`']) expect(replies.bodies[0]!.body).toContain(`| ${usage} |`);
  });

  it.each([
    ['a comment that only mentions the command', 'Could someone run /perf-review?'],
    ['a command that is not on the first line', 'Thanks!\n/perf-review'],
  ])('ignores %s', async (_case, body) => {
    // Not even a token is requested: the App decides from the payload alone.
    await deliver(t.probot, 'issue_comment', pullRequestComment(body));
  });

  it('ignores the command on an issue', async () => {
    const payload = examplePayload('issue_comment', CREATED) as { comment: { body: string } };
    payload.comment.body = '/perf-review';
    await deliver(t.probot, 'issue_comment', payload);
  });
});
