import { sqlTopLevel } from './sql-text.js';

/**
 * Small readings of SQL text for rules. Not a parser: enough to tell what the outermost statement
 * asks for, with comments, string literals and parenthesised parts (subqueries, `EXISTS (…)`,
 * `count(*)`, CTE bodies) set aside.
 */

const SELECT_LIST = /\bselect\s+((?:all\s+|distinct\s+(?:on\s*\(\)\s*)?)?)([\s\S]*?)(?=\bfrom\b|\binto\b|;|$)/gi;
const STAR = /^(\*|(?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))*\.\*)$/;
const WRITE = /\b(insert\s+into|update\s+["\w$.]+\s+set|delete\s+from|merge\s+into)\b/i;

/**
 * Whether the outermost SELECT of a read lists `*` or `t.*`: every column of a table goes to the
 * client. `count(*)`, `EXISTS (SELECT * …)`, subqueries and CTE bodies do not count (PostgreSQL
 * reads only the columns the outer query uses), nor does `INSERT … SELECT *`, which moves no rows
 * to the client.
 */
export function selectsEveryColumn(sql: string): boolean {
  const top = sqlTopLevel(sql);
  if (WRITE.test(top)) return false;
  for (const match of top.matchAll(SELECT_LIST)) {
    const items = match[2]!.split(',').map((item) => item.trim());
    if (items.some((item) => STAR.test(item))) return true;
  }
  return false;
}
