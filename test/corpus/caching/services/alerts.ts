import { transport } from '../lib/mailer';

const ON_CALL = ['oncall@example.com', 'deliverability@example.com'];
const MAX_ATTEMPTS = 3;

/** Tells the on-call engineers that an app's bounce rate crossed the threshold. */
export async function alertBounceRate(appId: string, rate: number) {
  const text = `App ${appId} bounce rate is ${(rate * 100).toFixed(1)}%`;
  for (const to of ON_CALL) {
    await transport.sendMail({ from: 'alerts@example.com', to, subject: 'Bounce rate alert', text });
  }
}

/** One message, tried again after transient SMTP failures. */
export async function deliverWithRetry(message: { to: string; subject: string; html: string }) {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return await transport.sendMail({ from: 'no-reply@example.com', ...message });
    } catch (error) {
      if (attempt === MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 250));
    }
  }
  return undefined;
}

/** A notice to many recipients at once: one message with them in Bcc. */
export async function announceMaintenance(recipients: string[], window: string) {
  const bcc = recipients.filter((r) => r.includes('@'));
  await transport.sendMail({ from: 'status@example.com', to: 'status@example.com', bcc, subject: 'Scheduled maintenance', text: window });
}
