/**
 * The "what to do" of a rule message. Messages say what is wrong, what it costs and what to do,
 * in that order (STYLE.md), so the advice is the last sentence. Sentence ends inside inline code
 * (`inArray(...)`, `WHERE id = ANY($1)`) do not count.
 */
export function adviceOf(message: string): string {
  const sentences: string[] = [];
  let current = '';
  let inCode = false;
  for (let i = 0; i < message.length; i++) {
    const char = message[i]!;
    current += char;
    if (char === '`') inCode = !inCode;
    if (!inCode && /[.!?]/.test(char) && /\s/.test(message[i + 1] ?? '') && /[A-Z`]/.test(message.slice(i + 1).trimStart()[0] ?? '')) {
      sentences.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) sentences.push(current.trim());
  return sentences.at(-1) ?? message.trim();
}
