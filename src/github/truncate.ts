/**
 * Cuts text to GitHub's limit and says so, rather than letting GitHub refuse the whole request.
 * The note is part of the budget, so the result always fits.
 */
export function truncate(text: string, limit: number, note: string): string {
  if (text.length <= limit) return text;
  let cut = limit - note.length;
  // Never leave half of a surrogate pair: GitHub would reject or garble the last character.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + note;
}
