/**
 * The last task queued per key. An entry leaves as soon as its last task settles, so the map only
 * ever holds the pull requests under review at this moment.
 */
const tails = new Map<string, Promise<void>>();

/**
 * Runs `task` once every task queued earlier under the same key has settled. Two reviews of one
 * pull request never interleave: neither can list comments while the other is posting them, which
 * is how a finding would be commented twice or a second summary created.
 */
export function inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (tails.get(key) ?? Promise.resolve()).then(task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
