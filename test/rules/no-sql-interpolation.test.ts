import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-sql-interpolation.js';
import { run, testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: '$1 placeholders with a values array',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function load(id: string) {
  return pool.query('SELECT id, status FROM emails WHERE id = $1', [id]);
}`,
    },
    {
      name: 'tagged templates parameterise: postgres.js, Prisma $queryRaw, drizzle sql',
      code: `
import postgres from 'postgres';
import { sql as dsql } from 'drizzle-orm';
import { prisma } from './prisma';
import { db } from './db';
const sql = postgres({ max: 10 });
export async function load(appId: string) {
  await sql\`SELECT id FROM emails WHERE app_id = \${appId}\`;
  await prisma.$queryRaw\`SELECT id FROM emails WHERE app_id = \${appId}\`;
  await db.execute(dsql\`SELECT id FROM emails WHERE app_id = \${appId}\`);
}`,
    },
    {
      name: 'constants: a table name in ALL_CAPS, a column from a constant map, a direction from a ternary',
      code: `
import { pool } from './pool';
const TABLE = 'email_events';
const SORTABLE = { created: 'created_at', type: 'type' } as const;
export async function events(emailId: string, sort: keyof typeof SORTABLE, asc: boolean) {
  return pool.query(\`SELECT id, type FROM \${TABLE} WHERE email_id = $1 ORDER BY \${SORTABLE[sort]} \${asc ? 'ASC' : 'DESC'}\`, [emailId]);
}`,
    },
    {
      name: 'placeholders built for a list, values passed beside them',
      code: `
import { pool } from './pool';
export async function statuses(ids: string[]) {
  const placeholders = ids.map((_, i) => \`$\${i + 1}\`).join(', ');
  return pool.query(\`SELECT id, status FROM emails WHERE id IN (\${placeholders})\`, ids);
}`,
    },
    {
      name: 'a number forced with Number() cannot carry a quote',
      code: `
import { pool } from './pool';
export async function older(days: string) {
  return pool.query(\`DELETE FROM email_events WHERE created_at < now() - interval '1 day' * \${Number(days)}\`);
}`,
    },
    {
      name: 'drizzle sql.raw with constant text',
      code: `
import { sql } from 'drizzle-orm';
import { db } from './db';
const ORDER = 'created_at DESC';
export async function recent() {
  return db.execute(sql\`SELECT id FROM emails ORDER BY \${sql.raw(ORDER)} LIMIT 50\`);
}`,
    },
    {
      name: 'an identifier spliced where a name goes (FROM, a suffix), not a value',
      code: `
import { pool } from './pool';
export async function partition(month: string, id: string) {
  return pool.query(\`SELECT id FROM email_events_\${month} WHERE email_id = $1\`, [id]);
}`,
    },
    {
      name: 'a template that is not SQL sent to a database',
      code: `
export function subject(name: string) {
  return logger.info(\`Welcome \${name}, your id = \${name}\`);
}`,
    },
  ],
  invalid: [
    {
      name: 'pg: a value spliced after =',
      code: `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function load(id: string) {
  return pool.query(\`SELECT id, status FROM emails WHERE id = \${id}\`);
}`,
      errors: [{ messageId: 'interpolated', line: 5 }],
    },
    {
      name: 'concatenation of a quoted value',
      code: `
import { pool } from './pool';
export async function suppressed(address: string) {
  const { rows } = await pool.query("SELECT 1 FROM suppressions WHERE address = '" + address + "'");
  return rows.length > 0;
}`,
      errors: [{ messageId: 'interpolated', line: 4 }],
    },
    {
      name: 'Prisma $queryRawUnsafe with a template',
      code: `
import { prisma } from './prisma';
export async function search(appId: string, q: string) {
  return prisma.$queryRawUnsafe(\`SELECT id FROM contacts WHERE app_id = '\${appId}' AND email ILIKE '%\${q}%' LIMIT 20\`);
}`,
      errors: [{ messageId: 'interpolated', line: 4 }],
    },
    {
      name: 'postgres.js sql.unsafe with a value list joined in',
      code: `
import postgres from 'postgres';
const sql = postgres({ max: 10 });
export async function cancel(ids: string[]) {
  await sql.unsafe(\`UPDATE emails SET status = 'cancelled' WHERE id IN (\${ids.map((id) => \`'\${id}'\`).join(',')})\`);
}`,
      errors: [{ messageId: 'interpolated', line: 5 }],
    },
    {
      name: 'drizzle sql.raw with a value',
      code: `
import { sql } from 'drizzle-orm';
import { db } from './db';
export async function byStatus(status: string) {
  return db.execute(sql.raw(\`SELECT id FROM emails WHERE status = '\${status}' LIMIT 100\`));
}`,
      errors: [{ messageId: 'interpolated', line: 5 }],
    },
    {
      name: 'text built in a const, sent later',
      code: `
import { pool } from './pool';
export async function mark(id: string, status: string) {
  const text = \`UPDATE emails SET status = '\${status}' WHERE id = $1\`;
  await pool.query(text, [id]);
}`,
      errors: [{ messageId: 'interpolated', line: 5 }],
    },
  ],
});

describe('no-sql-interpolation fix', () => {
  it('turns spliced values into $n parameters for pg', () => {
    const [finding] = run(rule, `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export async function load(appId: string, status: string) {
  return pool.query(\`SELECT id FROM emails WHERE app_id = \${appId} AND status = '\${status}' LIMIT 50\`);
}`);
    expect(finding?.fix).toBe("  return pool.query(`SELECT id FROM emails WHERE app_id = $1 AND status = $2 LIMIT 50`, [appId, status]);");
  });

  it('passes Prisma values as extra arguments', () => {
    const [finding] = run(rule, `
import { prisma } from './prisma';
export async function load(id: string) {
  return prisma.$queryRawUnsafe(\`SELECT id FROM emails WHERE id = '\${id}'\`);
}`);
    expect(finding?.fix).toBe('  return prisma.$queryRawUnsafe(`SELECT id FROM emails WHERE id = $1`, id);');
  });

  it('offers no fix for a list, a LIKE pattern, or a client that may not be PostgreSQL', () => {
    const list = run(rule, `
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
export const f = async (ids: string[]) => pool.query(\`SELECT id FROM emails WHERE id IN (\${ids.join(',')})\`);`);
    const unknown = run(rule, `
import { client } from './mysql';
export const f = async (id: string) => client.query(\`SELECT id FROM emails WHERE id = \${id}\`);`);
    expect(list[0]?.fix).toBeUndefined();
    expect(unknown[0]?.fix).toBeUndefined();
  });
});
