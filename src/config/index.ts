export type * from './types.js';
export { CONFIG_SCHEMA, FAIL_ON_VALUES, REVIEW_EVENTS, RULE_SETTINGS } from './config-schema.js';
export { configErrorOf } from './config-error-of.js';
export { CONFIG_FILE_NAME, CONFIG_PATH, DEFAULT_CONFIG } from './default-config.js';
export { engineOptionsOf } from './engine-options-of.js';
export { formatConfigError } from './format-config-error.js';
export { parseConfig } from './parse-config.js';
export { selectFiles } from './select-files.js';
export { validateConfig } from './validate-config.js';
