import type { ChecklistId, Severity } from './checklist.js';

/** One file of a review, whichever front end produced it (App, CLI or Actions). */
export interface SourceInput {
  /** Repository-relative path with `/` separators. */
  path: string;
  /** GitHub's file status: added, modified, renamed, removed, copied, changed, unchanged. */
  status?: string;
  /** The unified diff of the file (GitHub's `patch`, with or without headers). Absent: no diff known. */
  patch?: string;
  /** The file's text at the head commit. Absent when it could not be read (see `skipReason`). */
  content?: string;
  /** Why the front end could not provide the content (too large, binary, fetch failed). */
  skipReason?: string;
}

export type ReviewMode = 'changed' | 'all';

/** A figure for the summary's Performance Metrics table: static, never an invented latency. */
export interface Metric {
  operation: string;
  current: string;
  target: string;
}

export interface Finding {
  rule: string;
  checklist: ChecklistId;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endLine: number;
  message: string;
  messageId: string;
  /** The flagged line's code, whitespace-normalised: identifies the finding across pushes. */
  fingerprint: string;
  metric?: Metric;
  /** A safe replacement for the lines `line`..`endLine`, offered as a GitHub suggestion. */
  fix?: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export type ChecklistStatus = 'passed' | 'attention' | 'not-applicable' | 'manual';

export interface ChecklistResult {
  id: ChecklistId;
  text: string;
  status: ChecklistStatus;
  count: number;
  /** What a person should check when no rule decides the item. */
  manual: string;
  rules: string[];
}

export interface ReviewResult {
  mode: ReviewMode;
  findings: Finding[];
  /** Paths that were analysed. */
  analysed: string[];
  skipped: SkippedFile[];
  checklist: ChecklistResult[];
  stats: { files: number; lines: number; durationMs: number };
}

/** Per-rule settings from the configuration: off, or another severity. */
export type RuleSetting = 'off' | Severity;

export interface EngineOptions {
  mode: ReviewMode;
  rules?: Record<string, RuleSetting>;
  tenantKeys?: readonly string[];
  batchLimit?: number;
}
