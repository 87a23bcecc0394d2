import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors';
import type { CaseDocumentData } from './data';
import { CASE_DOCUMENT_KINDS, renderCaseDocument, type CaseDocumentKind } from './render';

// An unlicensed clinic (基本医疗卫生与健康促进法 art. 99(1)): illegal gains of 6,000 yuan count as
// 10,000, so the statutory range is 50,000–200,000 and the ordinary tier 95,000–155,000;
// the fine is 100,000.
const sample: CaseDocumentData = {
  agency: { name: '嘉南市卫生健康委员会', address: '嘉南市南湖区南湖路88号', phone: '0573-82345678' },
  caseNo: '嘉南卫医罚〔2026〕12号',
  causeOfAction: '未取得医疗机构执业许可证擅自执业',
  party: {
    kind: 'organisation', name: '嘉南康宁健康咨询有限公司', uscc: '91330402MA2B3C4D53', idNumber: null,
    legalRep: '王建国', address: '嘉南市南湖区建设路16号', phone: '13912345678',
  },
  source: '投诉举报',
  leadOn: '2026-01-12',
  filedOn: '2026-01-13',
  filingApproval: { approver: '李明', opinion: '同意立案，由张伟、陈静承办。', date: '2026-01-13' },
  inspectors: [{ name: '张伟', certificateNo: '33040026001' }, { name: '陈静', certificateNo: '33040026002' }],
  facts: '2026年1月12日，本机关执法人员根据投诉举报对当事人经营场所进行检查，发现当事人未取得《医疗机构执业许可证》，在该场所开展静脉输液等诊疗活动。\n'
    + '当事人自2025年12月1日起至2026年1月12日开展上述诊疗活动，违法所得6,000元。',
  evidence: ['现场笔录1份', '询问笔录2份', '收费票据复印件12张', '现场照片8张'],
  violated: ['《中华人民共和国基本医疗卫生与健康促进法》第三十八条第一款', '《医疗机构管理条例》第二十四条'],
  penaltyBasis: ['《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款'],
  benchmark: {
    provision: 'BHPL-99（未取得医疗机构执业许可证擅自执业）', tier: '一般处罚', range: '95,000元至155,000元',
    reasons: '当事人违法所得6,000元，不足一万元按10,000元计算，法定罚款幅度为50,000元至200,000元；违法行为持续一个月以上，未造成人身损害，积极配合调查。',
  },
  proposed: { sanctions: ['责令停止执业活动', '没收违法所得', '没收药品、医疗器械等非法财物', '罚款'], fineYuan: 100_000, confiscatedYuan: 6000 },
  decision: {
    date: '2026-03-20', sanctions: ['责令停止执业活动', '没收违法所得', '没收药品、医疗器械等非法财物', '罚款'], fineYuan: 100_000,
    confiscatedYuan: 6000, paymentDays: 15, paymentAccount: '嘉南市财政局非税收入汇缴结算户（中国工商银行嘉南分行，账号1204020009249001234）',
  },
  defence: {
    periodWorkdays: 3, citation: '《中华人民共和国行政处罚法》第四十五条',
    statements: '当事人称系初次违法，请求从轻处罚。', adopted: '当事人所述情况已在裁量中考虑，不予进一步从轻',
  },
  hearing: {
    right: true, requestWorkdays: 5, citation: '《中华人民共和国行政处罚法》第六十三条、第六十四条', date: '2026-02-26',
    place: '嘉南市卫生健康委员会第一会议室', host: '刘洋', clerk: '赵敏', participants: ['王建国（法定代表人）', '孙立（委托代理人）'],
    record: '调查人员陈述了违法事实、证据和处罚建议。\n当事人对违法事实无异议，请求从轻处罚。',
  },
  legalReview: { reviewer: '周婷', date: '2026-03-05', opinion: '事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。', passed: true },
  collective: {
    date: '2026-03-12', host: '李明', attendees: ['李明', '黄强', '吴芳', '周婷'],
    minutes: '承办人汇报了案件调查情况和处罚建议，法制审核人员汇报了审核意见。\n与会人员认为本案事实清楚，裁量适当。',
    decision: '同意对当事人作出责令停止执业活动、没收违法所得和药品器械、罚款100,000元的行政处罚。',
  },
  service: {
    documentTitle: '行政处罚决定书', documentNo: '嘉南卫医罚〔2026〕12号', method: '直接送达', servedOn: '2026-03-23',
    recipient: '王建国', place: '嘉南市南湖区建设路16号', server: ['张伟', '陈静'],
  },
  closure: { date: '2026-04-10', outcome: '处罚决定已执行完毕', summary: '当事人已于2026年4月2日缴纳罚没款106,000元，并已停止执业活动。' },
  remedies: {
    reconsiderationBody: '嘉南市人民政府', reconsiderationDays: 60, reconsiderationCitation: '《中华人民共和国行政复议法》第二十条',
    court: '嘉南市南湖区人民法院', litigationMonths: 6, litigationCitation: '《中华人民共和国行政诉讼法》第四十六条',
    lateSurchargePercent: 3, lateSurchargeCitation: '《中华人民共和国行政处罚法》第七十二条第一款第一项',
  },
  issuedOn: '2026-02-10',
};

/** A person's case with none of the optional parts: no benchmark, hearing, review, discussion, contacts. */
const minimal: CaseDocumentData = {
  ...sample,
  agency: { name: '嘉南市南湖区卫生健康局' },
  caseNo: '嘉南南卫医罚〔2026〕3号',
  party: { kind: 'person', name: '钱某明', idNumber: '33040219850312461X', address: '嘉南市南湖区东栅街道12号' },
  filedOn: null,
  filingApproval: null,
  evidence: [],
  benchmark: null,
  defence: { periodWorkdays: 3, citation: '《中华人民共和国行政处罚法》第四十五条' },
  decision: { date: '2026-03-20', sanctions: ['警告', '罚款'], fineYuan: 20.5, paymentDays: 15 },
  hearing: null,
  legalReview: null,
  collective: null,
  service: null,
  closure: null,
};

async function documentXml(docx: Buffer): Promise<string> {
  const file = (await JSZip.loadAsync(docx)).file('word/document.xml');
  if (!file) throw new Error('word/document.xml missing');
  return file.async('string');
}

/** The text a reader sees: paragraphs on their own lines, tags gone, entities decoded. */
const readable = (xml: string) => xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const textOf = async (kind: CaseDocumentKind, data: CaseDocumentData) => readable(await documentXml(await renderCaseDocument(kind, data)));

const FINE = '罚款100,000元（大写：壹拾万元整）';
const GAINS = '没收违法所得6,000元（大写：陆仟元整）';

describe('every case document', () => {
  it.each(CASE_DOCUMENT_KINDS)('$title ($kind): head, party, nothing undefined, A4 with the GB/T 9704 margins', async ({ kind, title }) => {
    const xml = await documentXml(await renderCaseDocument(kind, sample));
    const text = readable(xml);
    expect(text.startsWith(`嘉南市卫生健康委员会\n${title}\n嘉南卫医罚〔2026〕12号\n`)).toBe(true);
    expect(text).toContain('嘉南康宁健康咨询有限公司');
    expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const margin = (side: string) => Number(new RegExp(`<w:pgMar[^>]* w:${side}="(\\d+)"`).exec(xml)?.[1]);
    for (const [side, mm] of [['top', 37], ['bottom', 35], ['left', 28], ['right', 26]] as const) {
      expect(Math.abs(margin(side) - mm * 56.7)).toBeLessThanOrEqual(1);
    }
  });
});

describe('the documents of a full case', () => {
  it('立案审批表 has the lead, the party, the inspectors and the approval', async () => {
    const text = await textOf('filing_approval', sample);
    for (const s of ['案由', '未取得医疗机构执业许可证擅自执业', '案件来源', '投诉举报', '二〇二六年一月十二日', '91330402MA2B3C4D53',
      '法定代表人（负责人）', '王建国', '简要案情', '张伟（执法证号：33040026001）', '承办人意见', '负责人审批意见',
      '同意立案，由张伟、陈静承办。', '负责人：李明　　二〇二六年一月十三日', '立案日期']) {
      expect(text).toContain(s);
    }
  });

  it('现场笔录 is a form with the inspectors and the party printed and the rest left to fill in', async () => {
    const text = await textOf('site_record', sample);
    for (const s of ['时间', '地点', '陈静（执法证号：33040026002）', '嘉南市南湖区建设路16号', '申请回避', '现场情况', '当事人签名', '执法人员签名']) {
      expect(text).toContain(s);
    }
    expect(await documentXml(await renderCaseDocument('site_record', sample))).toMatch(/(<w:pBdr><w:bottom w:val="single"[^]*){14}/);
  });

  it('行政处罚事先告知书 states facts, basis, benchmark, the penalty in figures and 大写, and the rights with their periods', async () => {
    const text = await textOf('prior_notice', sample);
    for (const s of [
      '嘉南康宁健康咨询有限公司：', '静脉输液', '1.现场笔录1份；', '4.现场照片8张。',
      '你单位的上述行为违反了《中华人民共和国基本医疗卫生与健康促进法》第三十八条第一款、《医疗机构管理条例》第二十四条的规定。',
      '依据《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款的规定，本机关拟对你单位作出如下行政处罚：',
      'BHPL-99', '适用一般处罚档次（裁量幅度95,000元至155,000元）', '不足一万元按10,000元计算',
      '1.责令停止执业活动；', `2.${GAINS}；`, '3.没收药品、医疗器械等非法财物；', `4.${FINE}。`,
      '根据《中华人民共和国行政处罚法》第四十五条的规定，你单位有权进行陈述和申辩', '自收到本告知书之日起3个工作日内',
      '根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你单位有要求举行听证的权利', '自收到本告知书之日起5个工作日内',
      '联系人：张伟、陈静', '联系电话：0573-82345678', '地址：嘉南市南湖区南湖路88号',
      '嘉南市卫生健康委员会（印章）\n二〇二六年二月十日',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('听证告知书 states the right, the request period and its citation, and the scheduled hearing', async () => {
    const text = await textOf('hearing_notice', sample);
    for (const s of [
      '未取得医疗机构执业许可证擅自执业一案作出如下行政处罚', FINE,
      '《中华人民共和国行政处罚法》第六十三条、第六十四条', '5个工作日内',
      '本机关定于二〇二六年二月二十六日在嘉南市卫生健康委员会第一会议室举行听证，由刘洋主持。', '有权申请回避',
      '嘉南市卫生健康委员会（印章）\n二〇二六年二月十日',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('听证笔录 records who held and attended the hearing and what was said', async () => {
    const text = await textOf('hearing_record', sample);
    for (const s of ['二〇二六年二月二十六日', '嘉南市卫生健康委员会第一会议室', '刘洋', '赵敏', '王建国（法定代表人）、孙立（委托代理人）',
      '案件调查人员', '张伟、陈静', '调查人员陈述了违法事实、证据和处罚建议。\n当事人对违法事实无异议', '主持人签名', '书记员签名']) {
      expect(text).toContain(s);
    }
  });

  it('法制审核意见书 gives the case, the opinion and the conclusion, signed by the reviewer', async () => {
    const text = await textOf('legal_review_opinion', sample);
    for (const s of ['一、案件基本情况', '二、审核意见', '三、审核结论', '事实清楚，证据确凿', '审核通过。', FINE,
      '处罚依据：《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款', '审核人：周婷\n二〇二六年三月五日']) {
      expect(text).toContain(s);
    }
    const returned = await textOf('legal_review_opinion', { ...sample, legalReview: { ...sample.legalReview!, passed: false } });
    expect(returned).toContain('审核未通过，退回承办机构补充或者纠正。');
  });

  it('集体讨论记录 has the date, host, attendees, minutes and decision', async () => {
    const text = await textOf('collective_record', sample);
    for (const s of ['二〇二六年三月十二日', '主持人', '李明、黄强、吴芳、周婷', '法制审核人员汇报了审核意见。\n与会人员认为', '讨论决定', '罚款100,000元的行政处罚']) {
      expect(text).toContain(s);
    }
  });

  it('行政处罚决定书 states everything 行政处罚法 art. 59 requires, the benchmark and the remedies with their periods', async () => {
    const text = await textOf('decision', sample);
    for (const s of [
      '当事人：嘉南康宁健康咨询有限公司\n统一社会信用代码：91330402MA2B3C4D53\n法定代表人（负责人）：王建国\n地址：嘉南市南湖区建设路16号\n联系电话：13912345678\n',
      '本机关于二〇二六年一月十三日立案', '经查，2026年1月12日', '违法所得6,000元。', '上述事实有以下证据证明：\n1.现场笔录1份；',
      '违反了《中华人民共和国基本医疗卫生与健康促进法》第三十八条第一款、《医疗机构管理条例》第二十四条的规定',
      '陈述、申辩和要求听证的权利', '当事人提出了陈述、申辩意见：当事人称系初次违法，请求从轻处罚。',
      '依据《中华人民共和国行政处罚法》第四十五条的规定进行了复核，当事人所述情况已在裁量中考虑',
      '应当事人要求，本机关于二〇二六年二月二十六日依法举行了听证。', '本案经法制审核，并经本机关负责人于二〇二六年三月十二日集体讨论。',
      '本案参照行政处罚裁量基准BHPL-99（未取得医疗机构执业许可证擅自执业），适用一般处罚档次（裁量幅度95,000元至155,000元），理由是：',
      '依据《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款的规定，本机关决定对当事人给予如下行政处罚：',
      `2.${GAINS}；`, `4.${FINE}。`,
      '自收到本决定书之日起15日内，将罚没款缴至嘉南市财政局非税收入汇缴结算户（中国工商银行嘉南分行，账号1204020009249001234）。',
      '依据《中华人民共和国行政处罚法》第七十二条第一款第一项的规定，每日按罚款数额的3%加处罚款',
      '自收到本决定书之日起60日内，依据《中华人民共和国行政复议法》第二十条的规定向嘉南市人民政府申请行政复议',
      '自收到本决定书之日起6个月内，依据《中华人民共和国行政诉讼法》第四十六条的规定向嘉南市南湖区人民法院提起行政诉讼',
      '嘉南市卫生健康委员会（印章）\n二〇二六年三月二十日',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('送达回证 names the document served, the party, place, method, date and servers', async () => {
    const text = await textOf('service_receipt', sample);
    for (const s of ['送达文书名称及文号', '《行政处罚决定书》嘉南卫医罚〔2026〕12号', '受送达人', '嘉南市南湖区建设路16号', '直接送达',
      '收件人签名', '王建国', '二〇二六年三月二十三日', '张伟、陈静', '送达机关']) {
      expect(text).toContain(s);
    }
  });

  it('结案报告 runs from filing to closure with the penalty and its execution', async () => {
    const text = await textOf('closure_report', sample);
    for (const s of ['二〇二六年一月十三日', '二〇二六年四月十日', '二〇二六年三月二十日作出', FINE, '处罚决定已执行完毕',
      '缴纳罚没款106,000元', '承办人意见', '负责人意见']) {
      expect(text).toContain(s);
    }
  });
});

describe('a case without the optional parts', () => {
  it('writes the notice without benchmark, hearing or the agency\'s contacts, addressing a person as 你', async () => {
    const text = await textOf('prior_notice', minimal);
    expect(text).toContain('嘉南市南湖区卫生健康局\n行政处罚事先告知书\n嘉南南卫医罚〔2026〕3号\n');
    expect(text).toContain('你的上述行为违反了');
    expect(text).toContain('你有权进行陈述和申辩');
    expect(text).toContain('联系人：张伟、陈静');
    for (const s of ['听证', '裁量基准', '联系电话', '地址：', '证据证明', '你单位']) expect(text).not.toContain(s);
    expect(text).not.toMatch(/undefined|null|NaN/);
  });

  it('writes the decision with the ID number, no hearing, review or benchmark, and a fine with 角', async () => {
    const text = await textOf('decision', minimal);
    expect(text).toContain('当事人：钱某明\n身份证号码：33040219850312461X\n住址：嘉南市南湖区东栅街道12号\n');
    expect(text).toContain('1.警告；\n2.罚款20.50元（大写：贰拾元伍角整）。');
    expect(text).toContain('当事人在3个工作日内未提出陈述、申辩意见。');
    expect(text).toContain('当事人应当自收到本决定书之日起15日内，到指定的银行或者通过电子支付系统缴纳罚款。');
    expect(text).toContain('本机关依法进行了调查。');
    for (const s of ['听证', '裁量', '法制审核', '集体讨论', '统一社会信用代码', '法定代表人', '联系电话', '没收', '立案，']) {
      expect(text).not.toContain(s);
    }
    expect(text).not.toMatch(/undefined|null|NaN/);
  });

  it('leaves payment and surcharge out of a decision without a fine', async () => {
    const text = await textOf('decision', { ...minimal, decision: { ...minimal.decision!, sanctions: ['警告'], fineYuan: 0 } });
    expect(text).toContain('1.警告。');
    for (const s of ['罚款', '缴纳', '加处']) expect(text).not.toContain(s);
    expect(text).toContain('申请行政复议');
  });

  it('leaves a blank approval and no filing date on the filing form', async () => {
    const text = await textOf('filing_approval', minimal);
    expect(text).toContain('负责人签名：');
    expect(text).not.toContain('立案日期');
    expect(text).not.toContain('负责人：');
  });

  it.each([
    ['hearing_notice', '不适用听证'], ['hearing_record', '没有听证'], ['legal_review_opinion', '尚未进行法制审核'],
    ['collective_record', '尚未集体讨论'], ['service_receipt', '尚无送达安排'], ['closure_report', '尚未办结'],
  ] as const)('refuses %s with 422 until its part of the case exists', async (kind, message) => {
    const error = await renderCaseDocument(kind, minimal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 422, code: 'CASE_DOCUMENT_UNAVAILABLE' });
    expect((error as AppError).message).toContain(message);
  });

  it('refuses the notice and the decision before there is a penalty', async () => {
    for (const kind of ['prior_notice', 'decision'] as const) {
      await expect(renderCaseDocument(kind, { ...minimal, proposed: null, decision: null })).rejects.toMatchObject({ status: 422 });
    }
  });

  it('refuses the hearing notice when the penalty carries no hearing right', async () => {
    const hearing = { right: false, requestWorkdays: 5, citation: '《中华人民共和国行政处罚法》第六十三条' };
    await expect(renderCaseDocument('hearing_notice', { ...minimal, hearing })).rejects.toMatchObject({ status: 422 });
  });

  it('refuses an unknown kind with 400', async () => {
    await expect(renderCaseDocument('appeal' as CaseDocumentKind, sample)).rejects.toMatchObject({ status: 400, code: 'CASE_DOCUMENT_KIND' });
  });

  it('states a hearing that is not scheduled yet without a date', async () => {
    const hearing = { right: true, requestWorkdays: 5, citation: '《中华人民共和国行政处罚法》第六十四条' };
    const text = await textOf('hearing_notice', { ...minimal, hearing, proposed: null });
    expect(text).toContain('本机关拟对你未取得医疗机构执业许可证擅自执业一案作出行政处罚。');
    expect(text).toContain('5个工作日内');
    expect(text).not.toContain('本机关定于');
    const record = await textOf('hearing_record', { ...minimal, hearing });
    expect(record).toContain('　　年　　月　　日');
    expect(record).not.toMatch(/undefined|null|NaN/);
  });
});
