import type { IncomingMessage } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAX_WEBHOOK_BYTES = 1_048_576;

export class PayloadTooLargeError extends Error {}

/** The raw body of an inbound provider webhook, needed byte for byte to check its signature. */
export function readRawBody(req: IncomingMessage, limit = MAX_WEBHOOK_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        reject(new PayloadTooLargeError(`webhook body over ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** Collects a MIME part streamed by the inbound parser. */
export async function collectPart(part: AsyncIterable<Buffer>, limit = MAX_WEBHOOK_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part) {
    size += chunk.length;
    if (size > limit) throw new PayloadTooLargeError(`MIME part over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export function verifySignature(body: Buffer, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
