import pLimit from 'p-limit';
import nodemailer from 'nodemailer';
import { and, asc, eq, gt } from 'drizzle-orm';
import { db } from '../db/client.js';
import { contacts } from '../db/schema.js';

const transporter = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  pool: true,
  maxConnections: 10,
  connectionTimeout: 10_000,
  greetingTimeout: 5_000,
  socketTimeout: 30_000,
});
const limit = pLimit(10);
const PAGE = 1000;

export async function announceToList(listId: string, subject: string, html: string) {
  let cursor = '';
  let sent = 0;
  for (;;) {
    const subscribers = await db
      .select({ id: contacts.id, email: contacts.email, name: contacts.name })
      .from(contacts)
      .where(and(eq(contacts.listId, listId), eq(contacts.subscribed, true), gt(contacts.id, cursor)))
      .orderBy(asc(contacts.id))
      .limit(PAGE);
    if (subscribers.length === 0) break;
    const results = await Promise.allSettled(
      subscribers.map((s) =>
        limit(() => transporter.sendMail({ from: 'news@example.com', to: `${s.name} <${s.email}>`, subject, html })),
      ),
    );
    sent += results.filter((r) => r.status === 'fulfilled').length;
    cursor = subscribers[subscribers.length - 1]!.id;
  }
  return { sent };
}
