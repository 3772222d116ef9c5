import rule from '../../src/rules/no-query-in-loop.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'batch load: one query for every id, grouped in memory',
      code: `
import { db } from '../db';
export async function withEvents(emailIds: string[]) {
  const events = await db.select().from(emailEvents).where(inArray(emailEvents.emailId, emailIds));
  return emailIds.map((id) => events.filter((e) => e.emailId === id));
}`,
    },
    {
      name: 'cursor pagination: each page needs the previous cursor',
      code: `
import { db } from '../db';
export async function exportAll(appId: string) {
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const rows = await db.select({ id: emails.id }).from(emails).where(gt(emails.id, cursor)).limit(500);
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1].id;
  }
}`,
    },
    {
      name: 'offset pagination in a while loop: one query per page, not per item',
      code: `
import { prisma } from './prisma';
export async function* pages() {
  let skip = 0;
  while (true) {
    const rows = await prisma.email.findMany({ skip, take: 100 });
    if (!rows.length) return;
    yield rows;
    skip += 100;
  }
}`,
    },
    {
      name: 'retry with backoff: the same query again after a failure',
      code: `
import { pool } from './pool';
export async function load(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await pool.query('SELECT id, status FROM emails WHERE id = $1', [id]);
    } catch (error) {
      await new Promise((r) => setTimeout(r, 2 ** attempt * 100));
    }
  }
}`,
    },
    {
      name: 'for await over a cursor: the driver streams rows',
      code: `
import { db } from './db';
export async function stream(cursor: AsyncIterable<{ id: string }>) {
  for await (const row of cursor) {
    await db.insert(archive).values({ id: row.id });
  }
}`,
    },
    {
      name: 'chunked batch insert: one statement per chunk of 1,000',
      code: `
import { db } from './db';
import { chunk } from 'lodash-es';
export async function importAll(rows: NewEmail[]) {
  for (const batch of chunk(rows, 1000)) {
    await db.insert(emails).values(batch);
  }
}`,
    },
    {
      name: 'chunked by index: i += size',
      code: `
import { db } from './db';
export async function importAll(rows: NewEmail[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(emails).values(rows.slice(i, i + 1000));
  }
}`,
    },
    {
      name: 'a query in a loop that does not depend on the item runs once per loop, not per row',
      code: `
import { db } from './db';
export async function render(items: Item[]) {
  for (const item of items) {
    item.label = item.name.toUpperCase();
  }
  return db.select({ id: settings.id }).from(settings).limit(1);
}`,
    },
    {
      name: 'a fixed list written in the code is not N',
      code: `
import { db } from './db';
export async function wipe() {
  for (const table of [emails, emailEvents]) {
    await db.delete(table).where(eq(table.appId, 'demo'));
  }
}`,
    },
    {
      name: 'a write per item is no-write-in-loop\'s (db.bulk), not an N+1 read',
      code: `
import { db } from './db';
export function record(recipients: string[]) {
  recipients.forEach(async (to) => {
    await db.insert(deliveries).values({ to });
  });
}`,
    },
    {
      name: 'migrations applied in order through a helper that writes: the order matters',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 2 });
async function applyMigration(client: PoolClient, migration: Migration) {
  await client.query(migration.load());
  await client.query('INSERT INTO migration (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
}
export async function migrate(client: PoolClient, pending: Migration[]) {
  for (const migration of pending) {
    await applyMigration(client, migration);
  }
}`,
    },
    {
      name: 'a select method of something that is not a database',
      code: `
import { $ } from './dom';
export function highlight(ids: string[]) {
  ids.forEach((id) => $.select(id).from('#list'));
  return ids.map((id) => map.get(id));
}`,
    },
  ],
  invalid: [
    {
      name: 'the specification: events loaded per email',
      code: `
import { db } from '../db';
export async function list() {
  const rows = await db.select({ id: emails.id }).from(emails).limit(100);
  for (const email of rows) {
    email.events = await db.select().from(emailEvents)
      .where(eq(emailEvents.emailId, email.id));
  }
  return rows;
}`,
      errors: [{ messageId: 'sequential', line: 6 }],
    },
    {
      name: 'Promise.all over items.map(async …) with Prisma',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function owners(emails: { userId: string }[]) {
  return Promise.all(emails.map(async (e) => prisma.user.findUnique({ where: { id: e.userId } })));
}`,
      errors: [{ messageId: 'parallel', line: 5 }],
    },
    {
      name: 'pg pool.query per id in a counted loop',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function statuses(ids: string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    out.push(await pool.query('SELECT status FROM emails WHERE id = $1', [ids[i]]));
  }
  return out;
}`,
      errors: [{ messageId: 'sequential', line: 7 }],
    },
    {
      name: 'Kysely selectFrom inside for…of, via a derived variable',
      code: `
import { db } from './db';
export async function load(orders: Order[]) {
  for (const order of orders) {
    const customerId = order.customerId;
    order.customer = await db.selectFrom('customers').select(['id', 'name']).where('id', '=', customerId).executeTakeFirst();
  }
}`,
      errors: [{ messageId: 'sequential', line: 6 }],
    },
    {
      name: 'a local helper that queries, called per item',
      code: `
import { db } from './db';
async function eventsOf(emailId: string) {
  return db.select({ id: emailEvents.id }).from(emailEvents).where(eq(emailEvents.emailId, emailId));
}
export async function list(emails: Email[]) {
  for (const email of emails) {
    email.events = await eventsOf(email.id);
  }
}`,
      errors: [{ messageId: 'helper', line: 8 }],
    },
  ],
});
