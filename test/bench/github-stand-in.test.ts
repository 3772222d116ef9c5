import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { generateRepository } from '../../bench/generate-repository.js';
import { startGitHubStandIn, type GitHubStandIn } from '../../bench/github-stand-in.js';

const repository = generateRepository(250);
const pr = { owner: 'mailer-co', repo: 'email-platform', pullNumber: 7, headSha: 'a'.repeat(40), files: repository.files };
let github: GitHubStandIn | undefined;
afterEach(() => github?.close());

const octokitFor = (baseUrl: string) => new ProbotOctokit({ auth: { token: 'test' }, baseUrl, retry: { enabled: false }, throttle: { enabled: false } });

describe('the GitHub stand-in', () => {
  it('pages the changed files as GitHub does, and counts each request', async () => {
    github = await startGitHubStandIn(pr);
    const octokit = octokitFor(github.url);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.pullNumber, per_page: 100 });
    expect(files.map((file) => file.filename)).toEqual(repository.files.map((file) => file.path));
    expect(files[0]!.patch?.split('\n')).toHaveLength(repository.files[0]!.lines + 1);
    expect(github.requests.get('GET /pulls/{n}/files')).toBe(3);
  });

  it('serves file contents at the head commit, one by one and in GraphQL batches, and says which requests it does not know', async () => {
    github = await startGitHubStandIn(pr);
    const octokit = octokitFor(github.url);
    const file = repository.files[3]!;
    const { data } = await octokit.rest.repos.getContent({ owner: pr.owner, repo: pr.repo, path: file.path, ref: pr.headSha });
    expect(Buffer.from((data as { content: string }).content, 'base64').toString('utf8')).toBe(file.content);
    const batch = await octokit.graphql<{ repository: Record<string, { text: string } | null> }>(
      'query ($e0: String!, $e1: String!) { repository(owner: "o", name: "r") { f0: object(expression: $e0) { ... on Blob { text } } f1: object(expression: $e1) { ... on Blob { text } } } }',
      { e0: `${pr.headSha}:${file.path}`, e1: `${pr.headSha}:no/such/file.ts` },
    );
    expect(batch.repository).toEqual({ f0: expect.objectContaining({ text: file.content }), f1: null });
    expect(github.requests.get('POST /graphql (file contents)')).toBe(1);
    await expect(octokit.rest.repos.get({ owner: pr.owner, repo: pr.repo })).rejects.toMatchObject({ status: 404 });
    expect(github.unhandled).toEqual([`GET /repos/${pr.owner}/${pr.repo}`]);
  });
});
