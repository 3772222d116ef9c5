import parseDiff from 'parse-diff';

/**
 * Line numbers (1-based, in the new file) that a patch adds. GitHub's per-file `patch` has no
 * headers; `git diff` output has them: parse-diff reads both.
 */
export function addedLines(patch: string): Set<number> {
  const lines = new Set<number>();
  for (const file of parseDiff(patch)) {
    for (const chunk of file.chunks) {
      for (const change of chunk.changes) if (change.type === 'add') lines.add(change.ln);
    }
  }
  return lines;
}

/** Lines a review comment may sit on: added or unchanged lines inside a hunk (GitHub's RIGHT side). */
export function commentableLines(patch: string): Set<number> {
  const lines = new Set<number>();
  for (const file of parseDiff(patch)) {
    for (const chunk of file.chunks) {
      for (const change of chunk.changes) {
        if (change.type === 'add') lines.add(change.ln);
        else if (change.type === 'normal') lines.add(change.ln2);
      }
    }
  }
  return lines;
}

/** Splits a multi-file `git diff` into per-file patches keyed by the new path. */
export function splitGitDiff(diff: string): Map<string, string> {
  const byPath = new Map<string, string>();
  const parts = diff.split(/^(?=diff --git )/m).filter((part) => part.startsWith('diff --git '));
  for (const part of parts) {
    const [file] = parseDiff(part);
    const path = file?.to && file.to !== '/dev/null' ? file.to : undefined;
    if (path) byPath.set(path, part);
  }
  return byPath;
}
