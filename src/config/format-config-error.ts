import type { ConfigError } from './types.js';

/** `file:line:column: problem` on one line, the form editors and terminals turn into a link. */
export function formatConfigError(error: ConfigError): string {
  const position = error.line !== undefined ? `:${error.line}${error.column !== undefined ? `:${error.column}` : ''}` : '';
  return `${error.file}${position}: ${error.message}`;
}
