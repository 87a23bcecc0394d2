import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { importFile } from '../../cli/importCommand';
import { exportFile } from '../../cli/exportCommand';
import type { ImportProgress } from '../../platform/imports/engine';
import { ENTITY_COLUMNS, csv, entityRows } from './testFiles';

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  env = await setupTestEnv();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrl-cli-test-'));
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run cli -- import / export (the functions the commands run)', () => {
  it('imports a file as the system actor with full scope, reporting progress', async () => {
    const file = path.join(dir, 'entities.csv');
    fs.writeFileSync(file, csv([ENTITY_COLUMNS, ...entityRows(40000, 2500)]));
    const progress: ImportProgress[] = [];
    const outcome = await importFile(env.db, 'entities', file, { onProgress: (p) => progress.push(p) });
    expect(outcome).toMatchObject({ ok: true, dataset: 'entities', format: 'csv', rows: 2500, inserted: 2500, updated: 0 });
    expect(progress[0].phase).toBe('reading');
    expect(progress.at(-1)).toMatchObject({ phase: 'done', rowsRead: 2500, bytesRead: fs.statSync(file).size, totalBytes: fs.statSync(file).size });
    const audit = await env.db.one<{ username: string; user_id: number | null; after: { rows: number; fileName: string } }>(
      `SELECT username, user_id, after FROM audit_log WHERE action = 'import.entities' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ username: 'cli', user_id: null, after: { rows: 2500, fileName: 'entities.csv' } });
  });

  it('may create a new root organisation (the system acts with full scope)', async () => {
    const file = path.join(dir, 'orgs.csv');
    fs.writeFileSync(file, csv([['code', 'name', 'parent_code', 'region_code', 'kind', 'population'],
      ['HZ-WJW', '杭州市卫生健康委员会', '', '330100', 'commission', '12520000']]));
    const outcome = await importFile(env.db, 'organizations', file);
    expect(outcome).toMatchObject({ ok: true, inserted: 1 });
    expect(await env.db.one(`SELECT parent_id, path FROM organizations WHERE code = 'HZ-WJW'`)).toMatchObject({ parent_id: null });
  });

  it('returns every bad row of a rejected file and writes nothing', async () => {
    const rows = entityRows(43000, 3);
    rows[0][5] = 'NOPE';
    rows[2][3] = '33040';
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, csv([ENTITY_COLUMNS, ...rows]));
    const before = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities'))!.n;
    const outcome = await importFile(env.db, 'entities', file);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.row, e.column, e.value])).toEqual([[2, 'org_code', 'NOPE'], [4, 'region_code', '33040']]);
    expect(outcome.message).toBe('文件中有2行数据有误，未导入任何数据');
    expect((await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities'))!.n).toBe(before);
  });

  it('exports to a file that imports back unchanged', async () => {
    for (const ext of ['xlsx', 'csv']) {
      const file = path.join(dir, `all.${ext}`);
      const { rows } = await exportFile(env.db, 'entities', file);
      const total = (await env.db.one<{ n: number }>('SELECT count(*)::int AS n FROM entities'))!.n;
      expect(rows).toBe(total);
      const outcome = await importFile(env.db, 'entities', file);
      expect(outcome).toMatchObject({ ok: true, rows: total, inserted: 0, updated: total });
    }
  });
});
