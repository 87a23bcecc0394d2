// Penalty provisions and discretion benchmarks: the revisions kept in the database, the
// evaluation of a case's facts (core/discretion/engine.ts) with the tier split in force
// for the user's organisation, and citations taken from the legal-basis library in the
// version in force on the evaluated date.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors';
import { todayInChina } from '../../core/calendar/dates';
import { RULES } from '../../core/law/rules';
import {
  DiscretionError, SANCTION_NAMES, evaluate, type ArticleCite, type ProvisionDefinition,
} from '../../core/discretion/engine';
import { BUNDLED_PROVISIONS } from '../../core/discretion/provisions';
import { ruleValue } from '../rules/service';
import { articleInForce, citation } from '../laws/service';
import type { DefinitionInput, EvaluateInput } from './schema';
import { likeContaining } from '../../platform/db/like';

interface RevisionRow {
  provision_id: number; code: string; title: string; revision: number; effective_from: string | null; definition: ProvisionDefinition;
}

// A provision's title is its revision's (a revision may reword it).
const REVISION_SELECT = `SELECT p.id AS provision_id, p.code, r.definition->>'title' AS title, r.revision, r.effective_from::text AS effective_from, r.definition
  FROM penalty_provisions p JOIN provision_revisions r ON r.provision_id = p.id`;

/** The revision in force on a date: the latest one that applies from that date or earlier. */
async function revisionInForce(db: Queryable, code: string, onDate: string): Promise<RevisionRow | undefined> {
  return db.one<RevisionRow>(
    `${REVISION_SELECT} WHERE p.code = $1 AND (r.effective_from IS NULL OR r.effective_from <= $2::date)
     ORDER BY r.effective_from DESC NULLS LAST, r.revision DESC LIMIT 1`, [code, onDate]);
}

/** Installs the provisions the platform ships that are not there yet (reference data, like migrations: no audit entry). */
export async function ensureBundledProvisions(db: Queryable): Promise<void> {
  const present = await db.query<{ code: string }>('SELECT code FROM penalty_provisions WHERE code = ANY($1::text[])',
    [BUNDLED_PROVISIONS.map((p) => p.code)]);
  const missing = BUNDLED_PROVISIONS.filter((p) => !present.some((r) => r.code === p.code));
  if (missing.length === 0) return;
  await db.transaction(async (tx) => {
    for (const p of missing) {
      const row = await tx.one<{ id: number }>('INSERT INTO penalty_provisions (code, title) VALUES ($1, $2) RETURNING id', [p.code, p.title]);
      await tx.query(
        `INSERT INTO provision_revisions (provision_id, revision, effective_from, definition, source, note)
         VALUES ($1, 1, NULL, $2::jsonb, 'bundled', '平台内置示例裁量基准')`, [row!.id, JSON.stringify(p)]);
    }
  });
}

/** An article as cited on the date, or null when the library holds no version of it in force then. */
async function articleCitation(db: Queryable, a: ArticleCite, onDate: string): Promise<string | null> {
  const ref = await articleInForce(db, a.law, a.article, onDate);
  return ref ? citation(ref, a.paragraph) : null;
}

/** Cites an article as in force on the date; refuses an article the library does not hold then. */
async function citeOn(db: Queryable, a: ArticleCite, onDate: string): Promise<string> {
  const cited = await articleCitation(db, a, onDate);
  if (cited === null) throw badRequest('ARTICLE_NOT_IN_FORCE', `法律法规库中没有${onDate}施行的《${a.law}》第${a.article}条，请先在法律法规库中收录该条文`);
  return cited;
}

export interface CitedArticle { article: ArticleCite; text: string | null }

/** The penalty and violated articles of the provision's revision in force on the date, cited as then in force (null text: not in the library). */
export async function provisionCitations(db: Queryable, code: string, onDate: string): Promise<{ penalty: CitedArticle; violated: CitedArticle[] } | null> {
  const row = await revisionInForce(db, code, onDate);
  if (!row) return null;
  const cite = async (article: ArticleCite) => ({ article, text: await articleCitation(db, article, onDate) });
  return { penalty: await cite(row.definition.penalty), violated: await Promise.all(row.definition.violated.map(cite)) };
}

async function citationsOf(db: Queryable, d: ProvisionDefinition, onDate: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const a of [d.penalty, ...d.violated]) out.set(JSON.stringify(a), await citeOn(db, a, onDate));
  return out;
}

export async function evaluateProvision(db: Queryable, user: AuthUser, input: EvaluateInput) {
  const onDate = input.date ?? todayInChina();
  const row = await revisionInForce(db, input.provision, onDate);
  if (!row) throw notFound(`处罚条款“${input.provision}”不存在`);
  const split = {
    lighterUpperPercent: await ruleValue<number>(db, RULES.discretionLighterUpperPercent.id, user.orgId),
    heavierLowerPercent: await ruleValue<number>(db, RULES.discretionHeavierLowerPercent.id, user.orgId),
  };
  const cites = await citationsOf(db, row.definition, onDate);
  try {
    const e = evaluate(row.definition, input, split, (a) => cites.get(JSON.stringify(a))!, {
      benchmark: RULES.discretionLighterUpperPercent.citation.split('；')[0],
      mitigated: RULES.mitigatedPenalty.citation,
      none: RULES.noPenalty.citation,
    });
    return {
      ...e,
      revision: { revision: row.revision, effectiveFrom: row.effective_from },
      sanctions: e.sanctions.map((code) => ({ code, name: SANCTION_NAMES[code] })),
    };
  } catch (err) {
    if (err instanceof DiscretionError) throw badRequest('DISCRETION_FACTS', err.message);
    throw err;
  }
}

export async function listProvisions(db: Queryable, f: { q?: string | null; page: number; pageSize: number }) {
  const today = todayInChina();
  const q = f.q ? likeContaining(f.q) : null;
  // A commission has tens to hundreds of provisions: filtered here, paged below.
  const all = await db.query<RevisionRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (p.id) p.id AS provision_id, p.code, r.definition->>'title' AS title, r.revision,
              r.effective_from::text AS effective_from, r.definition
         FROM penalty_provisions p JOIN provision_revisions r ON r.provision_id = p.id
        WHERE r.effective_from IS NULL OR r.effective_from <= $1::date
        ORDER BY p.id, r.effective_from DESC NULLS LAST, r.revision DESC) t
      WHERE $2::text IS NULL OR code ILIKE $2 OR title LIKE $2
      ORDER BY code`, [today, q]);
  const rows = all.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  const out = [];
  for (const r of rows) {
    out.push({
      code: r.code, title: r.title, revision: r.revision, effectiveFrom: r.effective_from, scenarios: r.definition.scenarios.length,
      penaltyCitation: await citeOn(db, r.definition.penalty, today).catch(() => `《${r.definition.penalty.law}》第${r.definition.penalty.article}条`),
    });
  }
  return { rows: out, total: all.length, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

export async function getProvision(db: Queryable, code: string, date?: string) {
  const onDate = date ?? todayInChina();
  const row = await revisionInForce(db, code, onDate);
  if (!row) throw notFound(`处罚条款“${code}”不存在`);
  const cites = await citationsOf(db, row.definition, onDate).catch((err) => {
    if (err instanceof AppError) return null;
    throw err;
  });
  const revisions = await db.query<{ revision: number; effective_from: string | null; source: string; note: string | null; created_by: string | null; created_at: Date }>(
    `SELECT r.revision, r.effective_from::text AS effective_from, r.source, r.note, u.display_name AS created_by, r.created_at
       FROM provision_revisions r LEFT JOIN users u ON u.id = r.created_by WHERE r.provision_id = $1 ORDER BY r.revision DESC`, [row.provision_id]);
  const d = row.definition;
  const fallback = (a: ArticleCite) => `《${a.law}》第${a.article}条（${onDate}未施行或未收录）`;
  return {
    code: row.code, title: row.title, revision: row.revision, effectiveFrom: row.effective_from, definition: d,
    citations: {
      penalty: cites?.get(JSON.stringify(d.penalty)) ?? fallback(d.penalty),
      violated: d.violated.map((a) => cites?.get(JSON.stringify(a)) ?? fallback(a)),
    },
    revisions: revisions.map((r) => ({
      revision: r.revision, effectiveFrom: r.effective_from, source: r.source, note: r.note, createdBy: r.created_by,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/** Checks a definition beyond its schema: unique scenario codes, tiers inside the range, articles in the library. */
async function checkDefinition(db: Queryable, d: DefinitionInput, effectiveFrom: string): Promise<void> {
  const codes = new Set<string>();
  for (const s of d.scenarios) {
    if (codes.has(s.code)) throw badRequest('DUPLICATE_SCENARIO', `情形编号“${s.code}”重复`);
    codes.add(s.code);
    const tiers = new Set<string>();
    for (const t of s.tiers) {
      if (tiers.has(t.tier)) throw badRequest('DUPLICATE_TIER', `情形“${s.label}”的${t.tier}档重复`);
      tiers.add(t.tier);
      if (s.fine.kind === 'none' && t.amount) throw badRequest('TIER_WITHOUT_FINE', `情形“${s.label}”未规定罚款，档次不能设定罚款金额`);
      if (s.fine.kind === 'range' && t.amount && (t.amount.minYuan < s.fine.minYuan || t.amount.maxYuan > s.fine.maxYuan)) {
        throw badRequest('TIER_OUTSIDE_RANGE', `情形“${s.label}”的档次金额${t.amount.minYuan}–${t.amount.maxYuan}元超出法定幅度${s.fine.minYuan}–${s.fine.maxYuan}元`);
      }
    }
  }
  for (const a of [d.penalty, ...d.violated]) await citeOn(db, a, effectiveFrom);
}

function definitionOf(code: string, d: DefinitionInput): ProvisionDefinition {
  return { code, ...d } as ProvisionDefinition;
}

export async function createProvision(db: Queryable, user: AuthUser, actor: Actor, input: { code: string; effectiveFrom: string; note?: string | null; definition: DefinitionInput }) {
  await checkDefinition(db, input.definition, input.effectiveFrom);
  await db.transaction(async (tx) => {
    const exists = await tx.one('SELECT 1 FROM penalty_provisions WHERE code = $1', [input.code]);
    if (exists) throw conflict('PROVISION_EXISTS', `条款编号“${input.code}”已存在；修改基准请新增修订`);
    const p = await tx.one<{ id: number }>('INSERT INTO penalty_provisions (code, title) VALUES ($1, $2) RETURNING id', [input.code, input.definition.title]);
    const definition = definitionOf(input.code, input.definition);
    await tx.query(
      `INSERT INTO provision_revisions (provision_id, revision, effective_from, definition, source, note, created_by)
       VALUES ($1, 1, $2, $3::jsonb, 'staff', $4, $5)`, [p!.id, input.effectiveFrom, JSON.stringify(definition), input.note ?? null, user.id]);
    await recordAudit(tx, actor, { action: 'provision.create', objectType: 'provision', objectId: input.code, after: { effectiveFrom: input.effectiveFrom, definition } });
  });
  return getProvision(db, input.code, input.effectiveFrom);
}

export async function addRevision(db: Queryable, user: AuthUser, actor: Actor, code: string, input: { effectiveFrom: string; note?: string | null; definition: DefinitionInput }) {
  await checkDefinition(db, input.definition, input.effectiveFrom);
  await db.transaction(async (tx) => {
    // Locks the provision: two people adding a revision at once get consecutive numbers, not a clash.
    const p = await tx.one<{ id: number }>('SELECT id FROM penalty_provisions WHERE code = $1 FOR UPDATE', [code]);
    if (!p) throw notFound(`处罚条款“${code}”不存在`);
    const same = await tx.one('SELECT 1 FROM provision_revisions WHERE provision_id = $1 AND effective_from = $2::date', [p.id, input.effectiveFrom]);
    if (same) throw conflict('REVISION_DATE_TAKEN', `已有自${input.effectiveFrom}起施行的修订；同一日期只能有一个修订`);
    const next = await tx.one<{ n: number }>('SELECT max(revision) + 1 AS n FROM provision_revisions WHERE provision_id = $1', [p.id]);
    const before = await revisionInForce(tx, code, input.effectiveFrom);
    const definition = definitionOf(code, input.definition);
    await tx.query(
      `INSERT INTO provision_revisions (provision_id, revision, effective_from, definition, source, note, created_by)
       VALUES ($1, $2, $3, $4::jsonb, 'staff', $5, $6)`, [p.id, next!.n, input.effectiveFrom, JSON.stringify(definition), input.note ?? null, user.id]);
    await recordAudit(tx, actor, {
      action: 'provision.revise', objectType: 'provision', objectId: code,
      before: before ? { revision: before.revision, definition: before.definition } : null,
      after: { revision: next!.n, effectiveFrom: input.effectiveFrom, definition },
    });
  });
  return getProvision(db, code, input.effectiveFrom);
}
