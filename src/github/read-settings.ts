import type { Context } from 'probot';
import { CONFIG_FILE_NAME, CONFIG_PATH, DEFAULT_CONFIG, configErrorOf, parseConfig, validateConfig, type ConfigError, type PerfReviewConfig } from '../config/index.js';
import { httpStatusOf } from './error-fields.js';
import type { ReviewContext } from './read-review-context.js';
import type { ReviewTarget } from './review-target.js';
import type { GitHub } from './types.js';

/** The configuration a review runs with, the reason there is none, or the outage that hid it. */
export type Settings = { config: PerfReviewConfig } | { error: ConfigError } | { unreadable: unknown };

/** What reading the configuration needs from a webhook's context. */
export interface ConfigSource {
  config: Context['config'];
  octokit: GitHub;
}

/**
 * `.github/perf-review.yml` through Probot, which reads it from the default branch and follows
 * `_extends` (and the organisation's `.github` repository when the repository has no file).
 * deepmerge concatenates arrays by default: `include`, `exclude` and `tenantKeys` from a repository
 * must replace the organisation's, or nobody could narrow them.
 */
export async function readSettings(source: ConfigSource, target: ReviewTarget): Promise<Settings> {
  let value: unknown;
  try {
    value = await source.config(CONFIG_FILE_NAME, undefined, { arrayMerge: (_defaults: unknown[], own: unknown[]) => own });
  } catch (error) {
    const fileError = configErrorOf(error, { file: CONFIG_PATH });
    return fileError ? { error: fileError } : { unreadable: error };
  }
  const checked = validateConfig(value, { file: CONFIG_PATH });
  return 'config' in checked ? { config: checked.config } : { error: await locate(source.octokit, target, checked.error) };
}

/**
 * Probot hands over the merged object, without positions. The repository's own text gives the line
 * and column of the problem; when that file is fine on its own, the problem came from the settings
 * it extends, and the message says so. Only a broken file costs this extra request.
 */
async function locate(octokit: GitHub, target: ReviewTarget, error: ConfigError): Promise<ConfigError> {
  let text: unknown;
  try {
    ({ data: text } = await octokit.rest.repos.getContent({ owner: target.owner, repo: target.repo, path: CONFIG_PATH, mediaType: { format: 'raw' } }));
  } catch (readError) {
    // No file of its own: Probot took the organisation's from its `.github` repository.
    return httpStatusOf(readError) === 404 ? { ...error, file: `${target.owner}/.github:${CONFIG_PATH}` } : error;
  }
  if (typeof text !== 'string') return error;
  const parsed = parseConfig(text, { file: CONFIG_PATH });
  return 'error' in parsed ? parsed.error : { ...error, file: `${CONFIG_PATH} (with the settings it extends)` };
}

/**
 * The settings from the files the review's GraphQL read returned, parsed as Probot would have read
 * them: the repository's file on the default branch, else the organisation's in its `.github`
 * repository, else every default. A file that `_extends` another goes through Probot after all
 * (the only case that costs requests), since only Probot follows the chain.
 */
export async function settingsOf(files: ReviewContext['config'], target: ReviewTarget, probot?: ConfigSource): Promise<Settings> {
  const own = files.repository;
  if ('unreadable' in own) return own;
  const [found, file] = 'text' in own ? [own, CONFIG_PATH] : [files.organisation, `${target.owner}/.github:${CONFIG_PATH}`];
  if ('unreadable' in found) return found;
  if (!('text' in found)) return { config: DEFAULT_CONFIG };
  if (probot && EXTENDS.test(found.text)) return readSettings(probot, target);
  const parsed = parseConfig(found.text, { file });
  return 'config' in parsed ? { config: parsed.config } : { error: parsed.error };
}

/** A top-level `_extends:` key, quoted or not. */
const EXTENDS = /^["']?_extends["']?\s*:/m;
