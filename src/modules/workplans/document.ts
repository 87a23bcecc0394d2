// The plan as a Word document in the official layout (platform/documents/officialDocument.ts):
// the organisation, the title, the introductory paragraph, the sections (一、二、… in 黑体)
// and the numbered tasks, each ending with its units in square brackets as plans print them.
import { officialDocument, type Block } from '../../platform/documents/officialDocument';
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { chineseOrdinal, taskLine } from '../../core/workplans/outline';
import { getPlan } from './service';

export async function planDocument(db: Queryable, user: AuthUser, id: number): Promise<{ buffer: Buffer; filename: string }> {
  const plan = await getPlan(db, user, id);
  const blocks: Block[] = [];
  if (plan.intro) blocks.push({ type: 'paragraph', text: plan.intro });
  plan.sections.forEach((s, i) => {
    blocks.push({ type: 'heading', text: `${chineseOrdinal(i + 1)}、${s.heading}`, level: 1 });
    for (const t of s.tasks) blocks.push({ type: 'paragraph', text: taskLine(t.number, t.text, t.unitsText) });
  });
  const buffer = await officialDocument({ agency: plan.orgName, title: plan.title, blocks });
  return { buffer, filename: `${plan.title}.docx` };
}
