import type { IncomingMessage, ServerResponse } from 'node:http';
import { createWriteStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** Archives a raw inbound MIME message to disk as it arrives, pausing when the disk falls behind. */
export function archiveInbound(req: IncomingMessage, res: ServerResponse) {
  const path = join(tmpdir(), `inbound-${randomUUID()}.eml`);
  const out = createWriteStream(path);
  req.on('data', (chunk: Buffer) => {
    if (!out.write(chunk)) {
      req.pause();
      out.once('drain', () => req.resume());
    }
  });
  req.on('end', () => {
    out.end();
    res.writeHead(202).end(JSON.stringify({ path }));
  });
  req.on('error', (err) => {
    out.destroy(err);
    res.writeHead(400).end();
  });
}
