// The entity page's 信用与风险 card: the credit grade, risk class and priority-supervision
// list as the rules give them (modules/credit), every reason with its citation and the
// records it cites (a penalty decision opens its case), the manual override (set, lift)
// and its history, credit repairs (request for one penalty decision; a leader approves on
// 信用修复审批) and recompute. What the evaluation assumes for want of records is said.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, App, Button, Card, Collapse, DatePicker, Descriptions, Empty, Flex, Form, Input, List, Modal, Select, Skeleton, Space, Table, Tag,
  Tooltip, Typography,
} from 'antd';
import { CalculatorOutlined, EditOutlined, SafetyOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage, formatDateTime, formatNumber } from '../../lib/format';
import { useServerToday } from '../../lib/queries';
import { CREDIT_GRADE_LABELS, RISK_CLASS_LABELS, optionsOf } from '../../lib/labels';
import { BlacklistTag, CreditTag, RiskTag } from '../../components/Tags';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  REPAIR_STATE_COLORS, SEVERITY_COLORS, aspectLabel, repairStateLabel,
  type CreditDetail, type CreditOverride, type CreditReason, type CreditRepair, type PenaltyRecord, type RecordRef,
} from '../credit/types';

/** DELETE with a JSON body (the reason for lifting): lib/api's delete sends none. */
async function deleteWithBody<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'DELETE', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (json as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? `请求失败（${res.status}）`, err?.details);
  }
  return json as T;
}

const period = (since: string | null, until: string | null, t: Translate) =>
  `${since ? t(`自${since}`, `from ${since}`) : t('自有记录以来', 'since the first record')}${until ? t(`至${until}`, ` to ${until}`) : t('起', ' onwards')}`;

function RecordLink({ r }: { r: RecordRef }) {
  const { can } = useAuth();
  if (r.kind === 'penalty' && r.id !== undefined && can('cases.read')) return <Link to={`/cases/${r.id}`} data-testid="credit-record-case">{r.label}</Link>;
  if (r.kind === 'inspection' && r.ref && can('inspections.read')) return <Link to={`/inspections/visits?q=${encodeURIComponent(r.ref)}`}>{r.label}</Link>;
  return <span>{r.label}</span>;
}

function ReasonItem({ r }: { r: CreditReason }) {
  const t = useT();
  const colour = { grade: 'blue', risk: 'purple', blacklist: 'red', override: 'gold' }[r.aspect] ?? 'default';
  // The sentence holds the records after the colon; they are shown below as links instead.
  const sentence = r.records.length ? r.text.slice(0, r.text.length - r.records.map((x) => x.label).join('；').length - 1) : r.text;
  return (
    <List.Item data-testid="credit-reason" data-rule={r.ruleId}>
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <span>
          <Tag color={colour}>{aspectLabel(r.aspect, t)}</Tag>
          <Typography.Text type={r.decisive ? undefined : 'secondary'}>{sentence}</Typography.Text>
          {!r.decisive && <Tag style={{ marginLeft: 8 }}>{t('未起决定作用', 'Outweighed')}</Tag>}
        </span>
        {r.records.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {r.records.map((x, i) => <li key={`${x.kind}-${x.id ?? i}`}><RecordLink r={x} /></li>)}
          </ul>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('依据', 'Basis')}：{r.citation}{r.localDefault && <Tag style={{ marginLeft: 6 }} color="default">{t('本地默认', 'Local default')}</Tag>}
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

interface OverrideForm { grade?: string; riskClass?: string; reason: string; range: [Dayjs, Dayjs] }

function OverrideModal({ open, detail, onClose, onDone }: { open: boolean; detail: CreditDetail; onClose(): void; onDone(d: CreditDetail): void }) {
  const t = useT();
  const today = useServerToday();
  const [form] = Form.useForm<OverrideForm>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const { overrideMaxMonths: months, overrideMinReasonLength: minLength } = detail.limits;
  const start = today.data ? dayjs(today.data) : dayjs();
  const submit = async (v: OverrideForm) => {
    setSaving(true);
    setError(undefined);
    try {
      onDone(await api.put<CreditDetail>(`/api/credit/entities/${detail.entity.id}/override`, {
        grade: v.grade ?? null, riskClass: v.riskClass ?? null, reason: v.reason ?? '',
        from: v.range?.[0]?.format('YYYY-MM-DD') ?? '', until: v.range?.[1]?.format('YYYY-MM-DD') ?? '',
      }));
      form.resetFields();
    } catch (err) { setError(err); } finally { setSaving(false); }
  };
  return (
    <Modal open={open} title={t('人工调整信用等级或风险等级', 'Override the grade or risk class')} onCancel={onClose} onOk={() => form.submit()}
      okText={t('保存调整', 'Save')} confirmLoading={saving} destroyOnHidden data-testid="credit-override-modal">
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title={t(`人工调整须说明理由（不少于${minLength}个字），期限最长${months}个月，到期后恢复按规则评价；按规则计算的结果和理由仍然保留。`,
          `Give a reason (at least ${minLength} characters); at most ${months} months, then the computed values apply again. The computed values and reasons are kept.`)} />
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ range: [start, start.add(months, 'month').subtract(1, 'day')] }}>
        <Flex gap={12}>
          <Form.Item name="grade" label={t('调整后的信用等级', 'Grade')} style={{ flex: 1 }}>
            <Select allowClear placeholder={t('不调整', 'Unchanged')} options={optionsOf(CREDIT_GRADE_LABELS, t)} data-testid="credit-override-grade" />
          </Form.Item>
          <Form.Item name="riskClass" label={t('调整后的风险等级', 'Risk class')} style={{ flex: 1 }}>
            <Select allowClear placeholder={t('不调整', 'Unchanged')} options={optionsOf(RISK_CLASS_LABELS, t)} data-testid="credit-override-risk" />
          </Form.Item>
        </Flex>
        <Form.Item name="range" label={t('调整期限（起止日期）', 'From and until')} rules={[{ required: true, message: t('请选择调整期限', 'Choose the period') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} allowClear={false} data-testid="credit-override-range"
            disabledDate={(d) => d.isBefore(start, 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('理由', 'Reason')} rules={[{ required: true, message: t('请填写调整理由', 'Enter the reason') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="credit-override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LiftModal({ open, entityId, override, onClose, onDone }: { open: boolean; entityId: number; override: CreditOverride | null; onClose(): void; onDone(d: CreditDetail): void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal open={open} title={t('撤销人工调整', 'Lift the override')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ danger: true }}
      okText={t('确认撤销', 'Lift')} confirmLoading={saving} destroyOnHidden data-testid="credit-lift-modal">
      <Typography.Paragraph>
        {t('撤销后立即恢复按规则评价的信用等级和风险等级。确认撤销以下调整？', 'The computed grade and class apply again at once. Lift this override?')}
      </Typography.Paragraph>
      {override && <Typography.Paragraph type="secondary">{override.reason}（{override.by}，{override.from}—{override.until}）</Typography.Paragraph>}
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={async (v) => {
        setSaving(true);
        setError(undefined);
        try { onDone(await deleteWithBody<CreditDetail>(`/api/credit/entities/${entityId}/override`, v)); } catch (err) { setError(err); } finally { setSaving(false); }
      }}>
        <Form.Item name="reason" label={t('撤销理由', 'Reason')} rules={[{ required: true, message: t('请填写撤销理由', 'Enter the reason') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="credit-lift-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RepairModal({ open, detail, onClose, onDone }: { open: boolean; detail: CreditDetail; onClose(): void; onDone(d: CreditDetail): void }) {
  const t = useT();
  const [form] = Form.useForm<{ caseId: number; reason: string }>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const options = detail.penalties.map((p) => ({
    value: p.caseId, disabled: !p.repairable,
    label: `${p.caseNo}（${p.decidedOn}，${p.severityName}违法，${p.sanctionNames.join('、')}）${p.repairable ? '' : `——${p.notRepairableReason}`}`,
  }));
  return (
    <Modal open={open} title={t('申请信用修复', 'Request credit repair')} onCancel={onClose} onOk={() => form.submit()} okText={t('提交申请', 'Submit')}
      confirmLoading={saving} destroyOnHidden data-testid="credit-repair-modal">
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title={t('最短公示期届满后，当事人已纠正失信行为、履行法定义务的，可申请信用修复；经领导批准后，该处罚决定自批准之日起不再影响信用等级和重点监管名单，仍在公示的同时撤下公示。',
          'After the minimum publication period, once the party has corrected the conduct, repair may be requested; once a leader approves, the decision no longer counts from that day and its publication is withdrawn.')} />
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={async (v) => {
        setSaving(true);
        setError(undefined);
        try { onDone(await api.post<CreditDetail>(`/api/credit/entities/${detail.entity.id}/repairs`, v)); form.resetFields(); } catch (err) { setError(err); } finally { setSaving(false); }
      }}>
        <Form.Item name="caseId" label={t('行政处罚决定', 'Penalty decision')} rules={[{ required: true, message: t('请选择行政处罚决定', 'Choose a decision') }]}>
          <Select options={options} placeholder={t('选择要修复的行政处罚记录', 'Choose the decision')} data-testid="credit-repair-case" popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item name="reason" label={t('申请理由（纠正失信行为、履行义务的情况）', 'Reason')} rules={[{ required: true, message: t('请填写申请理由', 'Enter the reason') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="credit-repair-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CreditCard({ entityId }: { entityId: number }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'override' | 'lift' | 'repair' | null>(null);
  const [recomputing, setRecomputing] = useState(false);
  const credit = useQuery({ queryKey: ['credit', String(entityId)], queryFn: () => api.get<CreditDetail>(`/api/credit/entities/${entityId}`) });
  const manage = can('credit.manage');

  const done = (d: CreditDetail, note?: string) => {
    qc.setQueryData(['credit', String(entityId)], d);
    // The entity's tags on the page above show the stored values too.
    void qc.invalidateQueries({ queryKey: ['entity', String(entityId)] });
    setDialog(null);
    if (note) message.success(note);
  };
  const recompute = async () => {
    setRecomputing(true);
    try { done(await api.post<CreditDetail>(`/api/credit/entities/${entityId}/recompute`), t('已按规则重新计算', 'Recomputed')); } catch (err) { message.error(errorMessage(err, t)); } finally { setRecomputing(false); }
  };

  const title = <span><SafetyOutlined style={{ marginRight: 8 }} />{t('信用与风险', 'Credit and risk')}</span>;
  if (credit.isLoading) return <Card title={title} style={{ marginBottom: 16 }}><Skeleton active /></Card>;
  if (credit.error || !credit.data) return <Card title={title} style={{ marginBottom: 16 }}><ErrorAlert error={credit.error} onRetry={() => credit.refetch()} /></Card>;
  const d = credit.data;
  const ev = d.evaluation;
  const o = d.override;

  const extra = manage && (
    <Space wrap>
      <Button icon={<CalculatorOutlined />} loading={recomputing} onClick={recompute} data-testid="credit-recompute">{t('重新计算', 'Recompute')}</Button>
      <Button icon={<EditOutlined />} onClick={() => setDialog('override')} disabled={!ev} data-testid="credit-override">{t('人工调整', 'Override')}</Button>
      <Button onClick={() => setDialog('repair')} disabled={!d.penalties.some((p) => p.repairable)} data-testid="credit-repair">{t('申请信用修复', 'Request repair')}</Button>
    </Space>
  );

  const repairColumns: ColumnsType<CreditRepair> = [
    { title: t('行政处罚决定', 'Decision'), dataIndex: 'caseNo', render: (no: string, r) => (can('cases.read') ? <Link to={`/cases/${r.caseId}`}>{no}</Link> : no) },
    { title: t('状态', 'State'), dataIndex: 'state', width: 100, render: (s: CreditRepair['state']) => <Tag color={REPAIR_STATE_COLORS[s]}>{repairStateLabel(s, t)}</Tag> },
    { title: t('申请理由', 'Reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('申请', 'Requested'), key: 'req', width: 170, render: (_, r) => <span>{r.requestedBy}<br /><Typography.Text type="secondary">{formatDateTime(r.requestedAt)}</Typography.Text></span> },
    {
      title: t('审批', 'Decision'), key: 'dec',
      render: (_, r) => (r.state === 'pending' ? <Typography.Text type="secondary">{t('待领导审批', 'Awaiting a leader')}</Typography.Text> : (
        <span>{r.decidedBy}（{r.decidedOn}）：{r.opinion}{r.publicationWithdrawn && <Tag style={{ marginLeft: 6 }}>{t('已撤下公示', 'Publication withdrawn')}</Tag>}</span>
      )),
    },
  ];
  const penaltyColumns: ColumnsType<PenaltyRecord> = [
    { title: t('行政处罚决定', 'Decision'), dataIndex: 'caseNo', render: (no: string, p) => (can('cases.read') ? <Link to={`/cases/${p.caseId}`}>{no}</Link> : no) },
    { title: t('决定日期', 'Decided'), dataIndex: 'decidedOn', width: 110 },
    {
      title: t('违法程度', 'Severity'), dataIndex: 'severity', width: 130,
      render: (s: PenaltyRecord['severity'], p) => (
        <Tooltip title={p.severitySource === 'publication' ? t('公示时认定', 'As judged at publication') : t('未经公示认定，按处罚种类和罚款数额推定', 'Not judged at publication: derived from the sanctions and the fine')}>
          <Tag color={SEVERITY_COLORS[s]}>{p.severityName}{p.severitySource === 'derived' ? t('（推定）', ' (derived)') : ''}</Tag>
        </Tooltip>
      ),
    },
    { title: t('处罚', 'Penalty'), key: 'p', render: (_, p) => `${p.sanctionNames.join('、')}${p.fineYuan > 0 ? t(`（罚款${formatNumber(p.fineYuan)}元）`, ` (fine ${formatNumber(p.fineYuan)} yuan)`) : ''}` },
    {
      title: t('信用修复', 'Repair'), key: 'r', width: 200,
      render: (_, p) => (p.repairedOn ? <Tag color="green">{t(`${p.repairedOn}已修复`, `Repaired ${p.repairedOn}`)}</Tag>
        : <Typography.Text type="secondary">{p.repairable ? t(`${p.repairFrom}起可申请`, `From ${p.repairFrom}`) : p.notRepairableReason}</Typography.Text>),
    },
  ];

  return (
    <Card title={title} extra={extra} style={{ marginBottom: 16 }} data-testid="entity-credit">
      {!ev ? (
        <Empty description={t('尚未按规则评价。点击“重新计算”按行政处罚、监督检查等记录评定信用等级和风险等级。', 'Not evaluated yet. Recompute to grade the entity from its records.')} />
      ) : (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} items={[
            {
              key: 'grade', label: t('信用等级', 'Credit grade'),
              children: (
                <span data-testid="credit-grade" data-value={ev.grade}>
                  <CreditTag value={ev.grade} />
                  {ev.overridden && ev.computedGrade !== ev.grade && <Typography.Text type="secondary">{t(`（按规则为${ev.computedGrade}）`, ` (computed ${ev.computedGrade})`)}</Typography.Text>}
                  <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{period(ev.gradeSince, ev.gradeUntil, t)}</Typography.Text></div>
                </span>
              ),
            },
            {
              key: 'risk', label: t('风险等级', 'Risk class'),
              children: (
                <span data-testid="credit-risk" data-value={ev.riskClass}>
                  <RiskTag value={ev.riskClass} />
                  {ev.overridden && ev.computedRiskClass !== ev.riskClass && <Typography.Text type="secondary">{t('（按规则为', ' (computed ')}<RiskTag value={ev.computedRiskClass} />）</Typography.Text>}
                </span>
              ),
            },
            {
              key: 'list', label: t('重点监管名单（严重失信）', 'Priority-supervision list'),
              children: (
                <span data-testid="credit-blacklisted" data-value={String(ev.blacklisted)}>
                  {ev.blacklisted ? <><BlacklistTag value /><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{period(ev.blacklistedSince, ev.blacklistedUntil, t)}</Typography.Text></div></> : t('未列入', 'Not listed')}
                </span>
              ),
            },
            { key: 'on', label: t('评价日期', 'Evaluated on'), children: <span>{ev.evaluatedOn}<Typography.Text type="secondary">（{t('计算于', 'at')} {formatDateTime(ev.evaluatedAt)}）</Typography.Text></span> },
            { key: 'rules', label: t('评价规则', 'Rule set'), span: 2, children: <Tooltip title={ev.ruleSet.id}>{ev.ruleSet.title}（{t(`${ev.ruleSet.effectiveFrom}起施行`, `in force from ${ev.ruleSet.effectiveFrom}`)}）</Tooltip> },
          ]} />
          {ev.warnings.length > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="credit-warnings"
              title={t('请注意', 'Please check')} description={<ul style={{ margin: 0, paddingLeft: 20 }}>{ev.warnings.map((w) => <li key={w}>{w}</li>)}</ul>} />
          )}
          <List size="small" header={<Typography.Text strong>{t('评价理由', 'Reasons')}</Typography.Text>} dataSource={ev.reasons}
            renderItem={(r) => <ReasonItem r={r} />} data-testid="credit-reasons" style={{ marginBottom: 12 }} />
        </>
      )}

      {o && (
        <Alert type={o.active ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="credit-override-current"
          title={
            <span>
              {t('人工调整', 'Override')}：
              {o.grade && <>{t('信用等级调整为', 'grade ')}<CreditTag value={o.grade} /></>}
              {o.riskClass && <>{t('风险等级调整为', 'risk class ')}<RiskTag value={o.riskClass} /></>}
              <Typography.Text type="secondary">（{o.from}—{o.until}，{o.by}{o.active ? '' : t('，当前未生效', ', not in force today')}）</Typography.Text>
            </span>
          }
          description={o.reason}
          action={manage && <Button size="small" danger onClick={() => setDialog('lift')} data-testid="credit-lift">{t('撤销调整', 'Lift')}</Button>} />
      )}

      <Collapse size="small" items={[
        {
          key: 'penalties', label: t(`行政处罚记录（${d.penalties.length}）`, `Penalty decisions (${d.penalties.length})`),
          children: <Table<PenaltyRecord> rowKey="caseId" size="small" pagination={false} columns={penaltyColumns} dataSource={d.penalties}
            locale={{ emptyText: t('没有已作出的行政处罚决定', 'No penalty decision') }} />,
        },
        {
          key: 'repairs', label: t(`信用修复（${d.repairs.length}）`, `Credit repairs (${d.repairs.length})`),
          children: <Table<CreditRepair> rowKey="id" size="small" pagination={false} columns={repairColumns} dataSource={d.repairs}
            locale={{ emptyText: t('没有信用修复申请', 'No repair requested') }} data-testid="credit-repairs" />,
        },
        {
          key: 'overrides', label: t(`人工调整记录（${d.overrideHistory.length}）`, `Overrides (${d.overrideHistory.length})`),
          children: d.overrideHistory.length === 0 ? <Typography.Text type="secondary">{t('没有人工调整', 'No override')}</Typography.Text> : (
            <List size="small" dataSource={d.overrideHistory} renderItem={(h) => (
              <List.Item>
                <span>
                  {h.grade && <CreditTag value={h.grade} />}{h.riskClass && <RiskTag value={h.riskClass} />}
                  {h.from}—{h.until}，{h.by}：{h.reason}
                  {h.liftedAt && <Typography.Text type="secondary">{t(`；${formatDateTime(h.liftedAt)}由${h.liftedBy ?? ''}撤销：${h.liftedReason ?? ''}`, `; lifted ${formatDateTime(h.liftedAt)} by ${h.liftedBy ?? ''}: ${h.liftedReason ?? ''}`)}</Typography.Text>}
                </span>
              </List.Item>
            )} />
          ),
        },
        {
          key: 'assumptions', label: t('评价说明', 'About this evaluation'),
          children: <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="credit-assumptions">{d.assumptions.map((a) => <li key={a}>{a}</li>)}</ul>,
        },
      ]} />

      {dialog === 'override' && <OverrideModal open detail={d} onClose={() => setDialog(null)} onDone={(x) => done(x, t('已保存人工调整', 'Override saved'))} />}
      {dialog === 'lift' && <LiftModal open entityId={entityId} override={o} onClose={() => setDialog(null)} onDone={(x) => done(x, t('已撤销人工调整', 'Override lifted'))} />}
      {dialog === 'repair' && <RepairModal open detail={d} onClose={() => setDialog(null)} onDone={(x) => done(x, t('已提交信用修复申请，待领导审批', 'Repair requested; awaiting approval'))} />}
    </Card>
  );
}
