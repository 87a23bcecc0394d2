// The report as a Word document in the layout of GB/T 9704 (officialDocument): the title
// in 小标宋 2号 centred, the body in 仿宋_GB2312 3号, headings 一、 in 黑体 and （一） in
// 楷体, page numbers "— 1 —", and the issuing organisation with the date at the end (the
// date the version was saved).
import { officialDocument, type Block } from '../../platform/documents/officialDocument';
import { blockParagraphs, type ReportContent, type ReportSection } from '../../core/reports/template';

export function reportBlocks(content: ReportContent, date: string): Block[] {
  const out: Block[] = [];
  const walk = (s: ReportSection, level: 1 | 2) => {
    if (s.heading) out.push({ type: 'heading', text: s.heading, level });
    for (const b of s.blocks) for (const p of blockParagraphs(b)) out.push({ type: 'paragraph', text: p });
    for (const sub of s.subsections ?? []) walk(sub, 2);
  };
  content.sections.forEach((s) => walk(s, 1));
  out.push({ type: 'signature', signer: content.orgName, date });
  return out;
}

export async function reportDocument(content: ReportContent, date: string): Promise<Buffer> {
  return officialDocument({ agency: content.orgName, agencyLine: false, title: content.title, blocks: reportBlocks(content, date) });
}
