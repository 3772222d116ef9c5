import { eq } from 'drizzle-orm';
import { db } from '../db';
import { transport } from '../lib/mailer';
import { emails } from '../db/schema';

export interface OutboundMessage {
  emailId: string;
  from: string;
  to: string;
  subject: string;
  html: string;
}

/** Sends each message as it arrives on the stream: one event, one email, by design. */
export async function consume(messages: AsyncIterable<OutboundMessage>) {
  for await (const message of messages) {
    const info = await transport.sendMail({ from: message.from, to: message.to, subject: message.subject, html: message.html });
    await db.update(emails).set({ status: 'sent', providerId: info.messageId }).where(eq(emails.id, message.emailId));
  }
}

/** Waits until the status webhook has marked an email delivered, for the end-to-end check. */
export async function waitForDelivery(emailId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let [row] = await db.select({ status: emails.status }).from(emails).where(eq(emails.id, emailId));
  while (row && row.status !== 'delivered' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    [row] = await db.select({ status: emails.status }).from(emails).where(eq(emails.id, emailId));
  }
  return row?.status === 'delivered';
}
