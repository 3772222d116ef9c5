import * as ts from '../compiler.js';
import { stringText, unwrap, type Chain } from './ast.js';
import type { Construct, Library, Role } from './libraries.js';

/** What a database call is: which client, and whether it reads, writes or counts. */
export interface QueryShape {
  library: Exclude<Library, 'ioredis' | 'redis' | 'bullmq' | 'nodemailer' | 'fastify' | 'express' | 'hono' | 'http-client' | `node:${string}`> | 'sql';
  op: 'read' | 'write' | 'count';
  /** The method that starts the query (`select`, `findMany`, `query`) for messages. */
  verb: string;
  /** Raw SQL text (`${…}` as `?`) when the query is written as SQL. */
  sql?: string;
  /** The node holding the SQL text, when there is one. */
  sqlNode?: ts.Expression;
}

interface ImportLike {
  library?: Library;
  imported: string;
}

export interface ClassifyInput {
  chain?: Chain;
  tagged?: ts.TaggedTemplateExpression;
  source: ts.SourceFile;
  roleOf: (receiver: string) => { role: Role; construct?: Construct } | undefined;
  imports: Map<string, ImportLike>;
  /** The receiver is known to be a Prisma client from a Prisma-only verb elsewhere in the file. */
  prismaReceiver?: boolean;
}

const SQL_START = /^\s*(select|insert|update|delete|with)\b/i;
const DRIZZLE_START: Record<string, string[] | undefined> = {
  select: ['from'],
  selectDistinct: ['from'],
  selectDistinctOn: ['from'],
  insert: ['values', 'select'],
  update: ['set'],
  delete: ['where', 'returning'],
};
const PRISMA_SPECIFIC = new Set([
  'findMany', 'findFirst', 'findUnique', 'findUniqueOrThrow', 'findFirstOrThrow',
  'createMany', 'createManyAndReturn', 'upsert', 'deleteMany', 'updateMany', 'updateManyAndReturn', 'aggregate', 'groupBy',
]);
const PRISMA_GENERIC = new Set(['create', 'update', 'delete', 'count']);
const PRISMA_RAW = new Set(['$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe']);
const KYSELY_START: Record<string, QueryShape['op']> = {
  selectFrom: 'read', insertInto: 'write', updateTable: 'write', deleteFrom: 'write', replaceInto: 'write', mergeInto: 'write',
};
const KNEX_WRITE = new Set(['insert', 'update', 'del', 'delete', 'upsert', 'merge', 'increment', 'decrement', 'truncate']);

export function classifyQuery(input: ClassifyInput): QueryShape | undefined {
  if (input.tagged) return classifyTagged(input.tagged, input);
  const chain = input.chain!;
  const role = input.roleOf(chain.rootText);
  if (role && role.role !== 'db') return undefined;
  const library = role?.construct?.library;
  const names = chain.links.map((link) => link.name);
  const path = chain.path;
  const first = path[0];
  if (!first) return undefined;

  // drizzle: db.select().from(t) … / db.insert(t).values(v) / db.query.users.findMany()
  // Own keys only: `x.toString().split()` must not find Object.prototype.toString here.
  const next = Object.hasOwn(DRIZZLE_START, first) ? DRIZZLE_START[first] : undefined;
  if (next && path.length === 1 && (names.length >= 2 ? next.includes(names[1]!) && takesTable(chain, library) : library === 'drizzle')) {
    return { library: 'drizzle', op: first.startsWith('select') ? (isCountSelect(chain) ? 'count' : 'read') : 'write', verb: first };
  }
  if (first === '$count' && path.length === 1 && (library === 'drizzle' || role)) return { library: 'drizzle', op: 'count', verb: '$count' };
  if (path.length === 3 && first === 'query' && (path[2] === 'findMany' || path[2] === 'findFirst')) {
    return { library: 'drizzle', op: 'read', verb: path[2] };
  }
  // Prisma: prisma.user.findMany(), prisma.$queryRaw(…)
  if (path.length === 2 && !first.startsWith('$')) {
    const verb = path[1]!;
    const known = library === 'prisma' || input.prismaReceiver;
    if (PRISMA_SPECIFIC.has(verb) || (known && PRISMA_GENERIC.has(verb))) {
      return { library: 'prisma', op: prismaOp(verb), verb };
    }
  }
  if (path.length === 1 && PRISMA_RAW.has(first) && (library === 'prisma' || !role)) {
    const sqlNode = chain.links[0]!.call.arguments[0];
    const sql = stringText(sqlNode) ?? constSql(sqlNode);
    return { library: 'prisma', op: sqlOp(sql), verb: first, sql, sqlNode };
  }
  // Kysely: db.selectFrom('t') …
  if (path.length === 1 && Object.hasOwn(KYSELY_START, first) && (names.length >= 2 || library === 'kysely')) {
    return { library: 'kysely', op: KYSELY_START[first]!, verb: first };
  }
  // pg and other clients that take SQL text: pool.query('SELECT …', [id])
  if (path.length === 1 && (first === 'query' || first === 'execute' || first === 'unsafe') && chain.links.length === 1) {
    const sqlNode = chain.links[0]!.call.arguments[0];
    const sql = stringText(sqlNode) ?? taggedSql(sqlNode) ?? constSql(sqlNode);
    const knownClient = library === 'pg' || library === 'postgres' || library === 'drizzle' || (role?.role === 'db');
    if ((sql && SQL_START.test(sql)) || (knownClient && sqlNode)) {
      return { library: library === 'drizzle' ? 'drizzle' : library === 'pg' ? 'pg' : 'sql', op: sqlOp(sql), verb: first, sql, sqlNode };
    }
  }
  // knex: knex('users').where(…), knex.select('*').from('users')
  if (library === 'knex') {
    const op = names.some((n) => KNEX_WRITE.has(n)) ? 'write' : names.includes('count') ? 'count' : 'read';
    return { library: 'knex', op, verb: names[0] ?? 'knex' };
  }
  return undefined;
}

function classifyTagged(node: ts.TaggedTemplateExpression, input: ClassifyInput): QueryShape | undefined {
  const tag = unwrap(node.tag);
  const sql = stringText(node.template as ts.Expression) ?? '';
  // prisma.$queryRaw`…`
  if (ts.isPropertyAccessExpression(tag) && PRISMA_RAW.has(tag.name.text)) {
    return { library: 'prisma', op: sqlOp(sql), verb: tag.name.text, sql, sqlNode: node.template };
  }
  if (!ts.isIdentifier(tag)) return undefined;
  const role = input.roleOf(tag.text);
  if (role?.construct?.library === 'postgres') return { library: 'postgres', op: sqlOp(sql), verb: 'sql', sql, sqlNode: node.template };
  // drizzle's `sql` builds fragments; it runs only through db.execute().
  const binding = input.imports.get(tag.text);
  if (binding?.library === 'drizzle' || binding?.library === 'kysely') return undefined;
  if (role && role.role !== 'db') return undefined;
  // An imported `sql` client, awaited where it stands: postgres.js.
  const parent = node.parent;
  if (SQL_START.test(sql) && parent && ts.isAwaitExpression(parent)) {
    return { library: 'postgres', op: sqlOp(sql), verb: 'sql', sql, sqlNode: node.template };
  }
  return undefined;
}

/** drizzle names tables by their objects (`from(emails)`); a string there is some other builder. */
function takesTable(chain: Chain, library: Library | undefined): boolean {
  if (library === 'drizzle') return true;
  const link = chain.links.find((l) => l.name === 'from' || l.name === 'insert' || l.name === 'update' || l.name === 'delete');
  const arg = link?.call.arguments[0];
  return !arg || !ts.isStringLiteralLike(unwrap(arg));
}

function taggedSql(node: ts.Expression | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  return ts.isTaggedTemplateExpression(inner) ? stringText(inner.template as ts.Expression) : undefined;
}

/** SQL text kept in a `const` before it is sent: `const text = 'SELECT …'; pool.query(text, [id])`. */
function constSql(node: ts.Expression | undefined): string | undefined {
  const inner = node && unwrap(node);
  const init = inner && ts.isIdentifier(inner) ? constInitializer(inner) : undefined;
  return init && (stringText(init) ?? taggedSql(init));
}

/**
 * The initialiser of the `const` a name refers to, found through the enclosing blocks and the
 * module (lexical scope only: a parameter of that name, or a `let`, hides it).
 */
export function constInitializer(name: ts.Identifier): ts.Expression | undefined {
  for (let node: ts.Node | undefined = name.parent; node; node = node.parent) {
    if (ts.isFunctionLike(node) && node.parameters.some((p) => bindsName(p.name, name.text))) return undefined;
    if (!ts.isBlock(node) && !ts.isSourceFile(node) && !ts.isModuleBlock(node)) continue;
    for (const statement of node.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!bindsName(declaration.name, name.text)) continue;
        const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0;
        return isConst && ts.isIdentifier(declaration.name) ? declaration.initializer : undefined;
      }
    }
  }
  return undefined;
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((e) => ts.isBindingElement(e) && bindsName(e.name, name));
}

function isCountSelect(chain: Chain): boolean {
  const arg = chain.links[0]!.call.arguments[0];
  if (!arg) return false;
  const inner = unwrap(arg);
  if (!ts.isObjectLiteralExpression(inner)) return false;
  return inner.properties.some((p) => {
    if (!ts.isPropertyAssignment(p)) return false;
    const value = unwrap(p.initializer);
    if (ts.isCallExpression(value) && ts.isIdentifier(value.expression) && /^count(Distinct)?$/.test(value.expression.text)) return true;
    return ts.isTaggedTemplateExpression(value) && /count\s*\(/i.test(value.template.getText());
  });
}

function prismaOp(verb: string): QueryShape['op'] {
  if (verb.startsWith('find')) return 'read';
  if (verb === 'count' || verb === 'aggregate' || verb === 'groupBy') return 'count';
  return 'write';
}

function sqlOp(sql: string | undefined): QueryShape['op'] {
  if (!sql) return 'read';
  if (/^\s*select\s+count\s*\(/i.test(sql)) return 'count';
  if (/^\s*(select|with)\b/i.test(sql)) return 'read';
  return 'write';
}
