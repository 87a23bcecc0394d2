// Annual rule-of-law reports (法治政府建设年度报告): drafted from the metrics of a year and
// an organisation subtree (every metric of the registry, this year and last year, as
// GET /api/metrics computes them), compared with the work plan's targets, edited by the
// legal division, finalised (locked), published on the portal.
//
// Every generation, regeneration and narrative edit saves a new version with the whole
// content and the figures it was written from; regenerating rewrites the figure blocks
// from the records and keeps the narratives by block id. A final or published report is
// locked: edits and regenerations are refused. Each write is one transaction ending with
// its audit entry.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { likeContaining } from '../../platform/db/like';
import { comparableValues, evaluateMetrics } from '../../platform/metrics/registry';
import type { MetricValue } from '../../platform/metrics/types';
import { todayInChina, yearOf } from '../../core/calendar/dates';
import {
  buildReport, keepNarratives, withNarratives, type Figure, type PlanTarget, type ReportContent,
} from '../../core/reports/template';
import { METRIC_REGISTRY } from '../metrics/definitions';
import { planTargetsWithValues } from '../workplans/targets';
import { BREAKDOWN_NAMES, LOWER_IS_BETTER } from './labels';
import { REPORT_STATUS_NAMES, type GenerateBody, type ListFilters, type ListQuery, type NarrativesBody, type ReportStatus } from './schema';

/** The figures a version was written from. */
export interface ReportFigures {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  current: MetricValue[];
  previous: MetricValue[];
  /** The work plan's targets for the year with their live values; null without work plans. */
  targets: PlanTarget[] | null;
}

interface ReportRow {
  id: number; org_id: number; org_name: string; org_code: string; year: number; title: string; status: ReportStatus;
  current_version: number; final_version: number | null; published_at: Date | null; created_at: Date; updated_at: Date;
}
interface VersionRow {
  version: number; content: ReportContent; figures: ReportFigures; created_at: Date; created_on: string; created_by_name: string | null; note: string | null;
}

const REPORT_SELECT = `SELECT r.*, o.name AS org_name, o.code AS org_code FROM annual_reports r JOIN organizations o ON o.id = r.org_id`;
const VERSION_SELECT = `SELECT v.version, v.content, v.figures, v.created_at, v.note,
    to_char(v.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS created_on, u.display_name AS created_by_name
  FROM annual_report_versions v LEFT JOIN users u ON u.id = v.created_by`;

const LOCKED = '报告已定稿，不能再修改或重新生成';

const summary = (r: ReportRow) => ({
  id: r.id, orgId: r.org_id, orgName: r.org_name, orgCode: r.org_code, year: r.year, title: r.title, status: r.status,
  statusName: REPORT_STATUS_NAMES[r.status], currentVersion: r.current_version, finalVersion: r.final_version,
  publishedAt: r.published_at, createdAt: r.created_at, updatedAt: r.updated_at,
});
const versionView = (v: VersionRow) => ({
  version: v.version, content: v.content, figures: v.figures, createdAt: v.created_at, createdOn: v.created_on, createdByName: v.created_by_name, note: v.note,
});

// ---------------------------------------------------------------------------------------
// Drafting

const byId = (values: MetricValue[]): Record<string, Figure> => Object.fromEntries(values.map((m) => [m.id, m as Figure]));

/** Every metric of the registry for the year and the year before, and the work plan's targets. */
export async function reportFigures(db: Queryable, org: { id: number; path: string }, year: number): Promise<ReportFigures> {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const previousPeriod = { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  const defs = METRIC_REGISTRY.all;
  const request = { ...period, orgId: org.id, orgPath: org.path };
  const current = await evaluateMetrics(db, defs, request);
  const previous = await comparableValues(db, defs, await evaluateMetrics(db, defs, { ...previousPeriod, orgId: org.id, orgPath: org.path }), previousPeriod.to);
  // Read in the report's transaction, so the targets share the figures' snapshot. The
  // targets are measured over the year so far: for a past year that is the report's period
  // and this year's figures are reused; for the current year they are computed to today.
  const targets = await planTargetsWithValues(db, org.id, year, { request, values: current });
  return { period, previousPeriod, current, previous, targets };
}

/** The report's content written from its figures (narratives at their defaults). */
export function contentFrom(orgName: string, year: number, figures: ReportFigures): ReportContent {
  return buildReport({
    orgName, year, current: byId(figures.current), previous: byId(figures.previous), breakdownNames: BREAKDOWN_NAMES,
    nonAdditive: new Set(METRIC_REGISTRY.all.filter((d) => d.breakdownAdditive === false).map((d) => d.id)),
    lowerIsBetter: LOWER_IS_BETTER, targets: figures.targets,
  });
}

async function lockedReport(tx: Queryable, user: AuthUser | null, id: number): Promise<ReportRow> {
  const r = await tx.one<ReportRow>(`${REPORT_SELECT} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
  if (!r || (user && !inScope(user.scope, r.org_id))) throw notFound('报告不存在或不在您的数据范围内');
  return r;
}

async function latestContent(tx: Queryable, reportId: number, version: number): Promise<ReportContent> {
  const v = await tx.one<{ content: ReportContent }>('SELECT content FROM annual_report_versions WHERE report_id = $1 AND version = $2', [reportId, version]);
  return v!.content;
}

async function addVersion(tx: Queryable, reportId: number, version: number, content: ReportContent, figures: ReportFigures, createdBy: number | null, note: string | null) {
  await tx.query(
    'INSERT INTO annual_report_versions (report_id, version, content, figures, created_by, note) VALUES ($1,$2,$3,$4,$5,$6)',
    [reportId, version, JSON.stringify(content), JSON.stringify(figures), createdBy, note]);
}

/**
 * Generates the draft report of a year for an organisation (and everything under it), or
 * regenerates it: the figure blocks are rewritten from the records, the narratives kept,
 * and a new version saved. Refused once the report is final. `user` null is the system
 * (the demo seed), which sees every organisation.
 */
export async function generateReport(db: Queryable, user: AuthUser | null, actor: Actor, input: GenerateBody) {
  const thisYear = yearOf(todayInChina());
  if (input.year > thisYear) throw badRequest('REPORT_YEAR_FUTURE', `不能生成${input.year}年的报告：该年度尚未开始`, { field: 'year' });
  return db.transaction(async (tx) => {
    const org = await tx.one<{ id: number; name: string; path: string }>('SELECT id, name, path FROM organizations WHERE id = $1', [input.orgId]);
    if (!org || (user && !inScope(user.scope, org.id))) throw notFound('机构不存在或不在您的数据范围内');
    // One report per organisation and year: the row is locked before the figures are read.
    await tx.query(`INSERT INTO annual_reports (org_id, year, title, created_by) VALUES ($1, $2, '', $3) ON CONFLICT (org_id, year) DO NOTHING`,
      [org.id, input.year, user?.id ?? null]);
    const existing = await tx.one<ReportRow>(`${REPORT_SELECT} WHERE r.org_id = $1 AND r.year = $2 FOR UPDATE OF r`, [org.id, input.year]);
    const report = existing!;
    const fresh = report.title === '';
    if (report.status !== 'draft') throw conflict('REPORT_LOCKED', LOCKED);

    const figures = await reportFigures(tx, org, input.year);
    const generated = contentFrom(org.name, input.year, figures);
    const content = fresh ? generated : keepNarratives(generated, await latestContent(tx, report.id, report.current_version));
    const version = fresh ? 1 : report.current_version + 1;
    await addVersion(tx, report.id, version, content, figures, user?.id ?? null, fresh ? '生成草稿' : '根据最新数据重新生成');
    await tx.query('UPDATE annual_reports SET title = $2, current_version = $3, updated_at = now() WHERE id = $1', [report.id, content.title, version]);
    await recordAudit(tx, actor, {
      action: fresh ? 'report.generate' : 'report.regenerate', objectType: 'annual_report', objectId: report.id,
      after: { orgId: org.id, year: input.year, version },
    });
    return getReport(tx, user, report.id);
  });
}

/** Saves edited narratives as a new version with the note. */
export async function editNarratives(db: Queryable, user: AuthUser, actor: Actor, id: number, input: NarrativesBody) {
  return db.transaction(async (tx) => {
    const r = await lockedReport(tx, user, id);
    if (r.status !== 'draft') throw conflict('REPORT_LOCKED', LOCKED);
    if (input.baseVersion !== undefined && input.baseVersion !== r.current_version) {
      throw conflict('REPORT_STALE', `报告已保存了更新的版本（第${r.current_version}版），请刷新后再修改`);
    }
    const v = await tx.one<{ content: ReportContent; figures: ReportFigures }>(
      'SELECT content, figures FROM annual_report_versions WHERE report_id = $1 AND version = $2', [id, r.current_version]);
    let content: ReportContent;
    try {
      content = withNarratives(v!.content, input.changes);
    } catch (e) {
      if (e instanceof RangeError) throw badRequest('REPORT_BLOCK', `不能修改的段落：${e.message}（只能修改文字段落，数据段落由系统根据记录生成）`);
      throw e;
    }
    const version = r.current_version + 1;
    await addVersion(tx, id, version, content, v!.figures, user.id, input.note ?? '修改文字段落');
    await tx.query('UPDATE annual_reports SET current_version = $2, updated_at = now() WHERE id = $1', [id, version]);
    await recordAudit(tx, actor, { action: 'report.edit', objectType: 'annual_report', objectId: id, after: { version, blocks: Object.keys(input.changes), note: input.note } });
    return getReport(tx, user, id);
  });
}

/** Locks the current version as the final report. */
export async function finaliseReport(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const r = await lockedReport(tx, user, id);
    if (r.status !== 'draft') throw conflict('REPORT_ALREADY_FINAL', `报告已于第${r.final_version}版定稿`);
    await tx.query(`UPDATE annual_reports SET status = 'final', final_version = current_version, updated_at = now() WHERE id = $1`, [id]);
    await recordAudit(tx, actor, { action: 'report.finalise', objectType: 'annual_report', objectId: id, after: { finalVersion: r.current_version } });
    return getReport(tx, user, id);
  });
}

/** Publishes the final version on the portal. */
export async function publishReport(db: Queryable, user: AuthUser, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const r = await lockedReport(tx, user, id);
    if (r.status === 'draft') throw conflict('REPORT_NOT_FINAL', '报告尚未定稿，定稿后才能公开');
    if (r.status === 'published') throw conflict('REPORT_ALREADY_PUBLISHED', '报告已经公开');
    await tx.query(`UPDATE annual_reports SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [id]);
    await recordAudit(tx, actor, { action: 'report.publish', objectType: 'annual_report', objectId: id, after: { version: r.final_version } });
    return getReport(tx, user, id);
  });
}

// ---------------------------------------------------------------------------------------
// Reading

async function visibleReport(db: Queryable, user: AuthUser | null, id: number): Promise<ReportRow> {
  const r = await db.one<ReportRow>(`${REPORT_SELECT} WHERE r.id = $1`, [id]);
  if (!r || (user && !inScope(user.scope, r.org_id))) throw notFound('报告不存在或不在您的数据范围内');
  return r;
}

async function versionOf(db: Queryable, reportId: number, version: number) {
  const v = await db.one<VersionRow>(`${VERSION_SELECT} WHERE v.report_id = $1 AND v.version = $2`, [reportId, version]);
  if (!v) throw notFound(`报告没有第${version}版`);
  return v;
}

/** The report with one version (the current one by default). */
export async function getReport(db: Queryable, user: AuthUser | null, id: number, version?: number) {
  const r = await visibleReport(db, user, id);
  const v = await versionOf(db, id, version ?? r.current_version);
  return { ...summary(r), version: versionView(v) };
}

export async function listVersions(db: Queryable, user: AuthUser, id: number) {
  await visibleReport(db, user, id);
  const rows = await db.query<{ version: number; created_at: Date; created_by_name: string | null; note: string | null }>(
    `SELECT v.version, v.created_at, u.display_name AS created_by_name, v.note FROM annual_report_versions v LEFT JOIN users u ON u.id = v.created_by
      WHERE v.report_id = $1 ORDER BY v.version DESC`, [id]);
  return rows.map((v) => ({ version: v.version, createdAt: v.created_at, createdByName: v.created_by_name, note: v.note }));
}

/** The version a document is made from: the one asked for, else the final one, else the current one. */
export async function documentVersion(db: Queryable, user: AuthUser, id: number, version?: number) {
  const r = await visibleReport(db, user, id);
  const v = await versionOf(db, id, version ?? r.final_version ?? r.current_version);
  return { report: summary(r), version: v };
}

function whereOf(user: AuthUser, f: ListFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [user.scope.orgIds];
  const where = ['r.org_id = ANY($1::int[])'];
  const add = (sql: (n: number) => string, v: unknown) => { params.push(v); where.push(sql(params.length)); };
  if (f.q) add((n) => `(r.title || ' ' || o.name) LIKE $${n}`, likeContaining(f.q));
  if (f.year) add((n) => `r.year = $${n}`, f.year);
  if (f.orgId) add((n) => `r.org_id = $${n}`, f.orgId);
  if (f.status) add((n) => `r.status = $${n}`, f.status);
  return { where: where.join(' AND '), params };
}

export async function listReports(db: Queryable, user: AuthUser, q: ListQuery) {
  const { where, params } = whereOf(user, q);
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM annual_reports r JOIN organizations o ON o.id = r.org_id WHERE ${where}`, params);
  const rows = await db.query<ReportRow>(`${REPORT_SELECT} WHERE ${where} ORDER BY r.year DESC, o.path, r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
  return { rows: rows.map(summary), total: total!.n, totalCapped: false, page: q.page, pageSize: q.pageSize };
}

export async function exportReports(db: Queryable, user: AuthUser, f: ListFilters): Promise<Buffer> {
  const { where, params } = whereOf(user, f);
  const rows = await db.query<ReportRow>(`${REPORT_SELECT} WHERE ${where} ORDER BY r.year DESC, o.path, r.id LIMIT 100000`, params);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('年度报告');
  ws.addRow(['年度', '机构', '标题', '状态', '当前版本', '定稿版本', '公开时间', '更新时间']).font = { bold: true };
  const at = (d: Date | null) => (d ? new Date(d).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');
  for (const r of rows) ws.addRow([r.year, r.org_name, r.title, REPORT_STATUS_NAMES[r.status], r.current_version, r.final_version ?? '', at(r.published_at), at(r.updated_at)]);
  [8, 30, 50, 10, 10, 10, 22, 22].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------
// The portal: published reports only, the final version.

export async function listPublished(db: Queryable, q: { year?: number; page: number; pageSize: number }) {
  const params: unknown[] = [];
  let where = `r.status = 'published'`;
  if (q.year) { params.push(q.year); where += ` AND r.year = $${params.length}`; }
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM annual_reports r WHERE ${where}`, params);
  const rows = await db.query<ReportRow>(`${REPORT_SELECT} WHERE ${where} ORDER BY r.published_at DESC, r.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
  return {
    rows: rows.map((r) => ({ id: r.id, title: r.title, orgName: r.org_name, year: r.year, publishedAt: r.published_at })),
    total: total!.n, totalCapped: false, page: q.page, pageSize: q.pageSize,
  };
}

export async function getPublished(db: Queryable, id: number) {
  const r = await db.one<ReportRow>(`${REPORT_SELECT} WHERE r.id = $1 AND r.status = 'published'`, [id]);
  if (!r) throw notFound('报告不存在或尚未公开');
  const v = await versionOf(db, id, r.final_version!);
  return { id: r.id, title: r.title, orgName: r.org_name, year: r.year, publishedAt: r.published_at, date: v.created_on, content: v.content };
}
