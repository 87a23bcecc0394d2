// 合法性审查意见书: the reviewing body's written opinion on a reviewed item, laid out as an
// official document (platform/documents/officialDocument.ts). The legality-review body
// answers for its opinion (《重大行政决策程序暂行条例》第二十八条); the item's drafting unit
// is the addressee.
import { chineseDate, officialDocument, type Block } from '../../platform/documents/officialDocument';
import { notFound } from '../../platform/http/errors';
import { ITEM_KINDS, REVIEW_RESULTS } from './schema';
import type { ItemRow } from './service';

/** What the conclusion means for the item, by result. */
const CONCLUSION: Record<keyof typeof REVIEW_RESULTS, string> = {
  passed: '经审查，该事项符合法定权限和程序，内容不违反法律、法规、规章和国家政策的规定，审查结论为合法，可以按程序提请审议（签发）。',
  passed_with_changes: '经审查，该事项按本意见修改后符合法律、法规、规章和国家政策的规定，审查结论为修改后通过。请起草单位根据本意见修改完善后按程序提请审议（签发）。',
  failed: '经审查，该事项存在不合法情形，审查结论为不合法。未经修改并重新送审的，不得提交审议（签发）。',
};

export async function opinionDocument(r: ItemRow): Promise<{ buffer: Buffer; filename: string }> {
  if (!r.reviewed_on || !r.review_result) throw notFound('该事项尚未完成合法性审查，不能生成审查意见书');
  const addressee = r.drafting_unit ?? r.org_name;
  const submitted = r.submitted_on ? `于${chineseDate(r.submitted_on)}` : '';
  const blocks: Block[] = [
    { type: 'paragraph', text: `${addressee}：`, indent: false },
    { type: 'paragraph', text: `你单位${submitted}报送审查的${ITEM_KINDS[r.kind]}《${r.title}》（审查编号${r.item_no}）收悉。本机关对其制定主体、权限、程序和内容进行了合法性审查，现提出审查意见如下：` },
    { type: 'heading', text: '一、审查结论', level: 1 },
    { type: 'paragraph', text: `${REVIEW_RESULTS[r.review_result]}。${CONCLUSION[r.review_result]}` },
    { type: 'heading', text: '二、具体意见', level: 1 },
    { type: 'paragraph', text: r.review_opinion?.trim() || '无。' },
  ];
  if (r.touches_market) {
    blocks.push({ type: 'heading', text: '三、公平竞争审查', level: 1 });
    blocks.push({
      type: 'paragraph',
      text: r.fair_competition_reviewed_on
        ? `该事项涉及经营者经济活动，已于${chineseDate(r.fair_competition_reviewed_on)}完成公平竞争审查，结论为${r.fair_competition_passed ? '通过' : '未通过'}。`
        : '该事项涉及经营者经济活动，应当依照《公平竞争审查条例》第二条、第十八条的规定开展公平竞争审查，未经公平竞争审查的，不得出台。',
    });
  }
  blocks.push({ type: 'signature', signer: r.org_name, date: r.reviewed_on, seal: true });
  const buffer = await officialDocument({ agency: r.org_name, title: '合法性审查意见书', documentNo: r.item_no, blocks });
  return { buffer, filename: `合法性审查意见书-${r.item_no}.docx` };
}
