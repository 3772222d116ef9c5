// Rewrites README.md's rule table from the rule registry: `npm run build && npm run readme`.
import { readFile, writeFile } from 'node:fs/promises';
import { RULES } from '../dist/rules/index.js';
import { withRulesTable } from '../dist/review/rules-table.js';

const path = new URL('../README.md', import.meta.url);
const before = await readFile(path, 'utf8');
const after = withRulesTable(before, RULES);
if (after !== before) await writeFile(path, after);
console.log(after === before ? 'README.md is up to date' : 'README.md rule table updated');
