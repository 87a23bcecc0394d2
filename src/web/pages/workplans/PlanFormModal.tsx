// The plan's own fields (organisation, year, title, introduction, status) in a modal, for
// a new plan and for editing one.
import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import type { PlanDetail, PlanStatus } from './types';

interface Values { orgId: number; year: number; title: string; intro: string; status: PlanStatus }

export function PlanFormModal({ plan, onClose, onDone }: { plan?: PlanDetail; onClose(): void; onDone(id: number): void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial: Values = plan
    ? { orgId: plan.orgId, year: plan.year, title: plan.title, intro: plan.intro, status: plan.status }
    : { orgId: me.org.id, year: new Date().getFullYear(), title: '', intro: '', status: 'draft' };
  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      if (plan) {
        await api.put(`/api/workplans/${plan.id}`, v);
        onDone(plan.id);
      } else {
        const r = await api.post<{ id: number }>('/api/workplans', v);
        onDone(r.id);
      }
    } catch (e) { setError(errorMessage(e, t)); } finally { setBusy(false); }
  };
  return (
    <Modal open title={plan ? t('修改工作要点', 'Edit work plan') : t('新建工作要点', 'New work plan')} onCancel={onClose} onOk={() => void send()}
      confirmLoading={busy} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} width={680} destroyOnHidden
      okButtonProps={{ 'data-testid': 'plan-form-submit' } as never}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="plan-form-error" />}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="plan-form">
        <Form.Item name="orgId" label={t('所属机构', 'Organisation')} rules={[{ required: true, message: t('请选择机构', 'Choose an organisation') }]}>
          <OrgTreeSelect allowClear={false} data-testid="plan-form-org" />
        </Form.Item>
        <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true, message: t('请填写年度', 'Enter the year') }, { type: 'number', min: 2000, max: 2100, message: t('年度应在2000至2100之间', 'Year between 2000 and 2100') }]}>
          <InputNumber precision={0} style={{ width: 160 }} data-testid="plan-form-year" />
        </Form.Item>
        <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, whitespace: true, message: t('请填写标题，如“嘉兴市卫生健康委2026年法治政府建设工作要点”', 'Enter the title') }, { max: 200, message: t('标题不能超过200个字符', 'At most 200 characters') }]}>
          <Input maxLength={200} data-testid="plan-form-title" />
        </Form.Item>
        <Form.Item name="intro" label={t('引言', 'Introduction')} rules={[{ max: 5000, message: t('引言不能超过5000个字符', 'At most 5000 characters') }]}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="plan-form-intro" />
        </Form.Item>
        <Form.Item name="status" label={t('状态', 'Status')} extra={t('发布后，各单位可以填报季度进展，目标计入年度报告。', 'Once published, units report quarterly progress and the targets enter the annual report.')}>
          <Radio.Group data-testid="plan-form-status" options={[{ value: 'draft', label: t('草稿', 'Draft') }, { value: 'published', label: t('已发布', 'Published') }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
