import type { FileFacts } from '../../engine/facts/index.js';

const TEST_PATH = /(^|\/)(test|tests|__tests__|__mocks__|spec|e2e)\/|\.(test|spec|e2e)\.[cm]?[jt]sx?$/;
const SCRIPT_PATH = /(^|\/)(scripts?|bin|tools|migrations|seeds?)\/|(^|\/)[^/]*\.config\.[cm]?[jt]s$/;

/** Test files run under a test runner, never in the serving process. */
export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

/**
 * Files that run as a one-off process (tests, build and migration scripts, CLIs with a `#!` line,
 * tool configs) rather than inside a server or worker: nothing else shares their event loop. A
 * script that registers routes or job processors is a server after all.
 */
export function runsOutsideServer(facts: FileFacts): boolean {
  if (isTestPath(facts.path)) return true;
  const script = SCRIPT_PATH.test(facts.path) || facts.source.text.startsWith('#!');
  return script && !facts.functions.some((f) => f.kinds.has('route-handler') || f.kinds.has('job-processor'));
}
