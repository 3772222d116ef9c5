import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validate as validateGraphqlDocument } from '@octokit/graphql-schema';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Checks each request the App sends against GitHub's own OpenAPI description: the operation must
 * exist, and its JSON body must satisfy the operation's request-body schema. A mock only proves
 * the App sends what the test expects; this proves GitHub would accept it.
 */

interface Operation {
  method: string;
  template: string;
  operationId: string;
  pattern: RegExp;
  /** More literal segments win: `/pulls/comments` is not `/pulls/{pull_number}`. */
  literals: number;
}

interface Description {
  ajv: Ajv;
  operations: Operation[];
  document: { paths: Record<string, Record<string, { operationId?: string; requestBody?: RequestBody }>> };
  validators: Map<string, ValidateFunction | null>;
}

interface RequestBody {
  $ref?: string;
  required?: boolean;
  content?: Record<string, { schema?: unknown }>;
}

const DOCUMENT_ID = 'https://api.github.com/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'];

// ajv-formats is CommonJS with a default export: under NodeNext it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let description: Description | undefined;

function load(): Description {
  if (description) return description;
  const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
  const document = JSON.parse(readFileSync(file, 'utf8')) as Description['document'];
  // The description is OpenAPI, not JSON Schema: its `example`, `x-github` and friends are not
  // keywords, so strict mode is off and the document itself is not checked against a meta-schema.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
  addFormats(ajv);
  // Added whole, so a body schema's `#/components/...` references resolve inside the same document.
  ajv.addSchema(document as object, DOCUMENT_ID);
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const segments = template.split('/');
      const pattern = segments
        .map((segment, i) => {
          if (!/^\{[^}]+\}$/.test(segment)) return escapeRegExp(segment);
          // A trailing `{path}` (contents, git refs) may hold slashes when the client leaves them unencoded.
          return i === segments.length - 1 && /^\{(path|ref)\}$/.test(segment) ? '.+' : '[^/]+';
        })
        .join('/');
      operations.push({
        method: method.toUpperCase(),
        template,
        operationId: operation.operationId ?? `${method} ${template}`,
        pattern: new RegExp(`^${pattern}$`),
        literals: segments.filter((segment) => segment && !segment.startsWith('{')).length,
      });
    }
  }
  return (description = { ajv, operations, document, validators: new Map() });
}

/** The operation GitHub documents for a request, by method and path (an Enterprise `/api/v3` prefix is ignored). */
export function findOperation(method: string, pathname: string): Operation | undefined {
  const path = pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/\/+$/, '') || '/';
  return load()
    .operations.filter((op) => op.method === method.toUpperCase() && op.pattern.test(path))
    .sort((a, b) => b.literals - a.literals)[0];
}

/**
 * Problems with one request, empty when GitHub would accept it: an operation GitHub does not
 * document, a body it does not take, or a body that breaks the operation's schema.
 */
export function validateRequest(method: string, url: string, body: string | undefined): string[] {
  const { pathname } = new URL(url, 'https://api.github.com');
  const name = `${method.toUpperCase()} ${pathname}`;
  if (/^(\/api)?\/graphql$/.test(pathname)) return validateGraphqlRequest(method, body);
  const operation = findOperation(method, pathname);
  if (!operation) return [`${name}: GitHub's OpenAPI description has no such operation`];

  const text = body?.trim() ?? '';
  let json: unknown;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      return [`${name} (${operation.operationId}): the body is not JSON: ${text.slice(0, 200)}`];
    }
  }
  const requestBody = requestBodyOf(operation);
  if (!requestBody) {
    return json === undefined || isEmptyObject(json) ? [] : [`${name} (${operation.operationId}) takes no body, but one was sent`];
  }
  if (json === undefined) {
    return requestBody.required ? [`${name} (${operation.operationId}) requires a body, but none was sent`] : [];
  }
  const validate = validatorOf(operation, requestBody);
  if (!validate || validate(json)) return [];
  return (validate.errors ?? []).map(
    (error) => `${name} (${operation.operationId}): body${error.instancePath || ''} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`,
  );
}

function requestBodyOf(operation: Operation): RequestBody | undefined {
  const { document } = load();
  let requestBody = document.paths[operation.template]?.[operation.method.toLowerCase()]?.requestBody;
  // Shared bodies live under components and are referenced from the operation.
  if (requestBody?.$ref) requestBody = resolvePointer(document, requestBody.$ref) as RequestBody;
  return requestBody;
}

function validatorOf(operation: Operation, requestBody: RequestBody): ValidateFunction | null {
  const { ajv, validators } = load();
  const key = `${operation.method} ${operation.template}`;
  if (!validators.has(key)) {
    const mediaType = Object.keys(requestBody.content ?? {}).find((type) => type.includes('json'));
    const pointer = mediaType
      ? ['paths', operation.template, operation.method.toLowerCase(), 'requestBody', 'content', mediaType, 'schema']
      : undefined;
    const direct = requestBody.$ref === undefined && pointer;
    const ref = direct ? `${DOCUMENT_ID}#/${pointer.map(escapePointer).join('/')}` : undefined;
    validators.set(key, ref ? (ajv.getSchema(ref) ?? failToCompile(ref)) : mediaType ? ajv.compile(requestBody.content![mediaType]!.schema as object) : null);
  }
  return validators.get(key)!;
}

function failToCompile(ref: string): never {
  throw new Error(`Could not compile the request-body schema ${ref}`);
}

function resolvePointer(document: unknown, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/**
 * GraphQL is one endpoint outside the OpenAPI description: the request must be a POST whose JSON
 * body holds a `query` document that is valid against GitHub's public GraphQL schema
 * (`@octokit/graphql-schema`) and the `variables` object it declares, each one given.
 */
export function validateGraphqlRequest(method: string, body: string | undefined): string[] {
  const name = `${method.toUpperCase()} /graphql`;
  if (method.toUpperCase() !== 'POST') return [`${name}: GraphQL takes POST only`];
  let json: { query?: unknown; variables?: unknown };
  try {
    json = JSON.parse(body ?? '') as typeof json;
  } catch {
    return [`${name}: the body is not JSON: ${(body ?? '').slice(0, 200)}`];
  }
  const problems: string[] = [];
  const { query, variables } = json;
  if (typeof query !== 'string' || !/^\s*(query|mutation)\b[^{]*\{/.test(query)) problems.push(`${name}: \`query\` must be a query or mutation document`);
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) problems.push(`${name}: \`variables\` must be an object`);
  if (problems.length > 0 || typeof query !== 'string') return problems;
  if (!balanced(query)) problems.push(`${name}: the query's brackets do not balance`);
  for (const error of validateGraphqlDocument(query)) problems.push(`${name}: not valid against GitHub's GraphQL schema: ${error.message}`);
  const declared = [...(query.match(/^[^{]*/)?.[0] ?? '').matchAll(/\$(\w+)\s*:\s*([\w!\[\]]+)/g)];
  const given = variables as Record<string, unknown>;
  for (const [, variable, type] of declared) {
    if (type!.endsWith('!') && given[variable!] == null) problems.push(`${name}: the required variable $${variable} is missing`);
  }
  const names = new Set(declared.map(([, variable]) => variable));
  for (const used of query.matchAll(/\$(\w+)/g)) if (!names.has(used[1])) problems.push(`${name}: $${used[1]} is used but not declared`);
  for (const key of Object.keys(given)) if (!names.has(key)) problems.push(`${name}: the variable ${key} is not declared by the query`);
  return [...new Set(problems)];
}

function balanced(text: string): boolean {
  const pairs: Record<string, string> = { '}': '{', ')': '(', ']': '[' };
  const open: string[] = [];
  for (const char of text.replace(/"(?:[^"\\]|\\.)*"/g, '')) {
    if (char === '{' || char === '(' || char === '[') open.push(char);
    else if (pairs[char] && open.pop() !== pairs[char]) return false;
  }
  return open.length === 0;
}
