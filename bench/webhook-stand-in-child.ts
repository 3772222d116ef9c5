// GitHub's side of the webhook bench, in a process of its own (see webhook-latency.ts): serving the
// reviews' requests must not hold up the event loop that times the deliveries.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateRepository } from './generate-repository.js';
import { SINK_PATH, startGitHubStandIn } from './github-stand-in.js';

/** What the parent asks for ('figures') and what this process answers. */
export type StandInMessage = { ready: true; port: number } | { figures: true; completed: number; unhandled: number };

const [files, seed, owner, repo, headSha] = process.argv.slice(2);
const repository = generateRepository(Number(files), Number(seed));
const github = await startGitHubStandIn({ owner: owner!, repo: repo!, pullNumber: 1, headSha: headSha!, files: repository.files });
let completed = 0;
const front = createServer((request, response) => void forward(request, response, github.url, () => completed++));
await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));

const send = (message: StandInMessage) => process.send!(message);
process.on('message', (message) => {
  if (message === 'figures') send({ figures: true, completed, unhandled: github.unhandled.length });
});
// The parent is gone (or done): nothing else keeps this process.
process.on('disconnect', () => {
  front.closeAllConnections();
  front.close();
  void github.close().finally(() => process.exit(0));
});
send({ ready: true, port: (front.address() as AddressInfo).port });

/** A review ends by completing its check run: updating it, or creating it completed at once (a review with little to say). */
function completesCheckRun(method: string | undefined, url: string, body: Buffer): boolean {
  const checkRun = (method === 'PATCH' && /\/check-runs\/\d+$/.test(url)) || (method === 'POST' && /\/check-runs$/.test(url));
  return checkRun && (JSON.parse(body.toString('utf8')) as { status?: string }).status === 'completed';
}

/**
 * GitHub Enterprise's layout in front of the stand-in: the App's identity and installation tokens
 * here, REST under `/api/v3` and GraphQL at `/api/graphql` passed on. Counts the check runs
 * completed. The client's floor (SINK_PATH) is answered first, with nothing else done.
 */
async function forward(request: IncomingMessage, response: ServerResponse, target: string, onCompleted: () => void): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = request.url ?? '/';
  if (url === SINK_PATH) {
    response.writeHead(200).end();
    return;
  }
  if (request.method === 'POST' && /\/app\/installations\/\d+\/access_tokens$/.test(url)) {
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'ghs_bench', expires_at: new Date(Date.now() + 3_600_000).toISOString() }));
    return;
  }
  // The App's own identity: what its start-up check of its credentials asks for.
  if (request.method === 'GET' && url === '/api/v3/app') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 424242, slug: 'perf-review', name: 'perf-review' }));
    return;
  }
  // No organisation-wide configuration: the `.github` repository is not the stand-in's.
  if (/^\/api\/v3\/repos\/[^/]+\/\.github\//.test(url)) {
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found' }));
    return;
  }
  if (completesCheckRun(request.method, url, body)) onCompleted();
  const path = url.startsWith('/api/v3/') ? url.slice('/api/v3'.length) : url.startsWith('/api/graphql') ? url.slice('/api'.length) : url;
  try {
    const answer = await fetch(`${target}${path}`, { method: request.method!, headers: { 'content-type': 'application/json' }, ...(body.length > 0 ? { body } : {}) });
    const headers: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
    const link = answer.headers.get('link');
    if (link) headers.link = link;
    response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  } catch {
    response.writeHead(502).end();
  }
}
