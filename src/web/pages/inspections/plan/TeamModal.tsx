// Sets a task's team by hand: for an entity the draw left without a full team, or when a
// drawn inspector cannot go. The server applies the draw's rules (enough inspectors, valid
// certificates, the plan organisation's, no declared conflict) and says which one failed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { api } from '../../../lib/api';
import { errorMessage } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { InspectorSelect } from '../../../components/InspectorSelect';
import type { TaskRow } from '../types';

export function TeamModal({ task, onClose }: { task: TaskRow | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ inspectorIds: number[]; reason: string }>();
  const save = useMutation({
    mutationFn: (v: { inspectorIds: number[]; reason: string }) => api.put(`/api/inspections/tasks/${task!.id}/team`, v),
    onSuccess: () => { message.success(t('检查人员已调整', 'Team changed')); qc.invalidateQueries({ queryKey: ['inspections'] }); onClose(); },
  });
  return (
    <Modal open={task !== null} onCancel={onClose} title={t('调整检查人员', 'Change the team')} destroyOnHidden okText={t('保存', 'Save')}
      onOk={() => form.submit()} okButtonProps={{ loading: save.isPending, 'data-testid': 'team-save' } as ButtonProps}>
      {task && (
        <Typography.Paragraph>
          {task.taskNo} · {task.entityName}
          {task.inspectors.length > 0 && <Typography.Text type="secondary">{t(`（现为：${task.inspectors.join('、')}）`, ` (now: ${task.inspectors.join(', ')})`)}</Typography.Text>}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ inspectorIds: task?.inspectorIds ?? [], reason: '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="inspectorIds" label={t('执法人员（不少于两人，持证在岗，无需回避）', 'Inspectors (at least two, certified, no conflict)')}
          rules={[{ required: true, type: 'array', min: 2, message: t('至少选择两名执法人员', 'Choose at least two') }]}>
          <InspectorSelect multiple data-testid="team-inspectors" />
        </Form.Item>
        <Form.Item name="reason" label={t('调整原因', 'Reason')} rules={[{ required: true, min: 5, message: t('请写明原因（至少5个字）', 'At least 5 characters') }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} data-testid="team-reason" />
        </Form.Item>
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error, t)} data-testid="team-error" />}
    </Modal>
  );
}
