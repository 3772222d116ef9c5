import { defineRule } from '../engine/rule.js';
import { createdApps, importsAny } from './utils/servers.js';

const COMPRESSION_MODULES = ['@fastify/compress', 'fastify-compress', 'compression', 'shrink-ray-current', 'hono/compress'];

export default defineRule({
  id: 'require-compression',
  checklist: 'api.compression',
  severity: 'minor',
  docs: { description: 'Require HTTP apps to enable response compression where they are created.' },
  messages: {
    noCompression:
      'This {{kind}} sends every response uncompressed: a 100-row JSON page of 200 KB costs 200 KB on the wire instead of about 25 KB with gzip or brotli. Register compression where the app is created ({{how}}), unless a proxy in front of it already compresses.',
  },
  applies: (facts) => createdApps(facts).length > 0,
  check(facts, ctx) {
    if (importsAny(facts, COMPRESSION_MODULES)) return;
    for (const app of createdApps(facts)) {
      ctx.report({ node: app.node, messageId: 'noCompression', data: { kind: app.construct.kind, how: howFor(app.construct.library) } });
    }
  },
});

function howFor(library: string): string {
  if (library === 'fastify') return "`await app.register(import('@fastify/compress'))`";
  if (library === 'hono') return "`app.use(compress())` from `hono/compress`";
  return '`app.use(compression())`';
}
