import { checklistItem } from '../engine/checklist.js';
import type { Finding, ReviewResult, Severity } from '../engine/index.js';
import type { Rule } from '../engine/rule.js';
import { RULES } from '../rules/index.js';
import { docsUrlFor } from './docs.js';

/** The OASIS location of the SARIF 2.1.0 schema, which code-scanning tools recognise. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';

/** The project's home page, shown by code-scanning tools next to the tool's name. */
export const INFORMATION_URI = 'https://github.com/perf-review/perf-review';

/** Paths in results are relative to this base; code scanning resolves it to the checkout. */
const SRCROOT = '%SRCROOT%';

/** The key under which a finding's fingerprint travels: versioned, so a new scheme can sit beside it. */
export const FINGERPRINT_KEY = 'perfReview/v1';

/** SARIF has three levels for results; the specification's three severities map one to one. */
const LEVELS: Record<Severity, SarifLevel> = { critical: 'error', moderate: 'warning', minor: 'note' };

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifOptions {
  /** perf-review's version, for `tool.driver.version` (read from package.json by the caller). */
  version: string;
  /** The rules to describe; every registered rule unless told otherwise. */
  rules?: readonly Rule[];
  docsUrl?(ruleId: string): string;
  /** A `file://` URI ending in `/` for the folder the paths are relative to, recorded for `%SRCROOT%`. */
  srcRoot?: string;
}

interface SarifArtifactLocation {
  uri: string;
  uriBaseId: string;
}

interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri: string;
  help: Required<SarifMessage>;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; checklist: string; severity: Severity };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation; region: { startLine: number; startColumn: number; endLine: number } } }[];
  partialFingerprints: Record<string, string>;
  properties: { checklist: string; severity: Severity };
}

export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation } }[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: SarifNotification[] }[];
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }[];
}

/**
 * A review as a SARIF 2.1.0 log, the format GitHub code scanning and other dashboards read: every
 * rule with its help and link, every finding with its location and fingerprint, and the files that
 * could not be reviewed as notifications of the run.
 */
export function toSarifLog(result: ReviewResult, options: SarifOptions): SarifLog {
  const rules = options.rules ?? RULES;
  const docsUrl = options.docsUrl ?? ((id: string) => docsUrlFor(id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'perf-review',
            version: options.version,
            semanticVersion: options.version,
            informationUri: INFORMATION_URI,
            rules: rules.map((rule) => toSarifRule(rule, docsUrl(rule.id))),
          },
        },
        ...(options.srcRoot !== undefined ? { originalUriBaseIds: { [SRCROOT]: { uri: options.srcRoot } } } : {}),
        invocations: [
          {
            // Skipped files are reported, not failures: the run itself completed.
            executionSuccessful: true,
            toolExecutionNotifications: result.skipped.map((file) => ({
              level: 'warning',
              message: { text: `${file.path} was not reviewed: ${file.reason}` },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(file.path) } }],
            })),
          },
        ],
        // The engine counts columns as TypeScript does: UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((finding) => toSarifResult(finding, ruleIndex.get(finding.rule))),
      },
    ],
  };
}

/** The CLI's `--format sarif`: one log, pretty-printed. */
export function renderSarif(result: ReviewResult, options: SarifOptions): string {
  return `${JSON.stringify(toSarifLog(result, options), null, 2)}\n`;
}

function toSarifRule(rule: Rule, url: string): SarifRule {
  const item = checklistItem(rule.checklist);
  const checklist = item ? `${rule.checklist} (${item.text})` : rule.checklist;
  const description = rule.docs.description;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: firstSentence(description) },
    fullDescription: { text: `${description} Checklist item ${checklist}; default severity ${rule.severity}.` },
    helpUri: url,
    help: {
      text: `${description}\n\nChecklist item: ${checklist}.\nDefault severity: ${rule.severity}.\n\nWhy it matters, how to fix it, and examples: ${url}`,
      markdown: `${description}\n\n**Checklist item:** \`${rule.checklist}\`${item ? `: ${item.text}` : ''}  \n**Default severity:** ${rule.severity}\n\n[Why it matters, how to fix it, and examples](${url})`,
    },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { tags: ['performance', rule.checklist], checklist: rule.checklist, severity: rule.severity },
  };
}

function toSarifResult(finding: Finding, ruleIndex: number | undefined): SarifResult {
  return {
    ruleId: finding.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(finding.path),
          region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: { checklist: finding.checklist, severity: finding.severity },
  };
}

/** A relative path as a URI reference: each segment escaped, so spaces and `#` stay part of the name. */
function artifactLocation(path: string): SarifArtifactLocation {
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_whole, _dash: string, letter: string) => letter.toUpperCase());
}

/** Code-scanning lists show the short description in one line: the first sentence is enough there. */
function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
