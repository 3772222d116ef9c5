import { transport } from '../lib/mailer';
import { renderDigest } from '../templates/digest';

export interface DigestRecipient {
  email: string;
  name: string;
  unread: number;
}

/** Sends the weekly digest to every subscriber of an app. */
export async function sendWeeklyDigest(appName: string, recipients: DigestRecipient[]) {
  let sent = 0;
  for (const r of recipients) {
    await transport.sendMail({
      from: `${appName} <digest@mail.example.com>`,
      to: r.email,
      subject: `You have ${r.unread} unread messages`,
      html: renderDigest(appName, r),
    });
    sent++;
  }
  return { sent };
}
