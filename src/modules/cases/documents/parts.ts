// Phrases several case documents share: the party as documents name it, the inspectors,
// the sanctions with their amounts in figures and in 大写, the agency's contact line.
import { unprocessable } from '../../../platform/http/errors';
import { formatYuan, yuanInWords, type Block, type Field } from '../../../platform/documents/officialDocument';
import { SANCTION_NAMES } from '../../../core/discretion/engine';
import type { CaseDocumentData } from './data';

type Party = CaseDocumentData['party'];

/** A document addresses a person as 你 and an organisation as 你单位. */
export const you = (party: Party) => (party.kind === 'organisation' ? '你单位' : '你');

/** The part of the data a document is written from; without it the document does not exist yet. */
export function need<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw unprocessable('CASE_DOCUMENT_UNAVAILABLE', message);
  return value;
}

/** Free text ends a clause inside our sentence, so its own closing punctuation goes. */
export const clause = (text: string) => text.trim().replace(/[。；;，,.\s]+$/u, '');

export const list = (items: string[]) => items.join('、');

/** Blank date for handwriting, as printed forms leave it. */
export const BLANK_DATE = '　　年　　月　　日';
export const signLine = (who: string) => `${who}：　　　　　　　${BLANK_DATE}`;

/** The party's identification, each line only when known: label and value. */
export function partyDetails(party: Party): [string, string][] {
  const rows: [string, string | null | undefined][] = [
    ['统一社会信用代码', party.uscc],
    ['身份证号码', party.idNumber],
    ['法定代表人（负责人）', party.kind === 'organisation' ? party.legalRep : null],
    [party.kind === 'organisation' ? '地址' : '住址', party.address],
    ['联系电话', party.phone],
  ];
  return rows.filter((r): r is [string, string] => Boolean(r[1]));
}

export function partyFields(party: Party): Field[] {
  return [{ label: '当事人', value: party.name }, ...partyDetails(party).map(([label, value]) => ({ label, value }))];
}

export const inspectorNames = (data: CaseDocumentData) => list(data.inspectors.map((i) => i.name));
export const inspectorsWithCertificates = (data: CaseDocumentData) =>
  list(data.inspectors.map((i) => `${i.name}（执法证号：${i.certificateNo}）`));

/** An amount as documents state it: 100,000元（大写：壹拾万元整）. */
export const amount = (yuan: number) => `${formatYuan(yuan)}（大写：${yuanInWords(yuan)}）`;

/**
 * The sanctions with the fine and the confiscated gains beside their names; an amount
 * whose sanction is missing from the list is added, so no amount goes unstated.
 */
export function sanctionItems(p: { sanctions: string[]; fineYuan: number; confiscatedYuan?: number | null }): string[] {
  const fine = SANCTION_NAMES.fine;
  const gains = SANCTION_NAMES.confiscate_gains;
  const confiscated = p.confiscatedYuan ?? null;
  const items = p.sanctions.map((s) => {
    if (s === fine) return `${fine}${amount(p.fineYuan)}`;
    if (s === gains && confiscated !== null) return `${gains}${amount(confiscated)}`;
    return s;
  });
  if (confiscated !== null && confiscated > 0 && !p.sanctions.includes(gains)) items.push(`${gains}${amount(confiscated)}`);
  if (p.fineYuan > 0 && !p.sanctions.includes(fine)) items.push(`${fine}${amount(p.fineYuan)}`);
  return items;
}

/** Items as numbered lines ending in ；and the last in 。, one paragraph each. */
export const numbered = (items: string[]) =>
  items.map((item, i) => `${i + 1}.${clause(item)}${i === items.length - 1 ? '。' : '；'}`).join('\n');

export const paragraph = (text: string, indent = true): Block => ({ type: 'paragraph', text, indent });

/** Multi-paragraph text from the data, empty lines dropped. */
export const paragraphsOf = (text: string) => text.split('\n').map((t) => t.trim()).filter(Boolean).join('\n');

/** Who to contact and where, from the agency and the inspectors in charge; absent parts left out. */
export function contactBlocks(data: CaseDocumentData): Block[] {
  const parts = [
    data.inspectors.length > 0 ? `联系人：${inspectorNames(data)}` : null,
    data.agency.phone ? `联系电话：${data.agency.phone}` : null,
    data.agency.address ? `地址：${data.agency.address}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? [paragraph(parts.join('\n'))] : [];
}

/** 依据…的规定, or nothing when no basis is recorded. */
export const basisClause = (citations: string[]) => (citations.length > 0 ? `依据${list(citations)}的规定，` : '');

/** The benchmark row the penalty follows, its tier, range and reasons (国办发〔2022〕27号); '' without one. */
export function benchmarkSentence(data: CaseDocumentData): string {
  const b = data.benchmark;
  if (!b) return '';
  return `本案参照行政处罚裁量基准${clause(b.provision)}，适用${clause(b.tier)}档次（裁量幅度${clause(b.range)}），理由是：${clause(b.reasons)}。`;
}
