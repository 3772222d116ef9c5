import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONFIG_PATH, DEFAULT_CONFIG, formatConfigError, parseConfig, type PerfReviewConfig } from '../config/index.js';
import { UsageError } from './usage-error.js';

export interface LoadedConfig {
  config: PerfReviewConfig;
  /** The file read, as the user named it; absent when none was found and the defaults apply. */
  file?: string;
  /** Sentences for stderr: what the CLI could not do with the file as the App would. */
  notes: string[];
}

/**
 * The configuration for a local review: the file named by `--config`, else `.github/perf-review.yml`
 * under the working directory when there is one, else the defaults. A named file that is missing
 * and a file that does not validate are input errors (exit 2), never a review with other settings.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const file = explicit ?? CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && explicit === undefined) return { config: DEFAULT_CONFIG, notes: [] };
    if (code === 'ENOENT') throw new UsageError(`config file not found: ${file}`);
    throw new UsageError(`cannot read config file ${file}: ${code === 'EISDIR' ? 'it is a folder' : (code ?? String(error))}`);
  }
  const parsed = parseConfig(text, { file });
  if ('error' in parsed) throw new UsageError(formatConfigError(parsed.error));
  const notes =
    parsed.extends !== undefined
      ? [`${file} extends ${parsed.extends}: the App merges those settings, the CLI uses this file's own`]
      : [];
  return { config: parsed.config, file, notes };
}
