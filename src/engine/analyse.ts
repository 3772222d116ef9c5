import { hash } from 'node:crypto';
import * as ts from './compiler.js';
import { CHECKLIST, severityRank } from './checklist.js';
import { addedLines } from './diff.js';
import { computeFacts, type FileFacts } from './facts/index.js';
import { contentSkipReason, isAnalysablePath } from './files.js';
import { DEFAULT_RULE_SETTINGS, formatMessage, type Report, type Rule, type RuleSettings } from './rule.js';
import { parseFile } from './parse-file.js';
import { isSuppressed, parseSuppressions } from './suppress.js';
import type { ChecklistResult, EngineOptions, Finding, ReviewResult, SkippedFile, SourceInput } from './types.js';

/**
 * Reviews a set of files: parse each with the compiler ts-morph bundles, compute its facts once, run
 * every enabled rule over them, then keep the findings on changed lines that nobody suppressed.
 *
 * Files are reviewed one at a time and their syntax trees dropped once checked. No tree outlives
 * its file: keeping many alive at once doubles the parser's own time (every young-generation
 * collection copies them), and keeping them while the next files are parsed teaches V8 to allocate
 * every later tree in the old generation, where dead trees pin young ones (bench/RESULTS.md). The
 * files a cross-file rule draws on (`prepareFrom`) are therefore analysed twice: first to
 * `summarise` them, as data, then again in their turn.
 */
export function analyse(inputs: SourceInput[], rules: readonly Rule[], options: EngineOptions): ReviewResult {
  const started = performance.now();
  const skipped: SkippedFile[] = [];
  const analysedPaths: string[] = [];
  let lines = 0;

  const enabled = rules.filter((rule) => settingOf(rule, options) !== 'off');
  const settings: RuleSettings = {
    tenantKeys: options.tenantKeys ?? DEFAULT_RULE_SETTINGS.tenantKeys,
    batchLimit: options.batchLimit ?? DEFAULT_RULE_SETTINGS.batchLimit,
  };
  const applied = new Set<string>();
  const findings: Finding[] = [];

  /** The file's facts, or why it cannot be analysed. */
  const analyseFile = (input: SourceInput): { facts: FileFacts } | { reason: string } | undefined => {
    if (input.status === 'removed' || !isAnalysablePath(input.path)) return undefined;
    const reason = input.skipReason ?? (input.content === undefined ? 'content not available' : contentSkipReason(input.content));
    if (reason) return { reason };
    // The bare compiler, without ts-morph's Project wrappers: nothing after this reads the wrappers,
    // and wrapping costs 2.7x the bare parse (bench/RESULTS.md).
    const source = parseFile(input.path, input.content!);
    const error = firstParseError(source);
    if (error) return { reason: `does not parse: ${error}` };
    return { facts: computeFacts(input.path, source) };
  };

  // First the summaries cross-file rules draw on: one list per `summarise` and `prepareFrom`, shared
  // by the rules that have both (they may cache by it); a file is summarised once per `summarise`.
  type Summarise = NonNullable<Rule['summarise']>;
  const groups: { summarise: Summarise; from?: RegExp; parts: unknown[] }[] = [];
  const groupOf = (rule: Rule) =>
    groups.find((group) => group.summarise === rule.summarise && group.from?.toString() === rule.prepareFrom?.toString());
  for (const rule of enabled) {
    if (rule.prepare && rule.summarise && !groupOf(rule)) groups.push({ summarise: rule.summarise, from: rule.prepareFrom, parts: [] });
  }
  for (const input of groups.length > 0 ? inputs : []) {
    const drawing = groups.filter(({ from }) => !from || (input.content !== undefined && from.test(input.content)));
    if (drawing.length === 0) continue;
    const analysed = analyseFile(input);
    if (!analysed || !('facts' in analysed)) continue;
    const parts = new Map<Summarise, unknown>();
    for (const group of drawing) {
      if (!parts.has(group.summarise)) parts.set(group.summarise, group.summarise(analysed.facts));
      group.parts.push(parts.get(group.summarise));
    }
  }
  const projects = new Map(enabled.filter((rule) => rule.prepare).map((rule) => [rule.id, rule.prepare!(groupOf(rule)?.parts ?? [])]));

  // Then every file, one at a time.
  for (const input of inputs) {
    const analysed = analyseFile(input);
    if (!analysed) continue;
    if ('reason' in analysed) {
      skipped.push({ path: input.path, reason: analysed.reason });
      continue;
    }
    const { facts } = analysed;
    lines += lineCount(facts.source);
    analysedPaths.push(input.path);
    const fileFindings: Finding[] = [];
    for (const rule of enabled) {
      const project = projects.get(rule.id);
      if (!rule.applies(facts, project)) continue;
      applied.add(rule.id);
      rule.check(facts, { report: (report) => fileFindings.push(toFinding(rule, report, facts, options)), settings, project });
    }
    findings.push(...distinctFingerprints(keep(fileFindings, input, options)));
  }

  const sorted = dedupe(findings, rules).sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column,
  );
  return {
    mode: options.mode,
    findings: sorted,
    analysed: analysedPaths,
    skipped,
    checklist: checklistResults(enabled, applied, sorted),
    stats: { files: analysedPaths.length, lines, durationMs: Math.round(performance.now() - started) },
  };
}

function settingOf(rule: Rule, options: EngineOptions) {
  return options.rules?.[rule.id] ?? options.rules?.[rule.checklist];
}

function toFinding(rule: Rule, report: Report, facts: FileFacts, options: EngineOptions): Finding {
  const source = facts.source;
  const start = source.getLineAndCharacterOfPosition(report.node.getStart(source));
  const end = source.getLineAndCharacterOfPosition((report.to ?? report.node).getEnd());
  const setting = settingOf(rule, options);
  const starts = source.getLineStarts();
  const lineText = source.text.slice(starts[start.line], starts[start.line + 1] ?? source.text.length);
  return {
    rule: rule.id,
    checklist: rule.checklist,
    severity: setting && setting !== 'off' ? setting : rule.severity,
    path: facts.path,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    message: formatMessage(rule.messages[report.messageId] ?? report.messageId, report.data),
    messageId: report.messageId,
    fingerprint: fingerprint(rule.id, facts.path, lineText),
    ...(report.metric ? { metric: report.metric } : {}),
    ...(report.fix !== undefined ? { fix: report.fix } : {}),
  };
}

/** Identifies a finding across pushes: the rule, the file and the flagged code, not its line number. */
export function fingerprint(rule: string, path: string, lineText: string): string {
  const normalised = lineText.replace(/\s+/g, ' ').trim();
  // The one-shot form: a Hash object per finding cost more than the digest.
  return hash('sha256', `${rule}\0${path}\0${normalised}`, 'hex').slice(0, 16);
}

/** Two identical flagged lines in one file are two findings: number the repeats. */
function distinctFingerprints(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return [...findings]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((f) => {
      const count = (seen.get(f.fingerprint) ?? 0) + 1;
      seen.set(f.fingerprint, count);
      return count === 1 ? f : { ...f, fingerprint: `${f.fingerprint}-${count}` };
    });
}

function keep(findings: Finding[], input: SourceInput, options: EngineOptions): Finding[] {
  if (findings.length === 0) return findings;
  const suppressions = parseSuppressions(input.content ?? '');
  // Without a patch (a new file, or a diff GitHub would not render) every line counts as changed.
  const changed = options.mode === 'changed' && input.patch !== undefined ? addedLines(input.patch) : undefined;
  return findings.filter(
    (f) => !isSuppressed(suppressions, f.line, f.rule, f.checklist) && (!changed || changed.has(f.line)),
  );
}

/**
 * One finding per problem: the same rule twice on one spot is one finding, and where a more
 * specific rule (one that `overrides` another) reports the same line, only it comments.
 */
function dedupe(findings: Finding[], rules: readonly Rule[]): Finding[] {
  const overrides = new Map(rules.map((rule) => [rule.id, new Set(rule.overrides ?? [])]));
  const byLine = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.path}\0${f.line}`;
    byLine.set(key, [...(byLine.get(key) ?? []), f]);
  }
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\0${f.path}\0${f.line}\0${f.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const sameLine = byLine.get(`${f.path}\0${f.line}`) ?? [];
    return !sameLine.some((other) => other.rule !== f.rule && overrides.get(other.rule)?.has(f.rule));
  });
}

function checklistResults(enabled: readonly Rule[], applied: Set<string>, findings: Finding[]): ChecklistResult[] {
  return CHECKLIST.map((item) => {
    const rules = enabled.filter((rule) => rule.checklist === item.id).map((rule) => rule.id);
    const count = findings.filter((f) => f.checklist === item.id).length;
    const status: ChecklistResult['status'] =
      rules.length === 0 ? 'manual' : count > 0 ? 'attention' : rules.some((id) => applied.has(id)) ? 'passed' : 'not-applicable';
    return { id: item.id, text: item.text, status, count, manual: item.manual, rules };
  });
}

/**
 * The file's lines, as the compiler counts them, without building its table of line starts (a
 * walk of every character in script) for the many files no finding needs it for.
 */
function lineCount(source: ts.SourceFile): number {
  const text = source.text;
  if (/[\r\u2028\u2029]/.test(text)) return source.getLineStarts().length;
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function firstParseError(source: ts.SourceFile): string | undefined {
  // The parser records syntax errors on the source file; reading them needs no program.
  const diagnostics = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  if (!first) return undefined;
  const { line } = source.getLineAndCharacterOfPosition(first.start);
  return `${ts.flattenDiagnosticMessageText(first.messageText, ' ')} (line ${line + 1})`;
}
