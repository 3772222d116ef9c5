import { getApp } from './apps';
import { getQueue } from './queues';
import { getSmtpConfig } from './smtp-configs';
import { getSession } from './sessions';
import { renderTemplate } from './templates';

export interface SendRequest {
  sessionToken: string;
  queueId: string;
  smtpId: string;
  templateId: string;
}

export async function prepareSend(request: SendRequest) {
  const session = await getSession(request.sessionToken);
  const app = await getApp(session.appId);
  const [queue, smtp] = await Promise.all([getQueue(request.queueId), getSmtpConfig(request.smtpId)]);
  if (!app || !queue || !smtp) throw new Error('unknown app, queue or SMTP configuration');
  const html = await renderTemplate(request.templateId, { appName: app.name });
  return { app, queue, smtp, html };
}
