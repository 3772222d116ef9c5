import nodemailer from 'nodemailer';
import { and, eq } from 'drizzle-orm';
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

export async function announceToList(listId: string, subject: string, html: string) {
  const subscribers = await db
    .select({ email: contacts.email, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.listId, listId), eq(contacts.subscribed, true)));

  const results = await Promise.allSettled(
    subscribers.map((s) =>
      transporter.sendMail({ from: 'news@example.com', to: `${s.name} <${s.email}>`, subject, html }),
    ),
  );
  return { sent: results.filter((r) => r.status === 'fulfilled').length, total: subscribers.length };
}
