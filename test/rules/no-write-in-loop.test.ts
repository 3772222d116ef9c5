import rule from '../../src/rules/no-write-in-loop.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'one multi-row insert per chunk of 1,000',
      code: `
import { db } from './db';
export async function importContacts(rows: NewContact[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(contacts).values(rows.slice(i, i + 1000));
  }
}`,
    },
    {
      name: 'ordered writes: each insert needs the id the previous one returned',
      code: `
import { db } from './db';
export async function thread(messages: { subject: string }[]) {
  let parentId: string | null = null;
  for (const message of messages) {
    const [row] = await db.insert(threadMessages).values({ parentId, subject: message.subject }).returning({ id: threadMessages.id });
    parentId = row.id;
  }
}`,
    },
    {
      name: 'one update per group of ids (per status), not per row',
      code: `
import { db } from './db';
export async function applyStatuses(byStatus: Map<string, string[]>) {
  for (const [status, ids] of byStatus) {
    await db.update(emails).set({ status }).where(inArray(emails.id, ids));
  }
}`,
    },
    {
      name: 'createMany per tenant is already a batch statement',
      code: `
import { prisma } from './prisma';
export async function seedTenants(tenants: { id: string; contacts: NewContact[] }[]) {
  for (const tenant of tenants) {
    await prisma.contact.createMany({ data: tenant.contacts.map((c) => ({ ...c, appId: tenant.id })) });
  }
}`,
    },
    {
      name: 'upserts while streaming rows with for await: the stream sets the pace',
      code: `
import { db } from './db';
export async function sync(feed: AsyncIterable<{ address: string }>) {
  for await (const entry of feed) {
    await db.insert(suppressions).values({ address: entry.address }).onConflictDoNothing();
  }
}`,
    },
    {
      name: 'a retry loop writes the same row again after a failure',
      code: `
import { pool } from './pool';
export async function markSent(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await pool.query('UPDATE emails SET status = $1 WHERE id = $2', ['sent', id]);
    } catch {
      await sleep(100 * 2 ** attempt);
    }
  }
}`,
    },
    {
      name: 'one insert of rows built in the loop body from each group',
      code: `
import { db } from './db';
export async function fanOut(campaigns: Campaign[]) {
  for (const campaign of campaigns) {
    const rows = campaign.recipients.map((to) => ({ campaignId: campaign.id, to }));
    await db.insert(outbox).values(rows);
  }
}`,
    },
    {
      name: 'one upsert per key of a settings object: a handful of keys, not rows',
      code: `
import { db } from './db';
export async function saveSettings(appId: string, settings: Record<string, string>) {
  for (const [key, value] of Object.entries(settings)) {
    await db.insert(appSettings).values({ appId, key, value }).onConflictDoUpdate({ target: [appSettings.appId, appSettings.key], set: { value } });
  }
}`,
    },
    {
      name: 'one statement per table: a retention job over a list of tables',
      code: `
import { db } from './db';
import { RETENTION_TABLES } from './retention';
export async function purgeOld(cutoff: Date) {
  for (const table of RETENTION_TABLES) {
    await db.delete(table).where(lt(table.createdAt, cutoff));
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'drizzle insert per recipient',
      code: `
import { db } from './db';
export async function queueAll(recipients: string[], campaignId: string) {
  for (const to of recipients) {
    await db.insert(outbox).values({ campaignId, to });
  }
}`,
      errors: [{ messageId: 'insert', line: 5 }],
    },
    {
      name: 'Prisma update per email in Promise.all',
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function markDelivered(emails: { id: string }[]) {
  await Promise.all(emails.map((e) => prisma.email.update({ where: { id: e.id }, data: { status: 'delivered' } })));
}`,
      errors: [{ messageId: 'update', line: 5 }],
    },
    {
      name: 'pg DELETE per id in a counted loop',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function purge(ids: string[]) {
  for (let i = 0; i < ids.length; i++) {
    await pool.query('DELETE FROM email_events WHERE email_id = $1', [ids[i]]);
  }
}`,
      errors: [{ messageId: 'delete', line: 6 }],
    },
    {
      name: 'update per row inside a transaction',
      code: `
import { db } from './db';
export async function settle(items: { sku: string; qty: number }[]) {
  await db.transaction(async (tx) => {
    for (const item of items) {
      await tx.update(credits).set({ used: item.qty }).where(eq(credits.sku, item.sku));
    }
  });
}`,
      errors: [{ messageId: 'update', line: 6 }],
    },
    {
      name: 'SQL text with the item spliced in is still one statement per item',
      code: `
import { pool } from './pool';
export async function bounce(addresses: string[]) {
  for (const address of addresses) {
    await pool.query(\`UPDATE contacts SET bounces = bounces + 1 WHERE email = '\${address}'\`);
  }
}`,
      errors: [{ messageId: 'update', line: 5 }],
    },
    {
      name: 'knex insert per row in forEach',
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export function track(events: { emailId: string; type: string }[]) {
  events.forEach(async (event) => {
    await db('email_events').insert({ email_id: event.emailId, type: event.type });
  });
}`,
      errors: [{ messageId: 'insert', line: 6 }],
    },
  ],
});
