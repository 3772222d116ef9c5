import type { RuleSetting } from '../engine/index.js';
import type { FailOn } from '../review/index.js';

export type ReviewEvent = 'COMMENT' | 'REQUEST_CHANGES';

/** `.github/perf-review.yml` with every default filled in: what the App and the CLI act on. */
export interface PerfReviewConfig {
  /** Per rule id or checklist id: off, or the severity its findings get. A rule id wins over its checklist id. */
  rules: Readonly<Record<string, RuleSetting>>;
  /** Globs of the files to review; empty reviews every file the engine reads. */
  include: readonly string[];
  /** Globs of the files to leave out, even when `include` names them. */
  exclude: readonly string[];
  failOn: FailOn;
  /** Findings beyond this are listed in the summary instead of commented inline. */
  maxInlineComments: number;
  reviewEvent: ReviewEvent;
  skipDrafts: boolean;
  tenantKeys: readonly string[];
  batchLimit: number;
}

/** A configuration that cannot be used, said so that a person can fix it without reading code. */
export interface ConfigError {
  /** The file as the user knows it (`.github/perf-review.yml`). */
  file: string;
  /** Every problem found, joined into one line. */
  message: string;
  /** One entry per problem, each starting with the key it is about. */
  problems: string[];
  /** 1-based position of the first problem, when the file's text is known. */
  line?: number;
  column?: number;
}

export type ConfigResult =
  | {
      config: PerfReviewConfig;
      /** The `_extends` the file names: the App follows it through Probot, a local reader cannot. */
      extends?: string;
    }
  | { error: ConfigError };
