import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webhookAnswers } from './metrics.js';

/** Events this App handles, and GitHub's check of a new hook; any other header value is `other`, so a sender cannot grow the label set. */
const EVENTS = new Set(['pull_request', 'check_run', 'issue_comment', 'ping']);

interface HttpMessage {
  request: IncomingMessage;
  response: ServerResponse;
}

/** Start times of the webhook requests being answered; an entry goes with its answer (or its request). */
const started = new WeakMap<IncomingMessage, number>();

/**
 * Times each answer to a webhook delivery, from the request's arrival to the end of the response:
 * Probot answers after the handlers, so this is what GitHub waits for. Node's own HTTP diagnostics
 * channels see every request without wrapping Probot's server.
 */
export function observeWebhookAnswers(webhookPath: string): void {
  subscribe('http.server.request.start', (message) => {
    const { request } = message as HttpMessage;
    if (pathOf(request.url) === webhookPath) started.set(request, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as HttpMessage;
    const start = started.get(request);
    if (start === undefined) return;
    started.delete(request);
    const header = request.headers['x-github-event'];
    const event = typeof header === 'string' && EVENTS.has(header) ? header : 'other';
    webhookAnswers.observe({ event, status: String(response.statusCode) }, (performance.now() - start) / 1000);
  });
}

/** The path of a request target, without parsing a URL: this runs for every request the server gets, deliveries first. */
function pathOf(target = '/'): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}
