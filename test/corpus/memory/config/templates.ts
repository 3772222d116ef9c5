import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const TEMPLATE_DIR = join(import.meta.dirname, '..', 'templates');

/** Layouts every email is wrapped in, read once when the process starts. */
export const layouts = {
  transactional: await readFile(join(TEMPLATE_DIR, 'transactional.html'), 'utf8'),
  marketing: await readFile(join(TEMPLATE_DIR, 'marketing.html'), 'utf8'),
};

/** Disposable-address domains, one per line, refused at sign-up. */
export const disposableDomains = new Set(
  (await readFile(join(TEMPLATE_DIR, '..', 'config', 'disposable-domains.txt'), 'utf8')).split('\n').filter(Boolean),
);
