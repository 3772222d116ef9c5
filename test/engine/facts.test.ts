import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { computeFacts } from '../../src/engine/facts/index.js';

function factsOf(code: string, path = 'src/a.ts') {
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  return computeFacts(path, project.createSourceFile(path, code).compilerNode);
}

describe('facts', () => {
  it('gives clients their role from imports, constructors and types, not from their names', () => {
    const facts = factsOf(`
import Redis from 'ioredis';
import { Pool } from 'pg';
import type { FastifyInstance } from 'fastify';
const cache = new Redis();
const pool = new Pool({ max: 5 });
const redis = new Map();
export function routes(app: FastifyInstance) {}
`);
    expect(facts.roleOf('cache')?.role).toBe('redis');
    expect(facts.roleOf('pool')?.role).toBe('db');
    expect(facts.roleOf('app')?.role).toBe('server');
    expect(facts.roleOf('redis')).toBeUndefined();
  });

  it('recognises a locally imported db by the shapes of its use', () => {
    const facts = factsOf(`
import { db } from './db';
import { prisma } from './prisma';
export async function f(id: string) {
  await db.select({ id: t.id }).from(t).where(eq(t.id, id));
  await db.insert(t).values({ id });
  await prisma.user.findMany({ take: 10 });
  await prisma.user.count();
  await db.query.users.findFirst();
}`);
    expect(facts.queries.map((q) => [q.shape.library, q.shape.op, facts.line(q.node)])).toEqual([
      ['drizzle', 'read', 5],
      ['drizzle', 'write', 6],
      ['prisma', 'read', 7],
      ['drizzle', 'read', 9],
      ['prisma', 'count', 8],
    ]);
  });

  it('classifies redis commands, queue adds, mail sends, http calls, listeners and timers', () => {
    const facts = factsOf(`
import { cache } from './cache';
import axios from 'axios';
import { Queue } from 'bullmq';
const q = new Queue('emails');
const seen = new Set();
export async function f(transport: any, id: string) {
  await cache.setex('k:' + id, 60, 'v');
  await cache.get('k');
  seen.add(id);
  await q.add('send', { id });
  await transport.sendMail({ to: id });
  await fetch('https://x', { signal: AbortSignal.timeout(5000) });
  await axios.post('https://x', {}, { timeout: 1000 });
  process.on('message', () => {});
  const t = setInterval(() => {}, 1000);
}`);
    expect(facts.redisCalls.map((c) => c.command)).toEqual(['setex', 'get']);
    expect(facts.queueCalls.map((c) => c.method)).toEqual(['add']);
    expect(facts.mailCalls).toHaveLength(1);
    expect(facts.httpCalls.map((c) => [c.client, !!c.options])).toEqual([['fetch', true], ['axios', true]]);
    expect(facts.listeners.map((l) => l.event)).toEqual(['message']);
    expect(facts.timers.map((t) => t.assignedTo)).toEqual(['t']);
  });

  it('recognises Redis by its set options, and its pipelines and multi() chains as Redis', () => {
    const facts = factsOf(`
import { redis } from './redis';
import { cache } from './cache';
const memo = new Map();
export async function f(id: string) {
  await redis.set('a:' + id, 'v', 'EX', 60);
  const p = redis.pipeline();
  p.set('b', '1');
  await p.exec();
  await redis.multi().set('c', '1').expire('c', 60).exec();
  await cache.set('d', '1');
  memo.set('e', 1);
}`);
    // `cache` only calls `set` without Redis options, and `memo` is a Map: neither is Redis.
    expect(facts.redisCalls.map((c) => [c.command, facts.line(c.node)])).toEqual([
      ['set', 6],
      ['pipeline', 7],
      ['set', 8],
      ['expire', 10],
      ['set', 10],
      ['multi', 10],
    ]);
  });

  it('tracks module-level collections that grow and shrink', () => {
    const facts = factsOf(`
const buffer: string[] = [];
const byId = new Map();
export function add(x: string) { buffer.push(x); byId.set(x, 1); }
export function flush() { buffer.splice(0); }
`);
    const [buffer, byId] = facts.collections;
    expect(buffer!.grows).toHaveLength(1);
    expect(buffer!.shrinks).toHaveLength(1);
    expect(byId!.grows).toHaveLength(1);
    expect(byId!.shrinks).toHaveLength(0);
  });

  it('tells handlers, processors and start-up code apart', () => {
    const facts = factsOf(`
import Fastify from 'fastify';
import { Worker } from 'bullmq';
const app = Fastify();
function helper() { return 1; }
async function main() { helper(); }
app.get('/x', async () => helper());
new Worker('q', async (job) => {});
main();
`);
    const byName = (n: string) => facts.functions.find((f) => f.name === n);
    expect(facts.isStartup(byName('main'))).toBe(true);
    expect(facts.isHot(byName('main'))).toBe(false);
    expect(facts.isHot(byName('helper'))).toBe(true);
    expect(facts.functions.filter((f) => f.kinds.has('route-handler'))).toHaveLength(1);
    expect(facts.functions.filter((f) => f.kinds.has('job-processor'))).toHaveLength(1);
  });

  it('knows what happens to a promise', () => {
    const facts = factsOf(`
async function g() {}
async function f() {
  g();
  await g();
  void g();
  g().catch(() => {});
  const p = g();
  return g();
}`);
    const usages = facts.localCalls.map((c) => facts.usageOf(c.node).usage);
    expect(usages).toEqual(['dropped', 'awaited', 'voided', 'chained', 'stored', 'returned']);
  });

  it('does not take methods every object has for query verbs', () => {
    const facts = factsOf(`
export async function lines(upload: { toBuffer(): Promise<Buffer> }) {
  const buffer = await upload.toBuffer();
  return buffer.toString('utf8').split('\\n').map((l) => l.valueOf().trim());
}`);
    expect(facts.queries).toEqual([]);
  });
});
