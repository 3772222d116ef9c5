import { PrismaClient } from '@prisma/client';

// One client per process; the pool size comes from ?connection_limit= in DATABASE_URL.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient({ log: ['warn', 'error'] });

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;
