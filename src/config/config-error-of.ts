import type { ConfigError } from './types.js';

/** How @probot/octokit-plugin-config starts the messages of the errors it throws about a file. */
const PLUGIN_PREFIX = '[@probot/octokit-plugin-config] ';

/**
 * Turns what Probot's `context.config` threw into a ConfigError when the file is at fault (YAML that
 * does not parse, a file that is not a mapping, a bad `_extends`), with the parser's words and
 * position. Anything else (an HTTP error reading the file) is not the file's fault: undefined, so
 * the caller handles it as the outage it is.
 */
export function configErrorOf(error: unknown, options: { file: string }): ConfigError | undefined {
  if (!(error instanceof Error) || (error as { status?: unknown }).status !== undefined) return undefined;
  if (!error.message.startsWith(PLUGIN_PREFIX)) return undefined;
  const cause = (error as { cause?: unknown }).cause as { name?: string; message?: string; linePos?: { line: number; col: number }[] } | undefined;
  if (cause?.name === 'YAMLParseError' && typeof cause.message === 'string') {
    // yaml's own message ends with its position and a code excerpt; the position is kept apart.
    const text = cause.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const position = cause.linePos?.[0];
    return { file: options.file, message: text, problems: [text], ...(position ? { line: position.line, column: position.col } : {}) };
  }
  if (/YAML is not an object/.test(error.message)) {
    const text = 'the file must hold keys such as `rules:` and `failOn:`';
    return { file: options.file, message: text, problems: [text] };
  }
  // The plugin names the file by its API URL; the person reading knows it by its path.
  const text = error.message.slice(PLUGIN_PREFIX.length).replace(/ in https?:\/\/\S+/, '');
  return { file: options.file, message: text, problems: [text] };
}
