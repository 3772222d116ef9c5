/**
 * Credentials that can end up inside an error message: installation and user tokens (`ghs_…`,
 * `ghp_…`, `github_pat_…`), the App's signed JWT, an `Authorization` value, a PEM private key.
 */
const SECRETS: readonly RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g,
  /\b(token|bearer|basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi,
];

/** The text with every credential replaced: for anything that goes to a log or onto the pull request. */
export function redact(text: string): string {
  return SECRETS.reduce((out, pattern) => out.replace(pattern, '[REDACTED]'), text);
}
