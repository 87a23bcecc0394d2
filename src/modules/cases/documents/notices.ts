// The notices served before a decision: 行政处罚事先告知书 (行政处罚法 art. 44, 45, 63) and
// 听证告知书 (art. 63, 64). They are letters to the party, signed and sealed by the agency.
import { chineseDate, type Block } from '../../../platform/documents/officialDocument';
import type { CaseDocumentData } from './data';
import {
  basisClause, benchmarkSentence, clause, contactBlocks, need, numbered, paragraph, paragraphsOf, sanctionItems, you,
} from './parts';

const addressee = (data: CaseDocumentData): Block => paragraph(`${data.party.name}：`, false);

const signature = (data: CaseDocumentData): Block => ({ type: 'signature', signer: data.agency.name, date: data.issuedOn, seal: true });

/** Facts, then the evidence list when there is one. */
function factBlocks(data: CaseDocumentData): Block[] {
  const blocks = [paragraph(`本机关对${you(data.party)}${data.causeOfAction}一案进行了调查。经查：`), paragraph(paragraphsOf(data.facts))];
  if (data.evidence.length > 0) blocks.push(paragraph('以上事实有以下证据证明：'), paragraph(numbered(data.evidence)));
  return blocks;
}

function defenceRight(data: CaseDocumentData): Block {
  const d = data.defence;
  const y = you(data.party);
  return paragraph(`根据${clause(d.citation)}的规定，${y}有权进行陈述和申辩。${y}如有异议，可以自收到本告知书之日起${d.periodWorkdays}个工作日内向本机关提出陈述、申辩意见；逾期未提出的，视为放弃陈述和申辩的权利。`);
}

/** The hearing right and its period; only where the intended penalty carries one (art. 63). */
function hearingRight(data: CaseDocumentData): Block[] {
  const h = data.hearing;
  if (!h?.right) return [];
  const y = you(data.party);
  return [paragraph(`根据${clause(h.citation)}的规定，${y}有要求举行听证的权利。${y}如要求听证，应当自收到本告知书之日起${h.requestWorkdays}个工作日内向本机关提出；逾期未提出的，视为放弃听证的权利。`)];
}

export function priorNotice(data: CaseDocumentData): Block[] {
  const proposed = need(data.proposed, '尚未拟定处罚内容，不能制作行政处罚事先告知书');
  const y = you(data.party);
  const violated = data.violated.length > 0 ? [paragraph(`${y}的上述行为违反了${data.violated.join('、')}的规定。`)] : [];
  const benchmark = benchmarkSentence(data);
  return [
    addressee(data),
    ...factBlocks(data),
    ...violated,
    ...(benchmark ? [paragraph(benchmark)] : []),
    paragraph(`${basisClause(data.penaltyBasis)}本机关拟对${y}作出如下行政处罚：`),
    paragraph(numbered(sanctionItems(proposed))),
    defenceRight(data),
    ...hearingRight(data),
    ...contactBlocks(data),
    signature(data),
  ];
}

/** When the hearing is scheduled: date, place, host and the right to ask the host to withdraw (art. 64). */
function hearingSchedule(data: CaseDocumentData): Block[] {
  const h = data.hearing;
  if (!h?.date) return [];
  const place = h.place ? `在${h.place}` : '';
  const host = h.host ? `，由${h.host}主持` : '';
  const recusal = h.host ? `${you(data.party)}认为主持人与本案有直接利害关系的，有权申请回避。` : '';
  return [paragraph(`本机关定于${chineseDate(h.date)}${place}举行听证${host}。${recusal}无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。`)];
}

export function hearingNotice(data: CaseDocumentData): Block[] {
  const hearing = need(data.hearing?.right ? data.hearing : null, '本案拟作出的处罚不适用听证，不能制作听证告知书');
  const y = you(data.party);
  const intended = data.proposed
    ? [paragraph(`本机关拟对${y}${data.causeOfAction}一案作出如下行政处罚：`), paragraph(numbered(sanctionItems(data.proposed)))]
    : [paragraph(`本机关拟对${y}${data.causeOfAction}一案作出行政处罚。`)];
  return [addressee(data), ...intended, ...hearingRight({ ...data, hearing }), ...hearingSchedule(data), ...contactBlocks(data), signature(data)];
}
