import * as ts from '../../engine/compiler.js';
import { stringText, unwrap } from '../../engine/facts/ast.js';
import type { ConstructFact } from '../../engine/facts/index.js';
import { hasOption, optionValue, optionsAt } from './clients.js';

/** Keys that make nodemailer build something other than an SMTP transport. */
const NON_SMTP_KEYS = ['SES', 'streamTransport', 'jsonTransport', 'sendmail', 'transport'];
const SMTP_KEYS = ['host', 'service', 'port', 'secure', 'auth'];

/**
 * What a nodemailer `createTransport(...)` builds: `smtp` when the code shows SMTP options or an
 * `smtp://` URL, `other` for SES, stream, JSON, sendmail and plugin transports (`createTransport(
 * sesTransport(...))`), `unknown` when the options come from elsewhere.
 */
export function smtpKindOf(c: ConstructFact): 'smtp' | 'other' | 'unknown' {
  const arg = c.args[0] && unwrap(c.args[0]);
  if (!arg) return 'unknown';
  if (ts.isCallExpression(arg) || ts.isNewExpression(arg)) return 'other';
  const url = ts.isStringLiteralLike(arg) || ts.isTemplateExpression(arg) ? stringText(arg) : undefined;
  if (url !== undefined) return /^smtps?:\/\//.test(url) ? 'smtp' : 'unknown';
  if (!ts.isObjectLiteralExpression(arg)) return 'unknown';
  if (NON_SMTP_KEYS.some((key) => isSet(arg, key))) return 'other';
  const options = optionsAt(c.args, 0);
  if (options.kind === 'literal' && hasOption(options.object, ...SMTP_KEYS)) return 'smtp';
  return 'unknown';
}

/**
 * Whether an SMTP transport written out in the code leaves pooling off: no `pool` key in its
 * options, no `pool=` in its URL. A `pool` set to anything (`pool: env.SMTP_POOL`) is a decision.
 */
export function unpooledSmtp(c: ConstructFact): boolean {
  if (smtpKindOf(c) !== 'smtp') return false;
  const arg = unwrap(c.args[0]!);
  if (!ts.isObjectLiteralExpression(arg)) return !/[?&]pool=/.test(stringText(arg) ?? '');
  const options = optionsAt(c.args, 0);
  return options.kind === 'literal' && !hasOption(options.object, 'pool');
}

/** `sendmail: true` selects the sendmail binary; `sendmail: false` does not. */
function isSet(object: ts.ObjectLiteralExpression, key: string): boolean {
  if (!hasOption(object, key)) return false;
  return optionValue(object, key)?.kind !== ts.SyntaxKind.FalseKeyword;
}
