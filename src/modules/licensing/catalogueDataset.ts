// Dataset `catalogue_items` (docs/data-exchange.md), keyed by item_code: the service-item
// catalogue as another system keeps it. The file carries the terms the catalogue shares
// with other systems; the rest of an item (materials, licence, fee …) is kept on the
// platform.
//
// - A new code adds version 1 of the item, not yet published to the guide: a filing
//   (kind filing) in category filing_other, a licence otherwise; the articles of the
//   library the legal_basis text names become its cited articles.
// - A known code is updated as the catalogue is always changed: when one of its terms
//   differs from the current version, version + 1 is added with the file's values (the
//   platform-only fields carried over), so applications keep the version they were made
//   under; an unchanged row adds nothing. Whether the item is active is its state, not a
//   term (as through the API): set on the current version, a deactivated item leaving
//   the guide.
// - promised_days may not exceed statutory_days; the implementing organisation (org_code)
//   must be in the importer's scope and does not change through an import.
import type { Queryable } from '../../platform/db';
import { defineDataset, type ImportScope, type Pending } from '../../platform/imports/dataset';
import { integer, oneOf, text, yesNo } from '../../platform/imports/columns';
import { loadOrgLookup, orgCodeColumn } from '../orgs/dataset';
import { RULES } from '../../core/law/rules';
import type { BasisCite } from '../checkitems/bundled';
import { addVersion, catalogueWhere, changedFields, citesFromText, termsOf, type CatalogueItemRecord } from './catalogue';
import { CATALOGUE_CATEGORIES, CATEGORY_NAMES, ITEM_CODE_PATTERN, listFilters, promisedTooLong, type CatalogueCategory } from './catalogueSchema';

const columns = {
  item_code: text({ label: '事项编码', required: true, max: 40, example: 'XK-GGCS-01',
    pattern: [ITEM_CODE_PATTERN, '事项编码只能包含大写字母、数字和连字符，并以字母开头（如 XK-GGCS-01）'],
    format: '大写字母、数字和连字符，以字母开头，不超过40个字符；系统内唯一（关键列）' }),
  name: text({ label: '事项名称', required: true, max: 200, example: '公共场所卫生许可' }),
  category: oneOf({ label: '事项类别', required: true, values: CATALOGUE_CATEGORIES, names: CATEGORY_NAMES, example: 'public_health' }),
  org_code: orgCodeColumn('实施机构代码', true, '实施该事项的机构代码，须已在系统中并在您的管理范围内', 'JX-WJW'),
  legal_basis: text({ label: '设定依据', required: true, max: 2000, example: '《公共场所卫生管理条例》第四条、第八条',
    format: '文本，不超过2000个字符；写明法规名称（书名号）和条号的，关联法律法规库中的现行条文' }),
  statutory_days: integer({ label: '法定办结时限（工作日）', required: true, min: 1, max: 3650, example: String(RULES.licensingDecisionPeriod.value),
    format: `整数（工作日），1～3650；法律未另行规定的为${RULES.licensingDecisionPeriod.value}（${RULES.licensingDecisionPeriod.citation}）` }),
  promised_days: integer({ label: '承诺办结时限（工作日）', required: true, min: 0, max: 3650, example: '5',
    format: '整数（工作日），0（即办）～3650，不能超过法定办结时限' }),
  online: yesNo({ label: '可网上办理', required: true, example: 'Y' }),
  commitment_allowed: yesNo({ label: '可告知承诺', required: true, example: 'N' }),
  active: yesNo({ label: '有效', required: true, example: 'Y', format: 'Y（有效）或 N（已停用）' }),
};

interface ItemRecord {
  key: string; item_code: string; name: string; category: CatalogueCategory; org_id: number; org_code: string; legal_basis: string;
  statutory_days: number; promised_days: number; online: boolean; commitment_allowed: boolean; active: boolean;
}

/** Refuses rows whose item belongs to an organisation outside the scope, or would move to another organisation. */
async function guardKeys(tx: Queryable, scope: ImportScope, batch: Pending<ItemRecord>[]): Promise<void> {
  const rows = await tx.query<{ item_code: string; org_id: number; org_code: string }>(
    `SELECT c.item_code, c.org_id, o.code AS org_code FROM catalogue_items c JOIN organizations o ON o.id = c.org_id
      WHERE c.is_current AND c.item_code = ANY($1::text[])`, [batch.map((p) => p.record.key)]);
  const byCode = new Map(rows.map((r) => [r.item_code, r]));
  for (const p of batch) {
    const e = byCode.get(p.record.key);
    if (!e) continue;
    if (!scope.all && !scope.orgIds.has(e.org_id)) p.report('item_code', '该事项属于您管理范围以外的机构，不能通过导入修改');
    else if (p.record.org_id && e.org_id !== p.record.org_id) p.report('org_code', `事项的实施机构不能通过导入变更（现为 ${e.org_code}）`);
  }
}

export const catalogueItemsDataset = defineDataset({
  name: 'catalogue_items',
  label: '政务服务事项清单',
  key: 'item_code',
  columns,
  importPermission: 'imports.licensing',
  exportPermission: 'licensing.read',

  async begin({ tx, scope, actor }) {
    const resolveOrg = await loadOrgLookup(tx, scope);
    return {
      check(row, report): ItemRecord | undefined {
        const orgId = resolveOrg(row.org_code, report);
        if (row.promised_days != null && row.statutory_days != null && row.promised_days > row.statutory_days) {
          report('promised_days', promisedTooLong(row.promised_days, row.statutory_days));
        }
        return {
          key: row.item_code!, item_code: row.item_code!, name: row.name!, category: row.category!, org_id: orgId!, org_code: row.org_code!,
          legal_basis: row.legal_basis!, statutory_days: row.statutory_days!, promised_days: row.promised_days!, online: row.online!,
          commitment_allowed: row.commitment_allowed!, active: row.active!,
        };
      },
      checkBatch: (batch) => guardKeys(tx, scope, batch),
      async write(records) {
        const current = new Map((await tx.query<CatalogueItemRecord>(
          'SELECT * FROM catalogue_items WHERE is_current AND item_code = ANY($1::text[]) ORDER BY id FOR UPDATE',
          [records.map((r) => r.item_code)])).map((r) => [r.item_code, r]));
        let inserted = 0;
        let updated = 0;
        for (const r of records) {
          const existing = current.get(r.item_code);
          const cites: BasisCite[] = existing && existing.legal_basis === r.legal_basis ? existing.legal_basis_cites : await citesFromText(tx, r.legal_basis);
          if (!existing) {
            await tx.query(
              `INSERT INTO catalogue_items (item_code, version, is_current, org_id, name, category, kind, legal_basis, legal_basis_cites,
                 statutory_days, promised_days, online, commitment_allowed, reminder_days, active, change_note, created_by)
               VALUES ($1,1,true,$2,$3,$4,$5,$6,$7::jsonb,$8,$9,$10,$11,$12::int[],$13,'导入',$14)`,
              [r.item_code, r.org_id, r.name, r.category, r.category === 'filing_other' ? 'filing' : 'licence', r.legal_basis, JSON.stringify(cites),
                r.statutory_days, r.promised_days, r.online, r.commitment_allowed, RULES.licensingExpiryReminderDays.value, r.active, actor.userId]);
            inserted++;
            continue;
          }
          updated++;
          const before = termsOf(existing);
          const after = {
            ...before, name: r.name, category: r.category, legalBasis: r.legal_basis, legalBasisCites: cites, statutoryDays: r.statutory_days,
            promisedDays: r.promised_days, online: r.online, commitmentAllowed: r.commitment_allowed,
          };
          if (changedFields(before, after).length > 0) {
            await addVersion(tx, existing, after, { active: r.active, changeNote: '导入更新', userId: actor.userId });
          } else if (existing.active !== r.active) {
            await tx.query(`UPDATE catalogue_items SET active = $2, published_at = ${r.active ? 'published_at' : 'NULL'} WHERE id = $1`, [existing.id, r.active]);
          }
        }
        return { inserted, updated };
      },
    };
  },

  exportFilters: listFilters,

  async exportPage(db, { scopeOrgIds, filters, afterId, limit }) {
    const w = catalogueWhere(filters, 4);
    return db.query(
      `SELECT c.id, c.item_code, c.name, c.category, o.code AS org_code, c.legal_basis, c.statutory_days, c.promised_days, c.online,
              c.commitment_allowed, c.active
         FROM catalogue_items c JOIN organizations o ON o.id = c.org_id
        WHERE c.id > $1 AND c.is_current AND c.org_id = ANY($3::int[]) AND ${w.where}
        ORDER BY c.id LIMIT $2`,
      [afterId, limit, scopeOrgIds, ...w.params]);
  },
});
