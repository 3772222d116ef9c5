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
 * route module) declares `prepare`: the engine calls it once per review, before any `check`, and
 * hands what it returns to `applies` and `check` as the project context. It is as pure as `check`,
 * and it sees only the files under review. With `prepareFrom`, it sees only the reviewed files
 * whose text matches: the engine analyses those first and keeps no other file's syntax tree once
 * the file is checked, which halves the parse time of a large review (bench/RESULTS.md).
 */
export interface Rule<Project = unknown> {
  id: string;
  checklist: ChecklistId;
  severity: Severity;
  docs: { description: string };
  messages: Record<string, string>;
  /** Less specific rules this one replaces when both report the same line (one finding per problem). */
  overrides?: string[];
  /** Once per review, before any check: a project-wide context built from the reviewed files. */
  prepare?(files: readonly FileFacts[]): Project;
  /**
   * The files `prepare` draws on, by their text: a test that no file it needs can fail (a superset).
   * Without it, `prepare` is given every reviewed file, and all of them stay in memory until the end.
   */
  prepareFrom?: RegExp;
  /** Whether the file holds anything this rule looks at; decides "not applicable" in the summary. */
  applies(facts: FileFacts, project: Project): boolean;
  check(facts: FileFacts, ctx: RuleContext<Project>): void;
}

export function defineRule<Project = unknown>(rule: Rule<Project>): Rule<Project> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  );
}
