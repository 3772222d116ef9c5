import * as ts from '../engine/compiler.js';
import { calleeName, propertyOf, unwrap } from '../engine/facts/ast.js';
import { defineRule } from '../engine/rule.js';
import { createdApps, importsAny } from './utils/servers.js';

/** Above this a single request can hold tens of megabytes of a worker's 512 MB budget. */
const HUGE_BODY_BYTES = 10 * 1024 * 1024;
const BODY_PARSERS = new Set(['json', 'urlencoded', 'raw', 'text']);
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

export default defineRule({
  id: 'require-body-limit',
  checklist: 'api.size-limit',
  severity: 'minor',
  docs: { description: 'Disallow request body limits above 10 MB, and Hono apps that read bodies without a limit.' },
  messages: {
    huge:
      'A body limit of {{size}} lets one request hold {{size}} of memory while it is parsed: 20 such requests exhaust a 512 MB process. Keep JSON bodies at the framework default (1 MB in Fastify, 100 KB in Express) and stream uploads instead.',
    hono:
      'Hono sets no body limit: this app reads request bodies, so one client can send a body as large as memory allows. Add `app.use(bodyLimit({ maxSize: 1024 * 1024 }))` from `hono/body-limit`.',
  },
  applies: (facts) => createdApps(facts).length > 0 || facts.calls.some((c) => ts.isCallExpression(c.node) && BODY_PARSERS.has(calleeName(c.node) ?? '')),
  check(facts, ctx) {
    for (const app of createdApps(facts)) {
      const options = app.args[0] && unwrap(app.args[0]);
      if (app.construct.library === 'fastify' && options && ts.isObjectLiteralExpression(options)) {
        reportHuge(options, 'bodyLimit');
      }
      if (app.construct.library === 'hono' && !importsAny(facts, ['hono/body-limit']) && readsBodies(facts)) {
        ctx.report({ node: app.node, messageId: 'hono' });
      }
    }
    // express.json({ limit: '50mb' }), bodyParser.json({ limit }) from express or body-parser.
    for (const call of facts.calls) {
      const node = call.node;
      if (!ts.isCallExpression(node) || !BODY_PARSERS.has(calleeName(node) ?? '')) continue;
      const callee = unwrap(node.expression);
      const base = ts.isPropertyAccessExpression(callee) ? unwrap(callee.expression) : undefined;
      const module = base && ts.isIdentifier(base) ? facts.imports.get(base.text)?.module : undefined;
      if (module !== 'express' && module !== 'body-parser') continue;
      const options = node.arguments[0] && unwrap(node.arguments[0]);
      if (options && ts.isObjectLiteralExpression(options)) reportHuge(options, 'limit');
    }

    function reportHuge(options: ts.ObjectLiteralExpression, key: string): void {
      const prop = propertyOf(options, key);
      if (!prop || !ts.isPropertyAssignment(prop)) return;
      const bytes = sizeOf(prop.initializer);
      if (bytes !== undefined && bytes > HUGE_BODY_BYTES) {
        ctx.report({ node: prop, messageId: 'huge', data: { size: `${Math.round(bytes / 1024 / 1024)} MB` } });
      }
    }
  },
});

function readsBodies(facts: import('../engine/facts/index.js').FileFacts): boolean {
  return facts.calls.some((c) => {
    if (!ts.isCallExpression(c.node)) return false;
    const name = calleeName(c.node);
    return (name === 'json' || name === 'parseBody' || name === 'formData' || name === 'arrayBuffer') &&
      /\.req\.\w+$/.test(facts.text(unwrap(c.node.expression)));
  });
}

/** Bytes of `52428800`, `50 * 1024 * 1024` or `'50mb'`; undefined when not a constant. */
export function sizeOf(node: ts.Expression): number | undefined {
  const inner = unwrap(node);
  if (ts.isNumericLiteral(inner)) return Number(inner.text.replace(/_/g, ''));
  if (ts.isStringLiteralLike(inner)) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(inner.text);
    return match ? Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]! : undefined;
  }
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.AsteriskToken) {
    const left = sizeOf(inner.left);
    const right = sizeOf(inner.right);
    return left !== undefined && right !== undefined ? left * right : undefined;
  }
  return undefined;
}
