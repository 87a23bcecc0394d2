// The frozen lists of a draw (candidates, inspectors, recusals) as stored in
// random_draws.inputs: gzip-compressed JSON, by column.
//
// Why by column: a province's plan freezes over half a million candidates. Stored as one
// JSON object per candidate they made 111 MB of text, and reading them back for the draw
// (gunzip, decode, JSON.parse) took about 2 s, more than the draw itself. By column, the
// codes are one array of strings, the classes one character per candidate, and the few
// candidates with an inspection history are listed by position: about 20 MB, read back in
// a fraction of the time. The published record and the verification page still see whole
// objects (unpackLists returns them), so nothing outside this file knows the layout.
//
// Lists stored before this layout (one object per entry, no `format`) are still read.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DrawCandidate, DrawInputs, DrawInspector, DrawRecusal } from '../../core/draw/draw';

export type FrozenLists = Omit<DrawInputs, 'params'>;

const FORMAT = 2;

// One character per value; '-' for a missing class.
const RISK_CHAR: Record<string, string> = { low: 'l', medium: 'm', high: 'h' };
const CREDIT_CHAR: Record<string, string> = { A: 'A', B: 'B', C: 'C', D: 'D' };
const RISK_OF: Record<string, DrawCandidate['riskClass']> = { l: 'low', m: 'medium', h: 'high', '-': null };
const CREDIT_OF: Record<string, DrawCandidate['creditGrade']> = { A: 'A', B: 'B', C: 'C', D: 'D', '-': null };
const REASON_CHAR: Record<DrawRecusal['reason'], string> = { conflict: 'c', previous_plan: 'p' };
const REASON_OF: Record<string, DrawRecusal['reason']> = { c: 'conflict', p: 'previous_plan' };

interface PackedLists {
  format: typeof FORMAT;
  candidates: {
    uscc: string[];
    /** The distinct categories, and each candidate's index among them. */
    categories: string[];
    category: number[];
    risk: string;
    credit: string;
    /** '1' blacklisted, '0' not. */
    blacklisted: string;
    /** By position, only the candidates that have one. */
    lastPlanInspectionOn: Record<number, string>;
    inspectionsThisYear: Record<number, number>;
  };
  inspectors: DrawInspector[];
  recusals: { staffNo: string[]; uscc: string[]; reason: string };
}

function charOf(table: Record<string, string>, value: string | null, what: string): string {
  if (value === null) return '-';
  const c = Object.hasOwn(table, value) ? table[value] : undefined;
  if (c === undefined) throw new Error(`frozen lists: ${what} ${value} cannot be stored`);
  return c;
}

function packCandidates(candidates: readonly DrawCandidate[]): PackedLists['candidates'] {
  const categoryIndex = new Map<string, number>();
  const out: PackedLists['candidates'] = {
    uscc: [], categories: [], category: [], risk: '', credit: '', blacklisted: '', lastPlanInspectionOn: {}, inspectionsThisYear: {},
  };
  const risk: string[] = [], credit: string[] = [], blacklisted: string[] = [];
  candidates.forEach((c, i) => {
    out.uscc.push(c.uscc);
    let k = categoryIndex.get(c.category);
    if (k === undefined) categoryIndex.set(c.category, (k = out.categories.push(c.category) - 1));
    out.category.push(k);
    risk.push(charOf(RISK_CHAR, c.riskClass, 'risk class'));
    credit.push(charOf(CREDIT_CHAR, c.creditGrade, 'credit grade'));
    blacklisted.push(c.blacklisted ? '1' : '0');
    if (c.lastPlanInspectionOn !== null) out.lastPlanInspectionOn[i] = c.lastPlanInspectionOn;
    if (c.inspectionsThisYear !== 0) out.inspectionsThisYear[i] = c.inspectionsThisYear;
  });
  return { ...out, risk: risk.join(''), credit: credit.join(''), blacklisted: blacklisted.join('') };
}

function unpackCandidates(p: PackedLists['candidates']): DrawCandidate[] {
  const out: DrawCandidate[] = new Array(p.uscc.length);
  for (let i = 0; i < p.uscc.length; i++) {
    out[i] = {
      uscc: p.uscc[i], category: p.categories[p.category[i]], riskClass: RISK_OF[p.risk[i]], creditGrade: CREDIT_OF[p.credit[i]],
      blacklisted: p.blacklisted[i] === '1', lastPlanInspectionOn: p.lastPlanInspectionOn[i] ?? null, inspectionsThisYear: p.inspectionsThisYear[i] ?? 0,
    };
  }
  return out;
}

export function packLists(lists: FrozenLists): Buffer {
  const packed: PackedLists = {
    format: FORMAT,
    candidates: packCandidates(lists.candidates),
    inspectors: lists.inspectors,
    recusals: {
      staffNo: lists.recusals.map((r) => r.staffNo), uscc: lists.recusals.map((r) => r.uscc),
      reason: lists.recusals.map((r) => charOf(REASON_CHAR, r.reason, 'recusal reason')).join(''),
    },
  };
  return gzipSync(JSON.stringify(packed), { level: 6 });
}

export function unpackLists(stored: Buffer | Uint8Array): FrozenLists {
  const parsed = JSON.parse(gunzipSync(stored).toString('utf8')) as PackedLists | FrozenLists;
  if (!('format' in parsed)) return parsed;
  if (parsed.format !== FORMAT) throw new Error(`frozen lists: unknown format ${String(parsed.format)}`);
  const r = parsed.recusals;
  return {
    candidates: unpackCandidates(parsed.candidates),
    inspectors: parsed.inspectors,
    recusals: r.staffNo.map((staffNo, i) => ({ staffNo, uscc: r.uscc[i], reason: REASON_OF[r.reason[i]] })),
  };
}
