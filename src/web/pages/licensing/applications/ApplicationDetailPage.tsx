// 办件详情: one application with its state and clocks (the correction notice, the
// decision, the publication; tagged 即办 and 容缺逾期), the applicant, the materials as
// provided, the materials owed under 容缺受理 (with the agreed date, red once past), the
// correction notice, the decision, the licence issued, the commitment check and the
// other applications of its bundle, the notices sent to the applicant (tracking code,
// correction, acceptance, decision: applicantNotices.ts); the next steps as buttons
// (a refused step disabled, its reason in the tooltip), each opening its form. Each
// material lists its files (uploaded by the applicant on the portal or at the window),
// with preview and download (audited), and the window attaches more while the
// application is open (a file provides a material still missing).
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useServerToday } from '../../../lib/queries';
import { CHANNELS, type ApplicationDetail, type NextStep } from '../types';
import { ApplicationStateTag, CheckStateTag, ClockTag, ProvisionTag } from '../parts';
import { StepModal } from './StepModal';
import { FileList, MAX_FILES_PER_MATERIAL, UploadFileButton } from '../materialFiles';

/** Steps refused only because the item is of the other kind (a filing, a licence): not shown at all. */
const NOT_THIS_KIND = new Set(['FILING_ITEM', 'LICENCE_ITEM']);

function StepsCard({ a, onStep }: { a: ApplicationDetail; onStep(s: NextStep, recheck?: boolean): void }) {
  const t = useT();
  const steps = a.nextSteps.filter((s) => !(s.refusal && NOT_THIS_KIND.has(s.refusal.code)));
  const accept = steps.find((s) => s.id === 'accept');
  return (
    <Card size="small" title={t('下一步', 'Next steps')} style={{ marginBottom: 12 }} data-testid="app-next-steps">
      {steps.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={a.outcome || a.state === 'not_accepted' ? t('办件已办结', 'The application is concluded') : t('没有您可以办理的步骤', 'No step for you to take')} />
      ) : (
        <Space wrap>
          {steps.map((s) => {
            const danger = ['refuse', 'not_accept', 'withdraw'].includes(s.id);
            const button = (
              <Button type={s.allowed && !danger ? 'primary' : 'default'} danger={danger} disabled={!s.allowed} onClick={() => onStep(s)}
                data-testid={`app-step-${s.id}`} data-allowed={s.allowed}>{s.label}</Button>
            );
            return s.refusal
              ? <Tooltip key={s.id} title={`${s.refusal.message}${s.refusal.citation ? `（${s.refusal.citation}）` : ''}`}><span data-testid={`app-refusal-${s.id}`}>{button}</span></Tooltip>
              : <span key={s.id}>{button}</span>;
          })}
        </Space>
      )}
      {accept && !accept.allowed && accept.refusal?.code === 'MATERIALS_MISSING' && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('窗口已收到所缺材料的，可', 'If the window has received what was missing, ')}</Typography.Text>
          <Button type="link" size="small" onClick={() => onStep({ ...accept, allowed: true }, true)} data-testid="app-step-accept-recheck">{t('核对材料后受理', 're-check the materials and accept')}</Button>
        </div>
      )}
    </Card>
  );
}

const NOTICE_CHANNELS: Record<string, [string, string]> = { sms: ['短信', 'SMS'], email: ['电子邮件', 'E-mail'], console: ['控制台', 'Console'] };

export function ApplicationDetailPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const today = useServerToday().data;
  const detail = useQuery({ queryKey: ['licensing', 'application', id], queryFn: () => api.get<ApplicationDetail>(`/api/licensing/applications/${id}`) });
  const [step, setStep] = useState<{ step: NextStep; recheck: boolean } | null>(null);
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const a = detail.data;
  const refresh = (next: ApplicationDetail) => {
    qc.setQueryData(['licensing', 'application', id], next);
    void qc.invalidateQueries({ queryKey: ['licensing', 'applications'] });
    void qc.invalidateQueries({ queryKey: ['home', 'todos'] });
  };
  const channel = CHANNELS.find(([c]) => c === a.channel);
  const yes = (b: boolean) => (b ? t('是', 'Yes') : t('否', 'No'));

  return (
    <div>
      <PageHeader back="/licensing/applications" title={<span data-testid="app-no">{a.applicationNo}</span>}
        subtitle={(
          <Space wrap>
            <ApplicationStateTag state={a.state} testId="app-state" />
            {a.overdue && <Tag color="red">{t('超过承诺办结时限', 'Past the promised limit')}</Tag>}
            {a.commitment && <Tag color="purple">{t('告知承诺', 'Commitment')}</Tag>}
            {a.deficiencyAccepted && <Tag color="gold">{t('容缺受理', 'Accepted with deficiency')}</Tag>}
            {a.owedOverdue && <Tag color="red" data-testid="application-owed-overdue">{t('容缺逾期', 'Owed materials overdue')}</Tag>}
            {a.instant && <Tag color="green" data-testid="application-instant">{t('即办', 'Concluded on the day of acceptance')}</Tag>}
            {a.proofFree && <Tag color="green">{t('无证明办理', 'Proof-free')}</Tag>}
            {a.eLicenceReused && <Tag color="cyan">{t('电子证照复用', 'E-licence reused')}</Tag>}
            <span>{a.itemCode} {a.itemName}</span>
          </Space>
        )} />
      {a.clocks.length > 0 && <Space wrap style={{ marginBottom: 12 }} data-testid="clocks">{a.clocks.map((k) => <ClockTag key={k.id} k={k} />)}</Space>}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('申请信息', 'Application')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'ap', label: t('申请人', 'Applicant'), children: <span data-testid="app-applicant">{a.applicantName}</span> },
              { key: 'us', label: t('统一社会信用代码', 'Credit code'), children: a.applicantUscc ?? '—' },
              { key: 'ph', label: t('联系电话', 'Phone'), children: a.contactPhone ?? '—' },
              { key: 'em', label: t('电子邮箱', 'Email'), children: a.contactEmail ?? '—' },
              { key: 'ad', label: t('地址', 'Address'), children: a.address ?? '—', span: 'filled' },
              { key: 'sc', label: t('申请的许可范围', 'Scope applied for'), children: a.scope ?? '—', span: 'filled' },
              { key: 'it', label: t('事项', 'Item'), children: `${a.itemCode} ${a.itemName}（${t(`第${a.itemVersion}版`, `version ${a.itemVersion}`)}）`, span: 'filled' },
              { key: 'lim', label: t('办结时限', 'Time limits'), children: t(`承诺${a.promisedDays}个工作日，法定${a.statutoryDays}个工作日`, `${a.promisedDays} working days promised, ${a.statutoryDays} statutory`) },
              { key: 'org', label: t('办理机构', 'Organisation'), children: a.orgName },
              { key: 'ch', label: t('申请渠道', 'Channel'), children: channel ? t(channel[1], channel[2]) : a.channelName },
              { key: 'tc', label: t('查询码', 'Tracking code'), children: <Typography.Text copyable style={{ fontFamily: 'monospace' }} data-testid="app-tracking-code">{a.trackingCode}</Typography.Text> },
              { key: 'rc', label: t('收件日期', 'Received'), children: a.receivedOn },
              { key: 'ac', label: t('受理日期', 'Accepted'), children: a.acceptedOn ?? '—' },
              {
                key: 'du', label: t('承诺办结日期', 'Due'),
                children: a.dueOn ? <Typography.Text type={a.overdue ? 'danger' : undefined} strong={a.overdue}>{a.dueOn}</Typography.Text> : '—',
              },
              { key: 'co', label: t('办结日期', 'Concluded'), children: a.concludedOn ?? '—' },
              { key: 'cm', label: t('告知承诺', 'Commitment'), children: yes(a.commitment) },
              ...(a.bundleNo ? [{ key: 'bn', label: t('“一件事”套餐', 'Bundle'), children: a.bundleNo }] : []),
            ]} />
          </Card>

          <Card size="small" title={t('申请材料', 'Materials')} style={{ marginBottom: 12 }}>
            <Table rowKey="code" size="small" pagination={false} dataSource={a.materials} data-testid="app-materials"
              columns={[
                { title: t('材料', 'Material'), dataIndex: 'name', render: (name: string, m) => <span>{name} {m.required ? <Tag color="red" variant="outlined">{t('必交', 'Required')}</Tag> : <Tag>{t('选交', 'Optional')}</Tag>}</span> },
                { title: t('提交情况', 'How provided'), dataIndex: 'provision', width: 200, render: (_: string, m) => <span data-testid={`app-material-${m.code}`}><ProvisionTag provision={m.provision} licenceNo={m.licenceNo} /></span> },
                {
                  title: t('电子文件', 'Files'), key: 'files', width: 340,
                  render: (_: unknown, m) => {
                    const files = a.files.filter((f) => f.materialCode === m.code);
                    return (
                      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                        {files.length === 0 && !a.canAddFiles && <Typography.Text type="secondary">—</Typography.Text>}
                        <FileList files={files} testid={`app-files-${m.code}`}
                          contentUrl={(fileId, disposition) => `/api/licensing/applications/${a.id}/files/${fileId}?disposition=${disposition}`} />
                        {a.canAddFiles && (
                          <UploadFileButton url={`/api/licensing/applications/${a.id}/files`} fields={{ materialCode: m.code }}
                            disabled={files.length >= MAX_FILES_PER_MATERIAL} testid={`app-upload-${m.code}`}
                            onDone={() => { void qc.invalidateQueries({ queryKey: ['licensing', 'application', id] }); }} />
                        )}
                      </Space>
                    );
                  },
                },
              ]} />
          </Card>

          {(a.deficiencyAccepted || a.owed.length > 0) && (
            <Card size="small" title={t('容缺材料', 'Materials outstanding (容缺)')} style={{ marginBottom: 12 }}
              extra={a.deficiencyClearedOn ? <Tag color="green">{t(`${a.deficiencyClearedOn}已全部补齐`, `All supplied ${a.deficiencyClearedOn}`)}</Tag> : null}>
              {a.deficiencyDueOn && (
                <div style={{ marginBottom: 8 }} data-testid="app-owed-due">
                  <Typography.Text type={a.owedOverdue ? 'danger' : undefined} strong={a.owedOverdue}>
                    {a.owedOverdue
                      ? t(`约定补正期限 ${a.deficiencyDueOn}，已逾期`, `Agreed date ${a.deficiencyDueOn}, passed`)
                      : t(`约定补正期限 ${a.deficiencyDueOn}`, `Agreed date ${a.deficiencyDueOn}`)}
                  </Typography.Text>
                </div>
              )}
              <Table rowKey="name" size="small" pagination={false} dataSource={a.owed} data-testid="app-owed"
                columns={[
                  { title: t('材料', 'Material'), dataIndex: 'name' },
                  {
                    title: t('补齐期限', 'Due on'), dataIndex: 'dueOn', width: 130,
                    render: (due: string, o) => <Typography.Text type={!o.suppliedOn && today && due < today ? 'danger' : undefined}>{due}</Typography.Text>,
                  },
                  {
                    title: t('补齐日期', 'Supplied on'), dataIndex: 'suppliedOn', width: 140,
                    render: (d: string | null | undefined, _o, i) => <span data-testid={`owed-supplied-${i}`}>{d ? <Tag color="green">{d}</Tag> : <Tag color="orange">{t('未补齐', 'Outstanding')}</Tag>}</span>,
                  },
                ]} />
            </Card>
          )}

          {a.correctionNotice && (
            <Card size="small" title={t('一次性告知补正', 'Correction notice')} style={{ marginBottom: 12 }} data-testid="app-correction">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.correctionNotice}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {t(`告知日期：${a.correctionRequestedOn ?? '—'}`, `Notified ${a.correctionRequestedOn ?? '—'}`)}
                {a.correctedOn ? t(`；申请人${a.correctedOn}补正`, `; corrected ${a.correctedOn}`) : t('；等待申请人补正', '; awaiting the correction')}
              </Typography.Text>
            </Card>
          )}

          {(a.notAcceptedReason || a.outcome) && (
            <Card size="small" title={t('办理结果', 'Outcome')} style={{ marginBottom: 12 }} data-testid="app-decision">
              <Descriptions size="small" column={1} items={[
                ...(a.notAcceptedReason ? [{ key: 'na', label: t('不予受理的理由', 'Not accepted because'), children: a.notAcceptedReason }] : []),
                ...(a.outcome ? [{ key: 'o', label: t('决定', 'Decision'), children: <ApplicationStateTag state={a.state} /> }] : []),
                ...(a.decisionReason ? [{ key: 'r', label: a.outcome === 'withdrawn' ? t('撤回情况', 'Withdrawal') : t('理由', 'Reasons'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.decisionReason}</span> }] : []),
                ...(a.remedies ? [{ key: 'rm', label: t('救济途径', 'Remedies'), children: a.remedies }] : []),
                ...(a.licenceNo ? [{ key: 'l', label: t('电子证照', 'E-licence'), children: <Link to={`/licensing/licences/${a.licenceId}`} data-testid="app-licence-link">{a.licenceNo}</Link> }] : []),
                ...(a.publishedOn ? [{ key: 'p', label: t('公示', 'Published'), children: t(`${a.publishedOn}已在门户网站公示`, `Published ${a.publishedOn}`) }] : []),
                ...(a.rating ? [{ key: 'ra', label: t('申请人评价', 'Rating'), children: `${'★'.repeat(a.rating)}${a.ratingComment ? ` ${a.ratingComment}` : ''}` }] : []),
              ]} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <StepsCard a={a} onStep={(s, recheck = false) => setStep({ step: s, recheck })} />
          {a.check && (
            <Card size="small" title={t('告知承诺（备案）核查', 'Commitment check')} style={{ marginBottom: 12 }} data-testid="app-check"
              extra={<Link to="/licensing/checks">{t('核查任务', 'Checks')}</Link>}>
              <Space orientation="vertical" size={4}>
                <span><CheckStateTag state={a.check.state as 'open'} /> {t(`核查期限 ${a.check.dueOn}`, `Due ${a.check.dueOn}`)}</span>
                {a.check.checkedOn && <Typography.Text type="secondary">{a.check.checkedOn}：{a.check.finding}</Typography.Text>}
              </Space>
            </Card>
          )}
          {a.bundle.length > 0 && (
            <Card size="small" title={t('同一“一件事”套餐的其他办件', 'Other applications of the bundle')} style={{ marginBottom: 12 }} data-testid="app-bundle">
              <List size="small" dataSource={a.bundle} renderItem={(b) => (
                <List.Item><Link to={`/licensing/applications/${b.id}`}>{b.applicationNo}</Link><span>{b.itemName}</span><Tag>{b.stateName}</Tag></List.Item>
              )} />
            </Card>
          )}
          <Card size="small" title={t('发给申请人的通知', 'Notices to the applicant')} style={{ marginBottom: 12 }} data-testid="app-notices">
            {a.notices.length === 0
              ? <Typography.Text type="secondary">{a.contactPhone || a.contactEmail ? t('尚未发送通知', 'None sent yet') : t('申请人未留联系方式，无法发送通知', 'No contact given: nothing can be sent')}</Typography.Text>
              : <List size="small" dataSource={a.notices} renderItem={(n) => (
                <List.Item data-testid={`app-notice-${n.id}`} data-kind={n.kind} data-status={n.status}>
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <Space wrap size={[8, 0]}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.sentAt.slice(0, 16).replace('T', ' ')}</Typography.Text>
                      <Tag>{n.kindName}</Tag>
                      <span>{NOTICE_CHANNELS[n.channel] ? t(...NOTICE_CHANNELS[n.channel]) : n.channel} → {n.recipient}</span>
                      {n.status === 'sent' ? <Tag color="green">{t('已发送', 'Sent')}</Tag> : <Tag color="red">{t('发送失败', 'Failed')}{n.error ? `：${n.error}` : ''}</Tag>}
                    </Space>
                    <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }} ellipsis={{ rows: 2, expandable: true, symbol: t('展开', 'more') }}>{n.message}</Typography.Paragraph>
                  </Space>
                </List.Item>
              )} />}
          </Card>
        </Col>
      </Row>
      {step && (
        <StepModal step={step.step} recheck={step.recheck} a={a} onClose={() => setStep(null)}
          onDone={(next) => { setStep(null); refresh(next); message.success(t('已办理', 'Done')); }} />
      )}
    </div>
  );
}
