import knex from 'knex';

export const reporting = knex({
  client: 'pg',
  connection: {
    connectionString: process.env.REPORTING_DATABASE_URL,
    ssl: { rejectUnauthorized: false },
  },
  searchPath: ['reporting', 'public'],
});
