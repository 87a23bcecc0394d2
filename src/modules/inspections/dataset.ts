// Datasets `random_plans`, `random_tasks` and `inspections` (docs/data-exchange.md): a
// commission's supervision history, imported already concluded so that the inspection.*
// figures (and the annual report) cover the years before the platform. Plans come first,
// then their tasks (by plan_no), then the visits (which may name their task). Every date
// must be in order and not in the future; a visit has at least two inspectors
// (行政处罚法 art. 42), each of them known by staff number.
import type { Queryable } from '../../platform/db';
import { defineDataset, type ImportScope, type Pending, type Report } from '../../platform/imports/dataset';
import { date, integer, list, oneOf, text, yesNo } from '../../platform/imports/columns';
import { loadOrgLookup, orgCodeColumn } from '../orgs/dataset';
import { loadWorkCalendar } from '../calendar/service';
import { computeDue } from '../../core/calendar/deadline';
import { todayInChina } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';

import { PLAN_SOURCES, PLAN_SOURCE_NAMES, VISIT_RESULTS, VISIT_RESULT_NAMES, planFilters, taskFilters, visitFilters } from './schema';
import { planWhere, taskWhere, visitWhere } from './service';

export { PLAN_SOURCES, PLAN_SOURCE_NAMES, VISIT_RESULTS, VISIT_RESULT_NAMES };

const NOT_FUTURE = '日期不能晚于今天：历史记录应已发生';

const usccColumn = (label: string) => text({ label, required: true, max: 18, example: '91330402MA2B3C4D5E', format: '监管对象的统一社会信用代码，须已导入监管对象并在您的管理范围内' });

/** Resolves the entities of a batch by USCC (one query), reporting unknown ones and those outside the scope. */
async function resolveEntities<W extends { entity_uscc: string; entity_id: number | null }>(tx: Queryable, scope: ImportScope, batch: Pending<W>[]): Promise<void> {
  const usccs = [...new Set(batch.map((p) => p.record.entity_uscc))];
  const rows = await tx.query<{ id: number; uscc: string; org_id: number }>('SELECT id, uscc, org_id FROM entities WHERE uscc = ANY($1::text[])', [usccs]);
  const byUscc = new Map(rows.map((r) => [r.uscc, r]));
  for (const p of batch) {
    const e = byUscc.get(p.record.entity_uscc);
    if (!e || (!scope.all && !scope.orgIds.has(e.org_id))) p.report('entity_uscc', '监管对象不存在或不在您的管理范围内，请先导入监管对象');
    else p.record.entity_id = e.id;
  }
}

/** Refuses rows whose key belongs to a record made on the platform or to another organisation. */
async function guardKeys(tx: Queryable, scope: ImportScope, batch: Pending<{ key: string }>[], sql: string, column: string): Promise<void> {
  const rows = await tx.query<{ key: string; imported: boolean; org_id: number }>(sql, [batch.map((p) => p.record.key)]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const p of batch) {
    const e = byKey.get(p.record.key);
    if (e && !e.imported) p.report(column, '该编号的记录已在平台上办理，不能通过导入修改');
    else if (e && !scope.all && !scope.orgIds.has(e.org_id)) p.report(column, '该编号已属于您管理范围以外的机构，不能通过导入修改');
  }
}

function notFuture(report: Report, today: string, column: string, v: string | null | undefined): void {
  if (v && v > today) report(column, NOT_FUTURE);
}

// ---------------------------------------------------------------------------------
// random_plans

const planColumns = {
  plan_no: text({ label: '抽查计划编号', required: true, max: 60, example: 'NH-2025-SJ-01', format: '文本，不超过60个字符；系统内唯一（关键列）' }),
  org_code: orgCodeColumn('制定计划的机构代码', true, '机构代码，须已在系统中并在您的管理范围内'),
  source: oneOf({ label: '任务来源', required: true, values: PLAN_SOURCES, names: PLAN_SOURCE_NAMES, example: 'provincial' }),
  year: integer({ label: '年度', required: true, min: 2000, max: 2100, example: '2025' }),
  credit_applied: yesNo({ label: '抽取时应用信用风险分类结果', required: true, example: 'Y' }),
  // Beyond data-exchange.md (allowed: "more columns may be added").
  title: text({ label: '计划名称', required: false, max: 200, example: '2025年公共场所卫生双随机抽查', format: '文本，不超过200个字符；空时按编号命名' }),
};

interface PlanRecord { key: string; plan_no: string; org_id: number; source: string; year: number; credit_applied: boolean; title: string }

export const randomPlansDataset = defineDataset({
  name: 'random_plans',
  label: '双随机抽查计划',
  key: 'plan_no',
  columns: planColumns,
  importPermission: 'imports.inspections',
  exportPermission: 'inspections.read',

  async begin({ tx, scope }) {
    const resolveOrg = await loadOrgLookup(tx, scope);
    const thisYear = Number(todayInChina().slice(0, 4));
    return {
      check(row, report): PlanRecord | undefined {
        const orgId = resolveOrg(row.org_code, report);
        if (row.year && row.year > thisYear) report('year', '历史抽查计划的年度不能晚于今年');
        return {
          key: row.plan_no!, plan_no: row.plan_no!, org_id: orgId!, source: row.source!, year: row.year!, credit_applied: row.credit_applied!,
          title: row.title ?? `${row.year ?? ''}年度双随机抽查计划（${row.plan_no}）`,
        };
      },
      checkBatch: (batch) => guardKeys(tx, scope, batch, 'SELECT plan_no AS key, imported, org_id FROM random_plans WHERE plan_no = ANY($1::text[])', 'plan_no'),
      async write(records) {
        const col = <K extends keyof PlanRecord>(k: K) => records.map((r) => r[k]);
        const result = await tx.query<{ inserted: boolean }>(
          `INSERT INTO random_plans (plan_no, org_id, source, year, credit_applied, title, imported)
           SELECT *, true FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::boolean[], $6::text[])
           ON CONFLICT (plan_no) DO UPDATE SET org_id = EXCLUDED.org_id, source = EXCLUDED.source, year = EXCLUDED.year,
             credit_applied = EXCLUDED.credit_applied, title = EXCLUDED.title, updated_at = now()
             WHERE random_plans.imported
           RETURNING (xmax = 0) AS inserted`,
          [col('plan_no'), col('org_id'), col('source'), col('year'), col('credit_applied'), col('title')]);
        const inserted = result.filter((r) => r.inserted).length;
        return { inserted, updated: result.length - inserted };
      },
    };
  },

  exportFilters: planFilters,

  async exportPage(db, { scopeOrgIds, filters, afterId, limit }) {
    const w = planWhere(filters, scopeOrgIds, 3);
    return db.query(
      `SELECT p.id, p.plan_no, o.code AS org_code, p.source, p.year, p.credit_applied, p.title
         FROM random_plans p JOIN organizations o ON o.id = p.org_id
        WHERE p.id > $1 AND ${w.where} ORDER BY p.id LIMIT $2`, [afterId, limit, ...w.params]);
  },
});

// ---------------------------------------------------------------------------------
// random_tasks

const taskColumns = {
  task_no: text({ label: '抽查任务编号', required: true, max: 60, example: 'NH-2025-SJ-01-0001', format: '文本，不超过60个字符；系统内唯一（关键列）' }),
  plan_no: text({ label: '抽查计划编号', required: true, max: 60, example: 'NH-2025-SJ-01', format: '所属抽查计划的编号，须已导入' }),
  entity_uscc: usccColumn('被抽中对象的统一社会信用代码'),
  due_on: date({ label: '完成期限', required: true, example: '2025-11-30' }),
  completed_on: date({ label: '完成日期', required: false, example: '2025-10-15', format: '日期 YYYY-MM-DD；未完成的留空' }),
  joint: yesNo({ label: '联合抽查', required: true, example: 'N', format: 'Y（与其他部门联合抽查）或 N' }),
  published_on: date({ label: '结果公示日期', required: false, example: '2025-10-30', format: '日期 YYYY-MM-DD，不早于完成日期；未公示的留空' }),
};

interface TaskRecord {
  key: string; task_no: string; plan_id: number; entity_uscc: string; entity_id: number | null; due_on: string; completed_on: string | null;
  joint: boolean; published_on: string | null; publication_due: string | null;
}

export const randomTasksDataset = defineDataset({
  name: 'random_tasks',
  label: '双随机抽查任务',
  key: 'task_no',
  columns: taskColumns,
  importPermission: 'imports.inspections',
  exportPermission: 'inspections.read',

  async begin({ tx, scope }) {
    const plans = new Map((await tx.query<{ plan_no: string; id: number; org_id: number }>('SELECT plan_no, id, org_id FROM random_plans'))
      .map((p) => [p.plan_no, p]));
    const calendar = await loadWorkCalendar(tx);
    const today = todayInChina();
    return {
      check(row, report): TaskRecord | undefined {
        const plan = row.plan_no ? plans.get(row.plan_no) : undefined;
        if (row.plan_no && (!plan || (!scope.all && !scope.orgIds.has(plan.org_id)))) report('plan_no', `抽查计划“${row.plan_no}”不存在或不在您的管理范围内，请先导入抽查计划`);
        for (const c of ['completed_on', 'published_on'] as const) notFuture(report, today, c, row[c]);
        if (row.published_on && !row.completed_on) report('published_on', '未完成的任务不应有结果公示日期');
        if (row.published_on && row.completed_on && row.published_on < row.completed_on) report('published_on', '结果公示日期不能早于完成日期');
        const completed = row.completed_on ?? null;
        return {
          key: row.task_no!, task_no: row.task_no!, plan_id: plan?.id ?? 0, entity_uscc: row.entity_uscc!, entity_id: null, due_on: row.due_on!,
          completed_on: completed, joint: row.joint!, published_on: row.published_on ?? null,
          publication_due: completed ? computeDue(calendar, { start: completed, amount: RULES.randomResultPublicationWorkdays.value, unit: 'workday' }).due : null,
        };
      },
      async checkBatch(batch) {
        await guardKeys(tx, scope, batch,
          'SELECT t.task_no AS key, t.imported, p.org_id FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id WHERE t.task_no = ANY($1::text[])', 'task_no');
        await resolveEntities(tx, scope, batch);
      },
      async write(records) {
        const col = <K extends keyof TaskRecord>(k: K) => records.map((r) => r[k]);
        const result = await tx.query<{ inserted: boolean }>(
          `INSERT INTO random_tasks (task_no, plan_id, entity_id, due_on, completed_on, joint, published_on, publication_due, imported)
           SELECT *, true FROM unnest($1::text[], $2::int[], $3::bigint[], $4::date[], $5::date[], $6::boolean[], $7::date[], $8::date[])
           ON CONFLICT (task_no) DO UPDATE SET plan_id = EXCLUDED.plan_id, entity_id = EXCLUDED.entity_id, due_on = EXCLUDED.due_on,
             completed_on = EXCLUDED.completed_on, joint = EXCLUDED.joint, published_on = EXCLUDED.published_on,
             publication_due = EXCLUDED.publication_due, updated_at = now()
             WHERE random_tasks.imported
           RETURNING (xmax = 0) AS inserted`,
          [col('task_no'), col('plan_id'), col('entity_id'), col('due_on'), col('completed_on'), col('joint'), col('published_on'), col('publication_due')]);
        const inserted = result.filter((r) => r.inserted).length;
        return { inserted, updated: result.length - inserted };
      },
    };
  },

  exportFilters: taskFilters,

  async exportPage(db, { scopeOrgIds, filters, afterId, limit }) {
    const w = taskWhere(filters, scopeOrgIds, todayInChina(), 3);
    return db.query(
      `SELECT t.id, t.task_no, p.plan_no, e.uscc AS entity_uscc, t.due_on::text AS due_on, t.completed_on::text AS completed_on, t.joint,
              t.published_on::text AS published_on
         FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id JOIN entities e ON e.id = t.entity_id
        WHERE t.id > $1 AND ${w.where} ORDER BY t.id LIMIT $2`, [afterId, limit, ...w.params]);
  },
});

// ---------------------------------------------------------------------------------
// inspections

const visitColumns = {
  visit_no: text({ label: '检查记录编号', required: true, max: 60, example: 'NH-2025-JC-000123', format: '文本，不超过60个字符；系统内唯一（关键列）' }),
  org_code: orgCodeColumn('检查机构代码', true, '实施检查的机构代码，须已在系统中并在您的管理范围内'),
  entity_uscc: usccColumn('被检查对象的统一社会信用代码'),
  visited_on: date({ label: '检查日期', required: true, example: '2025-10-15' }),
  inspector_staff_nos: list({ label: '检查人员工号', required: true, example: 'NH-001;NH-002', format: `执法人员工号，至少${RULES.minInspectors.value}人，用英文分号 ; 分隔，须已导入执法人员` }),
  random_task_no: text({ label: '抽查任务编号', required: false, max: 60, example: 'NH-2025-SJ-01-0001', format: '双随机抽查任务的编号（须已导入）；日常检查留空' }),
  result: oneOf({ label: '检查结果', required: true, values: VISIT_RESULTS, names: VISIT_RESULT_NAMES, example: 'compliant' }),
};

interface VisitRecord {
  key: string; visit_no: string; org_id: number; entity_uscc: string; entity_id: number | null; visited_on: string;
  inspector_ids: number[]; random_task_no: string | null; random_task_id: number | null; result: string;
}

export const inspectionsDataset = defineDataset({
  name: 'inspections',
  label: '监督检查记录',
  key: 'visit_no',
  columns: visitColumns,
  importPermission: 'imports.inspections',
  exportPermission: 'inspections.read',

  async begin({ tx, scope }) {
    const resolveOrg = await loadOrgLookup(tx, scope);
    const inspectors = new Map((await tx.query<{ staff_no: string; id: number }>('SELECT staff_no, id FROM inspectors')).map((i) => [i.staff_no, i.id]));
    const today = todayInChina();
    return {
      check(row, report): VisitRecord | undefined {
        const orgId = resolveOrg(row.org_code, report);
        notFuture(report, today, 'visited_on', row.visited_on);
        const staff = row.inspector_staff_nos ?? [];
        if (row.inspector_staff_nos && staff.length < RULES.minInspectors.value) {
          report('inspector_staff_nos', `检查人员不得少于${RULES.minInspectors.value}人（${RULES.minInspectors.citation}）`);
        }
        const unknown = staff.filter((s) => !inspectors.has(s));
        if (unknown.length) report('inspector_staff_nos', `工号“${unknown.join('、')}”的执法人员不存在，请先导入执法人员`);
        return {
          key: row.visit_no!, visit_no: row.visit_no!, org_id: orgId!, entity_uscc: row.entity_uscc!, entity_id: null, visited_on: row.visited_on!,
          inspector_ids: staff.map((s) => inspectors.get(s)!), random_task_no: row.random_task_no ?? null, random_task_id: null, result: row.result!,
        };
      },
      async checkBatch(batch) {
        await guardKeys(tx, scope, batch, 'SELECT visit_no AS key, imported, org_id FROM inspections WHERE visit_no = ANY($1::text[])', 'visit_no');
        await resolveEntities(tx, scope, batch);
        const taskNos = [...new Set(batch.map((p) => p.record.random_task_no).filter((t): t is string => t !== null))];
        if (taskNos.length === 0) return;
        const tasks = new Map((await tx.query<{ task_no: string; id: number; entity_id: number; org_id: number }>(
          `SELECT t.task_no, t.id, t.entity_id, p.org_id FROM random_tasks t JOIN random_plans p ON p.id = t.plan_id WHERE t.task_no = ANY($1::text[])`,
          [taskNos])).map((t) => [t.task_no, t]));
        for (const p of batch) {
          if (!p.record.random_task_no) continue;
          const t = tasks.get(p.record.random_task_no);
          if (!t || (!scope.all && !scope.orgIds.has(t.org_id))) p.report('random_task_no', '抽查任务不存在或不在您的管理范围内，请先导入抽查任务');
          else if (p.record.entity_id !== null && t.entity_id !== p.record.entity_id) p.report('random_task_no', '该抽查任务抽中的是另一个监管对象');
          else p.record.random_task_id = t.id;
        }
      },
      async write(records) {
        const col = <K extends keyof VisitRecord>(k: K) => records.map((r) => r[k]);
        const result = await tx.query<{ inserted: boolean }>(
          `INSERT INTO inspections (visit_no, org_id, entity_id, visited_on, inspector_ids, random_task_id, result, imported)
           SELECT t.visit_no, t.org_id, t.entity_id, t.visited_on, string_to_array(t.inspectors, ',')::int[], t.task_id, t.result, true
             FROM unnest($1::text[], $2::int[], $3::bigint[], $4::date[], $5::text[], $6::int[], $7::text[])
                  AS t(visit_no, org_id, entity_id, visited_on, inspectors, task_id, result)
           ON CONFLICT (visit_no) DO UPDATE SET org_id = EXCLUDED.org_id, entity_id = EXCLUDED.entity_id, visited_on = EXCLUDED.visited_on,
             inspector_ids = EXCLUDED.inspector_ids, random_task_id = EXCLUDED.random_task_id, result = EXCLUDED.result, updated_at = now()
             WHERE inspections.imported
           RETURNING (xmax = 0) AS inserted`,
          [col('visit_no'), col('org_id'), col('entity_id'), col('visited_on'), records.map((r) => r.inspector_ids.join(',')), col('random_task_id'), col('result')]);
        const inserted = result.filter((r) => r.inserted).length;
        return { inserted, updated: result.length - inserted };
      },
    };
  },

  exportFilters: visitFilters,

  async exportPage(db, { scopeOrgIds, filters, afterId, limit }) {
    const w = visitWhere(filters, scopeOrgIds, 3);
    return db.query(
      `SELECT v.id, v.visit_no, o.code AS org_code, e.uscc AS entity_uscc, v.visited_on::text AS visited_on,
              ARRAY(SELECT i.staff_no FROM unnest(v.inspector_ids) WITH ORDINALITY AS x(id, n) JOIN inspectors i ON i.id = x.id ORDER BY x.n) AS inspector_staff_nos,
              t.task_no AS random_task_no, v.result
         FROM inspections v JOIN organizations o ON o.id = v.org_id JOIN entities e ON e.id = v.entity_id
         LEFT JOIN random_tasks t ON t.id = v.random_task_id
        WHERE v.id > $1 AND ${w.where} ORDER BY v.id LIMIT $2`, [afterId, limit, ...w.params]);
  },
});
