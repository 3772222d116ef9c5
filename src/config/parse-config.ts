import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';
import { describeProblem, findProblems, validateConfig, type ConfigProblem } from './validate-config.js';
import type { ConfigError, ConfigResult } from './types.js';

/**
 * Reads the text of a `perf-review.yml`: YAML syntax errors and invalid settings both become a
 * ConfigError with the file, the line and column of the first problem, and the parser's or the
 * validator's words. An empty file is every default.
 */
export function parseConfig(text: string, options: { file: string }): ConfigResult {
  const lineCounter = new LineCounter();
  // YAML 1.2 (the package's default, as Probot uses it): `off` stays the string "off", not false.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    return located(options.file, [syntax.message], line, col);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Aliases are resolved here, not while parsing: an unknown anchor or an alias bomb ends up in this branch.
    return located(options.file, [error instanceof Error ? error.message : String(error)]);
  }
  const problems = findProblems(value);
  if (problems.length === 0) return validateConfig(value, options);
  const placed = problems
    .map((problem) => ({ problem, offset: offsetOf(doc, problem) }))
    .sort((a, b) => (a.offset ?? Infinity) - (b.offset ?? Infinity));
  const first = placed[0]!.offset;
  const position = first === undefined ? undefined : lineCounter.linePos(first);
  return located(
    options.file,
    placed.map(({ problem }) => describeProblem(problem)),
    position?.line,
    position?.col,
  );
}

function located(file: string, problems: string[], line?: number, column?: number): { error: ConfigError } {
  return {
    error: {
      file,
      message: problems.join('; '),
      problems,
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
    },
  };
}

/** Where in the text a problem sits: the key for an unknown key, the value for a bad one. */
function offsetOf(doc: Document, problem: ConfigProblem): number | undefined {
  const { path } = problem;
  if (path.length === 0) return (doc.contents as Node | null)?.range?.[0];
  const value = problem.onKey ? undefined : (doc.getIn(path, true) as Node | undefined)?.range?.[0];
  return value ?? keyOffset(doc, path);
}

function keyOffset(doc: Document, path: (string | number)[]): number | undefined {
  const container = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(container)) return undefined;
  const key = path.at(-1);
  const pair = container.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === key);
  return (pair?.key as Node | undefined)?.range?.[0];
}
