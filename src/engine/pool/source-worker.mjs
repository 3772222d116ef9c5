// Entry of a pool thread when the engine runs from TypeScript sources (vitest): Node 20 cannot
// load .ts by itself, so the thread registers a transpiling loader before it loads the worker.
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);

const { default: analyse } = await import('./analysis-worker.ts');

export default analyse;
