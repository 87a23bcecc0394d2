// The verification of a draw record in the browser, with the steps it checked spelled
// out for the page, and the reading and saving of record files. The checking itself is
// the core's verifyDraw, the same code that ran the draw on the server.
import { DRAW_ALGORITHMS, inputDigests, verifyDraw, type DrawAnnouncement, type DrawProblem, type DrawRecord, type DrawVerification } from '../../../core/draw/draw';
import { commitment, SEED_PATTERN } from '../../../core/draw/key';

export interface VerifyStep {
  key: 'commitment' | 'announcement' | 'candidates' | 'inspectors' | 'recusals' | 'result';
  /** true: agrees; false: does not; null: not checked (unsupported algorithm). */
  ok: boolean | null;
  /** The value computed here from the record, and the published one it must equal. */
  computed?: string;
  published?: string;
  count?: number;
}

export interface VerifyOutcome {
  verification: DrawVerification;
  steps: VerifyStep[];
  elapsedMs: number;
}

function safely<T>(f: () => T): T | undefined {
  try { return f(); } catch { return undefined; }
}

/** Runs verifyDraw and lays out what was checked. Never throws: a malformed record is a problem. */
export function runVerification(record: DrawRecord, announcement?: DrawAnnouncement): VerifyOutcome {
  const started = performance.now();
  let verification: DrawVerification;
  try {
    verification = verifyDraw(record, announcement);
  } catch (err) {
    verification = { ok: false, problems: [{ code: 'inputs', message: `无法按记录重新抽取：${(err as Error).message}` }] };
  }
  const has = (...codes: DrawProblem['code'][]) => verification.problems.some((p) => codes.includes(p.code));
  const supported = DRAW_ALGORITHMS.includes(record.algorithm);
  const published = announcement ?? record;
  const seedCommitment = typeof record.seed === 'string' && SEED_PATTERN.test(record.seed) ? commitment(record.seed) : undefined;
  const digests = supported ? safely(() => inputDigests(record)) : undefined;
  const digestStep = (key: 'candidates' | 'inspectors' | 'recusals'): VerifyStep => ({
    key,
    ok: !supported ? null : digests !== undefined && digests[key] === published.digests?.[key] && !has(key),
    computed: digests?.[key],
    published: published.digests?.[key],
    count: Array.isArray(record[key]) ? record[key].length : undefined,
  });
  const steps: VerifyStep[] = [
    {
      key: 'commitment',
      ok: !supported ? null : seedCommitment !== undefined && seedCommitment === published.commitment && !has('seed', 'commitment'),
      computed: seedCommitment, published: published.commitment,
    },
    ...(announcement ? [{ key: 'announcement' as const, ok: supported ? !has('announcement') : null }] : []),
    digestStep('candidates'),
    digestStep('inspectors'),
    digestStep('recusals'),
    { key: 'result', ok: !supported ? null : verification.recomputed !== undefined && !has('result', 'inputs'), count: verification.recomputed?.entities.length },
  ];
  return { verification, steps, elapsedMs: performance.now() - started };
}

/** A record file as published: a DrawRecord, or the API's { announcement, record }. */
export interface DrawFile { record: DrawRecord; announcement?: DrawAnnouncement }

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Reads a record file's text; throws an Error with a Chinese message when it is not one. */
export function parseDrawFile(text: string): DrawFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`文件不是有效的 JSON：${(err as Error).message}`);
  }
  let record: unknown = data;
  let announcement: DrawAnnouncement | undefined;
  if (isObject(data) && 'record' in data) {
    if (data.record === null) throw new Error('该抽取尚未进行（record 为空）：随机种子尚未公开，暂不能验证');
    record = data.record;
    if (isObject(data.announcement)) announcement = data.announcement as unknown as DrawAnnouncement;
  }
  if (!isObject(record)) throw new Error('文件内容不是抽取记录');
  const missing: string[] = [];
  for (const f of ['algorithm', 'seed', 'commitment'] as const) if (typeof record[f] !== 'string') missing.push(f);
  for (const f of ['params', 'digests', 'counts', 'result'] as const) if (!isObject(record[f])) missing.push(f);
  for (const f of ['candidates', 'inspectors', 'recusals'] as const) if (!Array.isArray(record[f])) missing.push(f);
  if (isObject(record.result) && (!Array.isArray(record.result.entities) || !Array.isArray(record.result.strata) || !Array.isArray(record.result.unassigned))) {
    missing.push('result.entities/strata/unassigned');
  }
  if (missing.length) throw new Error(`文件不是完整的抽取记录，缺少或不正确的字段：${missing.join('、')}`);
  return { record: record as unknown as DrawRecord, announcement };
}

/** Saves a value as a JSON file through the browser. */
export function downloadJson(value: unknown, filename: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
