// The plan page's editing dialogs: a section's heading, a task with its units, a target
// bound to a metric of the registry, and a unit's quarterly progress note.
import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { COMPARATOR_LABELS, type Comparator, type MetricDefinition, type PlanTask, type TaskTarget } from './types';

/** A modal form that shows the server's refusal in place. */
function FormModal<V extends object>({ title, initial, onSubmit, onClose, testId, children, width = 640 }: {
  title: string; initial: Partial<V>; onSubmit(values: V): Promise<unknown>; onClose(): void; testId: string; children: ReactNode; width?: number;
}) {
  const t = useT();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try { await onSubmit(values); } catch (e) { setError(errorMessage(e, t)); } finally { setBusy(false); }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void send()} confirmLoading={busy} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')}
      width={width} destroyOnHidden okButtonProps={{ 'data-testid': `${testId}-submit` } as never}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Form form={form} layout="vertical" initialValues={initial as never} data-testid={testId}>{children}</Form>
    </Modal>
  );
}

export function SectionModal({ planId, section, onClose, onDone }: { planId: number; section?: { id: number; heading: string }; onClose(): void; onDone(): void }) {
  const t = useT();
  return (
    <FormModal<{ heading: string }> title={section ? t('修改章节', 'Edit section') : t('新增章节', 'New section')} initial={{ heading: section?.heading ?? '' }} testId="section-form" onClose={onClose}
      onSubmit={async (v) => { if (section) await api.put(`/api/workplans/sections/${section.id}`, v); else await api.post(`/api/workplans/${planId}/sections`, v); onDone(); }}>
      <Form.Item name="heading" label={t('章节标题（不含“一、”等序号，导出时自动编号）', 'Heading (numbered on export)')}
        rules={[{ required: true, whitespace: true, message: t('请填写章节标题', 'Enter the heading') }, { max: 200, message: t('不能超过200个字符', 'At most 200 characters') }]}>
        <Input maxLength={200} data-testid="section-heading" />
      </Form.Item>
    </FormModal>
  );
}

interface UnitRow { name: string; orgId?: number | null; role: 'lead' | 'support' }

export function TaskModal({ sectionId, task, onClose, onDone }: { sectionId: number; task?: PlanTask; onClose(): void; onDone(): void }) {
  const t = useT();
  const initial = { text: task?.text ?? '', units: task ? task.units.map((u) => ({ name: u.name, orgId: u.orgId, role: u.role })) : [{ name: '', orgId: null, role: 'lead' as const }] };
  return (
    <FormModal<{ text: string; units: UnitRow[] }> title={task ? t(`修改第${task.number}项任务`, `Edit task ${task.number}`) : t('新增任务', 'New task')} initial={initial} testId="task-form" width={780} onClose={onClose}
      onSubmit={async (v) => {
        // An organisation left empty is matched by the unit's name on the server.
        const units = (v.units ?? []).map((u) => (u.orgId ? { name: u.name, orgId: u.orgId, role: u.role } : { name: u.name, role: u.role }));
        if (task) await api.put(`/api/workplans/tasks/${task.id}`, { text: v.text, units });
        else await api.post(`/api/workplans/sections/${sectionId}/tasks`, { text: v.text, units });
        onDone();
      }}>
      <Form.Item name="text" label={t('任务内容', 'Task')} rules={[{ required: true, whitespace: true, message: t('请填写任务内容', 'Enter the task') }, { max: 5000, message: t('不能超过5000个字符', 'At most 5000 characters') }]}>
        <Input.TextArea rows={5} maxLength={5000} data-testid="task-text" />
      </Form.Item>
      <Typography.Text strong>{t('牵头和配合单位', 'Lead and supporting units')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('机构留空时按名称自动对应本机构及下级机构（如“委政策法规处”对应“政策法规处”）；对应不到的保留名称。', 'Leave the organisation empty to match by name; names without a match are kept as text.')}
      </Typography.Paragraph>
      <Form.List name="units">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('请填写单位名称', 'Enter the unit') }, { max: 100, message: t('不能超过100个字符', 'At most 100 characters') }]}>
                  <Input placeholder={t('单位名称', 'Unit')} style={{ width: 220 }} data-testid={`task-unit-name-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'orgId']}>
                  <OrgTreeSelect placeholder={t('对应机构（可留空）', 'Organisation (optional)')} style={{ width: 240 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'role']}>
                  <Select style={{ width: 100 }} data-testid={`task-unit-role-${i}`} options={[{ value: 'lead', label: t('牵头', 'Lead') }, { value: 'support', label: t('配合', 'Support') }]} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('删除单位', 'Remove unit')} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', orgId: null, role: fields.length === 0 ? 'lead' : 'support' })} data-testid="task-unit-add">{t('添加单位', 'Add unit')}</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

export function useMetricDefinitions() {
  return useQuery({ queryKey: ['metrics', 'definitions'], queryFn: () => api.get<MetricDefinition[]>('/api/metrics/definitions'), staleTime: 300_000 });
}

export function TargetModal({ taskId, target, onClose, onDone }: { taskId: number; target?: TaskTarget; onClose(): void; onDone(): void }) {
  const t = useT();
  const defs = useMetricDefinitions();
  const [metricId, setMetricId] = useState<string | undefined>(target?.metricId);
  const unit = defs.data?.find((d) => d.id === metricId)?.unit;
  const ratio = unit === 'ratio';
  const initial = target
    ? { metricId: target.metricId, comparator: target.comparator, value: target.unit === 'ratio' ? Number((target.target * 100).toFixed(4)) : target.target, note: target.note ?? '' }
    : { comparator: '>=' as Comparator, note: '' };
  return (
    <FormModal<{ metricId: string; comparator: Comparator; value: number; note: string }> title={target ? t('修改目标', 'Edit target') : t('新增目标', 'New target')} initial={initial} testId="target-form" onClose={onClose}
      onSubmit={async (v) => {
        const isRatio = defs.data?.find((d) => d.id === v.metricId)?.unit === 'ratio';
        const body = { metricId: v.metricId, comparator: v.comparator, target: isRatio ? Number((v.value / 100).toFixed(6)) : v.value, note: v.note || null };
        if (target) await api.put(`/api/workplans/targets/${target.id}`, body);
        else await api.post(`/api/workplans/tasks/${taskId}/targets`, body);
        onDone();
      }}>
      <Form.Item name="metricId" label={t('指标', 'Metric')} rules={[{ required: true, message: t('请从指标目录中选择指标', 'Choose a metric') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={defs.isLoading} onChange={setMetricId} data-testid="target-metric"
          options={(defs.data ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.id}）`, title: d.definition }))} />
      </Form.Item>
      <Space align="start">
        <Form.Item name="comparator" label={t('比较', 'Comparison')} rules={[{ required: true, message: t('请选择比较方式', 'Choose') }]}>
          <Select style={{ width: 150 }} data-testid="target-comparator" options={(Object.keys(COMPARATOR_LABELS) as Comparator[]).map((c) => ({ value: c, label: t(...COMPARATOR_LABELS[c]) }))} />
        </Form.Item>
        <Form.Item name="value" label={ratio ? t('目标值（%）', 'Target (%)') : t('目标值', 'Target')}
          rules={[{ required: true, message: t('请填写目标值', 'Enter the target') }, { type: 'number', min: 0, max: ratio ? 100 : 1e12, message: ratio ? t('比率目标应在0至100%之间', 'Between 0 and 100%') : t('目标值不能为负数', 'Not negative') }]}>
          <InputNumber style={{ width: 160 }} addonAfter={ratio ? '%' : undefined} data-testid="target-value" />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t('说明', 'Note')} rules={[{ max: 500, message: t('不能超过500个字符', 'At most 500 characters') }]}>
        <Input maxLength={500} data-testid="target-note" />
      </Form.Item>
    </FormModal>
  );
}

export function ProgressModal({ task, openQuarter, editor, myOrgId, onClose, onDone }: { task: PlanTask; openQuarter: number; editor: boolean; myOrgId: number; onClose(): void; onDone(): void }) {
  const t = useT();
  const mine = task.progress.find((p) => p.quarter === openQuarter && p.orgId === myOrgId);
  return (
    <FormModal<{ quarter: number; note: string; orgId?: number }> title={t(`填报第${task.number}项任务进展`, `Progress on task ${task.number}`)} testId="progress-form" onClose={onClose}
      initial={{ quarter: openQuarter, note: mine?.note ?? '', orgId: myOrgId }}
      onSubmit={async (v) => {
        await api.put(`/api/workplans/tasks/${task.id}/progress/${v.quarter}`, { note: v.note, ...(editor && v.orgId ? { orgId: v.orgId } : {}) });
        onDone();
      }}>
      <Form.Item name="quarter" label={t('季度', 'Quarter')} rules={[{ required: true, message: t('请选择季度', 'Choose the quarter') }]}>
        <Select style={{ width: 160 }} data-testid="progress-quarter" options={[1, 2, 3, 4].filter((q) => q <= openQuarter).map((q) => ({ value: q, label: t(`第${q}季度`, `Q${q}`) }))} />
      </Form.Item>
      {editor && (
        <Form.Item name="orgId" label={t('填报单位', 'Unit')} extra={t('工作要点编写人可以代任何单位填报。', 'Plan editors may write for any unit.')}>
          <OrgTreeSelect allowClear={false} data-testid="progress-org" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('进展情况', 'Progress')} rules={[{ required: true, whitespace: true, message: t('请填写进展情况', 'Enter the progress') }, { max: 2000, message: t('不能超过2000个字符', 'At most 2000 characters') }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount data-testid="progress-note" />
      </Form.Item>
    </FormModal>
  );
}
