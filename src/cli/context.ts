// Opens the configured database for a CLI command, with migrations applied.
import { loadConfig } from '../platform/config';
import { createContext } from '../platform/bootstrap';
import type { AppContext } from '../platform/http/types';

export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(loadConfig());
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

/** Progress on one terminal line (rewritten in place when stdout is a TTY). */
export function progressLine(text: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r${text}\x1b[K`);
  else console.log(text);
}
