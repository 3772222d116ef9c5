import nodemailer from 'nodemailer';
import { renderTemplate } from '../templates';

export interface AccountNotice {
  to: string;
  template: 'domain-verified' | 'quota-warning' | 'invoice';
  data: Record<string, string>;
}

export async function sendAccountNotice(notice: AccountNotice): Promise<string> {
  const transport = nodemailer.createTransport({
    host: process.env.SMTP_HOST,
    port: 587,
    secure: false,
    auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
  });
  const html = await renderTemplate(notice.template, notice.data);
  const info = await transport.sendMail({
    from: 'Mail Platform <no-reply@example.com>',
    to: notice.to,
    subject: subjectOf(notice.template),
    html,
  });
  return info.messageId;
}

function subjectOf(template: AccountNotice['template']): string {
  if (template === 'domain-verified') return 'Your domain is verified';
  if (template === 'quota-warning') return 'You are close to your sending quota';
  return 'Your invoice';
}
