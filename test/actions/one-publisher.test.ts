import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../src/', import.meta.url).pathname;

async function sourcesUnder(folder: string): Promise<Map<string, string>> {
  const entries = await readdir(join(SRC, folder), { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name));
  return new Map(await Promise.all(files.map(async (file) => [file.slice(SRC.length), await readFile(file, 'utf8')] as const)));
}

/**
 * The App and the Actions mode publish through one module. A second copy would drift: a fix to how
 * comments are fingerprinted, or to a GitHub limit, would reach one front end and not the other.
 */
describe('one publisher', () => {
  it('the App and the Actions mode both publish with publishReview', async () => {
    const app = await readFile(join(SRC, 'github/run-review.ts'), 'utf8');
    const actions = await readFile(join(SRC, 'actions/run-actions.ts'), 'utf8');
    for (const front of [app, actions]) expect(front).toMatch(/import \{[^}]*\bpublishReview\b[^}]*\} from '(\.\/|\.\.\/github\/)publish-review\.js'/);
  });

  it('the Actions mode calls no write endpoint of GitHub itself', async () => {
    const writes = /\.rest\.|\.graphql\(|\.request\(|createReview|createComment|updateComment|checks\.(create|update)/;
    for (const [path, text] of await sourcesUnder('actions')) expect(text, path).not.toMatch(writes);
  });

  it('only src/github talks to Octokit', async () => {
    for (const folder of ['actions', 'cli', 'review', 'engine', 'config']) {
      for (const [path, text] of await sourcesUnder(folder)) expect(text, path).not.toMatch(/\boctokit\.rest\b/);
    }
  });
});
