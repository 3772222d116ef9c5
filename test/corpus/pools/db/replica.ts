import { Pool, type PoolConfig } from 'pg';
import { databaseConfig } from '../config';
import { instrumentPool } from './instrument';

const replicaConfig: PoolConfig = {
  ...databaseConfig.pool,
  connectionString: databaseConfig.replicaUrl,
};

// Size and timeouts come from the shared pool configuration.
export const replica = new Pool(replicaConfig);
instrumentPool(replica, 'replica');

export async function readOnly(sqlText: string, params: unknown[]) {
  const { rows } = await replica.query(sqlText, params);
  return rows;
}
