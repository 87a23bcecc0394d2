// Importing a plan from its Word (.docx) or text (.txt) outline: the file's paragraphs
// are read (word/document.xml of a .docx; a .txt as UTF-8, or GB18030 as Windows saves
// Chinese text), parsed by core/workplans/outline.ts, and either returned for the preview
// (units matched to organisations, targets checked against the metric registry) or saved
// as a draft plan in one transaction.
import JSZip from 'jszip';
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { parseOutline, type Outline } from '../../core/workplans/outline';
import { METRIC_REGISTRY } from '../metrics/definitions';
import { renumberTasks, resolveUnits, writeUnits, type ResolvedUnit } from './service';

/** An outline is a few pages; anything far larger is not one. */
export const MAX_OUTLINE_BYTES = 5 * 1024 * 1024;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decodeXml = (s: string) => s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
  e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e.toLowerCase()]);

/** The paragraphs of a .docx body, as text (tabs kept as spaces, line breaks as breaks). */
export async function docxParagraphs(file: Buffer): Promise<string[]> {
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(file)).file('word/document.xml')?.async('string');
  } catch {
    xml = undefined;
  }
  if (!xml) throw badRequest('WORKPLAN_IMPORT_DOCX', '无法读取该 Word 文件：请上传 .docx 格式（不支持旧版 .doc），或另存为文本文件后上传');
  const body = xml.replace(/<w:(footnotes|endnotes|comments)\b[\s\S]*?<\/w:\1>/g, '');
  const paragraphs: string[] = [];
  for (const p of body.match(/<w:p[\s>][\s\S]*?<\/w:p>|<w:p\/>/g) ?? []) {
    const text = (p.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>|<w:tab\/>|<w:br\/>/g) ?? [])
      .map((piece) => (piece === '<w:tab/>' ? ' ' : piece === '<w:br/>' ? '\n' : decodeXml(piece.replace(/<[^>]+>/g, '')))).join('');
    paragraphs.push(text);
  }
  return paragraphs;
}

/** A text file's content: UTF-8 (with or without BOM), else GB18030. */
export function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

export async function readOutline(fileName: string, file: Buffer): Promise<Outline> {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'docx') return parseOutline(await docxParagraphs(file));
  if (ext === 'txt') return parseOutline(decodeText(file));
  throw badRequest('WORKPLAN_IMPORT_TYPE', '请上传 .docx 或 .txt 格式的工作要点');
}

/** What the preview shows and the save writes: the outline with units matched and targets checked. */
export async function annotateOutline(db: Queryable, orgId: number, outline: Outline) {
  const warnings = [...outline.warnings];
  const sections = [];
  for (const s of outline.sections) {
    const tasks = [];
    for (const t of s.tasks) {
      const units = await resolveUnits(db, orgId, t.units);
      const orgNames = await db.query<{ id: number; name: string }>('SELECT id, name FROM organizations WHERE id = ANY($1::int[])', [units.map((u) => u.orgId).filter((x) => x !== null)]);
      const targets = t.targets.map((g) => {
        const def = METRIC_REGISTRY.get(g.metricId);
        return { ...g, metricName: def?.name ?? null, known: def !== undefined };
      });
      for (const g of targets.filter((x) => !x.known)) warnings.push(`第${t.number}项任务的目标“${g.phrase}”对应的指标 ${g.metricId} 尚未登记到指标目录，保存时不含此目标`);
      tasks.push({ ...t, units: units.map((u) => ({ ...u, orgName: orgNames.find((o) => o.id === u.orgId)?.name ?? null })), targets });
    }
    sections.push({ heading: s.heading, tasks });
  }
  const taskCount = sections.reduce((n, s) => n + s.tasks.length, 0);
  return { title: outline.title, intro: outline.intro, sections, warnings, taskCount, targetCount: sections.reduce((n, s) => n + s.tasks.reduce((m, t) => m + t.targets.filter((g) => g.known).length, 0), 0) };
}

export type AnnotatedOutline = Awaited<ReturnType<typeof annotateOutline>>;

export async function assertImportOrg(db: Queryable, user: AuthUser, orgId: number): Promise<void> {
  const org = await db.one('SELECT 1 FROM organizations WHERE id = $1', [orgId]);
  if (!org || !inScope(user.scope, orgId)) throw notFound('机构不存在或不在您的数据范围内');
}

/** Saves an imported outline as a draft plan of the organisation and year (one transaction). */
export async function saveOutline(db: Queryable, user: AuthUser, actor: Actor, orgId: number, year: number, outline: Outline, fileName: string) {
  if (!outline.title) throw badRequest('WORKPLAN_IMPORT_EMPTY', '文件中没有找到工作要点的标题');
  if (outline.sections.every((s) => s.tasks.length === 0)) throw badRequest('WORKPLAN_IMPORT_EMPTY', '文件中没有找到编号的任务（1. 2. …），请检查格式');
  if (outline.title.length > 200) throw badRequest('WORKPLAN_IMPORT_TITLE', '标题超过200个字符，请检查第一行是否为标题');
  return db.transaction(async (tx) => {
    await assertImportOrg(tx, user, orgId);
    const dup = await tx.one('SELECT 1 FROM work_plans WHERE org_id = $1 AND year = $2 AND title = $3', [orgId, year, outline.title]);
    if (dup) throw conflict('WORKPLAN_DUPLICATE', `该机构${year}年已有同名的工作要点“${outline.title}”，请先删除或修改原有的工作要点`);
    const plan = await tx.one<{ id: number }>(
      `INSERT INTO work_plans (org_id, year, title, intro, status, created_by) VALUES ($1,$2,$3,$4,'draft',$5) RETURNING id`,
      [orgId, year, outline.title, outline.intro.slice(0, 5000), user.id]);
    const planId = plan!.id;
    let tasks = 0;
    let targets = 0;
    const skipped: string[] = [];
    for (const [si, s] of outline.sections.entries()) {
      const section = await tx.one<{ id: number }>('INSERT INTO work_plan_sections (plan_id, seq, heading) VALUES ($1,$2,$3) RETURNING id', [planId, si + 1, s.heading]);
      for (const [ti, t] of s.tasks.entries()) {
        const task = await tx.one<{ id: number }>(
          'INSERT INTO work_plan_tasks (section_id, seq, number, text, units_text) VALUES ($1,$2,$3,$4,$5) RETURNING id',
          [section!.id, ti + 1, t.number, t.text, t.unitsText]);
        const units: ResolvedUnit[] = await resolveUnits(tx, orgId, t.units);
        await writeUnits(tx, task!.id, units);
        for (const g of t.targets) {
          if (!METRIC_REGISTRY.get(g.metricId)) { skipped.push(`${t.number}:${g.metricId}`); continue; }
          await tx.query('INSERT INTO work_plan_targets (task_id, metric_id, comparator, target, note) VALUES ($1,$2,$3,$4,$5)',
            [task!.id, g.metricId, g.comparator, g.target, `导入自原文：${g.phrase}`.slice(0, 500)]);
          targets++;
        }
        tasks++;
      }
    }
    await renumberTasks(tx, planId);
    await recordAudit(tx, actor, {
      action: 'workplan.import', objectType: 'work_plan', objectId: planId,
      after: { orgId, year, title: outline.title, fileName, sections: outline.sections.length, tasks, targets, skippedTargets: skipped },
    });
    return { id: planId, sections: outline.sections.length, tasks, targets, skippedTargets: skipped };
  });
}
