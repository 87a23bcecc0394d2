// The legal-basis library (法律法规库): instruments, versions and articles; search over
// the versions in force; the article in force on a date, for other modules to cite.
// The library is shared reference data, the same for every organisation, so nothing
// here is filtered by data scope: reading needs a session, writing laws.write.
import crypto from 'node:crypto';
import type { Queryable } from '../../platform/db';
import type { Actor } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { isIsoDate, todayInChina } from '../../core/calendar/dates';
import {
  citeArticle, clauseOf, InstrumentTextError, parseInstrumentText, type ParsedInstrument,
} from '../../core/law/instrumentText';
import { bundledCatalog, LAW_KINDS, type BundledEntry, type InstrumentLoad, type LawKind, type VersionLoad } from './bundled';
import {
  MAX_TEXT_BYTES, type LawDetail, type LawInput, type LawListQuery, type SearchQuery, type VersionInput, type VersionSummary, type VersionText,
} from './schema';
import { likeContaining as containing } from '../../platform/db/like';

// Arbitrary constant: serialises two processes loading the bundled texts into one server database.
const BUNDLED_LOAD_LOCK = 727_003;

/** The version of each instrument in force on the date parameter: the latest effective_from on or before it. */
const inForce = (dateParam: string) => `SELECT DISTINCT ON (v.instrument_id) v.instrument_id, v.id, v.version_date, v.effective_from, v.text_status
  FROM law_versions v WHERE v.effective_from <= ${dateParam}::date
  ORDER BY v.instrument_id, v.effective_from DESC, v.version_date DESC`;

/** Kinds in the order of legal rank: laws first. */
const KIND_ORDER = `array_position('{${LAW_KINDS.join(',')}}'::text[], i.kind)`;
const ESCAPE = `ESCAPE '\\'`;

const termsOf = (q: string) => [...new Set(q.split(/[\s\u3000]+/).filter(Boolean))];

// ---------------------------------------------------------------------------------
// Storing a version (the bundled load and staff writes alike).

interface Stored { source: 'bundled' | 'staff'; createdBy: number | null }

/** Inserts the version and its articles (one statement each); undefined when that version date exists. */
async function insertVersion(tx: Queryable, instrumentId: number, v: VersionLoad, how: Stored): Promise<number | undefined> {
  const row = await tx.one<{ id: number }>(
    `INSERT INTO law_versions (instrument_id, version_date, effective_from, history, source, text_status, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (instrument_id, version_date) DO NOTHING RETURNING id`,
    [instrumentId, v.versionDate, v.effectiveFrom, v.history, how.source, v.textStatus, how.createdBy]);
  if (!row) return undefined;
  await tx.query(
    `INSERT INTO law_articles (version_id, no, suffix, label, chapter, section, paragraphs)
     SELECT $1, a.no, a.suffix, a.label, a.chapter, a.section,
            ARRAY(SELECT e.p FROM jsonb_array_elements_text(a.paragraphs) WITH ORDINALITY AS e(p, n) ORDER BY e.n)
       FROM jsonb_to_recordset($2::jsonb) AS a(no int, suffix int, label text, chapter text, section text, paragraphs jsonb)`,
    [row.id, JSON.stringify(v.articles)]);
  return row.id;
}

/** The instrument's id, inserting it when new (undefined: the name exists and `existing` is false). */
async function instrumentId(tx: Queryable, load: Pick<InstrumentLoad, 'name' | 'title' | 'kind' | 'issuer'>, existing: boolean): Promise<number | undefined> {
  const row = await tx.one<{ id: number }>(
    `INSERT INTO law_instruments (name, title, kind, issuer) VALUES ($1,$2,$3,$4) ON CONFLICT (name) DO NOTHING RETURNING id`,
    [load.name, load.title, load.kind, load.issuer]);
  if (row || !existing) return row?.id;
  return (await tx.one<{ id: number }>('SELECT id FROM law_instruments WHERE name = $1', [load.name]))!.id;
}

async function missingBundled(db: Queryable, entries: BundledEntry[]): Promise<BundledEntry[]> {
  const present = await db.query<{ key: string }>(
    `SELECT i.name || '|' || v.version_date::text AS key FROM law_instruments i JOIN law_versions v ON v.instrument_id = i.id
      WHERE i.name = ANY($1::text[])`, [entries.map((e) => e.name)]);
  const have = new Set(present.map((r) => r.key));
  return entries.filter((e) => !have.has(`${e.name}|${e.versionDate}`));
}

/**
 * Installs the bundled texts that are not in the database yet. On a loaded database this
 * is one query (server start stays fast); otherwise the missing ones are parsed and
 * loaded in one transaction. A version staff already entered for the same date is kept.
 * Like a migration, this is reference data installed by the system: no audit entry.
 */
export async function ensureBundledLaws(db: Queryable): Promise<string[]> {
  const missing = await missingBundled(db, bundledCatalog());
  if (missing.length === 0) return [];
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [BUNDLED_LOAD_LOCK]);
    const still = await missingBundled(tx, missing);
    for (const entry of still) {
      const load = entry.load();
      await insertVersion(tx, (await instrumentId(tx, load, true))!, load, { source: 'bundled', createdBy: null });
    }
    return still.map((e) => `${e.name}(${e.versionDate})`);
  });
}

// ---------------------------------------------------------------------------------
// What other modules use: the article in force on a date, and its citation.

export interface LawArticleRef {
  instrumentId: number;
  versionId: number;
  name: string;
  title: string;
  kind: LawKind;
  versionDate: string;
  effectiveFrom: string;
  textStatus: 'official' | 'summary';
  articleNo: number;
  label: string;
  paragraphs: string[];
}

/** Article articleNo of the instrument's version in force on onDate ('YYYY-MM-DD'); undefined when there is none. */
export async function articleInForce(db: Queryable, instrumentName: string, articleNo: number, onDate: string): Promise<LawArticleRef | undefined> {
  if (!isIsoDate(onDate)) throw badRequest('INVALID_DATE', `日期“${onDate}”不是有效的 YYYY-MM-DD 日期`);
  const row = await db.one<{
    instrument_id: number; version_id: number; name: string; title: string; kind: LawKind; version_date: string; effective_from: string;
    text_status: 'official' | 'summary'; no: number; label: string; paragraphs: string[];
  }>(
    `SELECT i.id AS instrument_id, v.id AS version_id, i.name, i.title, i.kind, v.version_date, v.effective_from, v.text_status, a.no, a.label, a.paragraphs
       FROM law_instruments i
       JOIN LATERAL (SELECT * FROM law_versions v WHERE v.instrument_id = i.id AND v.effective_from <= $3::date
                      ORDER BY v.effective_from DESC, v.version_date DESC LIMIT 1) v ON true
       JOIN law_articles a ON a.version_id = v.id AND a.no = $2 AND a.suffix = 0
      WHERE i.name = $1`, [instrumentName, articleNo, onDate]);
  if (!row) return undefined;
  return {
    instrumentId: row.instrument_id, versionId: row.version_id, name: row.name, title: row.title, kind: row.kind,
    versionDate: row.version_date, effectiveFrom: row.effective_from, textStatus: row.text_status, articleNo: row.no,
    label: row.label, paragraphs: row.paragraphs,
  };
}

/**
 * 《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款. paragraphNo is a position in
 * ref.paragraphs (1-based); the citation names the 款 and 项 that line is, the way the
 * law counts them (items （一）（二） belong to the 款 before them). An article of a
 * single 款 is cited without 第一款.
 */
export function citation(ref: Pick<LawArticleRef, 'title' | 'label' | 'paragraphs'>, paragraphNo?: number): string {
  if (paragraphNo === undefined) return citeArticle(ref.title, ref.label);
  const c = clauseOf(ref.paragraphs, paragraphNo);
  return citeArticle(ref.title, ref.label, c.paragraphCount > 1 ? c.paragraph : undefined, c.item);
}

// ---------------------------------------------------------------------------------
// Reading.

interface ListRow {
  id: number; name: string; title: string; kind: LawKind; issuer: string | null; versions: number; version_date: string | null;
  effective_from: string | null; text_status: 'official' | 'summary' | null; article_count: number; next_effective_from: string | null;
}

export async function listLaws(db: Queryable, f: LawListQuery) {
  const patterns = f.q ? termsOf(f.q).map(containing) : [];
  const where = `($1::text IS NULL OR i.kind = $1)
    AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) p WHERE NOT (i.title ILIKE p ${ESCAPE} OR i.name ILIKE p ${ESCAPE}))`;
  const params = [f.kind ?? null, patterns];
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM law_instruments i WHERE ${where}`, params))!.n;
  const rows = await db.query<ListRow>(
    `WITH cur AS (${inForce('$3')})
     SELECT i.id, i.name, i.title, i.kind, i.issuer, cur.version_date, cur.effective_from, cur.text_status,
            (SELECT count(*)::int FROM law_versions v WHERE v.instrument_id = i.id) AS versions,
            (SELECT count(*)::int FROM law_articles a WHERE a.version_id = cur.id) AS article_count,
            (SELECT min(v.effective_from) FROM law_versions v WHERE v.instrument_id = i.id AND v.effective_from > $3::date) AS next_effective_from
       FROM law_instruments i LEFT JOIN cur ON cur.instrument_id = i.id
      WHERE ${where}
      ORDER BY ${KIND_ORDER}, i.name COLLATE "C", i.id LIMIT $4 OFFSET $5`,
    [...params, todayInChina(), f.pageSize, (f.page - 1) * f.pageSize]);
  return {
    rows: rows.map((r) => ({
      id: r.id, name: r.name, title: r.title, kind: r.kind, issuer: r.issuer, versions: r.versions, currentVersionDate: r.version_date,
      effectiveFrom: r.effective_from, textStatus: r.text_status, articleCount: r.article_count, nextEffectiveFrom: r.next_effective_from,
    })),
    total, totalCapped: false, page: f.page, pageSize: f.pageSize,
  };
}

const SNIPPET_LENGTH = 120;
const SNIPPET_BEFORE = 30;

/** The paragraph matching the most terms (the first of equals), cut around its first match. */
export function snippetOf(paragraphs: string[], terms: string[]): { paragraphNo: number; snippet: string } {
  const lower = terms.map((t) => t.toLowerCase());
  let best = 0;
  let bestScore = -1;
  paragraphs.forEach((p, i) => {
    const score = lower.filter((t) => p.toLowerCase().includes(t)).length;
    if (score > bestScore) { best = i; bestScore = score; }
  });
  const text = paragraphs[best];
  if (text.length <= SNIPPET_LENGTH) return { paragraphNo: best + 1, snippet: text };
  const found = lower.map((t) => text.toLowerCase().indexOf(t)).filter((i) => i >= 0);
  const at = found.length ? Math.min(...found) : 0;
  const end = Math.min(text.length, Math.max(0, at - SNIPPET_BEFORE) + SNIPPET_LENGTH);
  const start = Math.max(0, end - SNIPPET_LENGTH);
  return { paragraphNo: best + 1, snippet: `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}` };
}

interface HitRow {
  instrument_id: number; version_id: number; name: string; title: string; kind: LawKind; version_date: string; text_status: 'official' | 'summary';
  no: number; suffix: number; label: string; chapter: string | null; section: string | null; paragraphs: string[];
}

/**
 * Articles of the versions in force on the date in which every term occurs, in the
 * article's text or in the instrument's title (行政处罚法 听证), at least one of them in
 * the text or as the article's label. Instruments whose title matches come first, then
 * by legal rank, instrument and article number.
 */
export async function searchArticles(db: Queryable, f: SearchQuery) {
  const date = f.date ?? todayInChina();
  const terms = termsOf(f.q);
  const hits = `WITH cur AS (${inForce('$1')}),
    hits AS (
      SELECT i.id AS instrument_id, cur.id AS version_id, i.name, i.title, i.kind, cur.version_date, cur.text_status,
             a.no, a.suffix, a.label, a.chapter, a.section, a.paragraphs,
             (SELECT count(*) FROM unnest($3::text[]) p WHERE i.title ILIKE p ${ESCAPE}) AS title_hits,
             (a.label = ANY($4::text[])) AS label_hit
        FROM cur JOIN law_instruments i ON i.id = cur.instrument_id JOIN law_articles a ON a.version_id = cur.id
        CROSS JOIN LATERAL (SELECT array_to_string(a.paragraphs, E'\\n') AS body) b
       WHERE ($2::text IS NULL OR i.kind = $2)
         AND (a.label = ANY($4::text[]) OR EXISTS (SELECT 1 FROM unnest($3::text[]) p WHERE b.body ILIKE p ${ESCAPE}))
         AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) p
                          WHERE NOT (b.body ILIKE p ${ESCAPE} OR i.title ILIKE p ${ESCAPE} OR a.label ILIKE p ${ESCAPE})))`;
  const params = [date, f.kind ?? null, terms.map(containing), terms];
  const total = (await db.one<{ n: number }>(`${hits} SELECT count(*)::int AS n FROM hits`, params))!.n;
  const rows = await db.query<HitRow>(
    `${hits} SELECT * FROM hits i ORDER BY i.title_hits DESC, i.label_hit DESC, ${KIND_ORDER}, i.name COLLATE "C", i.no, i.suffix
      LIMIT $5 OFFSET $6`, [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return {
    rows: rows.map((r) => {
      const { paragraphNo, snippet } = snippetOf(r.paragraphs, terms);
      return {
        instrumentId: r.instrument_id, versionId: r.version_id, name: r.name, title: r.title, kind: r.kind, versionDate: r.version_date,
        textStatus: r.text_status, articleNo: r.no, suffix: r.suffix, label: r.label, chapter: r.chapter, section: r.section,
        snippet, paragraphNo, citation: citation(r, paragraphNo),
      };
    }),
    total, totalCapped: false, page: f.page, pageSize: f.pageSize, date, terms,
  };
}

interface VersionRow {
  id: number; instrument_id: number; version_date: string; effective_from: string; source: 'bundled' | 'staff';
  text_status: 'official' | 'summary'; article_count: number; created_by: string | null; created_at: Date; history: string;
}

const VERSION_SELECT = `SELECT v.id, v.instrument_id, v.version_date, v.effective_from, v.source, v.text_status, v.history, v.created_at,
    (SELECT count(*)::int FROM law_articles a WHERE a.version_id = v.id) AS article_count, u.username AS created_by
  FROM law_versions v LEFT JOIN users u ON u.id = v.created_by`;

function presentVersion(v: VersionRow, currentId: number | null, today: string): VersionSummary {
  const status = v.id === currentId ? 'in_force' : v.effective_from > today ? 'pending' : 'superseded';
  return {
    id: v.id, versionDate: v.version_date, effectiveFrom: v.effective_from, source: v.source, textStatus: v.text_status, status,
    articleCount: v.article_count, createdBy: v.created_by, createdAt: v.created_at,
  };
}

/** The instrument's versions, newest in force first, and which one is in force today. */
async function versionsOf(db: Queryable, instrumentId: number) {
  const today = todayInChina();
  const rows = await db.query<VersionRow>(`${VERSION_SELECT} WHERE v.instrument_id = $1 ORDER BY v.effective_from DESC, v.version_date DESC`, [instrumentId]);
  const current = rows.find((v) => v.effective_from <= today)?.id ?? null;
  return { rows, current, today };
}

interface InstrumentRow { id: number; name: string; title: string; kind: LawKind; issuer: string | null; created_at: Date }

async function loadInstrument(db: Queryable, id: number, lock = false): Promise<InstrumentRow> {
  const row = await db.one<InstrumentRow>(`SELECT id, name, title, kind, issuer, created_at FROM law_instruments WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw notFound('法律法规不存在');
  return row;
}

export async function getLaw(db: Queryable, id: number): Promise<LawDetail> {
  const i = await loadInstrument(db, id);
  const { rows, current, today } = await versionsOf(db, id);
  return {
    id: i.id, name: i.name, title: i.title, kind: i.kind, issuer: i.issuer, createdAt: i.created_at, currentVersionId: current,
    versions: rows.map((v) => presentVersion(v, current, today)),
  };
}

/** The full text of one version: chapters (with their sections) in order, and every article. */
export async function getLawVersion(db: Queryable, id: number, versionId: number): Promise<VersionText> {
  const i = await loadInstrument(db, id);
  const { rows, current, today } = await versionsOf(db, id);
  const v = rows.find((r) => r.id === versionId);
  if (!v) throw notFound('该法律法规没有这个版本');
  const articles = await db.query<VersionText['articles'][number]>(
    'SELECT no, suffix, label, chapter, section, paragraphs FROM law_articles WHERE version_id = $1 ORDER BY no, suffix', [versionId]);
  const chapters: VersionText['chapters'] = [];
  for (const a of articles) {
    let last = chapters[chapters.length - 1];
    if (!last || last.title !== a.chapter) chapters.push(last = { title: a.chapter, sections: [] });
    if (a.section && last.sections[last.sections.length - 1] !== a.section) last.sections.push(a.section);
  }
  return {
    instrument: { id: i.id, name: i.name, title: i.title, kind: i.kind, issuer: i.issuer },
    version: { ...presentVersion(v, current, today), history: v.history },
    chapters: chapters.filter((c) => c.title !== null || c.sections.length > 0),
    articles,
  };
}

// ---------------------------------------------------------------------------------
// Writing: a new department rule, local regulation or normative document, or a new
// version of any instrument (a revised national law too). Old versions stay as they are.

function parseText(text: string): ParsedInstrument {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_TEXT_BYTES) {
    throw badRequest('LAW_TEXT_TOO_LONG', `法规文本为${(bytes / 1024 / 1024).toFixed(1)} MB，超过2 MB的上限；请只录入该法规的正文`, { field: 'text' });
  }
  try {
    return parseInstrumentText(text);
  } catch (err) {
    if (!(err instanceof InstrumentTextError)) throw err;
    throw badRequest('LAW_TEXT_INVALID', `法规文本格式有误：${err.message}`, { field: 'text', ...(err.line ? { line: err.line } : {}) });
  }
}

/** Parses the text and checks the dates against each other and against what the text says. */
function checkedVersion(input: VersionInput): VersionLoad {
  if (input.versionDate > todayInChina()) {
    throw badRequest('LAW_VERSION_DATE_FUTURE', `公布日期（${input.versionDate}）不能晚于今天`, { field: 'versionDate' });
  }
  if (input.effectiveFrom < input.versionDate) {
    throw badRequest('LAW_EFFECTIVE_BEFORE_PUBLISHED', `施行日期（${input.effectiveFrom}）不能早于公布日期（${input.versionDate}）`, { field: 'effectiveFrom' });
  }
  const parsed = parseText(input.text);
  // A commencement clause dated before publication is the original law's, kept by an amendment.
  const stated = parsed.effectiveFrom && parsed.effectiveFrom >= input.versionDate ? parsed.effectiveFrom : undefined;
  if (stated && stated !== input.effectiveFrom) {
    throw badRequest('LAW_EFFECTIVE_MISMATCH', `文本规定自${stated}起施行，与填写的施行日期（${input.effectiveFrom}）不一致`, { field: 'effectiveFrom' });
  }
  return { versionDate: input.versionDate, effectiveFrom: input.effectiveFrom, history: parsed.history, textStatus: 'official', articles: parsed.articles };
}

function versionAudit(versionId: number, v: VersionLoad, text: string) {
  return {
    versionId, versionDate: v.versionDate, effectiveFrom: v.effectiveFrom, articleCount: v.articles.length,
    textSha256: crypto.createHash('sha256').update(text).digest('hex'),
  };
}

export async function createLaw(db: Queryable, actor: Actor, input: LawInput) {
  return db.transaction(async (tx) => {
    const version = checkedVersion(input);
    const id = await instrumentId(tx, input, false);
    if (id === undefined) {
      throw conflict('LAW_NAME_TAKEN', `法律法规库中已有“${input.name}”；如需录入其新版本，请在该法规页面“新增版本”`, { field: 'name' });
    }
    const versionId = (await insertVersion(tx, id, version, { source: 'staff', createdBy: actor.userId }))!;
    await recordAudit(tx, actor, {
      action: 'laws.create', objectType: 'law', objectId: id,
      after: { name: input.name, title: input.title, kind: input.kind, issuer: input.issuer, ...versionAudit(versionId, version, input.text) },
    });
    return { ...(await getLaw(tx, id)), createdVersionId: versionId };
  });
}

export async function addLawVersion(db: Queryable, actor: Actor, id: number, input: VersionInput) {
  return db.transaction(async (tx) => {
    const instrument = await loadInstrument(tx, id, true);
    const version = checkedVersion(input);
    const same = await tx.one<{ version_date: string }>(
      'SELECT version_date FROM law_versions WHERE instrument_id = $1 AND effective_from = $2', [id, version.effectiveFrom]);
    if (same && same.version_date !== version.versionDate) {
      throw conflict('LAW_VERSION_SAME_EFFECTIVE', `“${instrument.name}”已有自${version.effectiveFrom}起施行的版本（${same.version_date}公布），同一天只能有一个版本开始施行`, { field: 'effectiveFrom' });
    }
    const versionId = await insertVersion(tx, id, version, { source: 'staff', createdBy: actor.userId });
    if (versionId === undefined) {
      throw conflict('LAW_VERSION_EXISTS', `“${instrument.name}”已有${version.versionDate}公布的版本；已收录的版本不能覆盖`, { field: 'versionDate' });
    }
    await recordAudit(tx, actor, {
      action: 'laws.version', objectType: 'law', objectId: id, after: { name: instrument.name, ...versionAudit(versionId, version, input.text) },
    });
    return { ...(await getLaw(tx, id)), createdVersionId: versionId };
  });
}
