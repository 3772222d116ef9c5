import rule from '../../src/rules/no-buffer-concat-in-loop.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'chunks pushed, one Buffer.concat after the stream ends, with a size limit',
      code: `
export function readBody(req: IncomingMessage, max = 1_048_576): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return req.destroy(new Error('payload too large'));
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}`,
    },
    {
      name: 'one Buffer.concat of a fixed header and body',
      code: `
export function frame(header: Buffer, body: Buffer) {
  return Buffer.concat([header, body]);
}`,
    },
    {
      name: 'Buffer.concat inside a loop into a new variable each time: no accumulator',
      code: `
export function sign(parts: Buffer[], key: Buffer) {
  const signed = [];
  for (const part of parts) {
    const framed = Buffer.concat([key, part]);
    signed.push(hmac(framed));
  }
  return signed;
}`,
    },
    {
      name: 'an accumulator over a fixed list of parts written in the code',
      code: `
export function mime(boundary: Buffer, html: Buffer, text: Buffer) {
  let out = Buffer.alloc(0);
  for (const part of [boundary, html, boundary, text]) {
    out = Buffer.concat([out, part]);
  }
  return out;
}`,
    },
    {
      name: 'a start-up script may read stdin whole',
      code: `
const chunks: Buffer[] = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => seed(Buffer.concat(chunks)));`,
    },
    {
      name: 'chunks streamed on to a file, nothing collected',
      code: `
import { createWriteStream } from 'node:fs';
app.post('/uploads', async (req, res) => {
  const out = createWriteStream(tmpPath());
  for await (const chunk of req) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  res.status(202).end();
});`,
    },
  ],
  invalid: [
    {
      name: 'Buffer.concat of the accumulator in a data listener',
      code: `
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    let body = Buffer.alloc(0);
    req.on('data', (chunk: Buffer) => {
      body = Buffer.concat([body, chunk]);
    });
    req.on('end', () => resolve(body));
  });
}`,
      errors: [{ messageId: 'quadratic', line: 6 }],
    },
    {
      name: 'Buffer.concat of the accumulator in for await',
      code: `
export async function download(stream: Readable) {
  let data = Buffer.alloc(0);
  for await (const chunk of stream) data = Buffer.concat([data, chunk]);
  return data;
}`,
      errors: [{ messageId: 'quadratic', line: 4 }],
    },
    {
      name: 'Buffer.concat of the accumulator in a while loop over read()',
      code: `
export function drain(stream: Readable) {
  let out = Buffer.alloc(0);
  let chunk;
  while ((chunk = stream.read()) !== null) {
    out = Buffer.concat([out, chunk]);
  }
  return out;
}`,
      errors: [{ messageId: 'quadratic', line: 6 }],
    },
    {
      name: 'request chunks kept with no size limit (a raw webhook body)',
      code: `
export function rawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}`,
      errors: [{ messageId: 'unbounded', line: 5 }],
    },
    {
      name: 'an attachment download collected in a job with no size limit',
      code: `
import { Worker } from 'bullmq';
import { createReadStream } from 'node:fs';
new Worker('attachments', async (job) => {
  const parts = [];
  for await (const part of createReadStream(job.data.path)) parts.push(part);
  await store(job.data.id, Buffer.concat(parts));
});`,
      errors: [{ messageId: 'unbounded', line: 6 }],
    },
  ],
});
