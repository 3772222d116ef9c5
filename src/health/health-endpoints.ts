import type { IncomingMessage, ServerResponse } from 'node:http';
import { registry } from '../metrics/metrics.js';

export interface HealthChecks {
  /** Whether the process can take work now (its queue or Redis is there). */
  ready: () => Promise<boolean>;
}

/**
 * `GET /health` and `/ping` (liveness: the process answers), `GET /ready` (readiness: 503 until it can take
 * work, and while it shuts down) and `GET /metrics` (Prometheus). A handler in the shape Probot's
 * server and `node:http` both take: false when the request is not one of these.
 */
export function healthEndpoints(checks: HealthChecks): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/health') return send(response, 200, 'application/json', '{"status":"ok"}');
    // The image's HEALTHCHECK asks for /ping: Probot answers it in the App, this in a worker.
    if (path === '/ping') return send(response, 200, 'text/plain', 'PONG');
    if (path === '/ready') {
      const ready = await checks.ready().catch(() => false);
      return send(response, ready ? 200 : 503, 'application/json', `{"status":"${ready ? 'ready' : 'not ready'}"}`);
    }
    if (path === '/metrics') return send(response, 200, registry.contentType, await registry.metrics());
    return false;
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): true {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
  return true;
}
