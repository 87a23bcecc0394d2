// Dataset `inspectors` (docs/data-exchange.md), keyed by staff_no: enforcement staff
// and their certificates. A certificate number belongs to one person (unique across
// inspectors, in the file and in the system); a certificate needs both its number and
// its validity date. Historical files may carry expired certificates: they are kept as
// they are and the person simply cannot enforce (service.ts, enforcementStatus). An
// import never links or unlinks user accounts and keeps the active flag.
import { defineDataset } from '../../platform/imports/dataset';
import { date, fromZod, list, text } from '../../platform/imports/columns';
import { loadOrgLookup, orgCodeColumn } from '../orgs/dataset';
import { ENTITY_CATEGORIES, ENTITY_CATEGORY_NAMES, type EntityCategory } from '../entities/categories';
import { certificateNo, inspectorListQuery, staffNo } from './schema';
import { certificateClock, inspectorWhere } from './service';

const columns = {
  staff_no: fromZod({ label: '工号', required: true, example: 'NH-015', schema: staffNo,
    format: '字母、数字、点、下划线或连字符，不超过40个字符；系统内唯一（关键列）' }),
  name: text({ label: '姓名', required: true, max: 50, example: '王伟' }),
  org_code: orgCodeColumn('所属机构代码', true, '所属机构的机构代码，须已在系统中并在您的管理范围内'),
  certificate_no: fromZod({ label: '执法证号', required: false, example: '浙卫执NH2024015', schema: certificateNo,
    format: '行政执法证件号码，不超过40个字符，每人一个、不能与他人重复；未持证的留空' }),
  certificate_valid_to: date({ label: '执法证有效期至', required: false, example: '2028-12-31',
    format: '日期，格式 YYYY-MM-DD；填写了执法证号时必填' }),
  specialties: list({ label: '专业类别', required: false, values: ENTITY_CATEGORIES, names: ENTITY_CATEGORY_NAMES,
    example: 'public_place;medical_institution' }),
};

interface InspectorRecord {
  staff_no: string; name: string; org_id: number; certificate_no: string | null; certificate_valid_to: string | null;
  specialties: EntityCategory[];
}

export const inspectorsDataset = defineDataset({
  name: 'inspectors',
  label: '执法人员',
  key: 'staff_no',
  columns,
  importPermission: 'imports.inspectors',
  exportPermission: 'inspectors.read',

  async begin({ tx, scope }) {
    const resolveOrg = await loadOrgLookup(tx, scope);
    const rows = await tx.query<{ staff_no: string; org_id: number; certificate_no: string | null }>(
      'SELECT staff_no, org_id, certificate_no FROM inspectors');
    const orgOf = new Map(rows.map((r) => [r.staff_no, r.org_id]));
    const holder = new Map(rows.filter((r) => r.certificate_no).map((r) => [r.certificate_no!, r.staff_no]));
    const certificateRow = new Map<string, number>();

    return {
      check(row, report, rowNo): InspectorRecord | undefined {
        if (row.staff_no) {
          const orgId = orgOf.get(row.staff_no);
          if (orgId !== undefined && !scope.all && !scope.orgIds.has(orgId)) {
            report('staff_no', '该工号已属于您管理范围以外的机构，不能通过导入修改');
          }
        }
        const orgId = resolveOrg(row.org_code, report);
        const cert = row.certificate_no;
        if (cert && row.certificate_valid_to === null) report('certificate_valid_to', '填写了执法证号时必须填写执法证有效期');
        if (cert === null && row.certificate_valid_to) report('certificate_no', '填写了执法证有效期时必须填写执法证号');
        if (cert) {
          const first = certificateRow.get(cert);
          if (first !== undefined) report('certificate_no', `执法证号与第${first}行重复，每个执法证号只能发给一人`);
          else certificateRow.set(cert, rowNo);
          const owner = holder.get(cert);
          if (owner !== undefined && row.staff_no && owner !== row.staff_no) {
            report('certificate_no', `执法证号“${cert}”已发给其他人员（工号 ${owner}）`);
          }
        }
        return {
          staff_no: row.staff_no!, name: row.name!, org_id: orgId!, certificate_no: cert ?? null,
          certificate_valid_to: row.certificate_valid_to ?? null, specialties: row.specialties ?? [],
        };
      },

      async write(records) {
        const col = <K extends keyof InspectorRecord>(k: K) => records.map((r) => r[k]);
        const result = await tx.query<{ inserted: boolean }>(
          `INSERT INTO inspectors (staff_no, name, org_id, certificate_no, certificate_valid_to, specialties)
           SELECT t.staff_no, t.name, t.org_id, t.certificate_no, t.certificate_valid_to, string_to_array(t.specialties, ';')
             FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::date[], $6::text[])
                  AS t(staff_no, name, org_id, certificate_no, certificate_valid_to, specialties)
           ON CONFLICT (staff_no) DO UPDATE SET name = EXCLUDED.name, org_id = EXCLUDED.org_id,
             certificate_no = EXCLUDED.certificate_no, certificate_valid_to = EXCLUDED.certificate_valid_to,
             specialties = EXCLUDED.specialties, updated_at = now()
           RETURNING (xmax = 0) AS inserted`,
          [col('staff_no'), col('name'), col('org_id'), col('certificate_no'), col('certificate_valid_to'),
            records.map((r) => r.specialties.join(';'))]);
        const inserted = result.filter((r) => r.inserted).length;
        return { inserted, updated: result.length - inserted };
      },
    };
  },

  // The list's filters (search, organisation subtree, certificate status), so the export holds what the list shows.
  exportFilters: inspectorListQuery.pick({ q: true, orgId: true, status: true }),

  async exportPage(db, { scopeOrgIds, actorOrgId, filters, afterId, limit }) {
    const w = inspectorWhere(filters, scopeOrgIds, await certificateClock(db, actorOrgId), 3);
    return db.query(
      `SELECT i.id, i.staff_no, i.name, o.code AS org_code, i.certificate_no, i.certificate_valid_to::text AS certificate_valid_to,
              i.specialties
         FROM inspectors i JOIN organizations o ON o.id = i.org_id
        WHERE i.id > $1 AND ${w.where}
        ORDER BY i.id LIMIT $2`,
      [afterId, limit, ...w.params]);
  },
});
