import rule from '../../src/rules/require-pool-timeouts.js';
import { testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'pg Pool that fails fast when no connection comes',
      code: `
import { Pool } from 'pg';
export const pool = new Pool({ max: 20, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });`,
    },
    {
      name: 'pg idle timeout left at its bounded default (10 s): only the unbounded wait is required',
      code: `
import { Pool } from 'pg';
export const pool = new Pool({ max: 20, connectionTimeoutMillis: 3_000 });`,
    },
    {
      name: 'options built elsewhere',
      code: `
import { Pool } from 'pg';
import { poolConfig } from './config';
export const pool = new Pool(poolConfig);`,
    },
    {
      name: 'spread options may carry the timeouts',
      code: `
import { Pool } from 'pg';
import { defaults } from './config';
export const pool = new Pool({ ...defaults, max: 5 });`,
    },
    {
      name: 'postgres.js with idle_timeout (connect_timeout defaults to 30 s)',
      code: `
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL!, { max: 10, idle_timeout: 20 });`,
    },
    {
      name: 'postgres.js with a URL only: idle_timeout may come from the URL or PGIDLE_TIMEOUT',
      code: `
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL!);`,
    },
    {
      name: 'ioredis keeps its 10-second connect timeout by default',
      code: `
import Redis from 'ioredis';
export const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });`,
    },
    {
      name: 'a pooled nodemailer transport has bounded connection and socket timeouts by default',
      code: `
import nodemailer from 'nodemailer';
export const transport = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, pool: true });`,
    },
  ],
  invalid: [
    {
      name: 'pg Pool with a size but no connection timeout',
      code: `
import { Pool } from 'pg';
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
  idleTimeoutMillis: 30_000,
});`,
      errors: [{ messageId: 'pgConnect', line: 3 }],
    },
    {
      name: 'pg Pool with no options',
      code: `
import pg from 'pg';
export const pool = new pg.Pool();`,
      errors: [{ messageId: 'pgConnect', line: 3 }],
    },
    {
      name: 'pg Pool created through require',
      code: `
const { Pool } = require('pg');
const pool = new Pool({ max: 10 });
module.exports = pool;`,
      errors: [{ messageId: 'pgConnect', line: 3 }],
    },
    {
      name: 'postgres.js options without idle_timeout',
      code: `
import postgres from 'postgres';
export const sql = postgres(process.env.DATABASE_URL!, { max: 10, connect_timeout: 10 });`,
      errors: [{ messageId: 'postgresIdle', line: 3 }],
    },
    {
      name: 'postgres.js configured with an options object only',
      code: `
import postgres from 'postgres';
export const sql = postgres({ host: 'db', database: 'mail', max: 20 });`,
      errors: [{ messageId: 'postgresIdle', line: 3 }],
    },
  ],
});
