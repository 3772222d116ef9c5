import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

const connectionString = process.env.DATABASE_URL!;

// Transaction-mode PgBouncer does not support prepared statements.
export const sql = postgres(connectionString, {
  prepare: false,
  connect_timeout: 10,
});

export const db = drizzle(sql, { schema });
