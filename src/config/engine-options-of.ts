import type { EngineOptions, ReviewMode } from '../engine/index.js';
import type { PerfReviewConfig } from './types.js';

/** The part of the configuration the engine applies: rule settings, tenant keys and the batch limit. */
export function engineOptionsOf(config: PerfReviewConfig, mode: ReviewMode): EngineOptions {
  return { mode, rules: config.rules, tenantKeys: config.tenantKeys, batchLimit: config.batchLimit };
}
