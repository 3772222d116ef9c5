import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { CHECKLIST } from '../engine/index.js';
import { RULES } from '../rules/index.js';
import { closestNames } from './closest-names.js';
import { CONFIG_KEYS, CONFIG_SCHEMA } from './config-schema.js';
import { DEFAULT_CONFIG } from './default-config.js';
import type { ConfigResult, PerfReviewConfig } from './types.js';

/** One thing wrong with a configuration, located by its path of keys so a caller can find its line. */
export interface ConfigProblem {
  path: (string | number)[];
  text: string;
  /** The problem is the key itself (unknown), not its value: point at the key. */
  onKey: boolean;
}

/** Probot's `_extends`: resolved by Probot before the App sees the object, meaningless to validate. */
const EXTENDS_KEY = '_extends';

let validator: ValidateFunction | undefined;

/**
 * Checks a configuration object (what Probot's `context.config` returns, or parsed YAML) and fills
 * in the defaults. `null` or `undefined` (no file, an empty file) is every default.
 */
export function validateConfig(value: unknown, options: { file: string }): ConfigResult {
  const problems = findProblems(value);
  if (problems.length > 0) {
    const lines = problems.map(describeProblem);
    return { error: { file: options.file, message: lines.join('; '), problems: lines } };
  }
  return toConfig(value);
}

/** Every problem of a configuration, in the schema's order, then unknown rule ids. */
export function findProblems(value: unknown): ConfigProblem[] {
  if (value === null || value === undefined) return [];
  const data = withoutExtends(value);
  validator ??= new Ajv({ allErrors: true, strict: true, verbose: true }).compile(CONFIG_SCHEMA);
  const problems = validator(data) ? [] : (validator.errors ?? []).map(toProblem);
  const rules = (data as { rules?: unknown }).rules;
  if (rules !== null && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const id of Object.keys(rules)) {
      if (!KNOWN_IDS.includes(id)) problems.push({ path: ['rules', id], text: unknownRule(id), onKey: true });
    }
  }
  return problems;
}

/** `rules.no-query-in-loop: must be one of …`: the key a person would look for, then the problem. */
export function describeProblem(problem: ConfigProblem): string {
  const key = problem.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
  return key === '' ? problem.text : `${key}: ${problem.text}`;
}

const KNOWN_IDS: readonly string[] = [...RULES.map((rule) => rule.id), ...CHECKLIST.map((item) => item.id)];

function unknownRule(id: string): string {
  const near = closestNames(id, KNOWN_IDS);
  const hint = near.length > 0 ? `did you mean ${near.slice(0, -1).join(', ')}${near.length > 1 ? ' or ' : ''}${near.at(-1)}?` : 'perf-review --list-rules prints the rule ids';
  return `unknown rule or checklist id; ${hint}`;
}

function toProblem(error: ErrorObject): ConfigProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const near = closestNames(key, CONFIG_KEYS, 1);
      const hint = near.length > 0 ? ` (did you mean ${near[0]}?)` : '';
      return { path: [...path, key], text: `unknown key${hint}; the keys are ${CONFIG_KEYS.join(', ')}`, onKey: true };
    }
    case 'enum':
      return { path, text: `must be one of ${(params.allowedValues as unknown[]).join(', ')} (${found(error.data)})`, onKey: false };
    case 'type':
      return { path, text: path.length === 0 ? 'the file must hold keys such as `rules:` and `failOn:`' : `must be ${TYPE_WORDS[String(params.type)] ?? String(params.type)}`, onKey: false };
    case 'minimum':
      return { path, text: `must be at least ${String(params.limit)}`, onKey: false };
    case 'minItems':
      return { path, text: `must list at least ${String(params.limit)} ${Number(params.limit) === 1 ? 'entry' : 'entries'}`, onKey: false };
    case 'minLength':
      return { path, text: 'must not be empty', onKey: false };
    default:
      return { path, text: error.message ?? error.keyword, onKey: false };
  }
}

/** `failOn:` with nothing after it parses as null: "empty" is what the person sees in the file. */
function found(data: unknown): string {
  return data === null || data === undefined ? 'it is empty' : `found ${JSON.stringify(data)}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping of keys to values',
  array: 'a list',
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function withoutExtends(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !(EXTENDS_KEY in value)) return value;
  const { [EXTENDS_KEY]: _extends, ...rest } = value as Record<string, unknown>;
  return rest;
}

function toConfig(value: unknown): ConfigResult {
  if (value === null || value === undefined) return { config: DEFAULT_CONFIG };
  const given = value as Record<string, unknown>;
  const data = withoutExtends(value) as Partial<PerfReviewConfig>;
  // Copies, so a caller that changes its object later cannot change the review's settings.
  const config: PerfReviewConfig = {
    ...DEFAULT_CONFIG,
    ...data,
    rules: { ...(data.rules ?? DEFAULT_CONFIG.rules) },
    include: [...(data.include ?? DEFAULT_CONFIG.include)],
    exclude: [...(data.exclude ?? DEFAULT_CONFIG.exclude)],
    tenantKeys: [...(data.tenantKeys ?? DEFAULT_CONFIG.tenantKeys)],
  };
  const extendsValue = given[EXTENDS_KEY];
  return typeof extendsValue === 'string' ? { config, extends: extendsValue } : { config };
}
