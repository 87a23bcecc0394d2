// A load larger than its table defers the table's indexes and foreign keys to the end
// (platform/imports/bulkLoad.ts): the result must be the same table, indexes and
// constraints as a row-by-row import, and a rejected load must leave everything as it was.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { runImport, type ImportPhase } from '../../platform/imports/engine';
import { SYSTEM_ACTOR } from '../../platform/access/user';
import { entitiesDataset } from '../entities/dataset';
import { ENTITY_COLUMNS, csv, entityRows } from './testFiles';

let env: TestEnv;
let admin: Client;

beforeAll(async () => {
  env = await setupTestEnv();
  admin = await env.as('admin');
  // An empty directory, as on the day a province first loads it.
  await env.db.query('DELETE FROM entities');
  await env.db.query('ANALYZE entities');
});
afterAll(async () => { await env?.close(); });

async function schemaOfEntities(): Promise<string[]> {
  const rows = await env.db.query<{ d: string }>(
    `SELECT indexdef AS d FROM pg_indexes WHERE tablename = 'entities'
     UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'entities'::regclass`);
  return rows.map((r) => r.d).sort();
}

async function load(file: Buffer) {
  const phases = new Set<ImportPhase>();
  const outcome = await runImport(env.db, {
    dataset: entitiesDataset, input: Readable.from([file]), fileName: 'load.csv', actor: SYSTEM_ACTOR('test'),
    scope: { all: true, orgIds: new Set() }, bulkLoadMinRows: 100, onProgress: (p) => phases.add(p.phase),
  });
  return { outcome, phases };
}

describe('a load larger than its table', () => {
  it('rebuilds the indexes and foreign keys it deferred, and the directory finds the rows', async () => {
    const before = await schemaOfEntities();
    expect(before.some((d) => d.includes('USING gin'))).toBe(true);
    expect(before.some((d) => d.includes('FOREIGN KEY (org_id)'))).toBe(true);
    const rows = entityRows(50_000, 450);
    const { outcome, phases } = await load(csv([ENTITY_COLUMNS, ...rows]));
    expect(outcome).toMatchObject({ ok: true, inserted: 450, updated: 0 });
    expect(phases.has('indexing')).toBe(true);
    expect(await schemaOfEntities()).toEqual(before);

    const named = await admin.get(`/api/entities?q=${encodeURIComponent(rows[400][1])}`);
    expect(named.json().rows.map((r: { uscc: string }) => r.uscc)).toContain(rows[400][0]);
    const byCode = await admin.get(`/api/entities?q=${rows[123][0]}`);
    expect(byCode.json().rows.map((r: { uscc: string }) => r.uscc)).toEqual([rows[123][0]]);
  });

  it('a rejected load leaves the rows, indexes and foreign keys as they were', async () => {
    const before = await schemaOfEntities();
    const count = async () => (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities'))!.n;
    const rowsBefore = await count();
    // The bad row comes after the first batch (2,000 rows) was written with the indexes dropped.
    const rows = entityRows(60_000, 2500);
    rows[2300][5] = 'NO-SUCH-ORG';
    const { outcome, phases } = await load(csv([ENTITY_COLUMNS, ...rows]));
    expect(outcome).toMatchObject({ ok: false, badRows: 1 });
    expect(phases.has('indexing')).toBe(false);
    expect(await count()).toBe(rowsBefore);
    expect(await schemaOfEntities()).toEqual(before);
  });
});
