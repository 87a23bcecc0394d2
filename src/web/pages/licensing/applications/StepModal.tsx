// The form of one step of an application, with exactly the inputs the step needs; the
// irreversible ones (approve, refuse, not accept, withdraw) ask for confirmation first.
// The server's refusal (which cites its article) is shown in place, in Chinese.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Space, Spin, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../lib/api';
import { useT, type Translate } from '../../../lib/i18n';
import { errorMessage } from '../../../lib/format';
import { useServerToday } from '../../../lib/queries';
import { STANDARD_REMEDIES, type ApplicationDetail, type NextStep } from '../types';
import { MaterialsInput, materialsInput, materialsProblem, type MaterialChoices, type MaterialRow } from './MaterialsInput';

/** Steps that cannot be undone: confirmed before they are sent. */
const IRREVERSIBLE = new Set(['approve', 'refuse', 'not_accept', 'withdraw']);

interface StepForm {
  reason?: string;
  remedies?: string;
  scope?: string;
  validTo?: Dayjs;
  owed?: { name: string; dueOn: Dayjs }[];
  supplied?: string[];
  recheck?: boolean;
  materials?: MaterialChoices;
}

const missingNames = (a: ApplicationDetail) => a.materials.filter((m) => m.required && m.provision === 'missing').map((m) => m.name);

function initialValues(step: string, a: ApplicationDetail, today: Dayjs, recheck: boolean): StepForm {
  const materials = Object.fromEntries(a.materials.map((m) => [m.code, { provision: m.provision, licenceNo: m.licenceNo ?? undefined }])) as MaterialChoices;
  switch (step) {
    case 'request_correction': {
      const missing = missingNames(a);
      return { reason: missing.length ? `请补正以下材料：${missing.map((n, i) => `${i + 1}. ${n}`).join('；')}。` : '' };
    }
    case 'accept_with_deficiency': {
      const missing = missingNames(a);
      // Within the promised limit (working days, so at least as many calendar days): the decision waits for the materials.
      const due = today.add(Math.max(1, a.promisedDays), 'day');
      return { owed: (missing.length ? missing : ['']).map((name) => ({ name, dueOn: due })) };
    }
    case 'supplement':
      return { supplied: a.owed.filter((o) => !o.suppliedOn).map((o) => o.name) };
    case 'approve':
      return { scope: a.scope ?? '' };
    case 'refuse':
      return { remedies: STANDARD_REMEDIES };
    case 'accept':
      return { recheck, materials };
    case 'resubmit':
      return { materials };
    default:
      return {};
  }
}

/** The request body of the step. */
function bodyOf(step: string, v: StepForm, rows: MaterialRow[]): Record<string, unknown> {
  switch (step) {
    case 'accept_with_deficiency':
      return { owed: (v.owed ?? []).map((o) => ({ name: o.name.trim(), dueOn: o.dueOn.format('YYYY-MM-DD') })) };
    case 'supplement':
      return { supplied: v.supplied ?? [] };
    case 'approve':
      return { scope: v.scope?.trim() || null, ...(v.validTo ? { validTo: v.validTo.format('YYYY-MM-DD') } : {}) };
    case 'refuse':
      return { reason: v.reason, remedies: v.remedies };
    case 'accept':
      return v.recheck ? { materials: materialsInput(rows, v.materials) } : {};
    case 'resubmit':
      return { materials: materialsInput(rows, v.materials) };
    default:
      return v.reason !== undefined ? { reason: v.reason } : {};
  }
}

function confirmText(step: string, a: ApplicationDetail, t: Translate): { title: string; content: string } {
  switch (step) {
    case 'approve':
      return {
        title: t('确认准予许可？', 'Approve the application?'),
        content: a.itemKind === 'licence'
          ? t('将作出准予行政许可的决定并签发电子证照，决定在门户网站公示。此操作不能撤回。', 'The licence is granted and an e-licence issued and signed; the decision is published. This cannot be undone.')
          : t('将作出决定并公示。此操作不能撤回。', 'The decision is made and published. This cannot be undone.'),
      };
    case 'refuse':
      return { title: t('确认不予许可？', 'Refuse the licence?'), content: t('将作出不予行政许可的书面决定，写明理由和救济途径，并在门户网站公示。此操作不能撤回。', 'A written refusal with reasons and remedies is made and published. This cannot be undone.') };
    case 'not_accept':
      return { title: t('确认不予受理？', 'Refuse to accept?'), content: t('申请人将收到不予受理的决定和理由，办件办结。此操作不能撤回。', 'The applicant is told the application is not accepted, and why; it is closed. This cannot be undone.') };
    default:
      return { title: t('确认申请人撤回申请？', 'Record the withdrawal?'), content: t('办件将以“申请人撤回”办结。此操作不能撤回。', 'The application closes as withdrawn. This cannot be undone.') };
  }
}

function Fields({ step, a, today, rows, form }: { step: string; a: ApplicationDetail; today: Dayjs; rows: MaterialRow[]; form: ReturnType<typeof Form.useForm<StepForm>>[0] }) {
  const t = useT();
  const recheck = Form.useWatch('recheck', form);
  const reason = (zh: string, en: string) => (
    <Form.Item name="reason" label={t(zh, en)} rules={[{ required: true, whitespace: true, message: t(`请写明${zh}`, `Enter ${en.toLowerCase()}`) }]}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount data-testid="app-step-reason" />
    </Form.Item>
  );
  switch (step) {
    case 'request_correction':
      return (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }}
            title={t('须一次性告知需要补正的全部内容，且只能告知一次；补正后材料仍不齐全的，只能不予受理或容缺受理。', 'Everything to correct is asked for once, completely; after the correction the application is accepted, accepted with deficiency, or not accepted.')} />
          {reason('需要补正的全部内容', 'Everything to correct')}
        </>
      );
    case 'not_accept': return reason('不予受理的理由', 'The reason for not accepting');
    case 'withdraw': return reason('撤回的情况', 'How the applicant withdrew');
    case 'refuse':
      return (
        <>
          {reason('不予许可的理由', 'The reasons for refusing')}
          <Form.Item name="remedies" label={t('救济途径（告知申请人依法申请行政复议或者提起行政诉讼的权利）', 'Remedies (the right to review or to sue)')}
            rules={[{ required: true, whitespace: true, message: t('请写明救济途径', 'Enter the remedies') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="app-step-remedies" />
          </Form.Item>
        </>
      );
    case 'accept_with_deficiency':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('列出容缺的材料及补齐日期：材料补齐前不能作出准予许可的决定。', 'List the materials outstanding and the date each is due: the licence cannot be granted until they are supplied.')}</Typography.Paragraph>
          <Form.List name="owed" rules={[{ validator: async (_, v) => { if (!v?.length) throw new Error(t('请列出容缺的材料', 'List the materials')); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('请填写材料名称', 'Enter the material') }]} style={{ width: 380 }}>
                      <Input maxLength={100} placeholder={t('容缺材料名称', 'Material')} data-testid={`owed-name-${i}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true, message: t('请选择补齐日期', 'Choose the due date') }]}>
                      <DatePicker allowClear={false} disabledDate={(d) => d.isBefore(today, 'day')} placeholder={t('补齐日期', 'Due on')} data-testid={`owed-due-${i}`} />
                    </Form.Item>
                    {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('删除', 'Remove')} data-testid={`owed-remove-${i}`} />}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', dueOn: today.add(Math.max(1, a.promisedDays), 'day') })} data-testid="owed-add">{t('添加容缺材料', 'Add a material')}</Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </>
      );
    case 'supplement': {
      const open = a.owed.filter((o) => !o.suppliedOn);
      return (
        <Form.Item name="supplied" label={t('本次补齐的容缺材料', 'Materials supplied now')} rules={[{ required: true, type: 'array', min: 1, message: t('请勾选本次补齐的材料', 'Tick the materials supplied') }]}>
          <Checkbox.Group data-testid="supplement-items" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={open.map((o, i) => ({ value: o.name, label: <span data-testid={`supplement-item-${i}`}>{o.name}（{t('应于', 'due')} {o.dueOn} {t('前补齐', '')}）</span> }))} />
        </Form.Item>
      );
    }
    case 'approve':
      return (
        <>
          {a.itemKind === 'licence' && (
            <Form.Item name="validTo" label={t('证照有效期至（不填则按事项规定的有效期）', 'Valid to (the item’s term when empty)')}>
              <DatePicker disabledDate={(d) => !d.isAfter(today, 'day')} data-testid="app-step-validTo" />
            </Form.Item>
          )}
          <Form.Item name="scope" label={t('许可范围（经营项目、诊疗科目等）', 'Scope')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} data-testid="app-step-scope" />
          </Form.Item>
        </>
      );
    case 'accept':
    case 'resubmit':
      return (
        <>
          {step === 'accept' && (
            <Form.Item name="recheck" valuePropName="checked">
              <Checkbox data-testid="app-step-recheck">{t('重新核对申请材料（窗口已收到此前未提交的材料）', 'Re-check the materials (the window received what was missing)')}</Checkbox>
            </Form.Item>
          )}
          {step === 'resubmit' && <Typography.Paragraph type="secondary">{t('登记申请人补正后的材料提交情况：', 'Record the materials as corrected:')}</Typography.Paragraph>}
          {(recheck || step === 'resubmit') && <Form.Item name="materials"><MaterialsInput rows={rows} /></Form.Item>}
        </>
      );
    case 'record_filing':
      return <Typography.Paragraph>{t('备案事项材料齐全的，当场予以备案；备案后按期核查。', 'A complete filing is recorded on the spot and checked afterwards.')}</Typography.Paragraph>;
    default:
      return null;
  }
}

export function StepModal({ step, a, recheck = false, onClose, onDone }: {
  step: NextStep; a: ApplicationDetail; recheck?: boolean; onClose(): void; onDone(next: ApplicationDetail): void;
}) {
  const t = useT();
  const { modal } = App.useApp();
  const [form] = Form.useForm<StepForm>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const serverToday = useServerToday();
  const today = serverToday.data ? dayjs(serverToday.data) : serverToday.isError ? dayjs() : null;
  const rows: MaterialRow[] = a.materials.map((m) => ({ code: m.code, name: m.name, required: m.required, replaceable: m.replaceable }));

  const send = async (v: StepForm) => {
    setSaving(true);
    setError(undefined);
    try {
      onDone(await api.post<ApplicationDetail>(`/api/licensing/applications/${a.id}/steps/${step.id}`, bodyOf(step.id, v, rows)));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };
  const submit = (v: StepForm) => {
    if ((step.id === 'accept' && v.recheck) || step.id === 'resubmit') {
      const problem = materialsProblem(rows, v.materials);
      if (problem) return setError(problem);
    }
    if (!IRREVERSIBLE.has(step.id)) return send(v);
    const c = confirmText(step.id, a, t);
    modal.confirm({
      title: c.title, content: c.content, okText: t('确定', 'Confirm'), cancelText: t('取消', 'Cancel'),
      okButtonProps: { danger: step.id !== 'approve', 'data-testid': 'app-step-confirm' } as never,
      onOk: () => send(v),
    });
  };

  return (
    <Modal open width={step.id === 'accept' || step.id === 'resubmit' ? 820 : 620} title={`${step.label} · ${a.applicationNo}`}
      okText={t('确定', 'Confirm')} cancelText={t('取消', 'Cancel')} confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose}
      okButtonProps={{ 'data-testid': 'app-step-submit' } as never} destroyOnHidden>
      {step.citation && <Typography.Paragraph type="secondary">{t('依据：', 'Basis: ')}{step.citation}</Typography.Paragraph>}
      {step.refusal && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={step.refusal.message} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="app-step-error" />}
      {today === null ? <Spin /> : (
        <Form<StepForm> form={form} layout="vertical" initialValues={initialValues(step.id, a, today, recheck)} onFinish={submit}>
          <Fields step={step.id} a={a} today={today} rows={rows} form={form} />
        </Form>
      )}
    </Modal>
  );
}
