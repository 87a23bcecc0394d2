// Filing a complaint or report on the portal (投诉举报), no login: the body addressed,
// the unit complained about or reported and its address, the problem (up to 2,000
// characters, counted as one types), and the filer's name and phone, or none of them for
// an anonymous report (匿名举报: no call back is then possible, the matter is followed
// only with the tracking code). The checks mirror the server's (publicComplaint in
// src/modules/matters/schema.ts: a phone unless anonymous); the filer checks everything
// once more before it is sent, then gets the 16-character tracking code.
import { Alert, Card, Checkbox, Form, Input, Typography } from 'antd';
import { useT } from '../../lib/i18n';
import { usePhone } from '../../layout/useScreen';
import { FilingFlow, MattersPortalLayout, OrgField, phoneRule, prose, counterHint, textRules, trimmed, useOrgName } from './MattersPortalLayout';

/** The server's limits (schema.ts publicComplaint). */
const SUMMARY_MAX = 2000;

interface Values {
  orgId: number; entityName: string; entityAddress?: string; summary: string; anonymous: boolean; contactName?: string; contactPhone?: string;
}

export function ComplaintPage() {
  const t = useT();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const anonymous = Form.useWatch('anonymous', form) === true;
  const orgName = useOrgName();

  return (
    <MattersPortalLayout>
      <div data-testid="complaint-page">
        <Typography.Title level={phone ? 4 : 3} style={{ marginTop: 0 }}>{t('投诉举报', 'Complaints and reports')}</Typography.Title>
        <Typography.Paragraph type="secondary" data-testid="complaint-intro">
          {t('对医疗机构、公共场所、生活饮用水供水单位、学校等单位违反卫生健康法律法规的行为，可以在这里向卫生健康行政部门投诉或者举报，也可以拨打12320卫生健康热线。提交后取得16位查询码，凭查询码查询办理进度和答复。',
            'Complain about or report a breach of the health laws by a hospital, a public place, a water supplier, a school or another unit here, or call the 12320 health hotline. A 16-character tracking code is given to follow the matter and read the reply.')}
        </Typography.Paragraph>
        <FilingFlow<Values> form={form} prefix="complaint" url="/api/public/complaints" initialValues={{ anonymous: false }}
          doneTitle={t('投诉举报已提交', 'Complaint submitted')}
          doneNote={(v) => (v.anonymous ? t('您选择了匿名举报：承办单位无法与您联系，办理进度和答复只能凭查询码查看。', 'You reported anonymously: nobody can call you back; the code is the only way to follow the matter.') : null)}
          toBody={(v) => ({
            orgId: v.orgId, anonymous: v.anonymous === true,
            contactName: v.anonymous ? null : trimmed(v.contactName), contactPhone: v.anonymous ? null : trimmed(v.contactPhone),
            entityName: v.entityName.trim(), entityAddress: trimmed(v.entityAddress), summary: v.summary.trim(),
          })}
          review={(v) => [
            { key: 'org', label: t('受理机关', 'Addressed to'), children: orgName(v.orgId) },
            { key: 'entity', label: t('被投诉（举报）单位名称', 'Unit complained about'), children: v.entityName.trim() },
            { key: 'address', label: t('被投诉（举报）单位地址', 'Its address'), children: trimmed(v.entityAddress) ?? '—' },
            { key: 'summary', label: t('反映的问题', 'The problem'), children: prose(v.summary.trim()) },
            ...(v.anonymous
              ? [{ key: 'who', label: t('反映人', 'Filed by'), children: t('匿名举报（不留姓名和电话）', 'Anonymous report (no name or phone)') }]
              : [
                { key: 'name', label: t('姓名', 'Name'), children: trimmed(v.contactName) ?? t('（未填写）', '(not given)') },
                { key: 'phone', label: t('联系电话', 'Phone'), children: trimmed(v.contactPhone) },
              ]),
          ]}>
          <Card size={phone ? 'small' : undefined} title={t('投诉举报内容', 'The complaint')} style={{ marginBottom: 16 }}>
            <div style={{ display: 'grid', gridTemplateColumns: phone ? '1fr' : '1fr 1fr', columnGap: 24 }}>
              <div style={phone ? undefined : { gridColumn: '1 / span 2', maxWidth: 520 }}>
                <OrgField testid="complaint-org"
                  extra={t('请选择被投诉（举报）单位所在地的卫生健康行政部门或卫生监督机构。', 'Choose the health body of the place where the unit is.')} />
              </div>
              <Form.Item name="entityName" label={t('被投诉（举报）单位名称', 'Name of the unit complained about')} required
                rules={textRules(t, ['被投诉（举报）单位名称', 'Unit name'], 200, true)}>
                <Input maxLength={210} data-testid="complaint-entity" placeholder={t('如：某某宾馆、某某诊所', 'e.g. the hotel’s or clinic’s name')} />
              </Form.Item>
              <Form.Item name="entityAddress" label={t('被投诉（举报）单位地址', 'Its address')}
                rules={textRules(t, ['被投诉（举报）单位地址', 'Address'], 300, false)}>
                <Input maxLength={310} data-testid="complaint-address" placeholder={t('便于核查，尽量具体到门牌号', 'As exact as you can')} />
              </Form.Item>
              <Form.Item name="summary" label={t('反映的问题', 'The problem')} required style={phone ? undefined : { gridColumn: '1 / span 2' }}
                rules={textRules(t, ['反映的问题', 'The problem'], SUMMARY_MAX, true)}
                extra={counterHint(t('请写明发生的时间、地点、具体情况和您的诉求；请勿填写与本事项无关的他人身份证号码等个人信息。',
                  'Say when and where it happened, what happened and what you ask for; leave out other people’s ID numbers and personal data.'))}>
                <Input.TextArea rows={6} count={{ show: true, max: SUMMARY_MAX }} data-testid="complaint-summary" />
              </Form.Item>
            </div>
          </Card>

          <Card size={phone ? 'small' : undefined} title={t('您的联系方式', 'How to reach you')} style={{ marginBottom: 16 }}>
            <Form.Item name="anonymous" valuePropName="checked" style={{ marginBottom: anonymous ? 12 : 16 }}>
              <Checkbox data-testid="complaint-anonymous">{t('匿名举报（不留姓名和联系电话）', 'Report anonymously (no name or phone)')}</Checkbox>
            </Form.Item>
            {anonymous ? (
              <Alert type="warning" showIcon data-testid="complaint-anonymous-note"
                title={t('匿名举报无法回访', 'An anonymous report cannot be answered by phone')}
                description={t('承办单位无法与您联系核实情况，也无法电话告知办理结果；您只能凭提交后取得的查询码查看办理进度和答复，查询码遗失后无法找回。需要反馈的，请取消勾选并留下联系电话。',
                  'The unit handling it cannot call you to check the facts or tell you the outcome; you can follow it only with the tracking code you get, which cannot be recovered if lost. To hear back, untick this and leave a phone number.')} />
            ) : (
              <div style={{ display: 'grid', gridTemplateColumns: phone ? '1fr' : '1fr 1fr', columnGap: 24 }}>
                <Form.Item name="contactName" label={t('姓名', 'Name')} rules={textRules(t, ['姓名', 'Name'], 50, false)}>
                  <Input maxLength={60} autoComplete="name" data-testid="complaint-name" />
                </Form.Item>
                <Form.Item name="contactPhone" label={t('联系电话', 'Phone')} required
                  rules={[{ required: true, whitespace: true, message: t('实名投诉请留下联系电话；只愿匿名举报的请勾选“匿名举报”', 'Leave a phone number, or tick “report anonymously”') }, phoneRule(t)]}>
                  <Input maxLength={20} inputMode="tel" autoComplete="tel" data-testid="complaint-phone" placeholder={t('手机号码或带区号的固定电话', 'Mobile or landline with area code')} />
                </Form.Item>
                <Typography.Text type="secondary" style={{ fontSize: 12, gridColumn: phone ? undefined : '1 / span 2', marginTop: -8, marginBottom: 8 }}>
                  {t('您的姓名和电话仅用于核实情况和告知结果，依法保密，不会公开；进度查询页面中的姓名和电话已隐去。',
                    'Your name and phone are used only to check the facts and tell you the outcome, kept confidential and never published; the tracking page masks them.')}
                </Typography.Text>
              </div>
            )}
          </Card>
        </FilingFlow>
      </div>
    </MattersPortalLayout>
  );
}
