// In-memory progress of running imports, keyed by a client-chosen id (?progressId=<uuid>)
// and readable only from the session that started the import (matched by the hash of its
// cookie, so polling never queries the database — on PGlite the one connection is held by
// the import's own transaction until it ends). Finished entries are kept for
// ten minutes after their last change, so a client polling a little late still sees the
// outcome; a single process serves the API, so memory is the right place.
import type { ImportPhase, ImportProgress } from './engine';

export interface ProgressEntry extends ImportProgress {
  progressId: string;
  dataset: string;
  startedAt: string;
  updatedAt: string;
  inserted?: number;
  updated?: number;
}

interface Stored { owner: string; entry: ProgressEntry; touched: number }

export const PROGRESS_TTL_MS = 10 * 60 * 1000;
/** An import that has not reported for this long is treated as gone. */
const STALE_MS = 6 * 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;

export class ImportProgressStore {
  private readonly entries = new Map<string, Stored>();

  constructor(private readonly now: () => number = Date.now) {}

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.entries) {
      const finished = s.entry.phase === 'done' || s.entry.phase === 'failed';
      if (now - s.touched > (finished ? PROGRESS_TTL_MS : STALE_MS)) this.entries.delete(id);
    }
  }

  /**
   * Starts tracking; returns an updater, or a no-op when the id is already used by
   * another session or the store is full (an import never fails for want of progress).
   */
  start(progressId: string, owner: string, dataset: string, totalBytes: number | null): (p: Partial<ImportProgress> & { inserted?: number; updated?: number }) => void {
    this.sweep();
    const existing = this.entries.get(progressId);
    if ((existing && existing.owner !== owner) || this.entries.size >= MAX_ENTRIES) return () => {};
    const at = new Date(this.now()).toISOString();
    const stored: Stored = {
      owner, touched: this.now(),
      entry: { progressId, dataset, phase: 'reading', rowsRead: 0, bytesRead: 0, totalBytes, errors: 0, startedAt: at, updatedAt: at },
    };
    this.entries.set(progressId, stored);
    return (p) => {
      Object.assign(stored.entry, p, { updatedAt: new Date(this.now()).toISOString() });
      stored.touched = this.now();
    };
  }

  /** The entry, when it exists and belongs to this owner (the session's hash). */
  get(progressId: string, owner: string): ProgressEntry | undefined {
    this.sweep();
    const s = this.entries.get(progressId);
    return s && s.owner === owner ? { ...s.entry } : undefined;
  }
}

export const importProgress = new ImportProgressStore();
export type { ImportPhase };
