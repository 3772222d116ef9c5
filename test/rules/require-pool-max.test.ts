import rule from '../../src/rules/require-pool-max.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'pg Pool with an explicit max',
      code: `
import { Pool } from 'pg';
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });`,
    },
    {
      name: 'max from configuration is a deliberate size',
      code: `
import pg from 'pg';
import { config } from './config';
export const pool = new pg.Pool({ connectionString: config.databaseUrl, max: Number(process.env.PG_POOL_MAX ?? 10) });`,
    },
    {
      name: 'options passed as a variable: the size is decided where the object is built',
      code: `
import { Pool } from 'pg';
import { poolConfig } from './config';
export const pool = new Pool(poolConfig);`,
    },
    {
      name: 'options spread from a shared base may carry max',
      code: `
import { Pool } from 'pg';
import { base } from './config';
export const replica = new Pool({ ...base, connectionString: process.env.REPLICA_URL });`,
    },
    {
      name: 'postgres.js with a URL only: it reads ?max= from the connection string',
      code: `
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL!);`,
    },
    {
      name: 'postgres.js with max in its options',
      code: `
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL!, { max: 15, idle_timeout: 20 });`,
    },
    {
      name: 'knex for PostgreSQL with pool.max',
      code: `
import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 15 } });`,
    },
    {
      name: 'knex for MySQL is not a PostgreSQL pool',
      code: `
import knex from 'knex';
export const legacy = knex({ client: 'mysql2', connection: process.env.LEGACY_URL });`,
    },
    {
      name: 'a pg Client is one connection, not a pool',
      code: `
import { Client } from 'pg';
export async function listen() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}`,
    },
    {
      name: 'a Pool class from another library',
      code: `
import { Pool } from 'undici';
export const http = new Pool('https://api.example.com', { connections: 50 });`,
    },
  ],
  invalid: [
    {
      name: 'pg Pool with a connection string and nothing else',
      code: `
import { Pool } from 'pg';
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
});`,
      errors: [{ messageId: 'noMax', line: 3 }],
    },
    {
      name: 'pg Pool with no options at all (PG* environment variables)',
      code: `
const { Pool } = require('pg');
const pool = new Pool();
module.exports = { pool };`,
      errors: [{ messageId: 'noMax', line: 3 }],
    },
    {
      name: 'a pg Pool inside a Kysely dialect',
      code: `
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
export const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, idleTimeoutMillis: 10_000 }) }),
});`,
      errors: [{ messageId: 'noMax', line: 5 }],
    },
    {
      name: 'postgres.js options without max',
      code: `
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
const client = postgres(process.env.DATABASE_URL!, { prepare: false });
export const db = drizzle(client);`,
      errors: [{ messageId: 'noMax', line: 4 }],
    },
    {
      name: 'knex for PostgreSQL with no pool',
      code: `
import knex from 'knex';
export const db = knex({
  client: 'pg',
  connection: process.env.DATABASE_URL,
});`,
      errors: [{ messageId: 'noMax', line: 3 }],
    },
    {
      name: 'knex pool with a minimum and no maximum',
      code: `
import { knex } from 'knex';
export const db = knex({ client: 'postgresql', connection: process.env.DATABASE_URL, pool: { min: 2 } });`,
      errors: [{ messageId: 'noMax', line: 3 }],
    },
  ],
});
