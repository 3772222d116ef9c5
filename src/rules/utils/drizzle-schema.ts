import { posix } from 'node:path';
import * as ts from '../../engine/compiler.js';
import { memberName, propertyOf, semanticParent, unwrap } from '../../engine/facts/ast.js';
import type { FileFacts } from '../../engine/facts/index.js';
import { constInitializer as constInit } from '../../engine/facts/queries.js';

/**
 * The drizzle tables that the reviewed files declare (`pgTable('emails', {...}, (t) => [...])`),
 * with which columns an index can serve: for rules that look at a query in one file and its
 * table's schema in another. Built once per review from every file's facts; tables that no
 * reviewed file declares are simply unknown.
 */

export interface ColumnInfo {
  /** The leading column of a primary key, unique constraint or index. */
  indexed: boolean;
  /** A single-column primary key or unique constraint: one row per value. */
  unique: boolean;
  /** Declares `.references(...)`: PostgreSQL does not index foreign keys by itself. */
  references: boolean;
}

export interface TableInfo {
  /** The name the module binds the table to, which queries use: `emails` in `eq(emails.status, …)`. */
  name: string;
  path: string;
  /** Columns by their key in the table's object: `appId`, not `app_id`. */
  columns: Map<string, ColumnInfo>;
  /** Every column and every index could be read (no spread columns, no config built elsewhere). */
  complete: boolean;
}

export interface Schema {
  tables: readonly TableInfo[];
  /** The table an expression names (`emails`, `schema.emails`) in `facts`' file, when a reviewed file declares it. */
  tableOf(facts: FileFacts, expr: ts.Expression): TableInfo | undefined;
  /** Whether a column of a table named in `facts`' file is declared unique (primary key, unique). */
  uniqueIn(facts: FileFacts): (table: ts.Expression, column: string) => boolean;
}

const TABLE_FACTORIES = new Set(['pgTable', 'mysqlTable', 'sqliteTable']);
const INDEX_BUILDERS = new Set(['index', 'uniqueIndex', 'unique']);
/** Table-level entries that create no index on a column (`foreignKey` does not in PostgreSQL). */
const NO_INDEX_BUILDERS = new Set(['foreignKey', 'check']);
const MAX_REEXPORT_DEPTH = 5;

/**
 * The files a schema can come from, by their text (a superset): a table needs one of drizzle's
 * table factories imported by name (`pgTable`, `pgTableCreator`, `pgSchema`, …), and a schema index
 * re-exports (`export * from`, `export { x } from`).
 */
export const SCHEMA_SOURCE = /pgTable|mysqlTable|sqliteTable|pgSchema|export\s*(?:type\s*)?[*{]/;

/** What one reviewed file contributes to the schema, as plain data: its tables and its re-exports. */
export interface SchemaPart {
  path: string;
  tables: TableInfo[];
  /** `export * from './emails'` (no names), `export { emails, x as y } from './emails'` (exported → local). */
  reexports: { specifier: string; names?: Map<string, string> }[];
}

/** A file's part of the schema: what `schemaOf` needs from it, with no syntax node kept. */
export function schemaPartOf(facts: FileFacts): SchemaPart {
  const reexports: SchemaPart['reexports'] = [];
  for (const statement of facts.source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.exportClause;
    if (!clause) reexports.push({ specifier: statement.moduleSpecifier.text });
    else if (ts.isNamedExports(clause)) {
      const names = new Map<string, string>();
      for (const e of clause.elements) if (!names.has(e.name.text)) names.set(e.name.text, (e.propertyName ?? e.name).text);
      reexports.push({ specifier: statement.moduleSpecifier.text, names });
    }
  }
  return { path: facts.path, tables: tablesIn(facts), reexports };
}

const cache = new WeakMap<readonly SchemaPart[], Schema>();

/** The schema the reviewed files declare, from their parts: built once per review. */
export function schemaOf(parts: readonly SchemaPart[]): Schema {
  const cached = cache.get(parts);
  if (cached) return cached;
  const byPath = new Map(parts.map((part) => [part.path, part]));
  const tables = parts.flatMap((part) => part.tables);
  const byFile = new Map<string, TableInfo[]>();
  for (const table of tables) byFile.set(table.path, [...(byFile.get(table.path) ?? []), table]);

  // Every query names its table: resolve each import once, not once per query.
  const resolved = new Map<string, string | undefined>();
  const resolve = (from: string, specifier: string): string | undefined => {
    const key = `${from}\0${specifier}`;
    if (!resolved.has(key)) resolved.set(key, resolveModule(from, specifier, byPath));
    return resolved.get(key);
  };

  const lookup = (path: string, name: string, depth: number): TableInfo | undefined => {
    const own = byFile.get(path)?.find((t) => t.name === name);
    if (own || depth > MAX_REEXPORT_DEPTH) return own;
    const part = byPath.get(path);
    if (!part) return undefined;
    // `export * from './emails'` and `export { emails } from './emails'` in a schema index module.
    for (const reexport of part.reexports) {
      const target = resolve(path, reexport.specifier);
      if (!target) continue;
      if (!reexport.names) {
        const found = lookup(target, name, depth + 1);
        if (found) return found;
      } else {
        const local = reexport.names.get(name);
        if (local !== undefined) return lookup(target, local, depth + 1);
      }
    }
    return undefined;
  };

  const byName = (facts: FileFacts, name: string): TableInfo | undefined => {
    const binding = facts.imports.get(name);
    if (!binding) return byFile.get(facts.path)?.find((t) => t.name === name);
    if (binding.module.startsWith('.')) {
      const target = resolve(facts.path, binding.module);
      return target ? lookup(target, binding.imported, 0) : undefined;
    }
    // A path alias (`@/db/schema`) or a workspace package: only a table name no other reviewed table shares.
    const same = tables.filter((t) => t.name === binding.imported);
    return same.length === 1 ? same[0] : undefined;
  };

  // Rules ask again and again for the same names of one file: answer each once per file.
  const answersKey = {};
  const answer = (facts: FileFacts, key: string, find: () => TableInfo | undefined): TableInfo | undefined => {
    const known = facts.memo(answersKey, () => new Map<string, TableInfo | undefined>());
    if (known.has(key)) return known.get(key);
    const found = find();
    known.set(key, found);
    return found;
  };

  const schema: Schema = {
    tables,
    tableOf(facts, expr) {
      const inner = unwrap(expr);
      if (ts.isIdentifier(inner)) return answer(facts, inner.text, () => byName(facts, inner.text));
      // `import * as schema from './schema'` … `schema.emails`
      if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression)) {
        const namespace = inner.expression.text;
        const name = inner.name.text;
        return answer(facts, `${namespace}.${name}`, () => {
          const binding = facts.imports.get(namespace);
          if (binding?.imported !== '*' || !binding.module.startsWith('.')) return undefined;
          const target = resolve(facts.path, binding.module);
          return target ? lookup(target, name, 0) : undefined;
        });
      }
      return undefined;
    },
    uniqueIn: (facts) => (table, column) => schema.tableOf(facts, table)?.columns.get(column)?.unique ?? false,
  };
  cache.set(parts, schema);
  return schema;
}

/** The reviewed file a relative import names: `./schema`, `./schema.js`, `./schema/index.ts`. */
function resolveModule(from: string, specifier: string, files: Map<string, SchemaPart>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.[cm]?[jt]sx?$/, '');
  const candidates = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'].map((ext) => base + ext);
  return candidates.find((c) => files.has(c));
}

/** What a file must import from drizzle to declare a table: most files declare none and are not searched. */
const TABLE_IMPORTS = new Set([...TABLE_FACTORIES, 'pgTableCreator', 'pgSchema']);

function tablesIn(facts: FileFacts): TableInfo[] {
  const tables: TableInfo[] = [];
  let declares = false;
  for (const binding of facts.imports.values()) if (binding.library === 'drizzle' && TABLE_IMPORTS.has(binding.imported)) declares = true;
  if (!declares) return tables;
  for (const site of facts.calls) {
    const call = site.node;
    if (!ts.isCallExpression(call) || !isTableFactory(facts, call.expression)) continue;
    const holder = semanticParent(call);
    if (!holder || !ts.isVariableDeclaration(holder) || !ts.isIdentifier(holder.name)) continue;
    const table: TableInfo = { name: holder.name.text, path: facts.path, columns: new Map(), complete: true };
    readColumns(table, call.arguments[1]);
    readConfig(table, call.arguments[2]);
    tables.push(table);
  }
  return tables;
}

/** `pgTable`, a `pgTableCreator(...)` result, or `pgSchema('x').table` / `mySchema.table`, from drizzle. */
function isTableFactory(facts: FileFacts, callee: ts.Expression): boolean {
  const inner = unwrap(callee);
  const fromDrizzle = (name: string, imported: (i: string) => boolean): boolean => {
    const binding = facts.imports.get(name);
    return binding?.library === 'drizzle' && imported(binding.imported);
  };
  if (ts.isIdentifier(inner)) {
    if (fromDrizzle(inner.text, (i) => TABLE_FACTORIES.has(i))) return true;
    const init = constInit(inner);
    return !!init && isDrizzleCall(facts, init, 'pgTableCreator', fromDrizzle);
  }
  if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'table') {
    const object = unwrap(inner.expression);
    if (isDrizzleCall(facts, object, 'pgSchema', fromDrizzle)) return true;
    const init = ts.isIdentifier(object) ? constInit(object) : undefined;
    return !!init && isDrizzleCall(facts, init, 'pgSchema', fromDrizzle);
  }
  return false;
}

function isDrizzleCall(
  facts: FileFacts,
  expr: ts.Expression,
  name: string,
  fromDrizzle: (name: string, imported: (i: string) => boolean) => boolean,
): boolean {
  const inner = unwrap(expr);
  return ts.isCallExpression(inner) && ts.isIdentifier(unwrap(inner.expression)) &&
    fromDrizzle((unwrap(inner.expression) as ts.Identifier).text, (i) => i === name);
}

function readColumns(table: TableInfo, arg: ts.Expression | undefined): void {
  // drizzle ≥ 0.36 also takes `(t) => ({ id: t.uuid() })`.
  const object = arg && returnedExpression(arg);
  if (!object || !ts.isObjectLiteralExpression(object)) {
    table.complete = false;
    return;
  }
  for (const prop of object.properties) {
    if (!ts.isPropertyAssignment(prop) || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) {
      table.complete = false;
      continue;
    }
    const methods = chainNames(prop.initializer);
    const unique = methods.includes('primaryKey') || methods.includes('unique');
    table.columns.set(prop.name.text, { indexed: unique, unique, references: methods.includes('references') });
  }
}

function readConfig(table: TableInfo, arg: ts.Expression | undefined): void {
  if (!arg) return;
  const body = returnedExpression(arg);
  const entries = !body
    ? undefined
    : ts.isArrayLiteralExpression(body)
      ? [...body.elements]
      : ts.isObjectLiteralExpression(body)
        ? body.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : undefined))
        : undefined;
  if (!entries) {
    table.complete = false;
    return;
  }
  for (const entry of entries) {
    if (!entry || !readIndex(table, entry)) table.complete = false;
  }
}

/** Marks the leading column of one table-level entry; false when the entry cannot be read. */
function readIndex(table: TableInfo, entry: ts.Expression): boolean {
  const links = chainLinks(entry);
  const builder = links[0];
  if (!builder) return false;
  if (NO_INDEX_BUILDERS.has(builder.name)) return true;
  let columns: readonly ts.Expression[] | undefined;
  if (INDEX_BUILDERS.has(builder.name)) {
    const on = links.find((l) => l.name === 'on' || l.name === 'onOnly' || l.name === 'using');
    if (!on) return false;
    columns = on.name === 'using' ? on.call.arguments.slice(1) : on.call.arguments;
  } else if (builder.name === 'primaryKey') {
    const first = builder.call.arguments[0] && unwrap(builder.call.arguments[0]);
    const list = first && ts.isObjectLiteralExpression(first) ? propertyOf(first, 'columns') : undefined;
    const value = list && ts.isPropertyAssignment(list) ? unwrap(list.initializer) : undefined;
    columns = value && ts.isArrayLiteralExpression(value) ? value.elements : builder.call.arguments;
  } else {
    return false;
  }
  const lead = columns[0] && memberName(unwrap(columns[0]));
  // An expression index (`lower(email)`) serves that expression, not the column.
  if (!lead) return true;
  const column = table.columns.get(lead) ?? { indexed: false, unique: false, references: false };
  column.indexed = true;
  if (builder.name !== 'index' && columns.length === 1) column.unique = true;
  table.columns.set(lead, column);
  return true;
}

/** The expression a config or columns argument yields: the body of `(t) => …` or the value itself. */
function returnedExpression(arg: ts.Expression): ts.Expression | undefined {
  const inner = unwrap(arg);
  if (!ts.isArrowFunction(inner) && !ts.isFunctionExpression(inner)) return inner;
  if (!ts.isBlock(inner.body)) return unwrap(inner.body);
  const last = inner.body.statements[inner.body.statements.length - 1];
  return last && ts.isReturnStatement(last) && last.expression ? unwrap(last.expression) : undefined;
}

/** Calls of a fluent chain, innermost first: `index('x').on(t.a)` → index, on. */
function chainLinks(expr: ts.Expression): { name: string; call: ts.CallExpression }[] {
  const links: { name: string; call: ts.CallExpression }[] = [];
  let current = unwrap(expr);
  while (ts.isCallExpression(current)) {
    const callee = unwrap(current.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      links.unshift({ name: callee.name.text, call: current });
      current = unwrap(callee.expression);
    } else {
      if (ts.isIdentifier(callee)) links.unshift({ name: callee.text, call: current });
      break;
    }
  }
  return links;
}

function chainNames(expr: ts.Expression): string[] {
  return chainLinks(expr).map((l) => l.name);
}
