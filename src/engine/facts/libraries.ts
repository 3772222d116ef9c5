/**
 * The libraries perf-review recognises, by module name, and what their exports construct.
 * A local name gets a library only from where it comes from (an import, a constructor, a factory),
 * or from the shapes of its use (facts/index.ts), never from its spelling.
 */
export type Library =
  | 'drizzle'
  | 'prisma'
  | 'pg'
  | 'postgres'
  | 'kysely'
  | 'knex'
  | 'ioredis'
  | 'redis'
  | 'bullmq'
  | 'nodemailer'
  | 'fastify'
  | 'express'
  | 'hono'
  | 'node:fs'
  | 'node:crypto'
  | 'node:zlib'
  | 'node:child_process'
  | 'http-client';

export type Role = 'db' | 'redis' | 'queue' | 'worker' | 'mailer' | 'server' | 'http';

const MODULES: Record<string, Library> = {
  'drizzle-orm': 'drizzle',
  '@prisma/client': 'prisma',
  pg: 'pg',
  postgres: 'postgres',
  kysely: 'kysely',
  knex: 'knex',
  ioredis: 'ioredis',
  redis: 'redis',
  '@redis/client': 'redis',
  bullmq: 'bullmq',
  nodemailer: 'nodemailer',
  fastify: 'fastify',
  express: 'express',
  hono: 'hono',
  fs: 'node:fs',
  'fs/promises': 'node:fs',
  crypto: 'node:crypto',
  zlib: 'node:zlib',
  child_process: 'node:child_process',
  axios: 'http-client',
  got: 'http-client',
  undici: 'http-client',
  'node-fetch': 'http-client',
};

export function libraryOfModule(specifier: string): Library | undefined {
  // Most imports of a file are its own modules.
  if (specifier.startsWith('.')) return undefined;
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (MODULES[bare]) return MODULES[bare];
  // drizzle-orm/node-postgres, drizzle-orm/pg-core, @prisma/client/edge …
  const base = bare.startsWith('@') ? bare.split('/').slice(0, 2).join('/') : bare.split('/')[0]!;
  if (base === 'drizzle-orm' || base === '@prisma/client') return MODULES[base];
  return undefined;
}

/** What calling or constructing an export of a library yields: `new Pool()` → a db client. */
export interface Construct {
  library: Library;
  role: Role;
  /** What the constructed thing is, for messages: `pg Pool`, `ioredis client`. */
  kind: string;
}

const CONSTRUCTORS: Record<string, Record<string, Omit<Construct, 'library'>>> = {
  drizzle: { drizzle: { role: 'db', kind: 'drizzle database' } },
  prisma: { PrismaClient: { role: 'db', kind: 'Prisma client' } },
  pg: {
    Pool: { role: 'db', kind: 'pg Pool' },
    Client: { role: 'db', kind: 'pg Client' },
    default: { role: 'db', kind: 'pg' },
  },
  postgres: { default: { role: 'db', kind: 'postgres.js client' } },
  kysely: { Kysely: { role: 'db', kind: 'Kysely database' } },
  knex: { default: { role: 'db', kind: 'knex database' }, knex: { role: 'db', kind: 'knex database' } },
  ioredis: {
    default: { role: 'redis', kind: 'ioredis client' },
    Redis: { role: 'redis', kind: 'ioredis client' },
    Cluster: { role: 'redis', kind: 'ioredis cluster' },
  },
  redis: { createClient: { role: 'redis', kind: 'redis client' }, createCluster: { role: 'redis', kind: 'redis cluster' } },
  bullmq: {
    Queue: { role: 'queue', kind: 'BullMQ Queue' },
    Worker: { role: 'worker', kind: 'BullMQ Worker' },
    FlowProducer: { role: 'queue', kind: 'BullMQ FlowProducer' },
  },
  nodemailer: { createTransport: { role: 'mailer', kind: 'nodemailer transport' } },
  fastify: { default: { role: 'server', kind: 'Fastify app' }, fastify: { role: 'server', kind: 'Fastify app' } },
  express: { default: { role: 'server', kind: 'Express app' }, Router: { role: 'server', kind: 'Express router' } },
  hono: { Hono: { role: 'server', kind: 'Hono app' } },
};

/**
 * What `imported` of `library`, called or constructed through `member` (for `nodemailer.createTransport`
 * or `express.Router`), produces.
 */
export function constructOf(library: Library, imported: string, member?: string): Construct | undefined {
  const table = CONSTRUCTORS[library];
  if (!table) return undefined;
  // `import * as pg from 'pg'; new pg.Pool()` and `import pg from 'pg'; new pg.Pool()` name the
  // export through `member`; a namespace import called directly constructs nothing.
  const key = member ?? (imported === '*' ? undefined : imported);
  const entry = key === undefined ? undefined : table[key];
  return entry ? { library, ...entry } : undefined;
}

/** Types that say what a parameter or property holds: `(app: FastifyInstance)`, `redis: Redis`. */
const TYPES: Record<string, Record<string, Omit<Construct, 'library'>>> = {
  drizzle: {
    NodePgDatabase: { role: 'db', kind: 'drizzle database' },
    PostgresJsDatabase: { role: 'db', kind: 'drizzle database' },
    PgDatabase: { role: 'db', kind: 'drizzle database' },
    PgTransaction: { role: 'db', kind: 'drizzle transaction' },
  },
  prisma: { PrismaClient: { role: 'db', kind: 'Prisma client' } },
  pg: { Pool: { role: 'db', kind: 'pg Pool' }, PoolClient: { role: 'db', kind: 'pg client' }, Client: { role: 'db', kind: 'pg Client' } },
  postgres: { Sql: { role: 'db', kind: 'postgres.js client' } },
  kysely: { Kysely: { role: 'db', kind: 'Kysely database' }, Transaction: { role: 'db', kind: 'Kysely transaction' } },
  knex: { Knex: { role: 'db', kind: 'knex database' } },
  ioredis: { Redis: { role: 'redis', kind: 'ioredis client' }, default: { role: 'redis', kind: 'ioredis client' }, Cluster: { role: 'redis', kind: 'ioredis cluster' } },
  redis: { RedisClientType: { role: 'redis', kind: 'redis client' } },
  bullmq: { Queue: { role: 'queue', kind: 'BullMQ Queue' }, Worker: { role: 'worker', kind: 'BullMQ Worker' } },
  nodemailer: { Transporter: { role: 'mailer', kind: 'nodemailer transport' } },
  fastify: { FastifyInstance: { role: 'server', kind: 'Fastify app' } },
  express: { Express: { role: 'server', kind: 'Express app' }, Router: { role: 'server', kind: 'Express router' }, Application: { role: 'server', kind: 'Express app' } },
  hono: { Hono: { role: 'server', kind: 'Hono app' } },
};

export function typeConstructOf(library: Library, imported: string, member?: string): Construct | undefined {
  const key = member ?? imported;
  const entry = TYPES[library]?.[key];
  return entry ? { library, ...entry } : undefined;
}

export const NODE_SYNC_LIBRARIES: ReadonlySet<Library> = new Set(['node:fs', 'node:crypto', 'node:zlib', 'node:child_process']);
