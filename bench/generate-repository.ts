import { seededRandom, type SeededRandom } from './seeded-random.js';

/**
 * A reproducible repository of an email platform's back-end: routes, services, job processors,
 * schema and configuration, ~80 lines a file, mostly clean code with a realistic share of the
 * problems perf-review looks for, each recorded with its line so that results can be checked.
 */

export type FileKind = 'support' | 'route' | 'service' | 'worker' | 'schema' | 'config';

/** The ESLint rules the benchmark compares against: the nearest equivalents of perf-review's. */
export type PeerRule = 'no-await-in-loop' | 'n/no-sync' | '@typescript-eslint/no-floating-promises';

export interface GeneratedFile {
  path: string;
  kind: FileKind;
  content: string;
  lines: number;
}

export interface SeededProblem {
  path: string;
  line: number;
  /** The perf-review rule that must report it. */
  rule: string;
  /** The ESLint rule that reports the same line, when there is an equivalent. */
  peer?: PeerRule;
}

export interface PeerFinding {
  path: string;
  line: number;
  rule: PeerRule;
}

export interface GeneratedRepository {
  seed: number;
  files: GeneratedFile[];
  lines: number;
  problems: SeededProblem[];
  /**
   * What the ESLint peer reports: the seeded problems it has a rule for, and the correct code
   * its rules cannot tell apart (a cursor loop awaits each page; start-up reads a file once).
   */
  peerFindings: PeerFinding[];
}

export const DEFAULT_SEED = 20_240_501;

/** Identifies a report by file, line and rule: how expected and actual findings are matched. */
export const findingKey = (finding: { path: string; line: number; rule: string }): string => `${finding.path}:${finding.line}:${finding.rule}`;

/** Shares of the generated files, by kind, after the shared clients module. */
const KIND_WEIGHTS: readonly [FileKind, number][] = [
  ['route', 30],
  ['service', 35],
  ['worker', 20],
  ['schema', 8],
  ['config', 7],
];

/** About one block in eight carries a problem: most of a healthy code base is clean. */
const PROBLEM_SHARE = 0.125;
const TARGET_LINES = { min: 70, max: 92 };

interface Entity {
  /** camelCase singular: `apiKey`. */
  name: string;
  /** The table's variable: `apiKeys`. */
  table: string;
  /** The table's SQL name: `api_keys`. */
  sql: string;
  /** PascalCase singular: `ApiKey`. */
  type: string;
  /** kebab-case, for file names: `api-key`. */
  file: string;
}

const ENTITIES: readonly Entity[] = [
  ['email', 'emails'],
  ['contact', 'contacts'],
  ['campaign', 'campaigns'],
  ['domain', 'domains'],
  ['template', 'templates'],
  ['webhook', 'webhooks'],
  ['segment', 'segments'],
  ['apiKey', 'apiKeys'],
  ['bounce', 'bounces'],
  ['broadcast', 'broadcasts'],
].map(([name, table]) => ({
  name: name!,
  table: table!,
  sql: snake(table!),
  type: name![0]!.toUpperCase() + name!.slice(1),
  file: kebab(name!),
}));

export function generateRepository(fileCount: number, seed = DEFAULT_SEED): GeneratedRepository {
  const random = seededRandom(seed);
  const files: GeneratedFile[] = [];
  const problems: SeededProblem[] = [];
  const peerFindings: PeerFinding[] = [];
  const taken = new Set<string>();
  for (let index = 0; index < fileCount; index++) {
    const kind: FileKind = index === 0 ? 'support' : weighted(random, KIND_WEIGHTS);
    const entity = random.pick(ENTITIES);
    const path = uniquePath(kind, entity, taken);
    const builder = new FileBuilder();
    BUILDERS[kind](builder, { entity, random, n: index, variant: 1 }, path);
    files.push({ path, kind, content: builder.text(), lines: builder.lines.length });
    problems.push(...builder.problems.map((p) => ({ path, ...p })));
    peerFindings.push(...builder.peerFindings.map((p) => ({ path, ...p })));
  }
  return { seed, files, lines: files.reduce((sum, file) => sum + file.lines, 0), problems, peerFindings };
}

/**
 * Collects lines. A template line may end in a marker that is stripped from the output:
 * `#P(rule)` or `#P(rule,peer-rule)` for a seeded problem, `#E(peer-rule)` for correct code the
 * peer reports anyway.
 */
class FileBuilder {
  readonly lines: string[] = [];
  readonly problems: Omit<SeededProblem, 'path'>[] = [];
  readonly peerFindings: Omit<PeerFinding, 'path'>[] = [];

  add(block: string): void {
    for (const raw of block.replace(/^\n/, '').replace(/\n$/, '').split('\n')) {
      const marker = /\s*#([PE])\(([^)]*)\)$/.exec(raw);
      const line = marker ? raw.slice(0, marker.index) : raw;
      this.lines.push(line);
      if (!marker) continue;
      const lineNumber = this.lines.length;
      const [first, second] = marker[2]!.split(',') as [string, PeerRule | undefined];
      if (marker[1] === 'P') {
        this.problems.push({ line: lineNumber, rule: first, ...(second ? { peer: second } : {}) });
        if (second) this.peerFindings.push({ line: lineNumber, rule: second });
      } else {
        this.peerFindings.push({ line: lineNumber, rule: first as PeerRule });
      }
    }
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

interface BlockContext {
  entity: Entity;
  random: SeededRandom;
  /** The file's index: keeps exported names unique across the repository. */
  n: number;
  /** How many times the file already holds this block, plus one: a repeat gets its own names. */
  variant: number;
}

type Block = (c: BlockContext) => string;

/** Fills a file with blocks until it reaches its drawn length; problems at about PROBLEM_SHARE. */
function fillBlocks(builder: FileBuilder, c: BlockContext, clean: readonly Block[], problems: readonly Block[], budget: number): void {
  const uses = new Map<Block, number>();
  while (builder.lines.length < budget) {
    const pool = c.random.chance(PROBLEM_SHARE) ? problems : clean;
    const fresh = pool.filter((block) => !uses.has(block));
    const block = c.random.pick(fresh.length > 0 ? fresh : pool);
    const variant = (uses.get(block) ?? 0) + 1;
    uses.set(block, variant);
    if (!builder.lines.at(-1)?.endsWith('{')) builder.add('');
    builder.add(block({ ...c, variant }));
  }
}

const names = ({ entity: e, n, variant }: BlockContext) => ({
  ...e,
  events: `${e.name}Events`,
  key: `${e.name}Key`,
  N: variant > 1 ? `${n}_${variant}` : `${n}`,
  /** A repeated route is a newer version of the endpoint. */
  base: variant > 1 ? `/v${variant}` : '',
});

// ── routes: a Fastify plugin per module ──────────────────────────────────────────────────────

const routeGetById: Block = (c) => {
  const { base, table: T, name } = names(c);
  return `
  app.get('${base}/${T}/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const [row] = await db
      .select({ id: ${T}.id, name: ${T}.name, status: ${T}.status, updatedAt: ${T}.updatedAt })
      .from(${T})
      .where(and(eq(${T}.appId, request.user.appId), eq(${T}.id, id)))
      .limit(1);
    return row ?? reply.code(404).send({ error: '${name} not found' });
  });`;
};

const routeList: Block = (c) => {
  const { base, table: T } = names(c);
  return `
  app.get('${base}/${T}', async (request) => {
    const { appId } = request.user;
    const { cursor, limit = ${c.random.pick([20, 25, 50])} } = request.query as { cursor?: string; limit?: number };
    const size = Math.min(limit, MAX_PAGE);
    const rows = await db
      .select({ id: ${T}.id, name: ${T}.name, status: ${T}.status })
      .from(${T})
      .where(and(eq(${T}.appId, appId), cursor ? gt(${T}.id, cursor) : undefined))
      .orderBy(asc(${T}.id))
      .limit(size + 1);
    const hasMore = rows.length > size;
    return { data: rows.slice(0, size), cursor: hasMore ? rows[size - 1]!.id : null, hasMore };
  });`;
};

const routeEnqueue: Block = (c) => {
  const { base, table: T, name } = names(c);
  return `
  app.post('${base}/${T}/:id/${c.random.pick(['send', 'deliver', 'publish'])}', async (request, reply) => {
    const { id } = request.params as { id: string };
    const { appId } = request.user;
    await sendQueue.add('${name}.send', { appId, id }, { jobId: \`${name}:\${appId}:\${id}\`, removeOnComplete: true });
    return reply.code(202).send({ queued: true });
  });`;
};

const routeUpdate: Block = (c) => {
  const { base, table: T, name } = names(c);
  return `
  app.patch('${base}/${T}/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = request.body as { name?: string; status?: string };
    const updated = await db
      .update(${T})
      .set({ ...body, updatedAt: new Date() })
      .where(and(eq(${T}.appId, request.user.appId), eq(${T}.id, id)))
      .returning({ id: ${T}.id });
    return updated.length > 0 ? reply.code(204).send() : reply.code(404).send({ error: '${name} not found' });
  });`;
};

const routeCreate: Block = (c) => {
  const { base, table: T } = names(c);
  return `
  app.post('${base}/${T}', async (request, reply) => {
    const { name, ownerEmail } = request.body as { name: string; ownerEmail: string };
    const [created] = await db
      .insert(${T})
      .values({ appId: request.user.appId, name, ownerEmail, status: 'active' })
      .returning({ id: ${T}.id, createdAt: ${T}.createdAt });
    return reply.code(201).send(created);
  });`;
};

const routeDelete: Block = (c) => {
  const { base, table: T, events: E } = names(c);
  return `
  app.delete('${base}/${T}/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    await db.transaction(async (tx) => {
      await tx.delete(${E}).where(eq(${E}.parentId, id));
      await tx.delete(${T}).where(and(eq(${T}.appId, request.user.appId), eq(${T}.id, id)));
    });
    return reply.code(204).send();
  });`;
};

const routeCount: Block = (c) => {
  const { base, table: T } = names(c);
  return `
  app.get('${base}/${T}/count', async (request) => {
    const { status = 'active' } = request.query as { status?: string };
    const [{ total }] = await db
      .select({ total: count() })
      .from(${T})
      .where(and(eq(${T}.appId, request.user.appId), eq(${T}.status, status)));
    return { total };
  });`;
};

const routeQueryInLoop: Block = (c) => {
  const { base, table: T, events: E } = names(c);
  return `
  app.get('${base}/${T}/recent', async (request) => {
    const { appId } = request.user;
    const rows = await db
      .select({ id: ${T}.id, name: ${T}.name })
      .from(${T})
      .where(eq(${T}.appId, appId))
      .orderBy(desc(${T}.createdAt))
      .limit(${c.random.pick([20, 30, 50])});
    const result = [];
    for (const row of rows) {
      const events = await db.select({ type: ${E}.type, createdAt: ${E}.createdAt }).from(${E}).where(eq(${E}.parentId, row.id)).limit(10); #P(no-query-in-loop,no-await-in-loop)
      result.push({ ...row, events });
    }
    return { data: result };
  });`;
};

const routeSyncRead: Block = (c) => {
  const { base, table: T } = names(c);
  return `
  app.get('${base}/${T}/:id/preview', async (request) => {
    const { id } = request.params as { id: string };
    const layout = readFileSync(join(TEMPLATE_DIR, '${c.random.pick(['layout', 'frame', 'wrapper'])}.html'), 'utf8'); #P(no-blocking-sync-call,n/no-sync)
    return { id, html: layout.replace('{{content}}', id) };
  });`;
};

const routeFloatingAdd: Block = (c) => {
  const { base, table: T, name } = names(c);
  return `
  app.post('${base}/${T}/:id/retry', async (request, reply) => {
    const { id } = request.params as { id: string };
    sendQueue.add('${name}.retry', { appId: request.user.appId, id }); #P(no-floating-promise,@typescript-eslint/no-floating-promises)
    return reply.code(202).send({ accepted: true });
  });`;
};

function buildRoute(builder: FileBuilder, c: BlockContext): void {
  const { table: T, events: E, file, name, N } = names(c);
  builder.add(`
import type { FastifyInstance } from 'fastify';
import { and, asc, count, desc, eq, gt } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { db, sendQueue } from '../lib/clients.js';
import { ${T}, ${E} } from '../db/schema/${file}.js';

const MAX_PAGE = ${c.random.pick([100, 200])};
const TEMPLATE_DIR = process.env.TEMPLATE_DIR ?? '/srv/templates';

export async function ${name}Routes${N}(app: FastifyInstance) {`);
  fillBlocks(builder, c, [routeGetById, routeList, routeEnqueue, routeUpdate, routeCreate, routeDelete, routeCount], [routeQueryInLoop, routeSyncRead, routeFloatingAdd], c.random.int(TARGET_LINES.min, TARGET_LINES.max) - 2);
  builder.add('}');
}

// ── services: exported functions over the database and the cache ──────────────────────────────

const serviceCachedRead: Block = (c) => {
  const { table: T, type, key, N } = names(c);
  return `
export async function get${type}${N}(appId: string, id: string): Promise<${type}Summary | undefined> {
  const key = ${key}(appId, id);
  const cached = await redis.get(key);
  if (cached) return JSON.parse(cached) as ${type}Summary;
  const [row] = await db
    .select({ id: ${T}.id, name: ${T}.name, status: ${T}.status })
    .from(${T})
    .where(and(eq(${T}.appId, appId), eq(${T}.id, id)))
    .limit(1);
  if (row) await redis.set(key, JSON.stringify(row), 'EX', CACHE_TTL_SECONDS);
  return row;
}`;
};

const serviceBatchedRead: Block = (c) => {
  const { events: E, type, N } = names(c);
  return `
export async function eventsBy${type}${N}(appId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string[]>();
  const rows = await db
    .select({ parentId: ${E}.parentId, type: ${E}.type })
    .from(${E})
    .where(inArray(${E}.parentId, ids))
    .limit(ids.length * EVENTS_PER_ITEM);
  const byParent = new Map<string, string[]>();
  for (const row of rows) {
    byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row.type]);
  }
  return byParent;
}`;
};

const serviceCursorLoop: Block = (c) => {
  const { table: T, type, N } = names(c);
  return `
export async function forEach${type}Page${N}(appId: string, visit: (ids: string[]) => Promise<void>) {
  let cursor: string | undefined;
  for (;;) {
    const page = await db #E(no-await-in-loop)
      .select({ id: ${T}.id })
      .from(${T})
      .where(and(eq(${T}.appId, appId), cursor ? gt(${T}.id, cursor) : undefined))
      .orderBy(asc(${T}.id))
      .limit(PAGE_SIZE);
    if (page.length === 0) return;
    await visit(page.map((row) => row.id)); #E(no-await-in-loop)
    cursor = page[page.length - 1]!.id;
  }
}`;
};

const serviceBulkUpdate: Block = (c) => {
  const { table: T, type, key, N } = names(c);
  return `
export async function set${type}Status${N}(appId: string, ids: string[], status: '${c.random.pick(['active', 'paused'])}' | 'archived') {
  if (ids.length === 0) return 0;
  const updated = await db
    .update(${T})
    .set({ status, updatedAt: new Date() })
    .where(and(eq(${T}.appId, appId), inArray(${T}.id, ids)))
    .returning({ id: ${T}.id });
  await redis.del(...ids.map((id) => ${key}(appId, id)));
  return updated.length;
}`;
};

const serviceParallelReads: Block = (c) => {
  const { table: T, events: E, type, N } = names(c);
  return `
export async function ${c.entity.name}Overview${N}(appId: string, id: string) {
  const [[item], recent] = await Promise.all([
    db.select({ id: ${T}.id, name: ${T}.name, status: ${T}.status }).from(${T}).where(and(eq(${T}.appId, appId), eq(${T}.id, id))).limit(1),
    db.select({ type: ${E}.type, createdAt: ${E}.createdAt }).from(${E}).where(eq(${E}.parentId, id)).orderBy(desc(${E}.createdAt)).limit(${c.random.pick([10, 20])}),
  ]);
  return item ? ({ ...item, recent } satisfies ${type}Summary & { recent: unknown[] }) : undefined;
}`;
};

const serviceWriteInLoop: Block = (c) => {
  const { table: T, type, key, N } = names(c);
  return `
export async function archive${type}s${N}(appId: string, ids: string[]) {
  for (const id of ids) {
    await db.update(${T}).set({ status: 'archived', updatedAt: new Date() }).where(and(eq(${T}.appId, appId), eq(${T}.id, id))); #P(no-write-in-loop,no-await-in-loop)
  }
  await redis.del(...ids.map((id) => ${key}(appId, id)));
}`;
};

const serviceSqlInterpolation: Block = (c) => {
  const { sql, type, N } = names(c);
  return `
export async function search${type}s${N}(appId: string, term: string) {
  const { rows } = await pool.query(\`SELECT id, name FROM ${sql} WHERE app_id = '\${appId}' AND name ILIKE '%\${term}%' ORDER BY id LIMIT 50\`); #P(no-sql-interpolation)
  return rows as { id: string; name: string }[];
}`;
};

const serviceSyncHash: Block = (c) => {
  const { type, N } = names(c);
  return `
export async function hash${type}Token${N}(appId: string, token: string) {
  const salt = \`${c.entity.sql}:\${appId}\`;
  return scryptSync(token, salt, 64).toString('hex'); #P(no-blocking-sync-call,n/no-sync)
}`;
};

const serviceFloatingLocal: Block = (c) => {
  const { table: T, events: E, type, key, N } = names(c);
  return `
async function record${type}Event${N}(appId: string, id: string, type: string) {
  await db.insert(${E}).values({ appId, parentId: id, type, createdAt: new Date() });
}

export async function remove${type}${N}(appId: string, id: string) {
  await db.delete(${T}).where(and(eq(${T}.appId, appId), eq(${T}.id, id)));
  await redis.del(${key}(appId, id));
  record${type}Event${N}(appId, id, 'deleted'); #P(no-floating-promise,@typescript-eslint/no-floating-promises)
}`;
};

function buildService(builder: FileBuilder, c: BlockContext): void {
  const { table: T, events: E, file, type, key } = names(c);
  builder.add(`
import { and, asc, desc, eq, gt, inArray } from 'drizzle-orm';
import { scryptSync } from 'node:crypto';
import { db, pool, redis } from '../lib/clients.js';
import { ${T}, ${E} } from '../db/schema/${file}.js';

export interface ${type}Summary {
  id: string;
  name: string;
  status: string;
}

const CACHE_TTL_SECONDS = ${c.random.pick([60, 300, 900])};
const EVENTS_PER_ITEM = ${c.random.pick([20, 50])};
const PAGE_SIZE = ${c.random.pick([500, 1000])};

const ${key} = (appId: string, id: string) => \`app:\${appId}:${c.entity.name}:\${id}\`;`);
  fillBlocks(
    builder,
    c,
    [serviceCachedRead, serviceBatchedRead, serviceCursorLoop, serviceBulkUpdate, serviceParallelReads],
    [serviceWriteInLoop, serviceSqlInterpolation, serviceSyncHash, serviceFloatingLocal],
    c.random.int(TARGET_LINES.min, TARGET_LINES.max),
  );
}

// ── workers: BullMQ job processors, registered in one place elsewhere ───────────────────────────

const workerSendInLoop: Block = (c) => {
  const { table: T, type, N } = names(c);
  return `
export async function send${type}Digest${N}(job: Job<DigestJob>) {
  const { appId, subject, html } = job.data;
  const recipients = await db
    .select({ email: ${T}.ownerEmail })
    .from(${T})
    .where(and(eq(${T}.appId, appId), eq(${T}.status, 'active')))
    .limit(MAX_RECIPIENTS);
  for (const recipient of recipients) {
    await mailer.sendMail({ from: FROM_ADDRESS, to: recipient.email, subject, html }); #P(no-send-in-loop,no-await-in-loop)
  }
  return { sent: recipients.length };
}`;
};

const workerAddInLoop: Block = (c) => {
  const { type, name, N } = names(c);
  return `
export async function fanOut${type}${N}(job: Job<FanOutJob>) {
  const { appId, ids } = job.data;
  for (const id of ids) {
    await webhookQueue.add('${name}.deliver', { appId, id }); #P(no-send-in-loop,no-await-in-loop)
  }
  return { queued: ids.length };
}`;
};

const workerChunkedBulk: Block = (c) => {
  const { type, name, N } = names(c);
  return `
export async function fanOut${type}Bulk${N}(job: Job<FanOutJob>) {
  const { appId, ids } = job.data;
  for (let start = 0; start < ids.length; start += ENQUEUE_CHUNK) {
    const chunk = ids.slice(start, start + ENQUEUE_CHUNK);
    await webhookQueue.addBulk(chunk.map((id) => ({ name: '${name}.deliver', data: { appId, id }, opts: { jobId: \`\${appId}:\${id}\` } }))); #E(no-await-in-loop)
    await job.updateProgress(Math.round(((start + chunk.length) / ids.length) * 100)); #E(no-await-in-loop)
  }
  return { queued: ids.length };
}`;
};

const workerStats: Block = (c) => {
  const { table: T, type, N } = names(c);
  return `
export async function refresh${type}Stats${N}(job: Job<StatsJob>) {
  const { appId } = job.data;
  const [stats] = await db
    .select({ total: count(), lastUpdate: max(${T}.updatedAt) })
    .from(${T})
    .where(eq(${T}.appId, appId));
  await redis.set(\`stats:\${appId}:${c.entity.table}\`, JSON.stringify(stats), 'EX', STATS_TTL_SECONDS);
  return stats;
}`;
};

const workerPagedExport: Block = (c) => {
  const { table: T, type, N } = names(c);
  return `
export async function export${type}s${N}(job: Job<StatsJob>) {
  const { appId } = job.data;
  let cursor: string | undefined;
  let exported = 0;
  do {
    const page = await db #E(no-await-in-loop)
      .select({ id: ${T}.id, name: ${T}.name, status: ${T}.status })
      .from(${T})
      .where(and(eq(${T}.appId, appId), cursor ? gt(${T}.id, cursor) : undefined))
      .orderBy(asc(${T}.id))
      .limit(EXPORT_PAGE);
    exported += page.length;
    cursor = page.at(-1)?.id;
    await job.updateProgress(exported); #E(no-await-in-loop)
  } while (cursor);
  return { exported };
}`;
};

function buildWorker(builder: FileBuilder, c: BlockContext): void {
  const { table: T, file } = names(c);
  builder.add(`
import type { Job } from 'bullmq';
import { and, asc, count, eq, gt, max } from 'drizzle-orm';
import { db, mailer, redis, webhookQueue } from '../lib/clients.js';
import { ${T} } from '../db/schema/${file}.js';

interface DigestJob {
  appId: string;
  subject: string;
  html: string;
}

interface FanOutJob {
  appId: string;
  ids: string[];
}

interface StatsJob {
  appId: string;
}

const FROM_ADDRESS = 'notifications@mail.example.com';
const MAX_RECIPIENTS = ${c.random.pick([500, 1000])};
const ENQUEUE_CHUNK = 500;
const EXPORT_PAGE = 1000;
const STATS_TTL_SECONDS = 300;`);
  fillBlocks(builder, c, [workerChunkedBulk, workerStats, workerPagedExport], [workerSendInLoop, workerAddInLoop], c.random.int(TARGET_LINES.min, TARGET_LINES.max));
}

// ── schema and configuration: declarations, read once ─────────────────────────────────────────

function buildSchema(builder: FileBuilder, c: BlockContext, archive: boolean): void {
  const { table, events, sql, type, N } = names(c);
  const [T, E, S] = archive ? [`${table}Archive${N}`, `${events}Archive${N}`, `${c.entity.name}SettingsArchive${N}`] : [table, events, `${c.entity.name}Settings`];
  const prefix = archive ? `${sql}_archive_${N}` : sql;
  builder.add(`
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ${T} = pgTable(
  '${prefix}',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appId: uuid('app_id').notNull(),
    name: text('name').notNull(),
    ownerEmail: text('owner_email').notNull(),
    status: text('status').notNull().default('active'),
    externalId: text('external_id'),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updatedAt: timestamp('updated_at').defaultNow().notNull(),
  },
  (t) => [
    index('${prefix}_app_created_idx').on(t.appId, t.createdAt),
    index('${prefix}_app_status_idx').on(t.appId, t.status),
    uniqueIndex('${prefix}_external_id_idx').on(t.externalId),
  ],
);

export const ${E} = pgTable(
  '${prefix}_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appId: uuid('app_id').notNull(),
    parentId: uuid('parent_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload'),
    createdAt: timestamp('created_at').defaultNow().notNull(),
  },
  (t) => [index('${prefix}_events_parent_idx').on(t.parentId), index('${prefix}_events_app_created_idx').on(t.appId, t.createdAt)],
);

export const ${S} = pgTable(
  '${prefix}_settings',
  {
    appId: uuid('app_id').primaryKey(),
    dailyLimit: integer('daily_limit').notNull().default(${c.random.pick([1000, 5000, 10000])}),
    trackOpens: boolean('track_opens').notNull().default(true),
    trackClicks: boolean('track_clicks').notNull().default(${c.random.pick(['true', 'false'])}),
    retentionDays: integer('retention_days').notNull().default(${c.random.pick([30, 90, 365])}),
    updatedAt: timestamp('updated_at').defaultNow().notNull(),
  },
);

export type ${type}Row${archive ? N : ''} = typeof ${T}.$inferSelect;
export type New${type}Row${archive ? N : ''} = typeof ${T}.$inferInsert;
export type ${type}EventRow${archive ? N : ''} = typeof ${E}.$inferSelect;`);
}

const CONFIG_FIELDS = [
  ['maxRecipientsPerSend', 'MAX_RECIPIENTS_PER_SEND', 50],
  ['sendRatePerSecond', 'SEND_RATE_PER_SECOND', 100],
  ['webhookTimeoutMs', 'WEBHOOK_TIMEOUT_MS', 5000],
  ['webhookRetries', 'WEBHOOK_RETRIES', 5],
  ['bounceThreshold', 'BOUNCE_THRESHOLD', 3],
  ['suppressionTtlDays', 'SUPPRESSION_TTL_DAYS', 365],
  ['trackingPixelCacheSeconds', 'TRACKING_PIXEL_CACHE_SECONDS', 3600],
  ['dkimRotationDays', 'DKIM_ROTATION_DAYS', 90],
  ['importBatchSize', 'IMPORT_BATCH_SIZE', 1000],
  ['exportPageSize', 'EXPORT_PAGE_SIZE', 1000],
  ['queueConcurrency', 'QUEUE_CONCURRENCY', 10],
  ['statsFlushMs', 'STATS_FLUSH_MS', 10000],
] as const;

function buildConfig(builder: FileBuilder, c: BlockContext): void {
  const { name, N } = names(c);
  builder.add(`
import { readFileSync } from 'node:fs';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}

function numberOf(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(\`\${name} must be a non-negative number, got \${value}\`);
  return parsed;
}

function listOf(name: string, fallback: string[]): string[] {
  const value = process.env[name];
  return value ? value.split(',').map((item) => item.trim()).filter(Boolean) : fallback;
}

/** Read once at start-up: the CA bundle of the database's TLS certificate. */
export const databaseCa${N} = process.env.PG_CA_FILE ? readFileSync(process.env.PG_CA_FILE, 'utf8') : undefined; #E(n/no-sync)

export const ${name}Config${N} = {
  databaseUrl: required('DATABASE_URL'),
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  smtpHost: required('SMTP_HOST'),
  allowedOrigins: listOf('ALLOWED_ORIGINS', ['https://app.example.com']),`);
  const fields = [...CONFIG_FIELDS].sort(() => c.random.next() - 0.5);
  for (const [key, env, fallback] of fields) builder.add(`  ${key}: numberOf('${env}', ${fallback * c.random.int(1, 3)}),`);
  builder.add(`} as const;

export type ${c.entity.type}Config${N} = typeof ${name}Config${N};

export function describe${c.entity.type}Config${N}(config: ${c.entity.type}Config${N}): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, key.toLowerCase().includes('url') ? '<redacted>' : String(value)]),
  );
}`);
}

/** The module every other one imports its clients from: created once, at start-up. */
function buildSupport(builder: FileBuilder): void {
  builder.add(`
import { Queue } from 'bullmq';
import { drizzle } from 'drizzle-orm/node-postgres';
import Redis from 'ioredis';
import nodemailer from 'nodemailer';
import { Pool } from 'pg';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** 8 API pods + 12 worker pods at 4 connections each: 80 of the primary's 100. */
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 4,
  connectionTimeoutMillis: 3_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 10_000,
});

pool.on('error', (error) => {
  console.warn('idle PostgreSQL client error', error);
});

export const db = drizzle(pool);

export const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, enableAutoPipelining: true });

const connection = { url: redisUrl };

export const sendQueue = new Queue<{ appId: string; id: string }>('send', { connection });
export const webhookQueue = new Queue<{ appId: string; id: string }>('webhooks', { connection });

export const mailer = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  pool: true,
  maxConnections: 10,
  maxMessages: 500,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

export async function closeClients(): Promise<void> {
  await Promise.all([sendQueue.close(), webhookQueue.close(), redis.quit(), pool.end()]);
  mailer.close();
}`);
}

const BUILDERS: Record<FileKind, (builder: FileBuilder, c: BlockContext, path: string) => void> = {
  support: (builder) => buildSupport(builder),
  route: buildRoute,
  service: buildService,
  worker: buildWorker,
  schema: (builder, c, path) => buildSchema(builder, c, path.includes('-archive-')),
  config: buildConfig,
};

/** Schema files come first per entity; a second one for the same entity is an archive table. */
function uniquePath(kind: FileKind, entity: Entity, taken: Set<string>): string {
  if (kind === 'support') return remember('src/lib/clients.ts', taken);
  const folder = { route: 'src/routes', service: 'src/services', worker: 'src/workers', schema: 'src/db/schema', config: 'src/config' }[kind];
  if (kind === 'schema' && !taken.has(`${folder}/${entity.file}.ts`)) return remember(`${folder}/${entity.file}.ts`, taken);
  for (let n = 1; ; n++) {
    const path = `${folder}/${entity.file}${kind === 'schema' ? '-archive' : ''}-${n}.ts`;
    if (!taken.has(path)) return remember(path, taken);
  }
}

function remember(path: string, taken: Set<string>): string {
  taken.add(path);
  return path;
}

function weighted<T>(random: SeededRandom, weights: readonly [T, number][]): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [item, weight] of weights) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return weights[weights.length - 1]![0];
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
