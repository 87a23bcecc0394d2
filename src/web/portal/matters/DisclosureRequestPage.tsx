// Requesting government information on the portal (依申请公开, 政府信息公开申请), no
// login: the body addressed, the applicant's name, phone, e-mail and postal address, the
// description of the information sought and how it is to be provided, as article 29 of
// the Regulations asks; a note citing that article and the reply periods (read from
// src/core/law/rules.ts with their citations, never written here). The checks mirror the
// server's (publicDisclosure in src/modules/matters/schema.ts); a way of provision that
// needs an e-mail or a postal address asks for it. The applicant checks everything once
// more, then gets the 16-character tracking code.
import { Card, Form, Input, Radio, Space, Typography } from 'antd';
import { RULES } from '../../../core/law/rules';
import { useT, type Translate } from '../../lib/i18n';
import { usePhone } from '../../layout/useScreen';
import { EMAIL_PATTERN } from '../licensing/types';
import { FilingFlow, MattersPortalLayout, OrgField, phoneRule, prose, counterHint, textRules, trimmed, useOrgName } from './MattersPortalLayout';

/** The server's limits (schema.ts publicDisclosure). */
const TITLE_MAX = 2000;
const WAY_MAX = 200;

/** How the information is to be provided (the request's 形式要求, art. 29(3)); `needs` is the contact it relies on. */
type Way = 'post' | 'pickup' | 'email' | 'other';
const WAYS: Record<Way, { label: [string, string]; needs: 'contactAddress' | 'contactEmail' | null }> = {
  post: { label: ['纸质文本，邮寄', 'On paper, by post'], needs: 'contactAddress' },
  pickup: { label: ['纸质文本，当面领取', 'On paper, collected in person'], needs: null },
  email: { label: ['电子文本，发送电子邮件', 'Electronically, by e-mail'], needs: 'contactEmail' },
  other: { label: ['其他方式', 'Another way'], needs: null },
};

interface Values {
  orgId: number; contactName: string; contactPhone: string; contactEmail?: string; contactAddress?: string; title: string; way?: Way; wayOther?: string;
}

const wayText = (v: Values, t: Translate): string | null =>
  (!v.way ? null : v.way === 'other' ? trimmed(v.wayOther) : t(...WAYS[v.way].label));

export function DisclosureRequestPage() {
  const t = useT();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const way = Form.useWatch('way', form);
  const orgName = useOrgName();
  /** Required when the chosen way of provision relies on this contact. */
  const neededBy = (field: 'contactEmail' | 'contactAddress', message: string) => ({ required: way !== undefined && WAYS[way].needs === field, whitespace: true, message });

  return (
    <MattersPortalLayout>
      <div data-testid="disclosure-page">
        <Typography.Title level={phone ? 4 : 3} style={{ marginTop: 0 }}>{t('政府信息公开申请', 'Request for government information')}</Typography.Title>
        <LawNote />
        <FilingFlow<Values> form={form} prefix="disclosure" url="/api/public/disclosure-requests"
          doneTitle={t('政府信息公开申请已提交', 'Request submitted')}
          toBody={(v) => ({
            orgId: v.orgId, contactName: v.contactName.trim(), contactPhone: v.contactPhone.trim(), contactEmail: trimmed(v.contactEmail),
            contactAddress: trimmed(v.contactAddress), title: v.title.trim(), summary: wayText(v, (zh) => zh),
          })}
          review={(v) => [
            { key: 'org', label: t('受理机关', 'Addressed to'), children: orgName(v.orgId) },
            { key: 'name', label: t('申请人姓名或者名称', 'Applicant'), children: v.contactName.trim() },
            { key: 'phone', label: t('联系电话', 'Phone'), children: v.contactPhone.trim() },
            { key: 'email', label: t('电子邮箱', 'E-mail'), children: trimmed(v.contactEmail) ?? '—' },
            { key: 'address', label: t('通信地址', 'Postal address'), children: trimmed(v.contactAddress) ?? '—' },
            { key: 'title', label: t('所需信息的名称、文号或者便于查询的其他特征', 'The information sought'), children: prose(v.title.trim()) },
            { key: 'way', label: t('获取信息的方式、途径', 'How to provide it'), children: wayText(v, t) ?? '—' },
          ]}>
          <Card size={phone ? 'small' : undefined} title={t('申请人信息', 'The applicant')} style={{ marginBottom: 16 }}>
            <div style={{ display: 'grid', gridTemplateColumns: phone ? '1fr' : '1fr 1fr', columnGap: 24 }}>
              <div style={phone ? undefined : { gridColumn: '1 / span 2', maxWidth: 520 }}>
                <OrgField testid="disclosure-org"
                  extra={t('请选择制作或者保存所需信息的机关。', 'Choose the body that made or holds the information.')} />
              </div>
              <Form.Item name="contactName" label={t('申请人姓名或者名称', 'Applicant (person or organisation)')} required
                rules={textRules(t, ['申请人姓名或者名称', 'Applicant'], 100, true)}>
                <Input maxLength={110} autoComplete="name" data-testid="disclosure-name" placeholder={t('公民填写姓名，法人或者其他组织填写名称', 'A person’s name or an organisation’s name')} />
              </Form.Item>
              <Form.Item name="contactPhone" label={t('联系电话', 'Phone')} required
                rules={[{ required: true, whitespace: true, message: t('请填写联系电话', 'Enter a phone number') }, phoneRule(t)]}>
                <Input maxLength={20} inputMode="tel" autoComplete="tel" data-testid="disclosure-phone" placeholder={t('手机号码或带区号的固定电话', 'Mobile or landline with area code')} />
              </Form.Item>
              <Form.Item name="contactEmail" label={t('电子邮箱', 'E-mail')} dependencies={['way']}
                rules={[neededBy('contactEmail', t('选择以电子邮件获取信息的，请填写电子邮箱', 'Enter the e-mail address to send the information to')),
                  { pattern: EMAIL_PATTERN, transform: (v: string | undefined) => v?.trim(), message: t('电子邮箱格式不正确', 'Not an e-mail address') },
                  { max: 100, transform: (v: string | undefined) => v?.trim(), message: t('电子邮箱不能超过100个字符', 'At most 100 characters') }]}>
                <Input maxLength={110} inputMode="email" autoComplete="email" data-testid="disclosure-email" />
              </Form.Item>
              <Form.Item name="contactAddress" label={t('通信地址', 'Postal address')} dependencies={['way']}
                rules={[neededBy('contactAddress', t('选择邮寄的，请填写通信地址', 'Enter the address to post the information to')),
                  ...textRules(t, ['通信地址', 'Postal address'], 300, false)]}>
                <Input maxLength={310} autoComplete="street-address" data-testid="disclosure-address" />
              </Form.Item>
            </div>
          </Card>

          <Card size={phone ? 'small' : undefined} title={t('申请公开的政府信息', 'The information requested')} style={{ marginBottom: 16 }}>
            <Form.Item name="title" label={t('所需信息的名称、文号或者便于查询的其他特征', 'The name, reference number or other features that identify the information')} required
              rules={textRules(t, ['所需信息的名称、文号或者便于查询的其他特征', 'The information sought'], TITLE_MAX, true)}
              extra={counterHint(t('请尽量写明文件名称、文号、制作机关和时间；描述不明确的，受理机关会一次性告知您补正。',
                'Give the document’s title, number, author and date where you can; an unclear request is returned once for clarification.'))}>
              <Input.TextArea rows={5} count={{ show: true, max: TITLE_MAX }} data-testid="disclosure-title" />
            </Form.Item>
            <Form.Item name="way" label={t('获取信息的方式、途径', 'How the information is to be provided')} style={{ marginBottom: way === 'other' ? 8 : 16 }}>
              <Radio.Group data-testid="disclosure-way">
                <Space wrap size={[16, 4]}>
                  {(Object.keys(WAYS) as Way[]).map((w) => <Radio key={w} value={w} data-testid={`disclosure-way-${w}`}>{t(...WAYS[w].label)}</Radio>)}
                </Space>
              </Radio.Group>
            </Form.Item>
            {way === 'other' && (
              <Form.Item name="wayOther" rules={textRules(t, ['获取信息的方式、途径', 'How to provide it'], WAY_MAX, true)}>
                <Input maxLength={WAY_MAX + 10} data-testid="disclosure-way-other" placeholder={t('请写明获取信息的方式、途径', 'Say how you want to receive it')} />
              </Form.Item>
            )}
          </Card>
        </FilingFlow>
      </div>
    </MattersPortalLayout>
  );
}

/** A rule's citation without the name of the Regulations, which the note gives once. */
const article = (citation: string) => citation.replace(/^《[^》]+》/, '');

/** What a request contains (art. 29) and how long the reply may take (arts. 30 and 33), for the public. */
function LawNote() {
  const t = useT();
  const reply = RULES.disclosureReply;
  const extension = RULES.disclosureReplyExtension;
  const correction = RULES.disclosureCorrectionNotice;
  return (
    <Card size="small" style={{ marginBottom: 16, background: '#f8fbff', borderColor: '#d6e4ff' }} data-testid="disclosure-law">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {t('依照《中华人民共和国政府信息公开条例》第二十九条，政府信息公开申请应当包括下列内容：（一）申请人的姓名或者名称、身份证明、联系方式；（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；（三）申请公开的政府信息的形式要求，包括获取信息的方式、途径。',
          'Under article 29 of the Regulations on the Disclosure of Government Information, a request gives (1) the applicant’s name, proof of identity and contact details; (2) the name, reference number or other features that let the body find the information; (3) the form in which it is wanted, including how it is to be provided.')}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="disclosure-limits">
        {t(`不能当场答复的，受理机关应当自收到申请之日起${reply.value}个工作日内予以答复（${article(reply.citation)}）；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过${extension.value}个工作日（${article(extension.citation)}）。申请内容不明确的，受理机关自收到申请之日起${correction.value}个工作日内一次性告知补正，答复期限自收到补正的申请之日起计算（${article(correction.citation)}）；征求第三方和其他机关意见所需时间不计算在答复期限内。`,
          `A request not answered on the spot is answered within ${reply.value} working days of receipt (art. 33); with the approval of the head of the disclosure office, the applicant told, the period may be extended by at most ${extension.value} working days (art. 33(2)). An unclear request is returned once for clarification within ${correction.value} working days of receipt, and the period then runs from the clarified request (art. 30); time spent consulting third parties or other bodies is not counted.`)}
      </Typography.Paragraph>
    </Card>
  );
}
