// Dataset `applications` (docs/data-exchange.md), keyed by application_no: a commission's
// licensing history (办件), imported with its final state and dates so that the
// licensing.* figures and the annual report cover the years before the platform.
//
// - item_code names a catalogue item (import catalogue_items first); a new application
//   is filed under the item's current version. Re-importing an application keeps the
//   version it was filed under as long as item_code is unchanged, so an export imports
//   back unchanged.
// - outcome approved / refused / withdrawn sets that state and needs concluded_on; an
//   approval or refusal follows acceptance, so it needs accepted_on too. pending is
//   'accepted' when accepted_on is given, else 'submitted'. Dates are in order (received
//   ≤ accepted ≤ concluded) and not in the future.
// - due_on (the promised limit) is accepted_on + the item's promised working days on the
//   work calendar, as the window's acceptance sets it. A tracking code is generated.
// - An approval carrying licence_no gets its e-licence through issueLicence (signed with
//   the organisation's SM2 key, source 'import'), so it verifies like one issued on the
//   platform: issued and valid from concluded_on, valid to licence_valid_to. A licence
//   number already issued for this application is left alone (re-importing never
//   duplicates or re-signs a licence); one belonging to anything else is refused.
// - entity_uscc is the applicant's code (the column allows a free-text party,
//   applicant_name): linked to the regulated entity when one has that code.
// - An application handled on the platform is not the import's to change: its row in an
//   export imports back as it is (nothing written), any difference is refused.
import crypto from 'node:crypto';
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { defineDataset, type ImportScope, type Pending, type Report } from '../../platform/imports/dataset';
import { custom, date, invalid, oneOf, text, yesNo } from '../../platform/imports/columns';
import { exportValue } from '../../platform/exports/engine';
import { loadOrgLookup, orgCodeColumn } from '../orgs/dataset';
import { loadWorkCalendar } from '../calendar/service';
import { computeDue } from '../../core/calendar/deadline';
import { todayInChina } from '../../core/calendar/dates';
import { checkUscc } from '../../core/codes/uscc';
import { applicationWhere } from './applications';
import { issueLicence } from './licences';
import { CHANNELS, CHANNEL_NAMES, exportQuery } from './schema';

export const IMPORT_OUTCOMES = ['approved', 'refused', 'withdrawn', 'pending'] as const;
type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];
export const IMPORT_OUTCOME_NAMES: Record<ImportOutcome, string> = {
  approved: '准予许可（予以备案）', refused: '不予许可', withdrawn: '申请人撤回', pending: '未办结',
};

const NOT_FUTURE = '日期不能晚于今天：历史办件应已发生';

const flag = (label: string, what: string) => yesNo({ label, required: false, example: 'N', format: `Y（${what}）或 N（否），空为否` });

const columns = {
  application_no: text({ label: '办件编号', required: true, max: 60, example: 'JX-WJW-SQ-20250310-0001', format: '文本，不超过60个字符；系统内唯一（关键列）' }),
  item_code: text({ label: '事项编码', required: true, max: 40, example: 'XK-GGCS-01', format: '政务服务事项的编码，须已在事项清单中（先导入 catalogue_items）' }),
  org_code: orgCodeColumn('办理机构代码', true, '办理该办件的机构代码，须已在系统中并在您的管理范围内', 'JX-WJW'),
  applicant_name: text({ label: '申请人名称', required: true, max: 100, example: '嘉兴市南湖区悦来宾馆有限公司', format: '单位名称或个人姓名，不超过100个字符' }),
  entity_uscc: custom({
    label: '申请人统一社会信用代码', required: false, example: '91330402MA2B3C4D53',
    format: '18位统一社会信用代码；个人申请的留空。已导入的监管对象按此代码关联',
    parse: (t) => { const c = checkUscc(t); return c.valid ? c.code : invalid(c.message ?? '统一社会信用代码不正确'); },
  }),
  channel: oneOf({ label: '申请渠道', required: true, values: CHANNELS, names: CHANNEL_NAMES, example: 'online' }),
  received_on: date({ label: '收件日期', required: true, example: '2025-03-10' }),
  accepted_on: date({ label: '受理日期', required: false, example: '2025-03-10', format: '日期 YYYY-MM-DD，不早于收件日期；准予、不予许可和容缺受理的必填，未受理的留空' }),
  concluded_on: date({ label: '办结日期', required: false, example: '2025-03-14', format: '日期 YYYY-MM-DD，不早于受理日期；已办结（approved、refused、withdrawn）的必填，未办结的留空' }),
  outcome: oneOf({ label: '办理结果', required: true, values: IMPORT_OUTCOMES, names: IMPORT_OUTCOME_NAMES, example: 'approved' }),
  commitment: flag('告知承诺', '以告知承诺制办理'),
  deficiency_accepted: flag('容缺受理', '容缺受理'),
  e_licence_reused: flag('引用电子证照', '以已有电子证照代替纸质材料'),
  proof_free: flag('无证明办理', '无需提交其他单位出具的证明'),
  licence_no: text({ label: '证照编号', required: false, max: 60, example: 'JX-WJW-2025-000123', format: '准予许可并发证的办件填写所发证照的编号（系统内唯一），导入时签发电子证照；其他留空' }),
  licence_valid_to: date({ label: '证照有效期截止日期', required: false, example: '2029-03-13', format: '日期 YYYY-MM-DD，不早于办结日期；填写证照编号时必填' }),
};
type ColumnName = keyof typeof columns;
const COLUMN_NAMES = Object.keys(columns) as ColumnName[];

interface ItemInfo { id: number; item_code: string; name: string; promised_days: number; licence_name: string | null }

interface AppRecord {
  key: string; application_no: string; item_code: string; item: ItemInfo; org_id: number; applicant_name: string; applicant_uscc: string | null;
  entity_id: number | null; channel: string; state: string; received_on: string; accepted_on: string | null; due_on: string | null;
  concluded_on: string | null; outcome: string | null; commitment: boolean; deficiency_accepted: boolean; e_licence_reused: boolean;
  proof_free: boolean; licence_no: string | null; licence_valid_to: string | null; tracking_code: string;
  /** The row as an export writes it (compared with an application handled on the platform). */
  fingerprint: string;
  /** An unchanged application of the platform: nothing to write. */
  unchanged: boolean;
  /** The licence to issue (its number is new). */
  issue: boolean;
}

/** A row in export shape → one comparable string (the cells as the export writes them). */
function fingerprintOf(row: Record<string, unknown>): string {
  return JSON.stringify(COLUMN_NAMES.map((c) => exportValue(row[c]) ?? ''));
}

// Tracking codes as the platform makes them (applications.ts): no letters and digits read alike.
const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function trackingCode(): string {
  return [...crypto.randomBytes(10)].map((b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('');
}

/** The columns of an application as exported (and compared on re-import). */
const EXPORT_SELECT = `
  SELECT a.id, a.application_no, ci.item_code, o.code AS org_code, a.applicant_name, a.applicant_uscc AS entity_uscc, a.channel,
         a.received_on::text AS received_on, a.accepted_on::text AS accepted_on, a.concluded_on::text AS concluded_on,
         coalesce(a.outcome, 'pending') AS outcome, a.commitment, a.deficiency_accepted, a.e_licence_reused, a.proof_free,
         l.licence_no, l.valid_to::text AS licence_valid_to
    FROM licence_applications a
    JOIN catalogue_items ci ON ci.id = a.item_id
    JOIN organizations o ON o.id = a.org_id
    LEFT JOIN licences l ON l.application_id = a.id`;

function checkDates(row: { received_on?: string | null; accepted_on?: string | null; concluded_on?: string | null }, report: Report, today: string): void {
  for (const c of ['received_on', 'accepted_on', 'concluded_on'] as const) {
    const v = row[c];
    if (v && v > today) report(c, NOT_FUTURE);
  }
  const { received_on: received, accepted_on: accepted, concluded_on: concluded } = row;
  if (accepted && received && accepted < received) report('accepted_on', '受理日期不能早于收件日期');
  if (concluded && accepted && concluded < accepted) report('concluded_on', '办结日期不能早于受理日期');
  else if (concluded && received && concluded < received) report('concluded_on', '办结日期不能早于收件日期');
}

interface Existing {
  id: number; application_no: string; source: string; org_id: number; item_id: number; item_code: string; item_name: string;
  promised_days: number; licence_name: string | null; export_row: Record<string, unknown>;
}

/** Resolves a batch against the database: existing applications, licences and entities (one query each). */
async function checkAgainstDatabase(tx: Queryable, scope: ImportScope, batch: Pending<AppRecord>[], dueOf: (accepted: string, promised: number) => string): Promise<void> {
  const keys = batch.map((p) => p.record.key);
  const existing = new Map((await tx.query<Existing>(
    `SELECT a.application_no, a.source, a.org_id, a.item_id, ci.name AS item_name, ci.promised_days, ci.licence_name,
            to_jsonb(x) AS export_row, x.id, x.item_code
       FROM (${EXPORT_SELECT} WHERE a.application_no = ANY($1::text[])) x
       JOIN licence_applications a ON a.id = x.id JOIN catalogue_items ci ON ci.id = a.item_id`, [keys])).map((e) => [e.application_no, e]));
  const licenceNos = [...new Set(batch.map((p) => p.record.licence_no).filter((n): n is string => n !== null))];
  const licences = licenceNos.length === 0 ? new Map<string, number | null>() : new Map((await tx.query<{ licence_no: string; application_id: number | null }>(
    'SELECT licence_no, application_id FROM licences WHERE licence_no = ANY($1::text[])', [licenceNos])).map((l) => [l.licence_no, l.application_id]));
  const usccs = [...new Set(batch.map((p) => p.record.applicant_uscc).filter((u): u is string => u !== null))];
  const entities = usccs.length === 0 ? new Map<string, number>() : new Map((await tx.query<{ uscc: string; id: number }>(
    'SELECT uscc, id FROM entities WHERE uscc = ANY($1::text[])', [usccs])).map((e) => [e.uscc, e.id]));

  for (const p of batch) {
    const r = p.record;
    const e = existing.get(r.key);
    if (e) {
      if (!scope.all && !scope.orgIds.has(e.org_id)) { p.report('application_no', '该办件编号已属于您管理范围以外的机构，不能通过导入修改'); continue; }
      if (e.source !== 'import') {
        // Exported and imported back unchanged: nothing to do. Otherwise it is the platform's record.
        if (fingerprintOf(e.export_row) === r.fingerprint) r.unchanged = true;
        else p.report('application_no', '该办件已在平台上办理，不能通过导入修改');
        continue;
      }
      // The version the application was filed under stays while its item does.
      if (e.item_code === r.item_code) r.item = { id: e.item_id, item_code: e.item_code, name: e.item_name, promised_days: e.promised_days, licence_name: e.licence_name };
      const issued = e.export_row.licence_no as string | null;
      if (issued && r.licence_no !== issued) p.report('licence_no', `该办件已签发电子证照“${issued}”，证照编号不能通过导入更改或清空`);
    }
    if (r.licence_no) {
      const owner = licences.get(r.licence_no);
      if (owner === undefined) r.issue = true;
      else if (!e || owner !== e.id) p.report('licence_no', `证照编号“${r.licence_no}”已被其他证照使用`);
    }
    r.entity_id = r.applicant_uscc ? entities.get(r.applicant_uscc) ?? null : null;
    r.due_on = r.accepted_on ? dueOf(r.accepted_on, r.item.promised_days) : null;
  }
}

export const applicationsDataset = defineDataset({
  name: 'applications',
  label: '行政许可办件',
  key: 'application_no',
  columns,
  importPermission: 'imports.licensing',
  exportPermission: 'licensing.read',
  table: 'licence_applications',

  async begin({ tx, scope, actor }) {
    const resolveOrg = await loadOrgLookup(tx, scope);
    const items = new Map((await tx.query<ItemInfo>(
      'SELECT id, item_code, name, promised_days, licence_name FROM catalogue_items WHERE is_current')).map((i) => [i.item_code, i]));
    const calendar = await loadWorkCalendar(tx);
    const dueOf = (accepted: string, promised: number) => computeDue(calendar, { start: accepted, amount: promised, unit: 'workday' }).due;
    const today = todayInChina();
    const licenceRows = new Map<string, number>();
    return {
      check(row, report, rowNumber): AppRecord | undefined {
        const orgId = resolveOrg(row.org_code, report);
        const item = row.item_code ? items.get(row.item_code) : undefined;
        if (row.item_code && !item) report('item_code', `事项编码“${row.item_code}”不存在，请先导入政务服务事项清单（catalogue_items）`);
        checkDates(row, report, today);
        const outcome = row.outcome;
        const concluded = outcome === 'approved' || outcome === 'refused' || outcome === 'withdrawn';
        if (concluded && !row.concluded_on && row.concluded_on !== undefined) {
          report('concluded_on', `办理结果为“${IMPORT_OUTCOME_NAMES[outcome]}”（${outcome}）的办件必须填写办结日期`);
        }
        if (outcome === 'pending' && row.concluded_on) report('concluded_on', '未办结（pending）的办件不应填写办结日期');
        if ((outcome === 'approved' || outcome === 'refused') && !row.accepted_on && row.accepted_on !== undefined) {
          report('accepted_on', '准予或不予许可的办件必须填写受理日期（备案事项填写予以备案的日期）');
        }
        if (row.deficiency_accepted && !row.accepted_on && row.accepted_on !== undefined) report('accepted_on', '容缺受理的办件必须填写受理日期');
        if (row.licence_no) {
          if (outcome && outcome !== 'approved') report('licence_no', '只有准予许可（approved）的办件才有证照编号');
          if (!row.licence_valid_to && row.licence_valid_to !== undefined) report('licence_valid_to', '填写了证照编号时必须填写证照有效期截止日期');
          const seen = licenceRows.get(row.licence_no);
          if (seen !== undefined) report('licence_no', `与第${seen}行的证照编号重复（一个证照只能属于一个办件）`);
          else licenceRows.set(row.licence_no, rowNumber);
        } else if (row.licence_valid_to) {
          report('licence_no', '填写了证照有效期截止日期时必须填写证照编号');
        }
        if (row.licence_valid_to && row.concluded_on && row.licence_valid_to < row.concluded_on) {
          report('licence_valid_to', '证照有效期截止日期不能早于办结（发证）日期');
        }
        if (!item || !outcome) return undefined;
        const record = {
          key: row.application_no!, application_no: row.application_no!, item_code: row.item_code!, item, org_id: orgId!,
          applicant_name: row.applicant_name!, applicant_uscc: row.entity_uscc ?? null, entity_id: null, channel: row.channel!,
          state: concluded ? outcome : row.accepted_on ? 'accepted' : 'submitted',
          received_on: row.received_on!, accepted_on: row.accepted_on ?? null, due_on: null, concluded_on: concluded ? row.concluded_on! : null,
          outcome: concluded ? outcome : null, commitment: row.commitment ?? false, deficiency_accepted: row.deficiency_accepted ?? false,
          e_licence_reused: row.e_licence_reused ?? false, proof_free: row.proof_free ?? false, licence_no: row.licence_no ?? null,
          licence_valid_to: row.licence_valid_to ?? null, tracking_code: trackingCode(), fingerprint: '', unchanged: false, issue: false,
        };
        record.fingerprint = fingerprintOf({ ...record, org_code: row.org_code, entity_uscc: record.applicant_uscc, outcome });
        return record;
      },

      checkBatch: (batch) => checkAgainstDatabase(tx, scope, batch, dueOf),

      async write(records) {
        const rows = records.filter((r) => !r.unchanged);
        if (rows.length === 0) return { inserted: 0, updated: records.length };
        const col = <K extends keyof AppRecord>(k: K) => rows.map((r) => r[k]);
        const result = await tx.query<{ id: number; application_no: string; inserted: boolean }>(
          `INSERT INTO licence_applications (application_no, item_id, org_id, applicant_name, applicant_uscc, entity_id, channel, tracking_code, state,
                                             received_on, accepted_on, due_on, concluded_on, outcome, commitment, deficiency_accepted,
                                             e_licence_reused, proof_free, source, created_by)
           SELECT t.*, 'import', $19::int
             FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[],
                         $10::date[], $11::date[], $12::date[], $13::date[], $14::text[], $15::boolean[], $16::boolean[], $17::boolean[], $18::boolean[]) AS t
           ON CONFLICT (application_no) DO UPDATE SET item_id = EXCLUDED.item_id, org_id = EXCLUDED.org_id, applicant_name = EXCLUDED.applicant_name,
             applicant_uscc = EXCLUDED.applicant_uscc, entity_id = EXCLUDED.entity_id, channel = EXCLUDED.channel, state = EXCLUDED.state,
             received_on = EXCLUDED.received_on, accepted_on = EXCLUDED.accepted_on, due_on = EXCLUDED.due_on, concluded_on = EXCLUDED.concluded_on,
             outcome = EXCLUDED.outcome, commitment = EXCLUDED.commitment, deficiency_accepted = EXCLUDED.deficiency_accepted,
             e_licence_reused = EXCLUDED.e_licence_reused, proof_free = EXCLUDED.proof_free, updated_at = now()
             WHERE licence_applications.source = 'import'
           RETURNING id, application_no, (xmax = 0) AS inserted`,
          [col('application_no'), rows.map((r) => r.item.id), col('org_id'), col('applicant_name'), col('applicant_uscc'), col('entity_id'), col('channel'),
            col('tracking_code'), col('state'), col('received_on'), col('accepted_on'), col('due_on'), col('concluded_on'), col('outcome'),
            col('commitment'), col('deficiency_accepted'), col('e_licence_reused'), col('proof_free'), actor.userId]);
        const idOf = new Map(result.map((r) => [r.application_no, r.id]));
        for (const r of rows.filter((x) => x.issue)) {
          await issueLicence(tx, actor, {
            licenceName: r.item.licence_name ?? r.item.name, itemId: r.item.id, orgId: r.org_id, holderName: r.applicant_name, holderUscc: r.applicant_uscc,
            entityId: r.entity_id, scope: '', address: '', issuedOn: r.concluded_on!, validFrom: r.concluded_on!, validTo: r.licence_valid_to!,
            applicationId: idOf.get(r.application_no)!, previousId: null, source: 'import', licenceNo: r.licence_no!,
          });
        }
        const inserted = result.filter((r) => r.inserted).length;
        return { inserted, updated: records.length - inserted };
      },
    };
  },

  // The application list's filters, so the export holds what the list shows.
  exportFilters: exportQuery,

  async exportPage(db, { scopeOrgIds, filters, afterId, limit }) {
    // applicationWhere reads only the user's scope; the export is given the scope itself.
    const w = applicationWhere({ scope: { orgIds: scopeOrgIds } } as unknown as AuthUser, filters, todayInChina());
    const n = w.params.length;
    return db.query(`${EXPORT_SELECT} WHERE a.id > $${n + 1} AND ${w.where} ORDER BY a.id LIMIT $${n + 2}`, [...w.params, afterId, limit]);
  },
});
