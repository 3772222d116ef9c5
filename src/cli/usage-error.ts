/** A problem with the command line or its input: exit status 2 and one line on stderr, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
