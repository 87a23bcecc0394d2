// The form of one procedure step. Each step's fields are declared once (FIELDS); the
// modal renders them, posts {version, input} and shows the server's refusal (which
// cites the article) in place. Dates are sent as YYYY-MM-DD.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs } from '../../lib/api';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { useServerToday } from '../../lib/queries';
import { InspectorSelect } from '../../components/InspectorSelect';
import type { Paged } from '../../lib/types';
import { SANCTION_LABELS, TIER_LABELS, yuan, type Evaluation, type ProvisionSummary, type Tier } from '../discretion/types';
import type { CaseDetail, NextStep } from './types';
import { InstalmentsInput, instalmentsInput, type InstalmentRow } from './InstalmentsInput';

type Kind = 'text' | 'prose' | 'date' | 'yuan' | 'inspectors' | 'inspector' | 'sanctions' | 'provision' | 'tier' | 'bool' | 'names' | 'method' | 'instalments';
/** future: a date that may lie ahead (a hearing is scheduled); other dates are at most today. */
interface Field { name: string; kind: Kind; label: [string, string]; optional?: boolean; future?: boolean }

const F = {
  reason: { name: 'reason', kind: 'prose', label: ['理由', 'Reason'] },
  opinion: { name: 'opinion', kind: 'prose', label: ['意见', 'Opinion'] },
  inspectors: { name: 'inspectorIds', kind: 'inspectors', label: ['执法人员（不少于两人）', 'Inspectors (at least two)'] },
  facts: { name: 'facts', kind: 'prose', label: ['违法事实', 'Facts'] },
  sanctions: { name: 'sanctions', kind: 'sanctions', label: ['处罚种类', 'Sanctions'] },
  fine: { name: 'fineYuan', kind: 'yuan', label: ['罚款（元，未处罚款填0）', 'Fine (yuan, 0 if none)'] },
  outside: { name: 'outsideTierReason', kind: 'prose', label: ['罚款超出档次的理由（在档次内的不填）', 'Reason for a fine outside the tier (if any)'], optional: true },
} satisfies Record<string, Field>;

/** A payment: the fine and, apart, the late-payment surcharge (art. 72), which only a late payment owes. */
const PAYMENT_FIELDS: Field[] = [{ name: 'paidOn', kind: 'date', label: ['缴纳日期', 'Paid on'] }, { name: 'amountYuan', kind: 'yuan', label: ['缴纳的罚款（元）', 'Fine paid (yuan)'] },
  { name: 'surchargeYuan', kind: 'yuan', label: ['缴纳的加处罚款（元，未逾期的不填）', 'Late surcharge paid (yuan, if late)'], optional: true }];

const FIELDS: Record<string, Field[]> = {
  file: [F.inspectors, { ...F.opinion, optional: true }],
  decline: [F.reason],
  decide_on_spot: [F.inspectors, F.facts, F.sanctions, F.fine],
  finish_investigation: [F.facts, { name: 'provisionCode', kind: 'provision', label: ['处罚依据（裁量基准条款）', 'Penalty provision'] },
    { name: 'illegalGainsYuan', kind: 'yuan', label: ['违法所得（元）', 'Illegal gains (yuan)'], optional: true },
    { name: 'tier', kind: 'tier', label: ['裁量档次', 'Tier'] }, F.sanctions, F.fine, F.outside,
    { name: 'complex', kind: 'bool', label: ['案情复杂（列入重大执法决定）', 'Complex case (a major decision)'], optional: true }],
  transfer: [{ ...F.reason, label: ['移送的机关和理由', 'Receiving authority and reason'] }],
  return_to_investigation: [{ ...F.reason, label: ['退回补充调查的理由', 'Why it goes back'] }],
  submit_legal_review: [{ ...F.opinion, label: ['案件审核意见', 'Case review opinion'] }],
  pass_review: [{ ...F.opinion, label: ['案件审核意见', 'Case review opinion'] }],
  pass_legal_review: [{ ...F.opinion, label: ['法制审核意见', 'Legal review opinion'] }],
  decide_no_penalty: [{ ...F.reason, label: ['不予行政处罚的事实和理由', 'Facts and reasons for no penalty'] }],
  notify: [{ name: 'servedOn', kind: 'date', label: ['事先告知书送达日期', 'Notice served on'] }],
  request_hearing: [{ name: 'requestedOn', kind: 'date', label: ['当事人提出听证要求的日期', 'Hearing requested on'] }],
  schedule_hearing: [{ name: 'noticeServedOn', kind: 'date', label: ['听证通知书送达日期', 'Hearing notice served on'] },
    { name: 'hearingDate', kind: 'date', label: ['听证日期', 'Hearing date'], future: true },
    { name: 'hostInspectorId', kind: 'inspector', label: ['听证主持人（非本案调查人员）', 'Host (not an investigator)'] },
    { name: 'place', kind: 'text', label: ['听证地点', 'Place'] }],
  hold_hearing: [{ name: 'record', kind: 'prose', label: ['听证笔录要点', 'Hearing record'] }],
  submit_collective: [],
  record_collective: [{ name: 'attendees', kind: 'names', label: ['参加讨论的负责人（不少于3人）', 'Heads attending (at least 3)'] },
    { name: 'minutes', kind: 'prose', label: ['讨论记录', 'Minutes'] }, { name: 'decision', kind: 'prose', label: ['讨论决定', 'Decision'] }],
  decide: [{ name: 'decidedOn', kind: 'date', label: ['决定日期', 'Decision date'] }, F.sanctions, F.fine, F.outside],
  serve: [{ name: 'servedOn', kind: 'date', label: ['送达日期', 'Served on'] }, { name: 'method', kind: 'method', label: ['送达方式', 'Method'] },
    { name: 'recipient', kind: 'text', label: ['签收人', 'Received by'] }],
  approve_instalment: [{ ...F.reason, label: ['当事人经济困难的情况', 'Hardship'] }, { name: 'plan', kind: 'instalments', label: ['暂缓或分期方案（各期期限和金额）', 'Plan (due date and amount of each instalment)'] }],
  pay_instalment: PAYMENT_FIELDS,
  record_payment: PAYMENT_FIELDS,
  enforce: [{ ...F.reason, label: ['加处罚款或申请强制执行的情况', 'Enforcement measure'] }],
  close: [{ name: 'summary', kind: 'prose', label: ['结案意见', 'Closing summary'] }],
  archive: [],
};

const METHODS: [string, string, string][] = [['direct', '直接送达', 'In person'], ['mail', '邮寄送达', 'By post'], ['electronic', '电子送达', 'Electronic'], ['left', '留置送达', 'Left at address'], ['announcement', '公告送达', 'Public notice']];

/** `today` is the server's (useServerToday), which is what the server checks dates against. */
function initialValues(step: string, c: CaseDetail, today: Dayjs): Record<string, unknown> {
  const penalty = c.notified ?? c.proposed;
  const base: Record<string, unknown> = { servedOn: today, requestedOn: today, noticeServedOn: today, decidedOn: today, paidOn: today };
  if (step === 'file' || step === 'decide_on_spot') base.inspectorIds = c.caseInspectors.filter((i) => !i.recused).map((i) => i.id);
  if (step === 'decide' && penalty) Object.assign(base, { sanctions: penalty.sanctions, fineYuan: penalty.fineYuan });
  if (step === 'record_payment' && c.decided) base.amountYuan = c.payment?.owedFineYuan ?? c.decided.fineYuan;
  if (step === 'pay_instalment') base.amountYuan = nextInstalmentOwed(c);
  if ((step === 'record_payment' || step === 'pay_instalment') && c.payment?.surcharge.owedYuan) base.surchargeYuan = c.payment.surcharge.owedYuan;
  if (step === 'approve_instalment' && c.decided) base.plan = [{ dueOn: today.add(1, 'month'), amountYuan: c.decided.fineYuan }] satisfies InstalmentRow[];
  if (step === 'finish_investigation') Object.assign(base, { facts: c.facts ?? '', tier: 'ordinary', complex: false });
  return base;
}

/** What is still owed on the earliest instalment not yet paid. */
function nextInstalmentOwed(c: CaseDetail): number | undefined {
  const next = c.payment?.plan?.instalments.find((i) => i.status !== 'paid');
  return next ? Math.round((next.amountYuan - next.paidYuan) * 100) / 100 : undefined;
}

function ProvisionHint({ form, t }: { form: ReturnType<typeof Form.useForm>[0]; t: Translate }) {
  const provision = Form.useWatch('provisionCode', form) as string | undefined;
  const gains = Form.useWatch('illegalGainsYuan', form) as number | undefined;
  const tier = Form.useWatch('tier', form) as Tier | undefined;
  const fine = Form.useWatch('fineYuan', form) as number | undefined;
  const ev = useQuery({
    queryKey: ['evaluate', provision, gains, tier, fine],
    queryFn: () => api.post<Evaluation>('/api/discretion/evaluate', { provision, illegalGainsYuan: gains ?? undefined, tier, fineYuan: fine ?? undefined }),
    enabled: !!provision && !!tier, retry: false,
  });
  if (!provision) return null;
  if (ev.isError) return <Alert type="warning" showIcon title={errorMessage(ev.error, t)} style={{ marginBottom: 12 }} />;
  const e = ev.data;
  if (!e) return null;
  return (
    <Alert type={e.fineCheck?.status === 'within_tier' ? 'info' : e.fineCheck?.status === 'outside_tier' ? 'warning' : e.fineCheck ? 'error' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="step-evaluation"
      title={<span>{t('法定幅度', 'Statutory')} {e.statutory ? `${yuan(e.statutory.minYuan)} – ${yuan(e.statutory.maxYuan)}` : t('未规定罚款', 'no fine')}
        {e.tier ? ` · ${e.tier.name} ${yuan(e.tier.minYuan)} – ${yuan(e.tier.maxYuan)}` : ''}{e.fineCheck ? ` · ${e.fineCheck.message}` : ''}</span>} />
  );
}

/** One field's control; value and onChange come from the Form.Item around it and are passed on. */
function FieldInput({ f, t, provisions, today, fineYuan, ...control }: { f: Field; t: Translate; provisions: ProvisionSummary[]; today: Dayjs; fineYuan: number; value?: any; onChange?: (v: any) => void; checked?: boolean }) { // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (f.kind) {
    case 'text': return <Input {...control} maxLength={200} data-testid={`step-${f.name}`} />;
    case 'prose': return <Input.TextArea {...control} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} data-testid={`step-${f.name}`} />;
    case 'date': return <DatePicker {...control} allowClear={false} disabledDate={f.future ? undefined : (d) => d.isAfter(today, 'day')} data-testid={`step-${f.name}`} />;
    case 'yuan': return <InputNumber {...control} min={0} precision={2} style={{ width: 220 }} data-testid={`step-${f.name}`} />;
    case 'inspectors': return <InspectorSelect {...control} multiple />;
    case 'inspector': return <InspectorSelect {...control} />;
    case 'bool': return <Checkbox {...control} data-testid={`step-${f.name}`}>{t('是', 'Yes')}</Checkbox>;
    case 'names': return <Select {...control} mode="tags" tokenSeparators={[',', '，', ' ']} data-testid={`step-${f.name}`} />;
    case 'method': return <Select {...control} options={METHODS.map(([v, zh, en]) => ({ value: v, label: t(zh, en) }))} data-testid={`step-${f.name}`} />;
    case 'tier': return <Radio.Group {...control} optionType="button" data-testid={`step-${f.name}`} options={(['none', 'mitigated', 'lighter', 'ordinary', 'heavier'] as Tier[]).map((x) => ({ value: x, label: t(...TIER_LABELS[x]) }))} />;
    case 'sanctions': return <Select {...control} mode="multiple" showSearch={{ optionFilterProp: 'label' }} data-testid={`step-${f.name}`} options={Object.entries(SANCTION_LABELS).map(([v, l]) => ({ value: v, label: t(...l) }))} />;
    case 'instalments': return <InstalmentsInput {...control} fineYuan={fineYuan} today={today} t={t} />;
    case 'provision': return <Select {...control} showSearch={{ optionFilterProp: 'label' }} data-testid={`step-${f.name}`} options={provisions.map((p) => ({ value: p.code, label: `${p.code} ${p.title}` }))} />;
  }
}

export function StepModal({ step, c, onClose, onDone }: { step: NextStep; c: CaseDetail; onClose(): void; onDone(next: CaseDetail): void }) {
  const t = useT();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const fields = FIELDS[step.id] ?? [];
  const serverToday = useServerToday();
  // The form waits for the server's today (its dates default to it); the browser's if that fails.
  const today = serverToday.data ? dayjs(serverToday.data) : serverToday.isError ? dayjs() : null;
  const provisions = useQuery({
    queryKey: ['provisions', 'all'], queryFn: () => api.get<Paged<ProvisionSummary>>('/api/discretion/provisions?pageSize=100'),
    enabled: fields.some((f) => f.kind === 'provision'),
  });

  const submit = async (values: Record<string, unknown>) => {
    const input: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (v === undefined || v === null || v === '') continue;
      input[f.name] = f.kind === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : f.kind === 'instalments' ? instalmentsInput(v as InstalmentRow[]) : v;
    }
    setSaving(true);
    setError(undefined);
    try {
      onDone(await api.post<CaseDetail>(`/api/cases/${c.id}/steps/${step.id}`, { version: c.version, input }));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open width={640} title={step.label} okText={t('确定', 'Confirm')} cancelText={t('取消', 'Cancel')} confirmLoading={saving}
      onOk={() => form.submit()} onCancel={onClose} okButtonProps={{ 'data-testid': 'step-submit' } as never} destroyOnHidden>
      {step.citation && <Typography.Paragraph type="secondary">{t('依据：', 'Basis: ')}{step.citation}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="step-error" />}
      {today === null ? <Spin /> : <Form form={form} layout="vertical" initialValues={initialValues(step.id, c, today)} onFinish={submit}>
        {fields.length === 0 && <Typography.Paragraph>{t(`确认办理“${step.label}”？办理后记入案件全过程记录。`, `Confirm “${step.label}”? It is recorded in the case history.`)}</Typography.Paragraph>}
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={t(...f.label)} valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
            rules={f.optional || f.kind === 'bool' ? [] : [{ required: true, message: t(`请填写${f.label[0]}`, `Enter ${f.label[1]}`) }]}>
            <FieldInput f={f} t={t} provisions={provisions.data?.rows ?? []} today={today} fineYuan={c.decided?.fineYuan ?? 0} />
          </Form.Item>
        ))}
        {fields.some((f) => f.kind === 'provision') && <ProvisionHint form={form} t={t} />}
      </Form>}
    </Modal>
  );
}
