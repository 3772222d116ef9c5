import { CONFIG_PATH, selectFiles, type PerfReviewConfig } from '../config/index.js';
import { isAnalysablePath } from '../engine/files.js';
import { plural } from '../review/markdown.js';
import { MAX_PULL_REQUEST_FILES } from './limits.js';
import type { ChangedFile, ChangedFiles } from './list-changed-files.js';
import type { ReviewTarget } from './review-target.js';

export interface SelectedFiles {
  files: ChangedFile[];
  /** What the summary tells the reader about files that were not reviewed. */
  notes: string[];
}

/**
 * The pull request's changed files that `include` / `exclude` let through, chosen before anything
 * is read so excluded files cost nothing. The App and the Actions mode both list the files through
 * GitHub, so both say the same about GitHub's cut-off and about the files the configuration left out.
 */
export function selectChangedFiles(listing: ChangedFiles, config: PerfReviewConfig, target: ReviewTarget, configFile: string = CONFIG_PATH): SelectedFiles {
  const notes: string[] = [];
  if (listing.truncated) {
    const total = target.changedFiles !== undefined && target.changedFiles > listing.files.length ? ` of its ${target.changedFiles.toLocaleString('en-US')} changed files` : '';
    notes.push(`GitHub lists at most ${MAX_PULL_REQUEST_FILES.toLocaleString('en-US')} files of a pull request: only the first ${listing.files.length.toLocaleString('en-US')}${total} were reviewed.`);
  }
  const kept = new Set(selectFiles(listing.files.map((file) => file.path), config));
  const excluded = listing.files.filter((file) => !kept.has(file.path) && file.status !== 'removed' && isAnalysablePath(file.path)).length;
  if (excluded > 0) notes.push(`${plural(excluded, 'changed code file')} left out by \`include\` / \`exclude\` in \`${configFile}\`.`);
  return { files: listing.files.filter((file) => kept.has(file.path)), notes };
}
