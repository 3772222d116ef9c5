import rule from '../../src/rules/require-smtp-pool.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'pooled SMTP transport created once',
      code: `
import nodemailer from 'nodemailer';
export const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  pool: true,
  maxConnections: 10,
  maxMessages: 500,
});`,
    },
    {
      name: 'an SMTP URL that asks for a pool',
      code: `
import { createTransport } from 'nodemailer';
export const transport = createTransport('smtps://user:pass@smtp.example.com/?pool=true');`,
    },
    {
      name: 'SES transport: no SMTP connection to pool',
      code: `
import nodemailer from 'nodemailer';
import * as aws from '@aws-sdk/client-ses';
const ses = new aws.SES({ region: 'eu-west-1' });
export const transport = nodemailer.createTransport({ SES: { ses, aws } });`,
    },
    {
      name: 'stream and JSON transports for previews and tests',
      code: `
import nodemailer from 'nodemailer';
export const preview = nodemailer.createTransport({ streamTransport: true, newline: 'unix' });
export const capture = nodemailer.createTransport({ jsonTransport: true });`,
    },
    {
      name: 'the local sendmail binary',
      code: `
import nodemailer from 'nodemailer';
export const transport = nodemailer.createTransport({ sendmail: true, path: '/usr/sbin/sendmail' });`,
    },
    {
      name: 'a transport plugin passed in',
      code: `
import nodemailer from 'nodemailer';
import mg from 'nodemailer-mailgun-transport';
export const transport = nodemailer.createTransport(mg({ auth: { api_key: key, domain } }));`,
    },
    {
      name: 'options from configuration',
      code: `
import nodemailer from 'nodemailer';
import { smtpOptions } from './config';
export const transport = nodemailer.createTransport(smtpOptions);`,
    },
    {
      name: 'pool decided by configuration',
      code: `
import nodemailer from 'nodemailer';
export const transport = nodemailer.createTransport({ host: 'smtp.example.com', pool: process.env.SMTP_POOL === 'on' });`,
    },
    {
      name: 'one pooled transport per SMTP account, cached in a module Map',
      code: `
import nodemailer, { type Transporter } from 'nodemailer';
const transports = new Map<string, Transporter>();
export async function sendFor(account: { id: string; host: string }, message: object) {
  let transport = transports.get(account.id);
  if (!transport) {
    transport = nodemailer.createTransport({ host: account.host, port: 587, pool: true });
    transports.set(account.id, transport);
  }
  return transport.sendMail(message);
}`,
    },
  ],
  invalid: [
    {
      name: 'SMTP transport without pool',
      code: `
import nodemailer from 'nodemailer';
export const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});`,
      errors: [{ messageId: 'noPool', line: 3 }],
    },
    {
      name: 'a well-known service without pool',
      code: `
const nodemailer = require('nodemailer');
const transport = nodemailer.createTransport({ service: 'SendGrid', auth });
module.exports = transport;`,
      errors: [{ messageId: 'noPool', line: 3 }],
    },
    {
      name: 'an SMTP URL without ?pool=true',
      code: `
import { createTransport } from 'nodemailer';
export const transport = createTransport('smtp://relay.internal:25');`,
      errors: [{ messageId: 'noPool', line: 3 }],
    },
    {
      name: 'a transport created per send, even a pooled one',
      code: `
import nodemailer from 'nodemailer';
export async function sendPasswordReset(to: string, link: string) {
  const transport = nodemailer.createTransport({ host: process.env.SMTP_HOST, port: 587, pool: true });
  await transport.sendMail({ to, subject: 'Reset your password', text: link });
}`,
      errors: [{ messageId: 'perSend', line: 4 }],
    },
    {
      name: 'a transport created in a job processor from the tenant settings',
      code: `
import { Worker } from 'bullmq';
import nodemailer from 'nodemailer';
import { connection } from './redis';
export const worker = new Worker('sends', async (job) => {
  const transport = nodemailer.createTransport(job.data.smtp);
  await transport.sendMail(job.data.message);
}, { connection });`,
      errors: [{ messageId: 'perSend', line: 6 }],
    },
  ],
});
