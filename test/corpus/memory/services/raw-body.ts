import type { IncomingMessage } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The raw body of an inbound provider webhook, needed byte for byte to check its signature. */
export function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Collects a MIME part streamed by the inbound parser. */
export function collectPart(part: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let content = Buffer.alloc(0);
    part.on('data', (chunk: Buffer) => {
      content = Buffer.concat([content, chunk]);
    });
    part.on('end', () => resolve(content));
    part.on('error', reject);
  });
}

export function verifySignature(body: Buffer, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
