import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Spin, Tag, Timeline, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SANCTION_LABELS, yuan } from '../discretion/types';
import { StepModal } from './StepModal';
import { EvidenceCard } from './EvidenceCard';
import { PublicationCard } from './PublicationCard';
import { DocumentsCard } from './DocumentsCard';
import { PaymentCard } from './PaymentCard';
import { ExtensionButton, StatementButton } from './CaseActions';
import { CorrectionsNotice } from './CorrectionsNotice';
import { CASE_STATE_COLOURS, CASE_STATE_NAMES, type CaseDetail, type Clock, type NextStep, type Penalty } from './types';

const CLOCK_COLOURS: Record<Clock['colour'], string> = { green: 'green', amber: 'orange', red: 'red', stopped: 'default' };

function penaltyText(p: Penalty | null, t: Translate): string {
  if (!p) return '—';
  const kinds = p.sanctions.map((s) => t(...(SANCTION_LABELS[s] ?? [s, s]))).join('、') || t('不予处罚', 'No penalty');
  return p.fineYuan > 0 ? `${kinds}（${t('罚款', 'fine')} ${yuan(p.fineYuan)}）` : kinds;
}

function ClockTag({ k, t }: { k: Clock; t: Translate }) {
  const text = k.stoppedOn
    ? t(`${k.label}：${k.due}届满，${k.stoppedOn}完成`, `${k.label}: due ${k.due}, met ${k.stoppedOn}`)
    : k.daysLeft! >= 0 ? t(`${k.label}：${k.due}届满，剩${k.daysLeft}天`, `${k.label}: due ${k.due}, ${k.daysLeft} days left`)
      : t(`${k.label}：${k.due}届满，已超期${-k.daysLeft!}天`, `${k.label}: due ${k.due}, ${-k.daysLeft!} days overdue`);
  const extended = k.extendedFrom ? t(`（已延长，原${k.extendedFrom}届满）`, ` (extended from ${k.extendedFrom})`) : '';
  return (
    <Tooltip title={`${k.citation}${k.provisional ? t('（涉及的年份尚未加载节假日安排，结果为暂定）', ' (provisional)') : ''}`}>
      <Tag icon={<ClockCircleOutlined />} color={CLOCK_COLOURS[k.colour]} data-testid={`clock-${k.id}`} data-colour={k.colour}>{text}{extended}</Tag>
    </Tooltip>
  );
}

function StepsCard({ c, onStep, t }: { c: CaseDetail; onStep(s: NextStep): void; t: Translate }) {
  const mine = c.nextSteps.filter((s) => s.mine);
  const others = c.nextSteps.filter((s) => !s.mine);
  return (
    <Card size="small" title={t('下一步', 'Next steps')} style={{ marginBottom: 12 }} data-testid="next-steps">
      {c.nextSteps.length === 0 ? <Empty description={t('案件已办结', 'The case is finished')} /> : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {mine.map((s) => (
            <div key={s.id}>
              <Button type={s.allowed ? 'primary' : 'default'} disabled={!s.allowed} onClick={() => onStep(s)} data-testid={`step-${s.id}`}>{s.label}</Button>
              {s.refusal && <Typography.Text type="warning" style={{ marginLeft: 8 }} data-testid={`refusal-${s.id}`}>{s.refusal.message}{s.refusal.citation ? `（${s.refusal.citation}）` : ''}</Typography.Text>}
            </div>
          ))}
          {others.length > 0 && (
            <Typography.Text type="secondary">
              {t('由其他人员办理：', 'Taken by others: ')}{others.map((s) => s.label).join('、')}
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}

function RecusalButton({ c, onDone }: { c: CaseDetail; onDone(next: CaseDetail): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ inspectorId: number; reason: string }>();
  const active = c.caseInspectors.filter((i) => !i.recused);
  const submit = async (v: { inspectorId: number; reason: string }) => {
    try {
      onDone(await api.post<CaseDetail>(`/api/cases/${c.id}/recusals`, { version: c.version, ...v }));
      setOpen(false);
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} disabled={active.length === 0}>{t('回避', 'Recusal')}</Button>
      <Modal open={open} title={t('执法人员回避', 'Recusal')} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避（《中华人民共和国行政处罚法》第四十三条）。回避后须另行指派执法人员。', 'An inspector with a direct interest withdraws (art. 43).')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="inspectorId" label={t('回避人员', 'Inspector')} rules={[{ required: true, message: t('请选择', 'Choose one') }]}>
            <Select options={active.map((i) => ({ value: i.id, label: i.name }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('回避理由', 'Reason')} rules={[{ required: true, message: t('请填写回避理由', 'Enter the reason') }]}><Input.TextArea maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function CaseDetailPage() {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: ['case', id], queryFn: () => api.get<CaseDetail>(`/api/cases/${id}`) });
  const [step, setStep] = useState<NextStep | null>(null);
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Spin />;
  const c = detail.data;
  const refresh = (next: CaseDetail) => {
    qc.setQueryData(['case', id], next);
    void qc.invalidateQueries({ queryKey: ['cases'] });
  };
  const waive = () => modal.confirm({
    title: t('登记当事人书面放弃陈述、申辩？', 'Record a written waiver of the defence?'),
    content: t('请确认已收到当事人签字的书面声明。登记后可以不待陈述申辩期届满即作出决定。', 'Confirm the party signed a written waiver; the decision may then be taken before the period ends.'),
    onOk: async () => {
      try { refresh(await api.post<CaseDetail>(`/api/cases/${c.id}/defence-waiver`, { version: c.version, note: '当事人书面放弃陈述、申辩' })); } catch (err) { message.error(errorMessage(err, t)); }
    },
  });

  return (
    <div>
      <PageHeader back="/cases" title={<span data-testid="case-no">{c.caseNo}</span>}
        subtitle={<Space wrap><Tag color={CASE_STATE_COLOURS[c.state]} data-testid="case-state">{c.stateName}</Tag>{c.major && <Tag color="red">{t('重大执法决定', 'Major decision')}</Tag>}{c.collectiveRequired && <Tag color="gold">{t('须负责人集体讨论', 'Collective decision')}</Tag>}{c.hearingRight && <Tag color="orange">{t('应告知听证权利', 'Hearing right')}</Tag>}<span>{c.cause}</span></Space>}
        extra={<Space wrap>
          <StatementButton c={c} onDone={refresh} />
          {can('cases.handle') && c.state === 'notified' && <Button onClick={waive}>{t('当事人放弃陈述申辩', 'Defence waived')}</Button>}
          <ExtensionButton c={c} onDone={refresh} />
        </Space>} />
      {c.clocks.length > 0 && <Space wrap style={{ marginBottom: 12 }} data-testid="clocks">{c.clocks.map((k) => <ClockTag key={k.id} k={k} t={t} />)}</Space>}
      <CorrectionsNotice c={c} onDone={refresh} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('当事人与案情', 'Party and facts')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'n', label: t('当事人', 'Party'), children: c.party.name },
              { key: 'k', label: t('代码/证件号', 'Code'), children: c.party.code ?? '—' },
              { key: 'l', label: t('法定代表人', 'Representative'), children: c.party.legalRep ?? '—' },
              { key: 'a', label: t('地址', 'Address'), children: c.party.address },
              { key: 's', label: t('案件来源', 'Source'), children: c.sourceName },
              { key: 'o', label: t('办案机构', 'Organisation'), children: c.orgName },
              { key: 'd', label: t('发现/立案', 'Found / filed'), children: `${c.leadOn} / ${c.filedOn ?? '—'}` },
              { key: 'p', label: t('处罚依据', 'Provision'), children: c.provisionCode ?? '—' },
              { key: 'pr', label: t('拟处罚', 'Intended'), children: penaltyText(c.proposed, t) },
              { key: 'no', label: t('已告知', 'Notified'), children: penaltyText(c.notified, t) },
              { key: 'de', label: t('处罚决定', 'Decision'), children: c.decided ? `${penaltyText(c.decided, t)} · ${c.decided.on}` : '—', span: 'filled' },
              { key: 'f', label: t('违法事实', 'Facts'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.facts ?? '—'}</span>, span: 'filled' },
            ]} />
          </Card>
          <EvidenceCard caseId={c.id} caseState={c.state} />
          <Card size="small" title={t('全过程记录', 'Record of the whole procedure')} data-testid="events">
            <Timeline items={c.events.map((e) => ({
              key: e.id,
              content: <span><b>{e.label}</b> · {CASE_STATE_NAMES[e.toState] ?? e.toState} · {e.user ?? t('系统', 'system')} · {formatDateTime(e.at)}
                {typeof e.input?.opinion === 'string' || typeof e.input?.reason === 'string' ? <Typography.Text type="secondary"> · {String(e.input.opinion ?? e.input.reason)}</Typography.Text> : null}
                {typeof e.input?.outcomeName === 'string' ? <Typography.Text type="secondary" data-testid="event-outcome"> · {String(e.input.matterNo)}：{e.input.outcomeName}{typeof e.input.correctionName === 'string' && e.input.correctionName !== e.input.outcomeName ? `（${e.input.correctionName}）` : ''}{typeof e.input.citation === 'string' ? `（${e.input.citation}）` : ''}</Typography.Text> : null}
                {e.step === 'correction_follow_up' ? <Typography.Text type="secondary"> · {String(e.input.matterNo)}：{String(e.input.note)}</Typography.Text> : null}
                {e.step === 'record_statement' ? <Typography.Text type="secondary"> · {String(e.input.statement)} · {e.input.adopted ? t('采纳', 'adopted') : t('不予采纳', 'not adopted')}：{String(e.input.reasons)}</Typography.Text> : null}</span>,
            }))} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <StepsCard c={c} onStep={setStep} t={t} />
          <Card size="small" title={t('承办执法人员', 'Inspectors')} extra={can('cases.handle') && c.nextSteps.length > 0 && !['closed', 'archived'].includes(c.state) && <RecusalButton c={c} onDone={refresh} />}>
            {c.caseInspectors.length === 0 ? <Typography.Text type="secondary">{t('立案时指派（不少于两人）', 'Assigned on filing (at least two)')}</Typography.Text> : c.caseInspectors.map((i) => (
              <div key={i.id}>
                {i.name} {i.certificateNo && <Typography.Text type="secondary">{i.certificateNo}</Typography.Text>}{' '}
                {i.recused ? <Tag>{t('已回避', 'Recused')}</Tag> : i.canEnforce ? <Tag color="green">{t('证件有效', 'Valid')}</Tag> : <Tag color="red">{i.reason}</Tag>}
              </div>
            ))}
          </Card>
          <PaymentCard c={c} />
          <DocumentsCard caseId={c.id} version={c.version} />
          <PublicationCard c={c} onDone={refresh} />
          {c.state === 'lead' && <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('立案须经负责人批准，并指派两名以上持有效执法证件的执法人员。', 'Filing needs a head’s approval and two inspectors with valid certificates.')} />}
        </Col>
      </Row>
      {step && <StepModal step={step} c={c} onClose={() => setStep(null)} onDone={(next) => { setStep(null); refresh(next); message.success(t('已办理', 'Done')); }} />}
    </div>
  );
}
