// The Word documents of matters (告知书, 答复书, 转办单 …), laid out as official documents
// (platform/documents/officialDocument.ts): the addressee, the text the law requires for
// that notice with the article it rests on, and the agency's signature and date.
import { chineseDate, officialDocument, type Block } from '../../platform/documents/officialDocument';
import { notFound } from '../../platform/http/errors';
import { todayInChina } from '../../core/calendar/dates';
import { DISCLOSURE_LAW } from '../../core/matters/disclosure';
import { MATTER_CLOCKS, MATTER_EXTENSIONS } from '../../core/matters/clocks';
import { outcomeNames } from '../../core/matters/states';
import { specOf, type MatterRow } from './service';

type Body = (m: MatterRow) => string;
const d = (m: MatterRow, key: string) => String(m.details[key] ?? '');
const on = (iso: string | null | undefined) => (iso ? chineseDate(iso) : '　　年　月　日');
const addressee = (m: MatterRow) => `${m.anonymous ? '举报人' : m.contact_name ?? '当事人'}：`;

const BODIES: Record<string, Body> = {
  'hotline.transfer': (m) => `现将${on(m.received_on)}受理的12320热线投诉举报（编号${m.matter_no}）转你单位核查处理。来电反映：${m.summary ?? ''}\n${d(m, 'instruction') ? `转办意见：${d(m, 'instruction')}\n` : ''}请于${on(m.due_on)}前将核查处理情况答复。`,
  'hotline.reply': (m) => `${addressee(m)}\n你于${on(m.received_on)}反映的${m.entity_name ?? String(m.details.entityName ?? '')}有关问题（编号${m.matter_no}）收悉。经核查，答复如下：\n${m.reply ?? ''}`,
  'petition.acceptance': (m) => `${addressee(m)}\n你于${on(m.received_on)}提出的信访事项（${m.title ?? ''}），经审查，符合受理条件，本机关已于${on(m.accepted_on)}受理，将依照《信访工作条例》第三十四条的规定，自受理之日起${MATTER_CLOCKS.petition.conclude.amount}日内办结并书面答复。\n本件责任领导：${m.leader_name ?? ''}。`,
  'petition.not_accepted': (m) => `${addressee(m)}\n你于${on(m.received_on)}提出的信访事项（${m.title ?? ''}），本机关决定不予受理。理由及处理途径：\n${m.reply ?? ''}`,
  'petition.opinion': (m) => `${addressee(m)}\n你于${on(m.received_on)}提出的信访事项（${m.title ?? ''}），本机关已于${on(m.accepted_on)}受理。现提出处理意见如下：\n${m.reply ?? ''}\n如对本处理意见不服，可以自收到本意见书之日起${MATTER_CLOCKS.petition.reviewRequest.amount}日内，请求原办理机关的上一级机关复查（《信访工作条例》第三十五条）。`,
  'disclosure.correction': (m) => `${addressee(m)}\n本机关于${on(m.received_on)}收到你提交的政府信息公开申请（${m.matter_no}）。经审查，你的申请内容不明确，根据${DISCLOSURE_LAW}第三十条的规定，请补正以下事项：\n${d(m, 'correctionNotice')}\n答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请。`,
  'disclosure.extension': (m) => `${addressee(m)}\n本机关于${on(m.received_on)}收到你提交的政府信息公开申请（${m.matter_no}）。因${m.extensions.at(-1)?.reason ?? ''}，不能在规定期限内答复，经本机关政府信息公开工作机构负责人同意，根据${DISCLOSURE_LAW}第三十三条第二款的规定，答复期限延长${m.extensions.at(-1)?.amount ?? MATTER_EXTENSIONS.disclosureReply}个工作日，将于${on(m.due_on)}前答复。`,
  'disclosure.third_party': (m) => `${d(m, 'thirdParty')}：\n本机关收到一份政府信息公开申请（${m.matter_no}），申请公开的信息可能损害你方合法权益。根据${DISCLOSURE_LAW}第三十二条的规定，现书面征求你方意见，请自收到本意见书之日起${MATTER_CLOCKS.disclosure.thirdParty.amount}个工作日内提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。\n申请公开的信息：${m.title ?? ''}`,
  'disclosure.reply': (m) => `${addressee(m)}\n本机关于${on(m.received_on)}收到你提交的政府信息公开申请（${m.matter_no}），申请获取：${m.title ?? ''}。根据${DISCLOSURE_LAW}第三十六条的规定，答复如下（${outcomeNames('disclosure')[m.outcome ?? ''] ?? ''}）：\n${m.reply ?? ''}${d(m, 'legalBasis') ? `\n理由和依据：${d(m, 'legalBasis')}` : ''}\n如对本答复不服，可以依法申请行政复议或者提起行政诉讼。`,
  'mediation.acceptance': (m) => `${addressee(m)}\n你方提出的医疗纠纷调解申请（${m.title ?? ''}），已于${on(m.accepted_on)}受理。依照《医疗纠纷预防和处理条例》第三十八条的规定，自受理之日起${MATTER_CLOCKS.mediation.conclude.amount}个工作日内完成调解，需要鉴定的，鉴定时间不计入调解期限。`,
  'mediation.agreement': (m) => `医患双方就${m.title ?? ''}纠纷，经调解，自愿达成如下协议：\n${m.reply ?? ''}\n本协议经医患双方签字或者盖章，人民调解员签字并加盖调解委员会印章后生效（《医疗纠纷预防和处理条例》第三十九条）。`,
  'mediation.termination': (m) => `${addressee(m)}\n你方申请调解的医疗纠纷（${m.title ?? ''}），因${m.reply ?? ''}，现终止调解。你方可以依法通过诉讼等途径解决。`,
  'reconsideration.answer': (m) => `${d(m, 'body')}：\n申请人${m.contact_name ?? ''}对本机关${m.title ?? ''}不服申请行政复议，本机关于${on(m.received_on)}收到申请书副本。现依照《中华人民共和国行政复议法》第四十八条的规定答复如下：\n${m.reply ?? ''}\n随附作出行政行为的证据、依据和其他有关材料：${d(m, 'evidence')}`,
  'litigation.defence': (m) => `${d(m, 'court')}：\n原告${m.contact_name ?? ''}诉本机关${m.title ?? ''}一案，本机关于${on(m.received_on)}收到起诉状副本。现依照《中华人民共和国行政诉讼法》第六十七条的规定提出答辩如下：\n${m.reply ?? ''}`,
  'proposal.answer': (m) => `${m.contact_name ?? ''}${m.subtype === 'cppcc' ? '委员' : '代表'}：\n您提出的《${m.title ?? ''}》（${m.matter_no}）收悉，现答复如下：\n${m.reply ?? ''}\n感谢您对卫生健康工作的关心和支持。`,
};

export async function matterDocument(m: MatterRow, docId: string): Promise<{ buffer: Buffer; filename: string }> {
  const spec = specOf(m.kind);
  const doc = spec.documents.find((x) => x.id === docId);
  const body = BODIES[`${m.kind}.${docId}`];
  if (!doc || !body || !doc.available(m)) throw notFound('该文书不存在或尚不能生成');
  const agency = m.kind === 'hotline' && docId === 'transfer' ? m.org_name : m.handler_org_name ?? m.org_name;
  const blocks: Block[] = [
    { type: 'paragraph', text: body(m), indent: true },
    { type: 'signature', signer: agency, date: m.concluded_on ?? todayInChina(), seal: true },
  ];
  const buffer = await officialDocument({ agency, title: doc.title, documentNo: m.matter_no, blocks });
  return { buffer, filename: `${doc.title}-${m.matter_no}.docx` };
}
