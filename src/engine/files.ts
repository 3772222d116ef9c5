/** Which files the engine analyses, and why it leaves the others alone. */

export const ANALYSABLE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

/** Files larger than this are skipped: generated bundles and fixtures, not code a person reviews. */
export const MAX_FILE_BYTES = 1_000_000;

/** A line this long is only written by a minifier. */
const MINIFIED_LINE_LENGTH = 1_000;

// Dependencies and build output: `build/` and `out/` are far more often compiled code than source.
const SKIPPED_DIRECTORIES = /(^|\/)(node_modules|vendor|vendors|third_party|dist|build|out|coverage|\.next|\.git)\//;
const GENERATED_NAMES = /(\.d\.[cm]?ts|\.gen\.[cm]?[jt]sx?|\.generated\.[cm]?[jt]sx?|\.min\.[cm]?js|[.-]bundle\.[cm]?js)$/;

/** Whether a path is one the engine reads at all (quietly: other files are simply not code). */
export function isAnalysablePath(path: string): boolean {
  if (!ANALYSABLE_EXTENSIONS.some((ext) => path.endsWith(ext))) return false;
  if (GENERATED_NAMES.test(path)) return false;
  return !SKIPPED_DIRECTORIES.test(path);
}

/** Why a file the engine would read must be skipped on its content, or undefined to analyse it. */
export function contentSkipReason(content: string): string | undefined {
  if (Buffer.byteLength(content, 'utf8') > MAX_FILE_BYTES) {
    return `larger than ${MAX_FILE_BYTES / 1_000_000} MB`;
  }
  if (content.includes('\u0000')) return 'binary content';
  const firstLines = content.slice(0, 20_000).split('\n', 20);
  if (firstLines.some((line) => line.length > MINIFIED_LINE_LENGTH) && firstLines.length <= 5) return 'minified';
  if (/^\s*(\/\/|\/\*|#)[^\n]*(@generated|auto-generated|do not edit)/i.test(content.slice(0, 500))) return 'generated';
  return undefined;
}
