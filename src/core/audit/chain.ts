// Hash chain of the audit log. Each entry's hash covers the previous entry's hash and a
// canonical JSON form of the entry, so changing, removing or reordering any entry breaks
// every later link, and `verify-audit` can name the first broken one.
import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryContent {
  at: string; // ISO 8601 with milliseconds, UTC
  userId: number | null;
  username: string;
  orgId: number | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** JSON with object keys sorted at every level, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, entry: AuditEntryContent): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonicalJson(entry)).digest('hex');
}
