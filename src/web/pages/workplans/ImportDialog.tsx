// 导入工作要点: choose the organisation, the year and a .docx or .txt outline; the server
// parses it and the dialog shows the outline (sections, numbered tasks, the units matched
// to organisations, the targets read from the text, and what could not be placed); only
// after 确认导入 (asked once more) is it saved, as a draft plan.
import { useState } from 'react';
import { Alert, Button, Collapse, Descriptions, Form, InputNumber, Modal, Space, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { upload } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { COMPARATOR_LABELS, formatMetric, type Comparator } from './types';

interface PreviewTask {
  number: number; text: string; unitsText: string;
  units: { name: string; orgId: number | null; orgName: string | null; role: 'lead' | 'support' }[];
  targets: { metricId: string; metricName: string | null; comparator: Comparator; target: number; phrase: string; known: boolean }[];
}
interface Preview { title: string; intro: string; sections: { heading: string; tasks: PreviewTask[] }[]; warnings: string[]; taskCount: number; targetCount: number }

export function ImportDialog({ onClose, onDone }: { onClose(): void; onDone(id: number): void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<{ orgId: number; year: number }>();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (save: boolean) => {
    const v = await form.validateFields();
    if (!file) { setError(t('请选择要导入的 .docx 或 .txt 文件', 'Choose a .docx or .txt file')); return; }
    setBusy(true);
    setError(null);
    try {
      const url = `/api/workplans/import?orgId=${v.orgId}&year=${v.year}&preview=${save ? 0 : 1}`;
      const r = await upload<{ outline?: Preview; id?: number }>(url, file, () => {});
      if (save) onDone(r.id!);
      else setPreview(r.outline!);
    } catch (e) { setError(errorMessage(e, t)); } finally { setBusy(false); }
  };
  const confirmSave = () => Modal.confirm({
    title: t('确认导入', 'Import this plan?'),
    content: t(`将按预览保存为草稿：${preview?.sections.length ?? 0}个章节、${preview?.taskCount ?? 0}项任务、${preview?.targetCount ?? 0}个目标。`, `Saved as a draft: ${preview?.taskCount ?? 0} tasks.`),
    okText: t('确认导入', 'Import'), cancelText: t('取消', 'Cancel'),
    okButtonProps: { 'data-testid': 'import-confirm-ok' } as never,
    onOk: () => send(true),
  });

  return (
    <Modal open title={t('导入工作要点', 'Import a work plan')} onCancel={onClose} width={900} destroyOnHidden
      footer={(
        <Space>
          <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
          <Button onClick={() => void send(false)} loading={busy && !preview} disabled={!file} data-testid="import-preview">{t('解析预览', 'Preview')}</Button>
          <Button type="primary" onClick={confirmSave} disabled={!preview || preview.taskCount === 0} data-testid="import-save">{t('确认导入', 'Import')}</Button>
        </Space>
      )}>
      <Typography.Paragraph type="secondary">
        {t('支持 Word（.docx）或文本（.txt）：第一行为以“工作要点”结尾的标题，随后为引言；章节以“一、二、……”开头，任务以“1.”“1、”或“（1）”开头，句末方括号内写明牵头和配合单位（第一个为牵头单位）。',
          'A .docx or .txt outline: a title ending in 工作要点, an introduction, sections 一、二、…, numbered tasks ending with their units in square brackets (the first leads).')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="import-error" />}
      <Form form={form} layout="inline" initialValues={{ orgId: me.org.id, year: new Date().getFullYear() }} onValuesChange={() => setPreview(null)} style={{ marginBottom: 12 }}>
        <Form.Item name="orgId" label={t('机构', 'Organisation')} rules={[{ required: true, message: t('请选择机构', 'Choose an organisation') }]}>
          <OrgTreeSelect allowClear={false} style={{ width: 240 }} data-testid="import-org" />
        </Form.Item>
        <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true, message: t('请填写年度', 'Enter the year') }, { type: 'number', min: 2000, max: 2100, message: t('年度应在2000至2100之间', 'Year between 2000 and 2100') }]}>
          <InputNumber precision={0} style={{ width: 110 }} data-testid="import-year" />
        </Form.Item>
      </Form>
      <Upload.Dragger accept=".docx,.txt" multiple={false} showUploadList={false} data-testid="import-file"
        beforeUpload={(f) => { setFile(f); setPreview(null); setError(null); return false; }}>
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p>{file ? file.name : t('点击或拖入 .docx / .txt 文件', 'Click or drop a .docx / .txt file')}</p>
      </Upload.Dragger>
      {preview && (
        <div style={{ marginTop: 16 }} data-testid="import-outline">
          <Descriptions size="small" column={1} bordered items={[
            { key: 'title', label: t('标题', 'Title'), children: <span data-testid="import-title">{preview.title || '—'}</span> },
            { key: 'intro', label: t('引言', 'Introduction'), children: <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{preview.intro || '—'}</Typography.Paragraph> },
            { key: 'count', label: t('内容', 'Content'), children: <span data-testid="import-counts">{t(`${preview.sections.length}个章节，${preview.taskCount}项任务，${preview.targetCount}个目标`, `${preview.sections.length} sections, ${preview.taskCount} tasks, ${preview.targetCount} targets`)}</span> },
          ]} />
          {preview.warnings.length > 0 && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('请核对', 'Please check')} data-testid="import-warnings"
              description={<ul style={{ margin: 0, paddingLeft: 18 }}>{preview.warnings.map((w) => <li key={w}>{w}</li>)}</ul>} />
          )}
          <Collapse style={{ marginTop: 12 }} defaultActiveKey={preview.sections.map((_, i) => String(i))}
            items={preview.sections.map((s, i) => ({
              key: String(i), label: s.heading,
              children: s.tasks.map((task) => (
                <div key={task.number} style={{ marginBottom: 10 }}>
                  <Typography.Text>{task.number}. {task.text.length > 80 ? `${task.text.slice(0, 80)}…` : task.text}</Typography.Text>
                  <div style={{ marginTop: 4 }}>
                    {task.units.map((u) => (
                      <Tag key={u.name} color={u.orgId ? (u.role === 'lead' ? 'blue' : 'cyan') : 'default'} title={u.orgName ? t(`对应机构：${u.orgName}`, `Organisation: ${u.orgName}`) : t('未对应到机构，保留名称', 'No organisation matched; kept as text')}>
                        {u.role === 'lead' ? t('牵头：', 'Lead: ') : ''}{u.name}
                      </Tag>
                    ))}
                    {task.targets.map((g) => (
                      <Tag key={g.metricId} color={g.known ? 'purple' : 'default'} title={g.phrase}>
                        {g.known ? `${g.metricName} ${t(...COMPARATOR_LABELS[g.comparator]).split(' ')[0]} ${formatMetric(g.target, 'ratio')}` : t(`${g.phrase}（指标未登记，不导入）`, `${g.phrase} (metric not registered)`)}
                      </Tag>
                    ))}
                  </div>
                </div>
              )),
            }))} />
        </div>
      )}
    </Modal>
  );
}
