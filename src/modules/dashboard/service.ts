// The leader's dashboard (领导驾驶舱): the year's key figures for an organisation subtree
// against the same days of the previous year, monthly trends, the same figures per
// child organisation (for drilling down), and the overdue work by unit — in one answer.
//
// Every figure is a metric of the registry (src/modules/metrics/definitions.ts), computed
// by evaluateMetrics exactly as GET /api/metrics computes it; overdue work is counted in
// SQL with the lists' own definitions of "overdue" (matters: the main clock's due date
// passed and not concluded; penalty cases: caseWhere's overdue filter; licence
// applications: applicationWhere's overdue filter).
import type { Database, Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { badRequest, notFound } from '../../platform/http/errors';
import { comparableValues, evaluateMetrics } from '../../platform/metrics/registry';
import type { MetricDefinition, MetricValue } from '../../platform/metrics/types';
import { todayInChina } from '../../core/calendar/dates';
import { MATTER_KINDS } from '../../core/matters/clocks';
import { METRIC_REGISTRY } from '../metrics/definitions';
import { caseWhere } from '../cases/service';
import { applicationWhere } from '../licensing/applications';
import { publishedPlanTargets } from '../workplans/targets';
import { meetsTarget, type Comparator } from '../../core/workplans/outline';
import type { DashboardQuery, DashboardResponse } from './schema';

/** The key figures, in the order the page shows them (licensing, inspection, enforcement, complaints, openness, disputes). */
export const KEY_FIGURES = [
  'licensing.applications.total',
  'licensing.online_rate',
  'inspection.visits.total',
  'inspection.random.tasks.completion_rate',
  'enforcement.cases.opened',
  'enforcement.penalty_decisions',
  'enforcement.fines.decided',
  'hotline.calls.total',
  'petitions.total',
  'disclosure.requests.total',
  'reconsideration.total',
  'litigation.total',
] as const;

/** The figures drawn month by month (one evaluation per month). */
export const MONTHLY_SERIES = [
  'licensing.applications.total',
  'inspection.visits.total',
  'enforcement.penalty_decisions',
  'hotline.calls.total',
  'petitions.total',
] as const;

/** Children shown in the breakdown by organisation: the district bureaus and supervision institutes, not internal divisions. */
const CHILD_KINDS = ['commission', 'institute'];

export const MATTER_KIND_NAMES: Record<(typeof MATTER_KINDS)[number], [string, string]> = {
  hotline: ['12320热线', '12320 hotline'],
  petition: ['信访', 'Petitions'],
  disclosure: ['依申请公开', 'Disclosure requests'],
  mediation: ['医疗纠纷调解', 'Mediation'],
  reconsideration: ['行政复议', 'Reconsideration'],
  litigation: ['行政诉讼', 'Litigation'],
  proposal: ['建议提案', 'Proposals'],
};
const OVERDUE_KINDS: { key: string; name: string; nameEn: string }[] = [
  { key: 'case', name: '行政处罚案件', nameEn: 'Penalty cases' },
  { key: 'application', name: '行政许可办件', nameEn: 'Licence applications' },
  ...MATTER_KINDS.map((k) => ({ key: k, name: MATTER_KIND_NAMES[k][0], nameEn: MATTER_KIND_NAMES[k][1] })),
];

const defsOf = (ids: readonly string[]): MetricDefinition[] => ids.map((id) => {
  const d = METRIC_REGISTRY.get(id);
  if (!d) throw new Error(`dashboard: metric "${id}" is not registered`);
  return d;
});

/** The same day a year earlier (29 February becomes 28 February). */
export function sameDayLastYear(iso: string): string {
  const [y, m, d] = iso.split('-');
  const year = Number(y) - 1;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === '02' && d === '29' && !leap ? '28' : d;
  return `${year}-${m}-${day}`;
}

/** Last day of a month of a year ('YYYY-MM-DD'). */
function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

interface OrgRow { id: number; code: string; name: string; path: string; kind: string; parent_id: number | null }

export async function dashboard(db: Database, user: AuthUser, q: DashboardQuery): Promise<DashboardResponse> {
  const today = todayInChina();
  const from = `${q.year}-01-01`;
  const yearEnd = `${q.year}-12-31`;
  const to = q.to ?? (today < yearEnd ? today : yearEnd);
  if (to < from || to > yearEnd) throw badRequest('DASHBOARD_PERIOD', `截止日期（${to}）应在${q.year}年内`);
  if (from > today) throw badRequest('DASHBOARD_FUTURE', `${q.year}年尚未开始`);

  const org = await db.one<OrgRow>('SELECT id, code, name, path, kind, parent_id FROM organizations WHERE code = $1', [q.org]);
  // An organisation outside the caller's scope answers exactly like one that does not exist.
  if (!org || !inScope(user.scope, org.id)) throw notFound('机构不存在或不在您的数据范围内');

  // KPI targets: those of the organisation's published work plans for the year (the
  // work-plan module). A target on a metric outside the key figures adds that figure.
  // Only the targets are read: their values are the dashboard's own figures, over its period.
  const targets = new Map<string, { comparator: Comparator; target: number }>();
  for (const g of await publishedPlanTargets(db, org.id, q.year)) {
    if (!targets.has(g.metric_id) && METRIC_REGISTRY.get(g.metric_id)) targets.set(g.metric_id, { comparator: g.comparator, target: g.target });
  }
  const keyDefs = defsOf([...KEY_FIGURES, ...[...targets.keys()].filter((id) => !(KEY_FIGURES as readonly string[]).includes(id))]);
  const req = { orgId: org.id, orgPath: org.path };
  const previousFrom = `${q.year - 1}-01-01`;
  const previousTo = sameDayLastYear(to);
  const current = await evaluateMetrics(db, keyDefs, { ...req, from, to });
  const previous = await comparableValues(db, keyDefs, await evaluateMetrics(db, keyDefs, { ...req, from: previousFrom, to: previousTo }), previousTo);

  // Monthly trends: January up to the month of `to`, the last month cut at `to`.
  const seriesDefs = defsOf(MONTHLY_SERIES);
  const lastMonth = Number(to.slice(5, 7));
  const months: string[] = [];
  const byMonth: MetricValue[][] = [];
  for (let m = 1; m <= lastMonth; m++) {
    const mFrom = `${q.year}-${String(m).padStart(2, '0')}-01`;
    const mTo = m === lastMonth ? to : monthEnd(q.year, m);
    months.push(mFrom.slice(0, 7));
    byMonth.push(await evaluateMetrics(db, seriesDefs, { ...req, from: mFrom, to: mTo }));
  }

  // Children: the direct children (bureaus, institutes) the user may see, each with the key figures.
  const childRows = (await db.query<OrgRow & { has_children: boolean }>(
    `SELECT o.id, o.code, o.name, o.path, o.kind, o.parent_id,
            EXISTS (SELECT 1 FROM organizations g WHERE g.parent_id = o.id AND g.kind = ANY($2::text[])) AS has_children
       FROM organizations o WHERE o.parent_id = $1 AND o.kind = ANY($2::text[]) ORDER BY o.path`,
    [org.id, CHILD_KINDS])).filter((c) => inScope(user.scope, c.id));
  const children: DashboardResponse['children'] = [];
  for (const c of childRows) {
    const values = await evaluateMetrics(db, keyDefs, { orgId: c.id, orgPath: c.path, from, to });
    children.push({ id: c.id, code: c.code, name: c.name, kind: c.kind, hasChildren: c.has_children, values: Object.fromEntries(values.map((v) => [v.id, v.value])) });
  }
  const rest: Record<string, number | null> = {};
  for (const f of current) {
    if (f.unit !== 'count' && f.unit !== 'yuan') continue;
    const sum = children.reduce((s, c) => s + (c.values[f.id] ?? 0), 0);
    rest[f.id] = f.value === null ? null : Math.round((f.value - sum) * 100) / 100;
  }

  const trail = await db.query<{ id: number; code: string; name: string }>(
    `SELECT id, code, name FROM organizations WHERE $1 LIKE path || '%' ORDER BY length(path)`, [org.path]);
  const parent = org.parent_id !== null ? await db.one<{ code: string }>('SELECT code FROM organizations WHERE id = $1', [org.parent_id]) : null;

  return {
    year: q.year, from, to, previousFrom, previousTo,
    org: { id: org.id, code: org.code, name: org.name, parentCode: parent && inScope(user.scope, org.parent_id) ? parent.code : null },
    trail: trail.filter((o) => inScope(user.scope, o.id)).map((o) => ({ code: o.code, name: o.name })),
    figures: current.map((v, i) => ({
      id: v.id, name: v.name, nameEn: keyDefs[i]!.nameEn, unit: v.unit, value: v.value,
      ...(v.numerator !== undefined ? { numerator: v.numerator, denominator: v.denominator } : {}),
      previous: previous[i]!.value,
      ...(targets.has(v.id) ? { target: targetOf(targets.get(v.id)!, v.value) } : {}),
    })),
    targetsAvailable: targets.size > 0,
    monthly: {
      months,
      series: seriesDefs.map((d, i) => ({ id: d.id, name: d.name, nameEn: d.nameEn, unit: d.unit, values: byMonth.map((row) => row[i]!.value) })),
    },
    children,
    rest,
    overdue: await overdueByUnit(db, user, org, today),
  };
}

/** A work-plan target and whether the figure (of the dashboard's period) meets it; no value, no verdict. */
function targetOf(t: { comparator: Comparator; target: number }, value: number | null) {
  return { comparison: t.comparator, value: t.target, met: value === null ? null : meetsTarget(value, t.comparator, t.target) };
}

/** Work past its deadline today, by organisation of the subtree (within the user's scope) and kind. */
export async function overdueByUnit(db: Queryable, user: AuthUser, org: { id: number; path: string }, today: string): Promise<DashboardResponse['overdue']> {
  const counts = new Map<number, Record<string, number>>();
  const add = (rows: { org_id: number; kind: string; n: number }[]) => {
    for (const r of rows) {
      const c = counts.get(r.org_id) ?? {};
      c[r.kind] = (c[r.kind] ?? 0) + r.n;
      counts.set(r.org_id, c);
    }
  };
  // Matters: the main clock's due date has passed and the matter is not concluded (the matter lists' red clock).
  add(await db.query(
    `SELECT m.org_id, m.kind, count(*)::int AS n FROM matters m
      WHERE m.org_id = ANY($1::int[]) AND m.org_id IN (SELECT o.id FROM organizations o WHERE o.path LIKE $2 || '%')
        AND m.concluded_on IS NULL AND m.due_on < $3::date
      GROUP BY m.org_id, m.kind`, [user.scope.orgIds, org.path, today]));
  // Penalty cases: the case list's overdue filter (no decision by the decision deadline).
  const cw = caseWhere({ q: null, overdue: true, majorOpen: undefined, orgId: org.id }, user.scope.orgIds, today);
  add(await db.query(`SELECT c.org_id, 'case' AS kind, count(*)::int AS n FROM penalty_cases c WHERE ${cw.where} GROUP BY c.org_id`, cw.params));
  // Licence applications: the application list's overdue filter (accepted, past the promised limit).
  const aw = applicationWhere(user, { overdue: 'true', orgId: org.id }, today);
  add(await db.query(`SELECT a.org_id, 'application' AS kind, count(*)::int AS n FROM licence_applications a WHERE ${aw.where} GROUP BY a.org_id`, aw.params));

  const ids = [...counts.keys()];
  const orgs = ids.length ? await db.query<{ id: number; code: string; name: string; path: string }>(
    'SELECT id, code, name, path FROM organizations WHERE id = ANY($1::int[]) ORDER BY path', [ids]) : [];
  const rows = orgs.map((o) => {
    const c = counts.get(o.id)!;
    return { orgId: o.id, orgCode: o.code, orgName: o.name, counts: c, total: Object.values(c).reduce((s, n) => s + n, 0) };
  }).sort((a, b) => b.total - a.total);
  return { kinds: OVERDUE_KINDS, rows, total: rows.reduce((s, r) => s + r.total, 0) };
}
