import nodemailer from 'nodemailer';
import { config } from '../config';

// Outbound relay used by the send workers.
export const transport = nodemailer.createTransport({
  host: config.smtp.host,
  port: config.smtp.port,
  secure: config.smtp.port === 465,
  auth: { user: config.smtp.user, pass: config.smtp.password },
  tls: { minVersion: 'TLSv1.2' },
});

export async function verifyRelay(): Promise<boolean> {
  return transport.verify();
}
