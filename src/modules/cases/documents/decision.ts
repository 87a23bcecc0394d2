// 行政处罚决定书 with what 行政处罚法 art. 59 requires it to state: the party, the facts and
// evidence, the provisions violated, the penalty and its basis, how and by when to pay,
// the ways and periods of reconsideration and litigation, the agency and the date. It
// also states the benchmark applied (国办发〔2022〕27号) and the outcome of the party's
// statement and defence (art. 45, 62).
import { chineseDate, type Block } from '../../../platform/documents/officialDocument';
import type { CaseDocumentData } from './data';
import { basisClause, benchmarkSentence, clause, need, numbered, paragraph, paragraphsOf, partyDetails, sanctionItems } from './parts';

type Decision = NonNullable<CaseDocumentData['decision']>;

function partyBlock(data: CaseDocumentData): Block {
  const lines = [`当事人：${data.party.name}`, ...partyDetails(data.party).map(([label, value]) => `${label}：${value}`)];
  return paragraph(lines.join('\n'));
}

function investigation(data: CaseDocumentData): Block[] {
  const filed = data.filedOn ? `本机关于${chineseDate(data.filedOn)}立案，依法进行了调查。` : '本机关依法进行了调查。';
  const [first, ...rest] = paragraphsOf(data.facts).split('\n');
  const blocks = [paragraph(`当事人${data.causeOfAction}一案，${filed}`), paragraph([`经查，${first}`, ...rest].join('\n'))];
  if (data.evidence.length > 0) blocks.push(paragraph('上述事实有以下证据证明：'), paragraph(numbered(data.evidence)));
  if (data.violated.length > 0) blocks.push(paragraph(`本机关认为，当事人的上述行为违反了${data.violated.join('、')}的规定。`));
  return blocks;
}

/** The notice given, what the party said and whether it was adopted, the hearing if one was held. */
function procedure(data: CaseDocumentData): Block[] {
  const d = data.defence;
  const rights = data.hearing?.right ? '陈述、申辩和要求听证' : '陈述和申辩';
  const notice = `本机关已告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知其依法享有${rights}的权利。`;
  const outcome = d.statements
    ? `当事人提出了陈述、申辩意见：${clause(d.statements)}。本机关依据${clause(d.citation)}的规定进行了复核${d.adopted ? `，${clause(d.adopted)}` : ''}。`
    : `当事人在${d.periodWorkdays}个工作日内未提出陈述、申辩意见。`;
  const h = data.hearing;
  const hearing = h?.date && h.record ? `应当事人要求，本机关于${chineseDate(h.date)}依法举行了听证。` : '';
  return [paragraph(`${notice}${outcome}${hearing}`), ...deliberation(data)];
}

/** Legal review (art. 58) and collective discussion (art. 57), when the case went through them. */
function deliberation(data: CaseDocumentData): Block[] {
  const steps = [
    data.legalReview?.passed ? '经法制审核' : null,
    data.collective ? `经本机关负责人于${chineseDate(data.collective.date)}集体讨论` : null,
  ].filter((s): s is string => s !== null);
  return steps.length > 0 ? [paragraph(`本案${steps.join('，并')}。`)] : [];
}

function penalty(data: CaseDocumentData, decision: Decision): Block[] {
  const benchmark = benchmarkSentence(data);
  return [
    ...(benchmark ? [paragraph(benchmark)] : []),
    paragraph(`${basisClause(data.penaltyBasis)}本机关决定对当事人给予如下行政处罚：`),
    paragraph(numbered(sanctionItems(decision))),
  ];
}

/** Where and by when to pay (art. 67) and the daily surcharge for paying late (art. 72). */
function payment(data: CaseDocumentData, decision: Decision): Block[] {
  const confiscated = decision.confiscatedYuan ?? 0;
  if (decision.fineYuan <= 0 && confiscated <= 0) return [];
  const what = confiscated > 0 ? '罚没款' : '罚款';
  const how = decision.paymentAccount
    ? `将${what}缴至${clause(decision.paymentAccount)}`
    : `到指定的银行或者通过电子支付系统缴纳${what}`;
  const blocks = [paragraph(`当事人应当自收到本决定书之日起${decision.paymentDays}日内，${how}。`)];
  if (decision.fineYuan > 0) {
    const r = data.remedies;
    blocks.push(paragraph(`到期不缴纳罚款的，本机关可以依据${clause(r.lateSurchargeCitation)}的规定，每日按罚款数额的${r.lateSurchargePercent}%加处罚款，加处罚款的数额不得超出罚款的数额。`));
  }
  return blocks;
}

function remedies(data: CaseDocumentData): Block {
  const r = data.remedies;
  return paragraph(
    `当事人如不服本决定，可以自收到本决定书之日起${r.reconsiderationDays}日内，依据${clause(r.reconsiderationCitation)}的规定向${r.reconsiderationBody}申请行政复议；`
    + `也可以自收到本决定书之日起${r.litigationMonths}个月内，依据${clause(r.litigationCitation)}的规定向${r.court}提起行政诉讼。`
    + '申请行政复议或者提起行政诉讼期间，本决定不停止执行，法律另有规定的除外。'
    + '逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院强制执行。',
  );
}

export function decisionDocument(data: CaseDocumentData): Block[] {
  const decision = need(data.decision, '尚未作出处罚决定，不能制作行政处罚决定书');
  return [
    partyBlock(data),
    ...investigation(data),
    ...procedure(data),
    ...penalty(data, decision),
    ...payment(data, decision),
    remedies(data),
    { type: 'signature', signer: data.agency.name, date: decision.date, seal: true },
  ];
}
