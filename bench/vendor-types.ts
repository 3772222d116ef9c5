/**
 * Declarations of the libraries the generated repository imports, written beside it so that the
 * ESLint peer's type-aware rule sees real Promise types (`queue.add()` returns a Promise). They are
 * far smaller than the libraries' own typings (drizzle's alone are megabytes), so the peer's type
 * checking is cheaper here than on a real project: the comparison favours ESLint.
 */
export const VENDOR_TYPES = `
declare module 'fastify' {
  export interface FastifyRequest {
    user: { appId: string; id: string };
    params: unknown;
    query: unknown;
    body: unknown;
    headers: Record<string, string | undefined>;
  }
  export interface FastifyReply {
    code(status: number): FastifyReply;
    header(name: string, value: string): FastifyReply;
    send(body?: unknown): FastifyReply;
  }
  type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  export interface FastifyInstance {
    get(path: string, handler: Handler): FastifyInstance;
    post(path: string, handler: Handler): FastifyInstance;
    put(path: string, handler: Handler): FastifyInstance;
    patch(path: string, handler: Handler): FastifyInstance;
    delete(path: string, handler: Handler): FastifyInstance;
  }
}

declare module 'drizzle-orm' {
  export interface SQL { readonly brand: 'sql' }
  export function and(...conditions: (SQL | undefined)[]): SQL;
  export function eq(left: unknown, right: unknown): SQL;
  export function gt(left: unknown, right: unknown): SQL;
  export function inArray(column: unknown, values: readonly unknown[]): SQL;
  export function asc(column: unknown): SQL;
  export function desc(column: unknown): SQL;
  export function count(): number;
  export function max<T>(column: T): T;
  export function sql(strings: TemplateStringsArray, ...values: unknown[]): SQL;
}

declare module 'drizzle-orm/pg-core' {
  export interface Column<T = unknown> {
    readonly data: T;
    primaryKey(): Column<T>;
    defaultRandom(): Column<T>;
    notNull(): Column<T>;
    default(value: T): Column<T>;
    defaultNow(): Column<T>;
    references(target: () => unknown): Column<T>;
  }
  export interface IndexBuilder { on(...columns: unknown[]): IndexBuilder }
  export type Table<C> = { [K in keyof C]: C[K] } & { $inferSelect: { [K in keyof C]: C[K] extends Column<infer T> ? T : never }; $inferInsert: { [K in keyof C]?: C[K] extends Column<infer T> ? T : never } };
  export function pgTable<C extends Record<string, Column<any>>>(name: string, columns: C, extra?: (table: C) => IndexBuilder[]): Table<C>;
  export function uuid(name: string): Column<string>;
  export function text(name: string): Column<string>;
  export function integer(name: string): Column<number>;
  export function boolean(name: string): Column<boolean>;
  export function timestamp(name: string): Column<Date>;
  export function jsonb(name: string): Column<unknown>;
  export function index(name: string): IndexBuilder;
  export function uniqueIndex(name: string): IndexBuilder;
}

declare module 'drizzle-orm/node-postgres' {
  import type { SQL } from 'drizzle-orm';
  export interface Query<R = any> extends Promise<R[]> {
    from(table: unknown): Query<R>;
    where(condition: SQL | undefined): Query<R>;
    orderBy(...columns: unknown[]): Query<R>;
    limit(count: number): Query<R>;
    set(values: Record<string, unknown>): Query<R>;
    values(values: Record<string, unknown> | Record<string, unknown>[]): Query<R>;
    returning<F extends Record<string, unknown>>(fields?: F): Query<{ [K in keyof F]: any }>;
  }
  export interface Database {
    select<F extends Record<string, unknown>>(fields?: F): Query<{ [K in keyof F]: any }>;
    insert(table: unknown): Query;
    update(table: unknown): Query;
    delete(table: unknown): Query;
    transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>;
  }
  export function drizzle(client: unknown): Database;
}

declare module 'bullmq' {
  export interface Job<T = any> {
    id?: string;
    name: string;
    data: T;
    updateProgress(progress: number | object): Promise<void>;
  }
  export class Queue<T = any> {
    constructor(name: string, options?: { connection: unknown });
    add(name: string, data: T, options?: Record<string, unknown>): Promise<Job<T>>;
    addBulk(jobs: { name: string; data: T; opts?: Record<string, unknown> }[]): Promise<Job<T>[]>;
    close(): Promise<void>;
  }
}

declare module 'ioredis' {
  export default class Redis {
    constructor(url: string, options?: Record<string, unknown>);
    get(key: string): Promise<string | null>;
    set(key: string, value: string, ...options: (string | number)[]): Promise<'OK' | null>;
    del(...keys: string[]): Promise<number>;
    quit(): Promise<'OK'>;
  }
}

declare module 'nodemailer' {
  export interface Transporter {
    sendMail(message: { from?: string; to: string; subject: string; html?: string; text?: string }): Promise<{ messageId: string }>;
    close(): void;
  }
  const nodemailer: { createTransport(options: Record<string, unknown>): Transporter };
  export default nodemailer;
}

declare module 'pg' {
  export class Pool {
    constructor(options?: Record<string, unknown>);
    query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
    on(event: 'error', listener: (error: Error) => void): this;
    end(): Promise<void>;
  }
}
`;
