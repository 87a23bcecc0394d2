// Dataset `entities` (docs/data-exchange.md), keyed by uscc: the regulated-entity
// directory, up to millions of rows. The USCC must pass GB 32100-2015 or be a legacy
// code an administrator accepted; org_code must exist and be in the importer's scope,
// and an existing entity of an organisation outside that scope cannot be overwritten.
// Rows are written in batches of 2,000: upserted, or appended when a bulk load fills an
// empty directory (bulk.ts). The export takes the
// directory's list filters (entityWhere).
import { z } from 'zod';
import { defineDataset } from '../../platform/imports/dataset';
import { custom, invalid, oneOf, text, yesNo } from '../../platform/imports/columns';
import { optionalText } from '../../platform/http/schemas';
import { checkUscc, usccCheckCharacter } from '../../core/codes/uscc';
import { loadOrgLookup, orgCodeColumn, regionCodeColumn } from '../orgs/dataset';
import { CREDIT_GRADES, ENTITY_CATEGORIES, ENTITY_CATEGORY_NAMES, RISK_CLASS_NAMES, RISK_CLASSES } from './categories';
import { appendEntityBatch, upsertEntityBatch, type EntityRow } from './bulk';
import { acceptedLegacyCodes, usccAcceptable } from './legacy';
import { entityWhere } from './query';
import { linkHoldersToEntities } from '../licensing/licences';

const EXAMPLE_USCC = (() => { const first17 = '91330402MA2B8C1D2'; return first17 + usccCheckCharacter(first17); })();

const columns = {
  uscc: custom({
    label: '统一社会信用代码', required: true, example: EXAMPLE_USCC,
    format: '18位统一社会信用代码（GB 32100-2015），第18位校验码须正确；经管理员认可的历史代码除外（关键列）',
    parse: (t) => {
      const c = checkUscc(t);
      // A wrong check character may still be an accepted legacy code: decided in check().
      return c.valid || c.problem === 'check_character' ? c.code : invalid(c.message!);
    },
  }),
  name: text({ label: '单位名称', required: true, max: 200, example: '嘉兴市南湖区悦来宾馆' }),
  category: oneOf({ label: '监管类别', required: true, values: ENTITY_CATEGORIES, names: ENTITY_CATEGORY_NAMES, example: 'public_place' }),
  region_code: regionCodeColumn('所在地行政区划代码', true),
  address: text({ label: '地址', required: true, max: 300, example: '浙江省嘉兴市南湖区南湖路100号' }),
  org_code: orgCodeColumn('监管机构代码', true, '负责监管的机构的机构代码，须已在系统中并在您的管理范围内'),
  legal_rep: text({ label: '法定代表人（负责人）', required: false, max: 50, example: '王伟' }),
  risk_class: oneOf({ label: '风险等级', required: false, values: RISK_CLASSES, names: RISK_CLASS_NAMES, example: 'low' }),
  credit_grade: oneOf({ label: '信用等级', required: false, values: CREDIT_GRADES, example: 'A',
    format: '取值：A、B、C、D；可留空' }),
  blacklisted: yesNo({ label: '是否列入黑名单', required: false, example: 'N', format: 'Y（是）或 N（否）；留空视为 N' }),
};

export const entityExportFilters = z.object({
  q: optionalText(50).refine((v) => v === null || !/[\u0000-\u001f\u007f]/.test(v), { message: '不能包含控制字符' }),
  category: z.enum(ENTITY_CATEGORIES, { message: '监管对象类别不正确' }).optional(),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字').optional(),
  riskClass: z.enum(RISK_CLASSES, { message: '风险等级应为 low、medium 或 high' }).optional(),
  creditGrade: z.enum(CREDIT_GRADES, { message: '信用等级应为 A、B、C 或 D' }).optional(),
  blacklisted: z.enum(['true', 'false'], { message: 'blacklisted 应为 true 或 false' }).optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  orgId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

export const entitiesDataset = defineDataset({
  name: 'entities',
  label: '监管对象',
  key: 'uscc',
  table: 'entities',
  columns,
  importPermission: 'imports.entities',
  exportPermission: 'entities.read',

  async begin({ tx, scope }) {
    const resolveOrg = await loadOrgLookup(tx, scope);
    const legacy = await acceptedLegacyCodes(tx);
    const scopeIds = [...scope.orgIds];
    return {
      batchSize: 2000,

      check(row, report): EntityRow | undefined {
        if (row.uscc) {
          const c = checkUscc(row.uscc);
          if (!usccAcceptable(c, legacy)) report('uscc', c.message!);
        }
        const orgId = resolveOrg(row.org_code, report);
        return {
          uscc: row.uscc!, name: row.name!, category: row.category!, region_code: row.region_code!, address: row.address!,
          org_id: orgId!, legal_rep: row.legal_rep ?? null, risk_class: row.risk_class ?? null,
          credit_grade: row.credit_grade ?? null, blacklisted: row.blacklisted ?? false,
        };
      },

      async checkBatch(batch) {
        if (scope.all) return;
        // An existing entity supervised outside the importer's scope is not theirs to change.
        const foreign = await tx.query<{ uscc: string }>(
          'SELECT uscc FROM entities WHERE uscc = ANY($1::text[]) AND NOT (org_id = ANY($2::int[]))',
          [batch.map((p) => p.record.uscc), scopeIds]);
        if (foreign.length === 0) return;
        const codes = new Set(foreign.map((f) => f.uscc));
        for (const p of batch) {
          if (codes.has(p.record.uscc)) p.report('uscc', '该统一社会信用代码已登记在您管理范围以外的机构名下，不能通过导入修改');
        }
      },

      write: async (records, mode) => {
        const written = await (mode.appendOnly ? appendEntityBatch(tx, records) : upsertEntityBatch(tx, records));
        // Licences and applications that named these codes before the entities were entered.
        await linkHoldersToEntities(tx, records.map((r) => r.uscc));
        return written;
      },
    };
  },

  exportFilters: entityExportFilters,

  async exportPage(db, { scopeOrgIds, filters, afterId, limit }) {
    const w = entityWhere(filters, { orgIds: scopeOrgIds, wholeTree: false }, 3);
    return db.query(
      `SELECT e.id, e.uscc, e.name, e.category, e.region_code, e.address, o.code AS org_code, e.legal_rep,
              e.risk_class, e.credit_grade, e.blacklisted
         FROM entities e JOIN organizations o ON o.id = e.org_id
        WHERE e.id > $1 AND ${w.where}
        ORDER BY e.id LIMIT $2`,
      [afterId, limit, ...w.params]);
  },
});
