// A load larger than its table defers the table's indexes and foreign keys to the end
// (platform/imports/bulkLoad.ts) and, into an empty table, appends its rows with COPY:
// the result must be the same rows, indexes and constraints as a row-by-row upsert, and
// a rejected load must leave everything as it was.
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
  // An empty directory, as on the day a province first loads it. The demo's records that
  // point at its entities (licensing history, matters, inspections, penalty cases, credit)
  // go with it: TRUNCATE … CASCADE empties every table that references entities.
  await env.db.query('TRUNCATE entities CASCADE');
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

/** Every stored column of every entity, search keys included, as one digest. */
async function digestOfEntities(): Promise<string> {
  const row = await env.db.one<{ d: string }>(
    `SELECT md5(string_agg(concat_ws('|', uscc, name, category, region_code, address, org_id, legal_rep, risk_class,
                                      credit_grade, blacklisted, search_text, search_keys::text), E'\n' ORDER BY uscc)) AS d
       FROM entities`);
  return row!.d;
}

describe('a load larger than its table', () => {
  it('rebuilds the indexes and foreign keys it deferred, and the directory finds the rows', async () => {
    const before = await schemaOfEntities();
    expect(before.some((d) => d.includes('USING gin'))).toBe(true);
    expect(before.some((d) => d.includes('FOREIGN KEY (org_id)'))).toBe(true);
    const rows = entityRows(50_000, 450);
    // Empty optional cells and characters COPY must escape or encode.
    rows[10][6] = ''; rows[10][7] = ''; rows[10][8] = '';
    rows[11][1] = '反斜杠\\和"引号"，以及 tab 前后的空格 医院';
    rows[12][4] = '浙江省嘉兴市南湖区𠀋路1号';
    const file = csv([ENTITY_COLUMNS, ...rows]);
    const { outcome, phases } = await load(file);
    expect(outcome).toMatchObject({ ok: true, inserted: 450, updated: 0 });
    expect(phases.has('indexing')).toBe(true);
    expect(await schemaOfEntities()).toEqual(before);
    const stored = await env.db.one<{ legal_rep: string | null; risk_class: string | null; name: string }>(
      'SELECT legal_rep, risk_class, (SELECT name FROM entities WHERE uscc = $2) AS name FROM entities WHERE uscc = $1',
      [rows[10][0], rows[11][0]]);
    expect(stored).toEqual({ legal_rep: null, risk_class: null, name: rows[11][1] });

    // The same file again is upserted row by row: it must find every row exactly as the
    // appending load wrote it (search keys included), and change nothing.
    const appended = await digestOfEntities();
    const again = await load(file);
    expect(again.outcome).toMatchObject({ ok: true, inserted: 0, updated: 450 });
    expect(again.phases.has('indexing')).toBe(false);
    expect(await digestOfEntities()).toBe(appended);

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
