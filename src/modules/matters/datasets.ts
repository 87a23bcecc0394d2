// The seven datasets of matters on a legal clock (docs/data-exchange.md): hotline_calls,
// petitions, mediation_cases, reconsideration_cases, litigation_cases, proposals and
// disclosure_requests. Each imports a kind of historical matter into the one `matters`
// table (migration 0027) with its final state and dates set directly, keyed by
// (kind, matter_no), and exports the same columns back.
//
// A kind is declared as data (KindSpec): its columns, which matters column each one is
// stored in (`stored`, also what the export reads), which dates each date may not precede
// (`after`), its cross-column rules and how its state and due date follow (`derive`).
// Everything else is shared:
// - org_code must exist and be within the importer's scope; dates are not in the future
//   (a deadline may be) and in order (acceptance, hearing and conclusion not before
//   receipt or filing, conclusion not before acceptance or hearing).
// - due_on is the kind's statutory clock (core/matters/clocks.ts) from its start on the
//   work calendar; clock_start_on records that start.
// - A key already imported is updated; one of another organisation's outside the scope is
//   refused. A matter handled on the platform (or submitted on the portal) is not the
//   import's to change: a platform matter's exported row imports back as it is (nothing
//   written), any other row with its key is refused.
// - The export holds the kind's imported and platform matters within the scope (not the
//   portal's submissions); dates YYYY-MM-DD, received_at in China time (+08:00), Y/N,
//   'pending' for no outcome yet.
import type { Queryable } from '../../platform/db';
import { defineDataset, type Columns, type Dataset, type ImportScope, type Pending, type ParsedRow, type Report, type RowOf } from '../../platform/imports/dataset';
import { date, oneOf, text, timestamp, yesNo } from '../../platform/imports/columns';
import { exportValue } from '../../platform/exports/engine';
import { loadOrgLookup, orgCodeColumn, type OrgResolver } from '../orgs/dataset';
import { loadWorkCalendar } from '../calendar/service';
import { extendedDue, type ClockSpec } from '../../core/procedure/engine';
import { todayInChina } from '../../core/calendar/dates';
import { MATTER_CLOCKS, MATTER_EXTENSIONS, type MatterKind } from '../../core/matters/clocks';
import {
  DISCLOSURE_ANSWER_TYPES, HOTLINE_CHANNELS, HOTLINE_TYPES, LITIGATION_JUDGMENTS, MEDIATION_OUTCOMES, PROPOSAL_GRADES, PROPOSAL_KINDS,
  PROPOSAL_ROLES, RECONSIDERATION_OUTCOMES, SATISFACTION,
} from '../../core/matters/states';

/** The matters columns an import writes besides the key, organisation and state, with their SQL types. */
const FIELD_TYPES = {
  subtype: 'text', channel: 'text', role: 'text', summary: 'text', received_at: 'timestamptz', received_on: 'date', accepted_on: 'date',
  clock_start_on: 'date', due_on: 'date', concluded_on: 'date', outcome: 'text', satisfaction: 'text', extended: 'boolean', hearing_on: 'date',
  head_appeared: 'boolean', grade: 'text',
} as const;
type Field = keyof typeof FIELD_TYPES;
const FIELDS = Object.keys(FIELD_TYPES) as Field[];
type MatterFields = { [F in Field]: (typeof FIELD_TYPES)[F] extends 'boolean' ? boolean | null : string | null };
const NO_FIELDS: MatterFields = { ...(Object.fromEntries(FIELDS.map((f) => [f, null])) as MatterFields), extended: false };

interface MatterRecord extends MatterFields {
  matter_no: string; org_id: number; org_code: string; state: string;
  /** The row as an export writes it (compared with a matter handled on the platform). */
  fingerprint: string;
  /** A platform matter exported and imported back unchanged: nothing to write. */
  unchanged: boolean;
}

/** The matters column a dataset column is stored in; `empty` is the code stored as NULL (and exported for NULL). */
type Stored = Field | { field: Field; empty: string };
const pending = (field: Field): Stored => ({ field, empty: 'pending' });
const fieldOf = (s: Stored): Field => (typeof s === 'string' ? s : s.field);

/** A clock started on `start`: its start and due date (none without a start), after the given extensions. */
type ClockOf = (spec: ClockSpec, start: string | null, extensions?: number[]) => { clock_start_on: string | null; due_on: string | null };

/** Checks of a row that involve several of its columns, with the shared rules at hand. */
interface RuleKit<C extends Columns> {
  row: ParsedRow<RowOf<C>>;
  report: Report;
  /** `column` may be filled only when `base` is. */
  onlyWith(column: keyof C & string, base: keyof C & string): void;
  /** A concluded outcome needs the conclusion date; 'pending' must not have one. */
  outcomeDated(outcome: keyof C & string, concluded: keyof C & string, names: Record<string, string>): void;
}

interface KindSpec<C extends Columns> {
  name: string;
  label: string;
  kind: MatterKind;
  key: keyof C & string;
  columns: C;
  stored: Partial<Record<keyof C & string, Stored>>;
  /** The dates each date column may not precede, nearest first. */
  after: Partial<Record<keyof C & string, (keyof C & string)[]>>;
  /** Date columns that may lie in the future (a deadline). */
  future?: (keyof C & string)[];
  rules?(kit: RuleKit<C>): void;
  derive(m: MatterFields, clock: ClockOf): Partial<MatterFields> & { state: string };
}

type AnySpec = KindSpec<Columns>;
type AnyRow = ParsedRow<RowOf<Columns>>;

// Every record of the kind is exported, wherever it came from; one handled on the platform
// or filed on the portal may import back unchanged, never changed.
const EXPORTED_SOURCES = ['import', 'platform', 'portal'];
const NOT_FUTURE = '日期不能晚于今天：历史记录应已发生';

/** An instant as China time, YYYY-MM-DDTHH:MM:SS+08:00 (to the second, as exported). */
function chinaTime(iso: string): string {
  return `${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}
/** A date cell, or a timestamp cell's date in China. */
const dayOf = (v: string) => (v.length > 10 ? chinaTime(v).slice(0, 10) : v);

const codes = <T extends Record<string, string>>(names: T) => ({ values: Object.keys(names) as (keyof T & string)[], names });

// Column builders shared by the kinds.
const keyColumn = (label: string, example: string) =>
  text({ label, required: true, max: 60, example, format: '文本，不超过60个字符；同类记录内唯一（关键列）' });
const orgColumn = () => orgCodeColumn('办理机构代码', true, '办理该事项的机构代码，须已在系统中并在您的管理范围内', 'JX-WJW');
const day = <R extends boolean>(label: string, required: R, example: string, format?: string) =>
  date({ label, required, example, ...(format ? { format: `日期 YYYY-MM-DD；${format}` } : {}) });

// ---------------------------------------------------------------------------------
// The shared import: checking a row, resolving it against the database, writing.

function ruleKit<C extends Columns>(columns: C, row: ParsedRow<RowOf<C>>, report: Report): RuleKit<C> {
  const label = (c: keyof C & string) => columns[c].label;
  return {
    row, report,
    onlyWith(column, base) {
      if (row[column] !== null && row[column] !== undefined && row[base] === null) report(column, `未填写${label(base)}时不应填写${label(column)}`);
    },
    outcomeDated(outcome, concluded, names) {
      const o = row[outcome] as string | null | undefined;
      if (o && o !== 'pending' && row[concluded] === null) report(concluded, `${label(outcome)}为“${names[o]}”（${o}）时必须填写${label(concluded)}`);
      if (o === 'pending' && row[concluded]) report(concluded, `${label(outcome)}为“${names[o]}”（pending）时不应填写${label(concluded)}`);
    },
  };
}

function checkDates(spec: AnySpec, row: AnyRow, report: Report, today: string): void {
  const days = new Map<string, string>();
  for (const [c, col] of Object.entries(spec.columns)) {
    if ((col.kind === 'date' || col.kind === 'timestamp') && typeof row[c] === 'string') days.set(c, dayOf(row[c] as string));
  }
  for (const [c, v] of days) if (v > today && !spec.future?.includes(c)) report(c, NOT_FUTURE);
  for (const [later, earlier] of Object.entries(spec.after) as [string, string[]][]) {
    const v = days.get(later);
    const first = v && earlier.find((e) => v < (days.get(e) ?? ''));
    if (first) report(later, `${spec.columns[later].label}不能早于${spec.columns[first].label}`);
  }
}

/** The stored columns of a row, as the table holds them. */
function storedFields(spec: AnySpec, row: AnyRow): MatterFields {
  const m: Record<string, unknown> = { ...NO_FIELDS };
  for (const [c, s] of Object.entries(spec.stored) as [string, Stored][]) {
    m[fieldOf(s)] = typeof s !== 'string' && row[c] === s.empty ? null : row[c];
  }
  return m as MatterFields;
}

/** One exported cell of a matter, from its columns (the SQL of exportColumn does the same). */
function exportedValue(spec: AnySpec, r: MatterRecord, column: string): unknown {
  if (column === spec.key) return r.matter_no;
  if (column === 'org_code') return r.org_code;
  const s = spec.stored[column]!;
  const field = fieldOf(s);
  const v = r[field] ?? (typeof s === 'string' ? null : s.empty);
  return FIELD_TYPES[field] === 'timestamptz' && typeof v === 'string' ? chinaTime(v) : v;
}

/** A row in export shape → one comparable string (the cells as the export writes them). */
function fingerprintOf(columns: string[], valueOf: (c: string) => unknown): string {
  return JSON.stringify(columns.map((c) => exportValue(valueOf(c)) ?? ''));
}

function checkRow(spec: AnySpec, env: RowEnv, row: AnyRow, report: Report): MatterRecord | undefined {
  const orgId = env.resolveOrg(row.org_code as string | null | undefined, report);
  checkDates(spec, row, report, env.today);
  spec.rules?.(ruleKit(spec.columns, row, report));
  if (orgId === undefined || Object.values(row).includes(undefined)) return undefined;
  const m = storedFields(spec, row);
  const record: MatterRecord = {
    ...m, ...spec.derive(m, env.clock), matter_no: row[spec.key] as string, org_id: orgId, org_code: row.org_code as string, fingerprint: '', unchanged: false,
  };
  record.fingerprint = fingerprintOf(Object.keys(spec.columns), (c) => exportedValue(spec, record, c));
  return record;
}

interface RowEnv {
  resolveOrg: OrgResolver;
  clock: ClockOf;
  today: string;
}

async function rowEnv(tx: Queryable, scope: ImportScope): Promise<RowEnv> {
  const calendar = await loadWorkCalendar(tx);
  return {
    resolveOrg: await loadOrgLookup(tx, scope),
    clock: (spec, start, extensions = []) => ({ clock_start_on: start, due_on: start ? extendedDue(calendar, spec, start, extensions).due : null }),
    today: todayInChina(),
  };
}

// The planner judges the key look-ups by the table's statistics: a large import into a
// small table would otherwise read the whole table for every batch (quadratic on the
// PostgreSQL server). The table is analysed again, inside the transaction, each time the
// rows written since the last analysis outnumber half of those then counted.
const FIRST_ANALYZE_AFTER_ROWS = 20_000;

function statisticsKeeper(tx: Queryable) {
  let written = 0;
  let nextAt = FIRST_ANALYZE_AFTER_ROWS;
  return {
    async before(): Promise<void> {
      if (written < nextAt) return;
      await tx.query('ANALYZE matters');
      nextAt = written + Math.max(FIRST_ANALYZE_AFTER_ROWS, Math.floor(written / 2));
    },
    wrote<T extends { inserted: number; updated: number }>(r: T): T {
      written += r.inserted + r.updated;
      return r;
    },
  };
}

/** Existing keys of the batch: another organisation's outside the scope, or the platform's, are refused (unless unchanged). */
async function checkExisting(tx: Queryable, scope: ImportScope, spec: AnySpec, batch: Pending<MatterRecord>[]): Promise<void> {
  const existing = new Map((await tx.query<{ matter_no: string; source: string; org_id: number; export_row: Record<string, unknown> }>(
    `SELECT m.matter_no, m.source, m.org_id, to_jsonb(x) AS export_row
       FROM (${exportSelect(spec)}) x JOIN matters m ON m.id = x.id
      WHERE m.kind = $1 AND m.matter_no = ANY($2::text[])`, [spec.kind, batch.map((p) => p.record.matter_no)])).map((e) => [e.matter_no, e]));
  for (const p of batch) {
    const e = existing.get(p.record.matter_no);
    if (!e) continue;
    if (!scope.all && !scope.orgIds.has(e.org_id)) p.report(spec.key, '该编号已属于您管理范围以外的机构，不能通过导入修改');
    else if (e.source !== 'import') {
      const same = EXPORTED_SOURCES.includes(e.source) && fingerprintOf(Object.keys(spec.columns), (c) => e.export_row[c]) === p.record.fingerprint;
      if (same) p.record.unchanged = true;
      else p.report(spec.key, '该事项已在平台上办理，不能通过导入修改');
    }
  }
}

/**
 * The columns a re-import overwrites: those the dataset carries and those derived from
 * them (state, the clock). The others (a summary, a mediation's type) keep what the
 * record already holds.
 */
function carriedFields(spec: AnySpec): Set<Field> {
  return new Set<Field>([...Object.values(spec.stored).map((s) => fieldOf(s!)), 'clock_start_on', 'due_on', 'received_on']);
}

async function writeMatters(tx: Queryable, spec: AnySpec, userId: number | null, records: MatterRecord[]): Promise<{ inserted: number; updated: number }> {
  const kind = spec.kind;
  const carried = carriedFields(spec);
  const rows = records.filter((r) => !r.unchanged);
  if (rows.length === 0) return { inserted: 0, updated: records.length };
  const params = FIELDS.map((f, i) => `$${i + 4}::${FIELD_TYPES[f]}[]`).join(', ');
  const result = await tx.query<{ inserted: boolean }>(
    `INSERT INTO matters (matter_no, org_id, state, ${FIELDS.join(', ')}, kind, source, created_by)
     SELECT t.*, $${FIELDS.length + 4}::text, 'import', $${FIELDS.length + 5}::int
       FROM unnest($1::text[], $2::int[], $3::text[], ${params}) AS t
     ON CONFLICT (kind, matter_no) DO UPDATE SET org_id = EXCLUDED.org_id, state = EXCLUDED.state,
       ${FIELDS.map((f) => (carried.has(f) ? `${f} = EXCLUDED.${f}` : `${f} = coalesce(EXCLUDED.${f}, matters.${f})`)).join(', ')}, version = matters.version + 1, updated_at = now()
       WHERE matters.source = 'import'
     RETURNING (xmax = 0) AS inserted`,
    [rows.map((r) => r.matter_no), rows.map((r) => r.org_id), rows.map((r) => r.state), ...FIELDS.map((f) => rows.map((r) => r[f])), kind, userId]);
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: records.length - inserted };
}

// ---------------------------------------------------------------------------------
// The export: the dataset's columns read from the table.

function exportColumn(spec: AnySpec, column: string): string {
  if (column === spec.key) return `m.matter_no AS ${column}`;
  if (column === 'org_code') return 'o.code AS org_code';
  const s = spec.stored[column]!;
  const field = fieldOf(s);
  const type = FIELD_TYPES[field];
  const sql = type === 'date' ? `m.${field}::text`
    : type === 'timestamptz' ? `to_char(m.${field} AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')`
      : `m.${field}`;
  return `${typeof s === 'string' ? sql : `coalesce(${sql}, '${s.empty}')`} AS ${column}`;
}

function exportSelect(spec: AnySpec): string {
  return `SELECT m.id, ${Object.keys(spec.columns).map((c) => exportColumn(spec, c)).join(', ')}
            FROM matters m JOIN organizations o ON o.id = m.org_id`;
}

function matterDataset<C extends Columns>(kindSpec: KindSpec<C>): Dataset {
  const spec = kindSpec as unknown as AnySpec;
  return defineDataset({
    name: spec.name,
    label: spec.label,
    key: spec.key,
    columns: spec.columns,
    importPermission: 'imports.matters',
    exportPermission: 'matters.read',
    table: 'matters',

    async begin({ tx, scope, actor }) {
      const env = await rowEnv(tx, scope);
      const growth = statisticsKeeper(tx);
      return {
        check: (row, report) => checkRow(spec, env, row, report),
        checkBatch: async (batch) => { await growth.before(); await checkExisting(tx, scope, spec, batch); },
        write: async (records) => growth.wrote(await writeMatters(tx, spec, actor.userId, records)),
      };
    },

    exportPage: (db, { scopeOrgIds, afterId, limit }) => db.query(
      `${exportSelect(spec)}
        WHERE m.kind = $1 AND m.source = ANY($2::text[]) AND m.org_id = ANY($3::int[]) AND m.id > $4
        ORDER BY m.id LIMIT $5`, [spec.kind, EXPORTED_SOURCES, scopeOrgIds, afterId, limit]),
  });
}

// ---------------------------------------------------------------------------------
// The seven kinds.

export const hotlineCallsDataset = matterDataset({
  name: 'hotline_calls', label: '12320热线记录', kind: 'hotline', key: 'record_no',
  columns: {
    record_no: keyColumn('工单编号', 'RX-20260302-0001'),
    org_code: orgColumn(),
    received_at: timestamp({ label: '来电时间', required: true, example: '2026-03-02T09:30:00+08:00' }),
    type: oneOf({ label: '诉求类型', required: true, ...codes(HOTLINE_TYPES), example: 'consultation' }),
    channel: oneOf({ label: '来电渠道', required: true, ...codes(HOTLINE_CHANNELS), example: 'phone' }),
    concluded_on: day('办结日期', false, '2026-03-02', '不早于来电日期；未办结的留空'),
    summary: text({ label: '诉求摘要', required: false, max: 2000, example: '咨询公共场所卫生许可办理材料', format: '文本，不超过2000个字符' }),
  },
  stored: { received_at: 'received_at', type: 'subtype', channel: 'channel', concluded_on: 'concluded_on', summary: 'summary' },
  after: { concluded_on: ['received_at'] },
  derive: (m) => ({ received_on: dayOf(m.received_at!), state: m.concluded_on ? 'closed' : 'received' }),
});

export const petitionsDataset = matterDataset({
  name: 'petitions', label: '信访事项', kind: 'petition', key: 'petition_no',
  columns: {
    petition_no: keyColumn('信访事项编号', 'XF-2026-0001'),
    org_code: orgColumn(),
    received_on: day('登记日期', true, '2026-03-02'),
    accepted_on: day('受理日期', false, '2026-03-05', '不早于登记日期；未受理的留空'),
    concluded_on: day('办结日期', false, '2026-04-20', '不早于受理日期；未办结的留空'),
    deadline_on: day('办理期限', false, '2026-05-04', '留空时按受理日期（未受理的按登记日期）起算60日计算'),
    satisfaction: oneOf({ label: '满意度评价', required: false, ...codes(SATISFACTION), example: 'satisfied' }),
  },
  stored: { received_on: 'received_on', accepted_on: 'accepted_on', concluded_on: 'concluded_on', deadline_on: 'due_on', satisfaction: 'satisfaction' },
  after: { accepted_on: ['received_on'], concluded_on: ['accepted_on', 'received_on'], deadline_on: ['accepted_on', 'received_on'] },
  future: ['deadline_on'],
  rules: (k) => k.onlyWith('satisfaction', 'concluded_on'),
  derive(m, clock) {
    const c = clock(MATTER_CLOCKS.petition.conclude, m.accepted_on ?? m.received_on);
    return { state: m.concluded_on ? 'closed' : m.accepted_on ? 'accepted' : 'registered', ...c, due_on: m.due_on ?? c.due_on };
  },
});

const MEDIATION_STATE_OF: Record<string, string> = { withdrawn_after_explanation: 'withdrawn', agreement: 'concluded', terminated: 'concluded', referred: 'referred' };

export const mediationCasesDataset = matterDataset({
  name: 'mediation_cases', label: '医疗纠纷调解案件', kind: 'mediation', key: 'case_no',
  columns: {
    case_no: keyColumn('调解案件编号', 'TJ-2026-0001'),
    org_code: orgColumn(),
    reported_on: day('报案日期', true, '2026-03-02'),
    accepted_on: day('受理日期', false, '2026-03-04', '不早于报案日期；达成调解协议或终止调解的必填，未受理的留空'),
    concluded_on: day('结案日期', false, '2026-04-10', '不早于受理日期；已结案的必填，在办（pending）的留空'),
    outcome: oneOf({ label: '调解结果', required: true, ...codes(MEDIATION_OUTCOMES), example: 'agreement' }),
  },
  stored: { reported_on: 'received_on', accepted_on: 'accepted_on', concluded_on: 'concluded_on', outcome: pending('outcome') },
  after: { accepted_on: ['reported_on'], concluded_on: ['accepted_on', 'reported_on'] },
  rules(k) {
    k.outcomeDated('outcome', 'concluded_on', MEDIATION_OUTCOMES);
    const o = k.row.outcome;
    if ((o === 'agreement' || o === 'terminated') && k.row.accepted_on === null) k.report('accepted_on', `调解结果为“${MEDIATION_OUTCOMES[o]}”（${o}）时必须填写受理日期`);
  },
  derive: (m, clock) => ({
    state: m.outcome ? MEDIATION_STATE_OF[m.outcome] : m.accepted_on ? 'accepted' : 'reported', ...clock(MATTER_CLOCKS.mediation.conclude, m.accepted_on),
  }),
});

export const reconsiderationCasesDataset = matterDataset({
  name: 'reconsideration_cases', label: '行政复议案件', kind: 'reconsideration', key: 'case_no',
  columns: {
    case_no: keyColumn('复议案件编号', 'FY-2026-0001'),
    org_code: orgColumn(),
    received_on: day('收到申请书副本日期', true, '2026-03-02', '本机关收到行政复议申请书副本的日期，答复期限自次日起算'),
    concluded_on: day('结案日期', false, '2026-05-10', '不早于收到日期；已结案的必填，在办（pending）的留空'),
    outcome: oneOf({ label: '复议结果', required: true, ...codes(RECONSIDERATION_OUTCOMES), example: 'upheld' }),
  },
  stored: { received_on: 'received_on', concluded_on: 'concluded_on', outcome: pending('outcome') },
  after: { concluded_on: ['received_on'] },
  rules: (k) => k.outcomeDated('outcome', 'concluded_on', RECONSIDERATION_OUTCOMES),
  derive: (m, clock) => ({
    subtype: 'normal', state: m.concluded_on ? 'decided' : 'received', ...clock(MATTER_CLOCKS.reconsideration.answer, m.received_on),
  }),
});

export const litigationCasesDataset = matterDataset({
  name: 'litigation_cases', label: '行政应诉案件', kind: 'litigation', key: 'case_no',
  columns: {
    case_no: keyColumn('应诉案件编号', 'YS-2026-0001'),
    org_code: orgColumn(),
    filed_on: day('收到起诉状日期', true, '2026-03-02', '本机关收到起诉状副本的日期，答辩期限自次日起算'),
    hearing_on: day('开庭日期', false, '2026-04-15', '不早于收到起诉状日期；未开庭的留空'),
    head_appeared: yesNo({ label: '负责人出庭应诉', required: false, example: 'Y', format: 'Y（行政机关负责人出庭应诉）或 N（否）；未开庭的留空' }),
    judged_on: day('判决（裁定）日期', false, '2026-05-20', '不早于开庭日期；已判决（裁定）的必填，在办（pending）的留空'),
    judgment: oneOf({ label: '裁判结果', required: true, ...codes(LITIGATION_JUDGMENTS), example: 'won' }),
  },
  stored: { filed_on: 'received_on', hearing_on: 'hearing_on', head_appeared: 'head_appeared', judged_on: 'concluded_on', judgment: pending('outcome') },
  after: { hearing_on: ['filed_on'], judged_on: ['hearing_on', 'filed_on'] },
  rules(k) {
    k.outcomeDated('judgment', 'judged_on', LITIGATION_JUDGMENTS);
    if (k.row.head_appeared && k.row.hearing_on === null) k.report('hearing_on', '负责人出庭应诉（Y）的案件必须填写开庭日期');
  },
  derive: (m, clock) => ({
    state: m.concluded_on ? 'judged' : m.hearing_on ? 'heard' : 'received', ...clock(MATTER_CLOCKS.litigation.answer, m.received_on),
  }),
});

// D (仅供参考) is not a grade data-exchange.md lets an import set.
const IMPORTED_GRADES = { A: PROPOSAL_GRADES.A, B: PROPOSAL_GRADES.B, C: PROPOSAL_GRADES.C };

export const proposalsDataset = matterDataset({
  name: 'proposals', label: '建议提案', kind: 'proposal', key: 'proposal_no',
  columns: {
    proposal_no: keyColumn('建议提案编号', 'RD-2026-0001'),
    org_code: orgColumn(),
    kind: oneOf({ label: '类别', required: true, ...codes(PROPOSAL_KINDS), example: 'npc' }),
    role: oneOf({ label: '办理方式', required: true, ...codes(PROPOSAL_ROLES), example: 'lead' }),
    assigned_on: day('交办日期', true, '2026-03-10'),
    answered_on: day('答复日期', false, '2026-05-20', '不早于交办日期；未答复的留空'),
    grade: oneOf({ label: '答复类别', required: false, ...codes(IMPORTED_GRADES), example: 'A' }),
  },
  stored: { kind: 'subtype', role: 'role', assigned_on: 'received_on', answered_on: 'concluded_on', grade: 'grade' },
  after: { answered_on: ['assigned_on'] },
  rules: (k) => k.onlyWith('grade', 'answered_on'),
  derive: (m, clock) => ({
    state: m.grade ? 'evaluated' : m.concluded_on ? 'answered' : 'assigned', ...clock(MATTER_CLOCKS.proposal.answer, m.received_on),
  }),
});

export const disclosureRequestsDataset = matterDataset({
  name: 'disclosure_requests', label: '政府信息公开申请', kind: 'disclosure', key: 'request_no',
  columns: {
    request_no: keyColumn('申请编号', 'GK-2026-0001'),
    org_code: orgColumn(),
    received_on: day('收到申请日期', true, '2026-03-02'),
    answered_on: day('答复日期', false, '2026-03-27', '不早于收到申请日期；未答复的留空'),
    answer_type: oneOf({ label: '答复类型', required: false, ...codes(DISCLOSURE_ANSWER_TYPES), example: 'disclosed' }),
    extended: yesNo({ label: '延长答复期限', required: false, example: 'N', format: 'Y（经批准延长答复期限）或 N（否），空为否' }),
  },
  stored: { received_on: 'received_on', answered_on: 'concluded_on', answer_type: 'outcome', extended: 'extended' },
  after: { answered_on: ['received_on'] },
  rules: (k) => k.onlyWith('answer_type', 'answered_on'),
  derive(m, clock) {
    const extended = m.extended ?? false;
    const extensions = extended ? [MATTER_EXTENSIONS.disclosureReply] : [];
    return { extended, state: m.concluded_on ? 'answered' : 'received', ...clock(MATTER_CLOCKS.disclosure.reply, m.received_on, extensions) };
  },
});

export const MATTER_DATASETS = [
  hotlineCallsDataset, petitionsDataset, mediationCasesDataset, reconsiderationCasesDataset, litigationCasesDataset, proposalsDataset, disclosureRequestsDataset,
];
