// LIKE patterns from user text: %, _ and the backslash (LIKE's default escape) are
// taken literally, so a search for "100%" finds that text and nothing else.

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A pattern matching the text anywhere. */
export function likeContaining(s: string): string {
  return `%${escapeLike(s)}%`;
}
