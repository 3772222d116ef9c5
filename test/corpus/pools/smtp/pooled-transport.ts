import nodemailer from 'nodemailer';
import * as aws from '@aws-sdk/client-ses';

export const transport = nodemailer.createTransport({
  host: process.env.SMTP_HOST,
  port: 587,
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
  pool: true,
  maxConnections: 10,
  maxMessages: 500,
});

// Transactional mail for accounts on the SES plan goes through the SES API, not SMTP.
const ses = new aws.SES({ region: process.env.AWS_REGION ?? 'eu-west-1' });
export const sesTransport = nodemailer.createTransport({ SES: { ses, aws } });

export const previewTransport = nodemailer.createTransport({ jsonTransport: true });
