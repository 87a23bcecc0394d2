// Lists and the Excel export of work plans: search in the title, filters (year, an
// organisation and everything under it, status), pagination; counts of sections, tasks
// and targets per plan computed in SQL.
import ExcelJS from 'exceljs';
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { likeContaining } from '../../platform/db/like';
import { inScope } from '../../platform/access/scope';
import { notFound } from '../../platform/http/errors';
import { namesUnitInScope } from './service';
import { PLAN_STATUSES, type ListFilters, type ListQuery } from './schema';

export const EXPORT_MAX_ROWS = 10_000;

function whereOf(user: AuthUser, f: ListFilters): { where: string; params: unknown[] } {
  // An organisation outside the scope answers like one that does not exist.
  if (f.orgId && !inScope(user.scope, f.orgId)) throw notFound('机构不存在或不在您的数据范围内');
  const params: unknown[] = [user.scope.orgIds];
  const where = [`(p.org_id = ANY($1::int[]) OR ${namesUnitInScope(1)})`];
  const add = (sql: (n: number) => string, value: unknown) => { params.push(value); where.push(sql(params.length)); };
  if (f.q) add((n) => `(p.title LIKE $${n} OR p.intro LIKE $${n})`, likeContaining(f.q));
  if (f.year) add((n) => `p.year = $${n}`, f.year);
  if (f.status) add((n) => `p.status = $${n}`, f.status);
  if (f.orgId) add((n) => `o.path LIKE (SELECT path FROM organizations WHERE id = $${n}) || '%'`, f.orgId);
  return { where: where.join(' AND '), params };
}

interface ListRow {
  id: number; org_id: number; org_name: string; year: number; title: string; status: 'draft' | 'published'; updated_at: Date;
  sections: number; tasks: number; targets: number;
}

const LIST_SELECT = `SELECT p.id, p.org_id, o.name AS org_name, p.year, p.title, p.status, p.updated_at,
    (SELECT count(*)::int FROM work_plan_sections s WHERE s.plan_id = p.id) AS sections,
    (SELECT count(*)::int FROM work_plan_tasks t JOIN work_plan_sections s ON s.id = t.section_id WHERE s.plan_id = p.id) AS tasks,
    (SELECT count(*)::int FROM work_plan_targets g JOIN work_plan_tasks t ON t.id = g.task_id JOIN work_plan_sections s ON s.id = t.section_id WHERE s.plan_id = p.id) AS targets
  FROM work_plans p JOIN organizations o ON o.id = p.org_id`;

const view = (r: ListRow) => ({
  id: r.id, orgId: r.org_id, orgName: r.org_name, year: r.year, title: r.title, status: r.status, statusName: PLAN_STATUSES[r.status],
  updatedAt: r.updated_at.toISOString(), sections: r.sections, tasks: r.tasks, targets: r.targets,
});

export async function listPlans(db: Queryable, user: AuthUser, q: ListQuery) {
  const { where, params } = whereOf(user, q);
  const total = await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM work_plans p JOIN organizations o ON o.id = p.org_id WHERE ${where}`, params);
  const rows = await db.query<ListRow>(`${LIST_SELECT} WHERE ${where} ORDER BY p.year DESC, o.path, p.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params);
  return { rows: rows.map(view), total: total!.n, totalCapped: false, page: q.page, pageSize: q.pageSize };
}

const EXPORT_COLUMNS = ['年度', '机构', '标题', '状态', '章节数', '任务数', '目标数', '更新时间'];

export async function exportPlans(db: Queryable, user: AuthUser, f: ListFilters): Promise<Buffer> {
  const { where, params } = whereOf(user, f);
  const rows = await db.query<ListRow>(`${LIST_SELECT} WHERE ${where} ORDER BY p.year DESC, o.path, p.id DESC LIMIT ${EXPORT_MAX_ROWS}`, params);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工作要点');
  ws.addRow(EXPORT_COLUMNS).font = { bold: true };
  for (const r of rows) {
    ws.addRow([r.year, r.org_name, r.title, PLAN_STATUSES[r.status], r.sections, r.tasks, r.targets, r.updated_at.toISOString().slice(0, 10)]);
  }
  EXPORT_COLUMNS.forEach((_, i) => { ws.getColumn(i + 1).width = i === 2 ? 50 : i === 1 ? 28 : 12; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
