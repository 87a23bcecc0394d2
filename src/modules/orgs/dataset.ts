// Dataset `organizations` (docs/data-exchange.md), keyed by code. Parents may come after
// their children in the file; a parent_code must name an organisation in the file or
// already in the system, and the parent chain may not loop. Through the API a row may
// only touch organisations under the importer's scope, and an empty parent_code (a
// root) is accepted only for an existing root in scope or into an empty database; the
// CLI acts as the system and may create roots. All rows are written together at the
// end, then the tree paths are rebuilt.
//
// Also exported: loadOrgLookup, the org_code resolver every other dataset uses.
import type { Queryable } from '../../platform/db';
import { defineDataset, type ImportScope, type Report } from '../../platform/imports/dataset';
import { custom, fromZod, integer, invalid, oneOf, text } from '../../platform/imports/columns';
import { checkRegionCode } from '../../core/codes/region';
import { ORG_KIND_NAMES, ORG_KINDS, orgCode } from './schema';
import { rebuildOrgPaths } from './service';

export const OUT_OF_SCOPE = '机构不在您的管理范围内';

/** An org_code column's resolver: the organisation's id, or undefined after reporting why not. */
export type OrgResolver = (code: string | null | undefined, report: Report, column?: string) => number | undefined;

/** Loads every organisation code once, for checking a whole file without a query per row. */
export async function loadOrgLookup(tx: Queryable, scope: ImportScope): Promise<OrgResolver> {
  const rows = await tx.query<{ id: number; code: string }>('SELECT id, code FROM organizations');
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  return (code, report, column = 'org_code') => {
    if (code === null || code === undefined) return undefined;
    const id = ids.get(code);
    if (id === undefined) { report(column, `机构代码“${code}”不存在，请先导入或新建该机构`); return undefined; }
    if (!scope.all && !scope.orgIds.has(id)) { report(column, OUT_OF_SCOPE); return undefined; }
    return id;
  };
}

export const regionCodeColumn = <R extends boolean>(label: string, required: R, example = '330402') => custom({
  label, required, example,
  format: '6位数字，GB/T 2260 行政区划代码（县级或以上），如 330402',
  parse: (t) => { const r = checkRegionCode(t); return r.valid ? t : invalid(r.message!); },
});

export const orgCodeColumn = <R extends boolean>(label: string, required: R, format: string, example = 'NH-JDS') =>
  fromZod({ label, required, example, format, schema: orgCode });

const columns = {
  code: fromZod({ label: '机构代码', required: true, example: 'NH-JDS', schema: orgCode,
    format: '字母、数字、点、下划线或连字符，不超过40个字符；系统内唯一（关键列）' }),
  name: text({ label: '机构名称', required: true, max: 100, example: '嘉兴市南湖区卫生监督所' }),
  parent_code: orgCodeColumn('上级机构代码', false,
    '上级机构的机构代码；顶级机构留空。上级机构可以在本文件中（先后不限），也可以已在系统中', 'NH-WJJ'),
  region_code: regionCodeColumn('行政区划代码', true),
  kind: oneOf({ label: '机构类别', required: true, values: ORG_KINDS, names: ORG_KIND_NAMES, example: 'institute' }),
  population: integer({ label: '辖区常住人口', required: false, min: 0, max: 2_000_000_000, example: '640000',
    format: '整数（人），用于计算每万人指标；非辖区机构可留空' }),
};

interface OrgRecord {
  code: string; name: string; parent_code: string | null; region_code: string; kind: string; population: number | null;
}

interface ExistingOrg { id: number; parentCode: string | null }

export const organizationsDataset = defineDataset({
  name: 'organizations',
  label: '组织机构',
  key: 'code',
  columns,
  importPermission: 'imports.organizations',
  exportPermission: 'orgs.read',

  async begin({ tx, scope }) {
    const rows = await tx.query<{ id: number; code: string; parent_code: string | null }>(
      `SELECT o.id, o.code, p.code AS parent_code FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id`);
    const existing = new Map<string, ExistingOrg>(rows.map((r) => [r.code, { id: r.id, parentCode: r.parent_code }]));
    const scopeRoots = new Set<number>();
    if (!scope.all) {
      // The topmost organisations of the scope: moving one would change what is above it.
      for (const r of rows) {
        const parent = r.parent_code === null ? undefined : existing.get(r.parent_code);
        if (scope.orgIds.has(r.id) && (!parent || !scope.orgIds.has(parent.id))) scopeRoots.add(r.id);
      }
    }
    const inScope = (id: number) => scope.all || scope.orgIds.has(id);
    // Every code in the file (even on a bad row), so a bad parent row is not also reported as missing.
    const fileParent = new Map<string, string | null>();

    return {
      batchSize: Infinity,

      check(row, report) {
        if (row.code) {
          const org = existing.get(row.code);
          if (org && !inScope(org.id)) report('code', OUT_OF_SCOPE);
          if (row.parent_code !== undefined) fileParent.set(row.code, row.parent_code);
          if (row.parent_code && row.parent_code === row.code) report('parent_code', '上级机构不能是机构自身');
        }
        return row as OrgRecord;
      },

      async checkBatch(batch) {
        const parentOf = (code: string): string | null | undefined =>
          fileParent.has(code) ? fileParent.get(code) : existing.get(code)?.parentCode;
        const known = (code: string) => fileParent.has(code) || existing.has(code);
        for (const { record: r, report } of batch) {
          const org = existing.get(r.code);
          if (r.parent_code === null) {
            const keepsRoot = org !== undefined && org.parentCode === null && inScope(org.id);
            if (!scope.all && !keepsRoot && existing.size > 0) {
              report('parent_code', org ? '不能把机构改为顶级机构：请填写上级机构代码' : '不能新建顶级机构：请填写上级机构代码');
            }
            continue;
          }
          if (r.parent_code === r.code) continue; // reported by check()
          if (!known(r.parent_code)) {
            report('parent_code', `上级机构代码“${r.parent_code}”不存在（系统中和本文件中都没有）`);
            continue;
          }
          // Walk up the parent chain as it will be after the import.
          const chain = [r.code];
          let cursor: string | null | undefined = r.parent_code;
          let cycle = false;
          while (cursor) {
            if (cursor === r.code) { cycle = true; break; }
            if (chain.includes(cursor) || chain.length > existing.size + fileParent.size + 1) break; // a loop above this row, reported on its own rows
            chain.push(cursor);
            cursor = parentOf(cursor);
          }
          if (cycle) {
            report('parent_code', `上级机构关系形成循环：${[...chain, r.code].join(' → ')}`);
            continue;
          }
          if (scope.all || (org && org.parentCode === r.parent_code)) continue;
          if (org && scopeRoots.has(org.id)) { report('parent_code', '不能移动您管理范围的顶级机构'); continue; }
          // The new parent must sit in scope: the first organisation up the chain that already exists decides.
          let anchor: string | null | undefined = r.parent_code;
          while (anchor && !existing.has(anchor)) anchor = parentOf(anchor);
          const anchorOrg = anchor ? existing.get(anchor) : undefined;
          if (anchorOrg && !inScope(anchorOrg.id)) report('parent_code', '上级机构不在您的管理范围内');
        }
      },

      async write(records) {
        const col = <K extends keyof OrgRecord>(k: K) => records.map((r) => r[k]);
        const result = await tx.query<{ inserted: boolean }>(
          `INSERT INTO organizations (code, name, parent_id, path, region_code, kind, population)
           SELECT t.code, t.name, NULL, '', t.region_code, t.kind, t.population
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) AS t(code, name, region_code, kind, population)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, kind = EXCLUDED.kind,
             population = EXCLUDED.population, updated_at = now()
           RETURNING (xmax = 0) AS inserted`,
          [col('code'), col('name'), col('region_code'), col('kind'), col('population')]);
        await tx.query(
          `UPDATE organizations o SET parent_id = p.id, updated_at = now()
             FROM unnest($1::text[], $2::text[]) AS f(code, parent_code)
             LEFT JOIN organizations p ON p.code = f.parent_code
            WHERE o.code = f.code AND o.parent_id IS DISTINCT FROM p.id`,
          [col('code'), col('parent_code')]);
        const inserted = result.filter((r) => r.inserted).length;
        return { inserted, updated: result.length - inserted };
      },

      async finish() {
        await rebuildOrgPaths(tx);
      },
    };
  },

  async exportPage(db, { scopeOrgIds, afterId, limit }) {
    return db.query(
      `SELECT o.id, o.code, o.name, p.code AS parent_code, o.region_code, o.kind, o.population
         FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
        WHERE o.id = ANY($1::int[]) AND o.id > $2
        ORDER BY o.id LIMIT $3`,
      [scopeOrgIds, afterId, limit]);
  },
});
