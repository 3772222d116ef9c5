import type * as ts from './compiler.js';
import type { ChecklistId, Severity } from './checklist.js';
import type { FileFacts } from './facts/index.js';
import type { Metric } from './types.js';

export interface Report {
  node: ts.Node;
  messageId: string;
  /** Values for the `{{name}}` placeholders of the message. */
  data?: Record<string, string | number>;
  metric?: Metric;
  /** A safe replacement for the reported node's lines, offered as a GitHub suggestion. */
  fix?: string;
  /**
   * The last node the finding covers when it spans several statements (a run of awaits): the
   * finding ends on this node's last line, and a `fix` replaces every line from `node` to it.
   */
  to?: ts.Node;
}

/** Settings a rule may read: they come from the configuration, through the engine. */
export interface RuleSettings {
  /** Names of the tenant id in scope (cache.tenant-key). */
  tenantKeys: readonly string[];
  /** The most rows one batch write may carry (batch.db-chunk). */
  batchLimit: number;
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  tenantKeys: ['appId', 'tenantId', 'orgId', 'accountId', 'workspaceId'],
  batchLimit: 1000,
};

export interface RuleContext<Project = unknown> {
  report(report: Report): void;
  settings: RuleSettings;
  /** What the rule's `prepare` returned for this review; undefined for rules without one. */
  project: Project;
}

/**
 * A rule is data plus one pure function of a file's facts. It never touches Octokit, the disk or
 * the configuration: severity and on/off are applied by the engine.
 *
 * A rule that needs to see across files (an index declared in the schema module, a query in a
 * route module) declares `summarise` and `prepare`. The engine first analyses every reviewed file
 * whose text matches `prepareFrom` (every file without it) and hands its facts to `summarise`,
 * which returns what the file contributes, as plain data; then it calls `prepare` once with all of
 * them, before any `check`, and hands what it returns to `applies` and `check` as the project
 * context. Both are as pure as `check`, and see only the files under review. No syntax tree is
 * kept past its file: a summary must not hold nodes. Keeping many trees alive at once costs the
 * whole review (bench/RESULTS.md); the files summarised are analysed again when their turn comes.
 */
export interface Rule<Project = unknown, Part = unknown> {
  id: string;
  checklist: ChecklistId;
  severity: Severity;
  docs: { description: string };
  messages: Record<string, string>;
  /** Less specific rules this one replaces when both report the same line (one finding per problem). */
  overrides?: string[];
  /**
   * What one file contributes to the project context, as data without syntax nodes. Rules that
   * share this function (and `prepareFrom`) share its results: it runs once per file for all of them.
   */
  summarise?(facts: FileFacts): Part;
  /** Once per review, before any check: a project-wide context built from the files' summaries. */
  prepare?(parts: readonly Part[]): Project;
  /** The files `summarise` draws on, by their text: a test that no file it needs can fail (a superset). */
  prepareFrom?: RegExp;
  /** Whether the file holds anything this rule looks at; decides "not applicable" in the summary. */
  applies(facts: FileFacts, project: Project): boolean;
  check(facts: FileFacts, ctx: RuleContext<Project>): void;
}

export function defineRule<Project = unknown, Part = unknown>(rule: Rule<Project, Part>): Rule<Project, Part> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}
