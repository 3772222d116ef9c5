import { getApp } from './apps';
import { getQueue } from './queues';
import { getSmtpConfig } from './smtp-configs';
import { renderTemplate } from './templates';

export interface SendRequest {
  appId: string;
  queueId: string;
  smtpId: string;
  templateId: string;
}

export async function prepareSend(request: SendRequest) {
  const app = await getApp(request.appId);
  const queue = await getQueue(request.queueId);
  const smtp = await getSmtpConfig(request.smtpId);
  if (!app || !queue || !smtp) throw new Error('unknown app, queue or SMTP configuration');
  const html = await renderTemplate(request.templateId, { appName: app.name });
  return { app, queue, smtp, html };
}
