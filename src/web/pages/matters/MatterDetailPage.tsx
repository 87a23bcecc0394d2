// One matter: its state and clocks (each with its article; paused and extended clocks
// say so), the particulars, the reply, the next steps as buttons (a refused step
// disabled, its reason and article in the tooltip) each opening its form, the history,
// the documents to download (Word), the attached files (MatterFilesCard), reassignment with a reason, the penalty case opened
// from it and the other complaints about the same entity.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Timeline, Tooltip, Typography } from 'antd';
import { FileWordOutlined, SwapOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api, download } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClockTag } from '../licensing/parts';
import { FieldsModal, useMatterMeta } from './parts';
import { MatterFilesCard } from './MatterFilesCard';
import { EXTENSION_UNITS, PendingExtension, ReviewCard } from './ExtensionAndReview';
import { CoHandlersCard } from './CoHandlersCard';
import { SATISFACTION, type FieldSpec, type MatterDetail, type MatterKind, type MatterNextStep } from './types';
import { JUDGMENT_EFFECTS } from '../../../core/procedure/challenge';
import { SANCTION_LABELS, yuan } from '../discretion/types';

function penaltyInForceText(p: { sanctions: string[]; fineYuan: number }, t: ReturnType<typeof useT>): string {
  const kinds = p.sanctions.map((s) => t(...(SANCTION_LABELS[s] ?? [s, s]))).join('、');
  return p.fineYuan > 0 ? `${kinds}（${t('罚款', 'fine')} ${yuan(p.fineYuan)}）` : kinds;
}

/** Steps that end the matter or cannot be undone: confirmed before they are sent. */
const IRREVERSIBLE = new Set(['answer_on_spot', 'not_accept', 'answer', 'abandon', 'explain_withdrawn', 'refer', 'agreement', 'terminate', 'record_decision', 'record_judgment', 'close', 'callback', 'close_without_callback', 'open_case_lead', 'answer_re_review']);

const REASSIGN_FIELDS: FieldSpec[] = [
  { name: 'assigneeId', label: '承办人', type: 'user', required: true },
  { name: 'reason', label: '改派理由', type: 'textarea', required: true, max: 500 },
];

function StepsCard({ m, onStep }: { m: MatterDetail; onStep(s: MatterNextStep): void }) {
  const t = useT();
  const steps = m.nextSteps.filter((s) => s.mine || s.refusal);
  return (
    <Card size="small" title={t('下一步', 'Next steps')} style={{ marginBottom: 12 }} data-testid="matter-next-steps">
      {steps.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.final ? t('事项已办结', 'Concluded') : t('没有您可以办理的步骤', 'No step for you to take')} />
      ) : (
        <Space wrap>
          {steps.map((s) => {
            const button = (
              <Button type={s.allowed && s.primary ? 'primary' : 'default'} disabled={!s.allowed || !s.mine} onClick={() => onStep(s)}
                data-testid={`step-${s.id}`} data-allowed={s.allowed && s.mine}>{s.label}</Button>
            );
            const tip = s.refusal ? `${s.refusal.message}${s.refusal.citation ? `（${s.refusal.citation}）` : ''}` : s.citation;
            return tip ? <Tooltip key={s.id} title={tip}><span data-testid={s.refusal ? `refusal-${s.id}` : undefined}>{button}</span></Tooltip> : <span key={s.id}>{button}</span>;
          })}
        </Space>
      )}
    </Card>
  );
}

function particulars(m: MatterDetail, subtypes: Record<string, string>, outcomes: Record<string, string>, t: ReturnType<typeof useT>) {
  const d = m.details as Record<string, unknown>;
  const items = [
    { key: 'org', label: t('所属机构', 'Organisation'), children: m.orgName },
    m.subtype ? { key: 'st', label: t('类型', 'Type'), children: subtypes[m.subtype] ?? m.subtype } : null,
    m.role ? { key: 'role', label: t('办理方式', 'Role'), children: m.role === 'lead' ? t('主办', 'Lead') : t('协办', 'Co-handler') } : null,
    { key: 'who', label: t('当事人', 'Person'), children: <span data-testid="matter-contact">{m.anonymous ? t('匿名', 'Anonymous') : m.contactName ?? '—'}</span> },
    m.contactPhone ? { key: 'ph', label: t('联系电话', 'Phone'), children: m.contactPhone } : null,
    m.contactEmail ? { key: 'em', label: t('电子邮箱', 'Email'), children: m.contactEmail } : null,
    m.contactAddress ? { key: 'ad', label: t('地址', 'Address'), children: m.contactAddress } : null,
    m.entityName || d.entityName ? { key: 'en', label: t('涉及单位', 'Entity'), children: m.entityId ? <Link to={`/entities/${m.entityId}`}>{m.entityName}</Link> : String(d.entityName) } : null,
    m.handlerOrgName ? { key: 'ho', label: t('承办单位', 'Handling unit'), children: <span data-testid="matter-handler">{m.handlerOrgName}</span> } : null,
    { key: 'as', label: t('承办人', 'Assignee'), children: <span data-testid="matter-assignee">{m.assigneeName ?? '—'}</span> },
    m.leaderName ? { key: 'ld', label: t('责任领导', 'Responsible leader'), children: m.leaderName } : null,
    { key: 'rc', label: t('收到日期', 'Received'), children: m.receivedAt && m.kind === 'hotline' ? formatDateTime(m.receivedAt) : m.receivedOn },
    m.acceptedOn ? { key: 'ac', label: t('受理日期', 'Accepted'), children: m.acceptedOn } : null,
    { key: 'du', label: t('办理期限', 'Due'), children: <span data-testid="matter-due">{m.dueOn ?? '—'}{m.extended && <Tag color="purple" style={{ marginLeft: 6 }}>{t('已延期', 'Extended')}</Tag>}</span> },
    m.concludedOn ? { key: 'co', label: t('办结日期', 'Concluded'), children: m.concludedOn } : null,
    m.outcome ? { key: 'oc', label: t('结果', 'Outcome'), children: <span data-testid="matter-outcome">{outcomes[m.outcome] ?? m.outcome}</span> } : null,
    // What a judgment lost did, and the penalty an alteration left in force (the case's decision follows it).
    typeof d.judgmentEffect === 'string' ? { key: 'je', label: t('判决内容', 'Judgment'), children: JUDGMENT_EFFECTS[d.judgmentEffect as keyof typeof JUDGMENT_EFFECTS] ?? d.judgmentEffect } : null,
    d.penaltyInForce ? { key: 'pf', label: t('变更后的处罚', 'Penalty in force'), children: <span data-testid="matter-penalty-in-force">{penaltyInForceText(d.penaltyInForce as { sanctions: string[]; fineYuan: number }, t)}</span> } : null,
    m.hearingOn ? { key: 'he', label: t('开庭日期', 'Hearing'), children: `${m.hearingOn}（${m.headAppeared ? t('负责人出庭', 'head appeared') : t(`负责人未出庭：${String(d.appearedBy ?? '')}出庭`, 'head absent')}）` } : null,
    m.satisfaction ? { key: 'sa', label: t('满意度', 'Satisfaction'), children: SATISFACTION[m.satisfaction] ?? m.satisfaction } : null,
    m.grade ? { key: 'gr', label: t('办理结果类别', 'Grade'), children: `${m.grade}类` } : null,
    m.caseId ? { key: 'case', label: t('行政处罚案件', 'Penalty case'), children: <Link to={`/cases/${m.caseId}`} data-testid="matter-case-link">{m.caseNo}</Link> } : null,
    m.title ? { key: 'ti', label: t('标题', 'Title'), children: m.title, span: 'filled' as const } : null,
    m.summary ? { key: 'su', label: t('内容', 'Content'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{m.summary}</span>, span: 'filled' as const } : null,
  ];
  return items.filter((x): x is NonNullable<typeof x> => x !== null);
}

export function MatterDetailPage({ kind }: { kind: MatterKind }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const meta = useMatterMeta(kind);
  const key = ['matters', kind, 'detail', id];
  const detail = useQuery({ queryKey: key, queryFn: () => api.get<MatterDetail>(`/api/matters/${kind}/${id}`) });
  const [step, setStep] = useState<MatterNextStep | null>(null);
  const [reassigning, setReassigning] = useState(false);
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const m = detail.data;
  const refresh = (next: MatterDetail) => {
    qc.setQueryData(key, next);
    void qc.invalidateQueries({ queryKey: ['matters', kind, 'list'] });
    void qc.invalidateQueries({ queryKey: ['home', 'todos'] });
  };
  const d = m.details as Record<string, unknown>;
  return (
    <div>
      <PageHeader back={`/matters/${kind}`} title={<span data-testid="matter-no">{m.matterNo}</span>}
        subtitle={(
          <Space wrap>
            <Tag color={m.final ? 'default' : 'blue'} data-testid="matter-state" data-state={m.state}>{m.stateName}</Tag>
            <span>{m.kindName}</span>
            {m.source === 'portal' && <Tag color="cyan">{t('网上提交', 'Portal')}</Tag>}
            {m.repeatOfId && <Tag color="orange" data-testid="matter-repeat">{t('重复投诉', 'Repeated complaint')}</Tag>}
          </Space>
        )}
        extra={m.mayReassign ? <Button icon={<SwapOutlined />} onClick={() => setReassigning(true)} data-testid="matter-reassign">{t('改派承办人', 'Reassign')}</Button> : undefined} />
      {m.clocks.length > 0 && <Space wrap style={{ marginBottom: 12 }} data-testid="clocks">{m.clocks.map((k) => <ClockTag key={k.id} k={k} />)}</Space>}
      {m.pauses.length > 0 && (
        <Typography.Paragraph type="secondary" data-testid="matter-pauses">
          {t('不计入期限：', 'Not counted: ')}{m.pauses.map((p) => `${p.reason}（${p.from}起${p.to > p.from ? `至${p.to}` : '，进行中'}）`).join('；')}
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('基本情况', 'Particulars')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={particulars(m, meta?.subtypes ?? {}, meta?.outcomes ?? {}, t)} />
          </Card>
          {m.kind === 'proposal' && <CoHandlersCard m={m} onDone={refresh} />}
          {Boolean(m.reply || d.correctionNotice || d.legalBasis) && (
            <Card size="small" title={t('答复与告知', 'Replies and notices')} style={{ marginBottom: 12 }} data-testid="matter-reply">
              {typeof d.correctionNotice === 'string' && <Typography.Paragraph><Typography.Text strong>{t('补正告知：', 'Correction notice: ')}</Typography.Text>{d.correctionNotice}</Typography.Paragraph>}
              {m.reply && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.reply}</Typography.Paragraph>}
              {typeof d.legalBasis === 'string' && d.legalBasis && <Typography.Paragraph type="secondary">{t('理由和依据：', 'Grounds: ')}{d.legalBasis}</Typography.Paragraph>}
            </Card>
          )}
          <ReviewCard m={m} />
          <PendingExtension m={m} />
          {m.extensions.length > 0 && (
            <Card size="small" title={t('延长期限', 'Extensions')} style={{ marginBottom: 12 }} data-testid="matter-extensions">
              <List size="small" dataSource={m.extensions} renderItem={(e) => <List.Item>{t(`${e.on} ${e.approvedBy}批准延长${e.amount}${EXTENSION_UNITS[m.kind]?.[0] ?? ''}${e.requestedBy ? `（${e.requestedOn ?? ''} ${e.requestedBy}申请）` : ''}：${e.reason}`, `${e.on} extended by ${e.amount} ${EXTENSION_UNITS[m.kind]?.[1] ?? ''} (${e.approvedBy}): ${e.reason}`)}</List.Item>} />
            </Card>
          )}
          <Card size="small" title={t('办理记录', 'History')} style={{ marginBottom: 12 }} data-testid="matter-history">
            <Timeline items={m.events.map((e) => ({ children: <span><Typography.Text strong>{e.label}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(e.at)} {e.userName ?? t('申请人（网上）', 'Portal')}</Typography.Text>{typeof e.input.reason === 'string' && <div>{e.input.reason}</div>}</span> }))} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <StepsCard m={m} onStep={setStep} />
          {m.documents.length > 0 && (
            <Card size="small" title={t('文书', 'Documents')} style={{ marginBottom: 12 }} data-testid="matter-documents">
              <Space orientation="vertical">
                {m.documents.map((doc) => (
                  <Button key={doc.id} type="link" icon={<FileWordOutlined />} onClick={() => download(`/api/matters/${kind}/${id}/documents/${doc.id}`)} data-testid={`doc-${doc.id}`}>{doc.title}</Button>
                ))}
              </Space>
            </Card>
          )}
          <MatterFilesCard kind={kind} id={id} state={m.state} />
          {m.related.length > 0 && (
            <Card size="small" title={t('对同一单位的其他投诉举报', 'Other complaints about this entity')} style={{ marginBottom: 12 }} data-testid="matter-related">
              <List size="small" dataSource={m.related} renderItem={(r) => <List.Item><Link to={`/matters/${kind}/${r.id}`}>{r.matterNo}</Link><span>{r.receivedOn}</span><Tag>{r.stateName}</Tag></List.Item>} />
            </Card>
          )}
        </Col>
      </Row>
      {step && (
        <FieldsModal title={step.label} fields={step.fields} testId="step-form" onClose={() => setStep(null)}
          intro={step.citation ? t(`依据：${step.citation}`, `Basis: ${step.citation}`) : undefined}
          confirm={IRREVERSIBLE.has(step.id) ? t(`确定“${step.label}”？提交后不能撤回。`, `Confirm "${step.label}"? This cannot be undone.`) : undefined}
          onSubmit={async (input) => {
            const next = await api.post<MatterDetail>(`/api/matters/${kind}/${id}/steps/${step.id}`, { version: m.version, input });
            setStep(null); refresh(next); message.success(t('已办理', 'Done'));
          }} />
      )}
      {reassigning && (
        <FieldsModal title={t('改派承办人', 'Reassign')} fields={REASSIGN_FIELDS} testId="reassign-form" onClose={() => setReassigning(false)}
          onSubmit={async ({ assigneeId, reason }) => {
            const next = await api.post<MatterDetail>(`/api/matters/${kind}/${id}/reassign`, { version: m.version, assigneeId, reason });
            setReassigning(false); refresh(next); message.success(t('已改派', 'Reassigned'));
          }} />
      )}
    </div>
  );
}
