// Datasets `publications`, `trainings` and `popularization_activities`
// (docs/data-exchange.md), keyed by their numbers: a commission brings last year's
// registers from its spreadsheets. A row whose number is already in the register updates
// that record (its source stays what it was); a new one is added with source 'import'.
// A number held by an organisation outside the importer's scope is refused, and so is a
// change to an activity kept by a platform online quiz (its kind and participants are
// the quiz's). Dates are of things that happened: none after today.
import { defineDataset, type Pending } from '../../platform/imports/dataset';
import { date, integer, oneOf, text, type Columns } from '../../platform/imports/columns';
import { loadOrgLookup, orgCodeColumn } from '../orgs/dataset';
import { todayInChina } from '../../core/calendar/dates';
import { ACTIVITY_KINDS, PUBLICATION_CHANNELS, TRAINING_KINDS } from './schema';
import { REGISTERS, type RegisterSpec } from './service';

const NOT_FUTURE = '日期不能晚于今天：登记的应是已发生的事项';

const codes = <T extends Record<string, string>>(names: T) => ({ values: Object.keys(names) as (keyof T & string)[], names });
const keyColumn = (label: string, example: string) =>
  text({ label, required: true, max: 60, example, format: '文本，不超过60个字符；本登记簿内唯一（关键列）' });
const orgColumn = () => orgCodeColumn('机构代码', true, '登记该记录的机构代码，须已在系统中并在您的管理范围内', 'JX-WJW');
const title = (label: string, example: string) => text({ label, required: true, max: 300, example });
const participants = <R extends boolean>(required: R) => integer({
  label: '参加人数', required, min: 0, max: 10_000_000, example: '45',
  format: required ? '整数（人次），0～10000000' : '整数（人次），0～10000000；空为0',
});

interface RegisterRecord { no: string; org_id: number; date: string; type: string; title: string; participants: number }

interface Existing { no: string; org_id: number; type: string; participants: number | null; quiz_linked: boolean }

function registerDataset<C extends Columns>(o: {
  spec: RegisterSpec; name: string; label: string; columns: C;
  /** The dataset's column for each field of the record. */
  map: { no: keyof C & string; date: keyof C & string; type: keyof C & string; participants?: keyof C & string };
}) {
  const { spec, map } = o;
  return defineDataset({
    name: o.name,
    label: o.label,
    key: map.no,
    columns: o.columns,
    importPermission: 'imports.registers',
    exportPermission: 'registers.read',
    table: spec.table,

    async begin({ tx, scope }) {
      const resolveOrg = await loadOrgLookup(tx, scope);
      const today = todayInChina();
      return {
        check(row, report): RegisterRecord | undefined {
          const r = row as Record<string, unknown>;
          const orgId = resolveOrg(r.org_code as string | null | undefined, report);
          const day = r[map.date] as string | null | undefined;
          if (day && day > today) report(map.date, NOT_FUTURE);
          return {
            no: r[map.no] as string, org_id: orgId!, date: day!, type: r[map.type] as string, title: r.title as string,
            participants: map.participants ? ((r[map.participants] as number | null) ?? 0) : 0,
          };
        },

        async checkBatch(batch: Pending<RegisterRecord>[]) {
          const quiz = spec.name === 'activities' ? 'EXISTS (SELECT 1 FROM law_quizzes q WHERE q.activity_id = t.id)' : 'false';
          const rows = await tx.query<Existing>(
            `SELECT t.${spec.noColumn} AS no, t.org_id, t.${spec.typeColumn} AS type, ${spec.participants ? 't.participants' : 'NULL::int'} AS participants,
                    ${quiz} AS quiz_linked
               FROM ${spec.table} t WHERE t.${spec.noColumn} = ANY($1::text[])`, [batch.map((p) => p.record.no)]);
          const existing = new Map(rows.map((e) => [e.no, e]));
          for (const p of batch) {
            const e = existing.get(p.record.no);
            if (!e) continue;
            if (!scope.all && !scope.orgIds.has(e.org_id)) p.report(map.no, '该编号已属于您管理范围以外的机构，不能通过导入修改');
            else if (e.quiz_linked && (p.record.type !== e.type || p.record.participants !== e.participants)) {
              p.report(map.no, '该活动属于网上学法竞赛，活动类型和参与人次由平台自动计数，不能通过导入修改');
            }
          }
        },

        async write(records) {
          const col = <K extends keyof RegisterRecord>(k: K) => records.map((r) => r[k]);
          const extra = spec.participants ? ', participants' : '';
          const result = await tx.query<{ inserted: boolean }>(
            `INSERT INTO ${spec.table} (${spec.noColumn}, org_id, ${spec.dateColumn}, ${spec.typeColumn}, title${extra}, source)
             SELECT t.no, t.org_id, t.day, t.type, t.title${spec.participants ? ', t.participants' : ''}, 'import'
               FROM unnest($1::text[], $2::int[], $3::date[], $4::text[], $5::text[], $6::int[]) AS t(no, org_id, day, type, title, participants)
             ON CONFLICT (${spec.noColumn}) DO UPDATE SET org_id = EXCLUDED.org_id, ${spec.dateColumn} = EXCLUDED.${spec.dateColumn},
               ${spec.typeColumn} = EXCLUDED.${spec.typeColumn}, title = EXCLUDED.title${spec.participants ? ', participants = EXCLUDED.participants' : ''}, updated_at = now()
             RETURNING (xmax = 0) AS inserted`,
            [col('no'), col('org_id'), col('date'), col('type'), col('title'), col('participants')]);
          const inserted = result.filter((r) => r.inserted).length;
          return { inserted, updated: result.length - inserted };
        },
      };
    },

    exportPage: (db, { scopeOrgIds, afterId, limit }) => db.query(
      `SELECT t.id, t.${spec.noColumn} AS ${map.no}, o.code AS org_code, t.${spec.dateColumn}::text AS ${map.date}, t.${spec.typeColumn} AS ${map.type},
              t.title${map.participants ? `, t.participants AS ${map.participants}` : ''}
         FROM ${spec.table} t JOIN organizations o ON o.id = t.org_id
        WHERE t.org_id = ANY($1::int[]) AND t.id > $2
        ORDER BY t.id LIMIT $3`, [scopeOrgIds, afterId, limit]),
  });
}

export const publicationsDataset = registerDataset({
  spec: REGISTERS.publications, name: 'publications', label: '主动公开信息',
  columns: {
    publication_no: keyColumn('公开信息编号', 'GK-2026-000001'),
    org_code: orgColumn(),
    published_on: date({ label: '发布日期', required: true, example: '2026-03-02' }),
    channel: oneOf({ label: '发布渠道', required: true, ...codes(PUBLICATION_CHANNELS), example: 'website' }),
    title: title('标题', '关于开展2026年公共场所卫生专项监督检查的通知'),
  },
  map: { no: 'publication_no', date: 'published_on', type: 'channel' },
});

export const trainingsDataset = registerDataset({
  spec: REGISTERS.trainings, name: 'trainings', label: '培训学法',
  columns: {
    training_no: keyColumn('培训编号', 'PX-2026-000001'),
    org_code: orgColumn(),
    held_on: date({ label: '举办日期', required: true, example: '2026-03-12' }),
    kind: oneOf({ label: '培训类型', required: true, ...codes(TRAINING_KINDS), example: 'law_study' }),
    title: title('主题', '党委理论学习中心组集体学习《中华人民共和国基本医疗卫生与健康促进法》'),
    participants: participants(true),
  },
  map: { no: 'training_no', date: 'held_on', type: 'kind', participants: 'participants' },
});

export const popularizationActivitiesDataset = registerDataset({
  spec: REGISTERS.activities, name: 'popularization_activities', label: '普法活动',
  columns: {
    activity_no: keyColumn('活动编号', 'PF-2026-000001'),
    org_code: orgColumn(),
    held_on: date({ label: '举办日期', required: true, example: '2026-12-04' }),
    kind: oneOf({ label: '活动类型', required: true, ...codes(ACTIVITY_KINDS), example: 'campaign' }),
    title: title('活动名称', '“12·4”国家宪法日宣传活动'),
    participants: participants(false),
  },
  map: { no: 'activity_no', date: 'held_on', type: 'kind', participants: 'participants' },
});

export const REGISTER_DATASETS = [publicationsDataset, trainingsDataset, popularizationActivitiesDataset];
