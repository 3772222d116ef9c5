import { redact } from './redact.js';

/**
 * What is safe and useful to log about a failed request: the status, GitHub's request id and the
 * message with credentials removed. Never the error object itself: its request carries headers.
 */
export function errorFields(error: unknown): { status?: number; requestId?: string; message: string } {
  const status = httpStatusOf(error);
  const requestId = requestIdOf(error);
  return {
    ...(status !== undefined ? { status } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    message: redact(error instanceof Error ? error.message : String(error)),
  };
}

export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function requestIdOf(error: unknown): string | undefined {
  const id = headersOf(error)?.['x-github-request-id'];
  return typeof id === 'string' ? id : undefined;
}

/**
 * A 403 that is about access, not about going too fast: "Resource not accessible by integration"
 * when the installation lacks a permission. Rate limits also answer 403, and are retried elsewhere.
 */
export function isMissingPermission(error: unknown): boolean {
  if (httpStatusOf(error) !== 403) return false;
  const message = error instanceof Error ? error.message : '';
  return headersOf(error)?.['x-ratelimit-remaining'] !== '0' && !/rate limit/i.test(message);
}

function headersOf(error: unknown): Record<string, unknown> | undefined {
  return (error as { response?: { headers?: Record<string, unknown> } } | undefined)?.response?.headers;
}
