import type { ConstructFact, FileFacts } from '../../engine/facts/index.js';

/** Apps (not routers) created in this file outside request paths, outside tests. */
export function createdApps(facts: FileFacts): ConstructFact[] {
  if (/(^|\/)(test|tests|__tests__|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(facts.path)) return [];
  return facts.constructs.filter(
    (c) => c.construct.role === 'server' && c.construct.kind !== 'Express router' && !facts.isHot(c.fn),
  );
}

/** Whether the file imports any of `modules` (exact names or `prefix/*`). */
export function importsAny(facts: FileFacts, modules: readonly string[]): boolean {
  return [...facts.imports.values()].some((b) => modules.some((m) => b.module === m || b.module.startsWith(`${m}/`)));
}
