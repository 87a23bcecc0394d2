// The case file's forms: approvals, records and receipts as bordered tables, printed with
// what the case already knows and room (ruled lines, blank dates) for what is written and
// signed by hand. The legal review opinion is the one internal document written as prose.
import { chineseDate, type Block, type Field } from '../../../platform/documents/officialDocument';
import type { CaseDocumentData } from './data';
import {
  BLANK_DATE, benchmarkSentence, inspectorNames, inspectorsWithCertificates, list, need, numbered, paragraph, paragraphsOf,
  partyFields, sanctionItems, signLine,
} from './parts';

const table = (rows: (Field | [Field, Field])[]): Block => ({ type: 'table', rows });
const dateOrBlank = (date: string | null | undefined) => (date ? chineseDate(date) : BLANK_DATE);
const cause = (data: CaseDocumentData): Field => ({ label: '案由', value: data.causeOfAction });
const partyName = (data: CaseDocumentData): Field => ({ label: '当事人', value: data.party.name });

function filingOpinion(data: CaseDocumentData): Field {
  const a = data.filingApproval;
  if (!a) return { label: '负责人审批意见', blankLines: 2, sign: signLine('负责人签名') };
  return { label: '负责人审批意见', value: paragraphsOf(a.opinion), sign: `负责人：${a.approver}　　${chineseDate(a.date)}` };
}

/** 立案审批表: the lead, the party and the case in brief, the inspectors' proposal and the head's approval. */
export function filingApproval(data: CaseDocumentData): Block[] {
  return [table([
    cause(data),
    [{ label: '案件来源', value: data.source }, { label: '发现线索日期', value: chineseDate(data.leadOn) }],
    ...partyFields(data.party),
    { label: '简要案情', value: paragraphsOf(data.facts) },
    { label: '承办人', value: inspectorsWithCertificates(data) },
    { label: '承办人意见', blankLines: 2, sign: signLine('承办人签名') },
    filingOpinion(data),
    ...(data.filedOn ? [{ label: '立案日期', value: chineseDate(data.filedOn) }] : []),
  ])];
}

/** 现场笔录: printed before the visit with the inspectors and the party, filled in on site. */
export function siteRecord(data: CaseDocumentData): Block[] {
  return [table([
    { label: '时间', value: `${BLANK_DATE}　　时　　分至　　时　　分` },
    { label: '地点', value: '' },
    { label: '执法人员', value: inspectorsWithCertificates(data) },
    ...partyFields(data.party),
    { label: '告知事项', value: '执法人员已出示执法证件，表明身份，并告知当事人有申请回避的权利。当事人是否申请回避：□是　□否' },
    { label: '现场情况', blankLines: 14 },
    { label: '当事人签名', blankLines: 1, sign: signLine('签名') },
    { label: '执法人员签名', blankLines: 1, sign: signLine('签名') },
  ])];
}

/** 听证笔录: who held and attended the hearing and what was said; blank to fill in until recorded. */
export function hearingRecord(data: CaseDocumentData): Block[] {
  const h = need(data.hearing, '本案没有听证，不能制作听证笔录');
  const record: Field = h.record ? { label: '听证记录', value: paragraphsOf(h.record) } : { label: '听证记录', blankLines: 14 };
  return [table([
    cause(data),
    partyName(data),
    [{ label: '时间', value: dateOrBlank(h.date) }, { label: '地点', value: h.place ?? '' }],
    [{ label: '主持人', value: h.host ?? '' }, { label: '书记员', value: h.clerk ?? '' }],
    { label: '案件调查人员', value: inspectorNames(data) },
    { label: '参加人', value: list(h.participants ?? []) },
    record,
    { label: '当事人（代理人）签名', blankLines: 1, sign: signLine('签名') },
    [{ label: '主持人签名', value: '' }, { label: '书记员签名', value: '' }],
  ])];
}

/** 法制审核意见书 (行政处罚法 art. 58): the case as submitted, the reviewer's opinion and conclusion. */
export function legalReviewOpinion(data: CaseDocumentData): Block[] {
  const review = need(data.legalReview, '尚未进行法制审核，不能制作法制审核意见书');
  const facts = [
    `案由：${data.causeOfAction}`,
    `当事人：${data.party.name}`,
    `承办人：${inspectorNames(data)}`,
    ...(data.violated.length > 0 ? [`违反的规定：${list(data.violated)}`] : []),
    ...(data.penaltyBasis.length > 0 ? [`处罚依据：${list(data.penaltyBasis)}`] : []),
  ];
  const proposed = data.proposed ? [paragraph('拟作出的行政处罚：'), paragraph(numbered(sanctionItems(data.proposed)))] : [];
  const benchmark = benchmarkSentence(data);
  return [
    { type: 'heading', text: '一、案件基本情况' },
    paragraph(facts.join('\n')),
    ...(benchmark ? [paragraph(benchmark)] : []),
    ...proposed,
    { type: 'heading', text: '二、审核意见' },
    paragraph(paragraphsOf(review.opinion)),
    { type: 'heading', text: '三、审核结论' },
    paragraph(review.passed ? '审核通过。' : '审核未通过，退回承办机构补充或者纠正。'),
    { type: 'signature', signer: `审核人：${review.reviewer}`, date: review.date },
  ];
}

/** 集体讨论记录 (行政处罚法 art. 57): when, who, what was said and what was decided. */
export function collectiveRecord(data: CaseDocumentData): Block[] {
  const c = need(data.collective, '尚未集体讨论，不能制作集体讨论记录');
  return [table([
    cause(data),
    partyName(data),
    [{ label: '讨论时间', value: chineseDate(c.date) }, { label: '主持人', value: c.host }],
    { label: '参加人员', value: list(c.attendees) },
    { label: '讨论记录', value: paragraphsOf(c.minutes) },
    { label: '讨论决定', value: paragraphsOf(c.decision) },
    { label: '参加人员签名', blankLines: 2 },
  ])];
}

/** A title as the receipt cites it, in 《》 once. */
const cited = (title: string) => (title.startsWith('《') ? title : `《${title}》`);

/** 送达回证: the document served and how; the recipient signs it by hand. */
export function serviceReceipt(data: CaseDocumentData): Block[] {
  const s = need(data.service, '尚无送达安排，不能制作送达回证');
  return [table([
    { label: '送达文书名称及文号', value: `${cited(s.documentTitle)}${s.documentNo}` },
    { label: '受送达人', value: data.party.name },
    { label: '送达地点', value: s.place ?? '' },
    { label: '送达方式', value: s.method },
    { label: '收件人签名', value: s.recipient ?? '', sign: signLine('签名') },
    { label: '送达日期', value: dateOrBlank(s.servedOn) },
    { label: '送达人', value: list(s.server), sign: signLine('签名') },
    { label: '送达机关', value: data.agency.name },
    { label: '备注', blankLines: 2 },
  ])];
}

function decisionSummary(data: CaseDocumentData): Field[] {
  const d = data.decision;
  if (!d) return [];
  return [{ label: '处罚决定', value: `${chineseDate(d.date)}作出：\n${numbered(sanctionItems(d))}` }];
}

/** A case decided on the spot was never filed: then only the closing date. */
function closureDates(data: CaseDocumentData, closedOn: string): Field | [Field, Field] {
  const closed = { label: '结案日期', value: chineseDate(closedOn) };
  return data.filedOn ? [{ label: '立案日期', value: chineseDate(data.filedOn) }, closed] : closed;
}

/** 结案报告: the case from filing to closure, with the inspectors' and the head's sign-off. */
export function closureReport(data: CaseDocumentData): Block[] {
  const c = need(data.closure, '案件尚未办结，不能制作结案报告');
  return [table([
    cause(data),
    ...partyFields(data.party),
    closureDates(data, c.date),
    ...decisionSummary(data),
    { label: '处理结果', value: c.outcome },
    { label: '执行情况', value: paragraphsOf(c.summary) },
    { label: '承办人', value: inspectorNames(data) },
    { label: '承办人意见', blankLines: 2, sign: signLine('承办人签名') },
    { label: '负责人意见', blankLines: 2, sign: signLine('负责人签名') },
  ])];
}
