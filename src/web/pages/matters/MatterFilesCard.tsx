// The files attached to a matter (事项附件, src/modules/matters/files.ts): the list with
// each file's category, size, uploader, time and SM3; upload (category, note, the file,
// its progress; the server's Chinese refusal shown in place); view (PDF and images, in a
// new tab) and download through the audited content route; withdrawal with a reason
// while the matter is open, and the withdrawn files on request. The categories, accepted
// types and limits come from the server with the list, so the page cannot drift from it.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Progress, Select, Space, Switch, Tag, Tooltip, Typography, Upload } from 'antd';
import { DownloadOutlined, EyeOutlined, PaperClipOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { api, upload } from '../../lib/api';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { sizeText } from '../licensing/materialFiles';
import type { MatterKind } from './types';

interface MatterFile {
  id: number; category: string; categoryName: string; fileName: string; contentType: string; inline: boolean; sizeBytes: number;
  sm3: string; note: string | null; uploadedBy: string | null; uploadedAt: string;
  withdrawn: { reason: string; by: string | null; at: string } | null;
}
interface FileList {
  files: MatterFile[]; withdrawnCount: number; categories: { code: string; name: string }[]; accept: string; acceptedTypes: string;
  maxBytes: number; maxFiles: number; mayUpload: boolean; mayWithdraw: boolean;
}

const CATEGORY_COLOURS: Record<string, string> = {
  incoming: 'blue', reply: 'green', evidence: 'orange', agreement: 'cyan', decision: 'purple', judgment: 'magenta', other: 'default',
};

/** What is wrong with a chosen file before it is sent (the server checks again, also the content), or null. */
function fileProblem(file: File, list: FileList, t: Translate): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (!ext || !list.accept.split(',').includes(`.${ext}`)) {
    return t(`只能上传${list.acceptedTypes}格式的文件，“${file.name}”不是这些格式`, `Only ${list.acceptedTypes} files: “${file.name}” is not one`);
  }
  if (file.size === 0) return t(`文件“${file.name}”为空（0字节），请重新选择文件`, `“${file.name}” is empty`);
  if (file.size > list.maxBytes) return t(`单个文件不能超过${list.maxBytes / 1024 / 1024} MB，请压缩或分拆后上传`, `A file may have at most ${list.maxBytes / 1024 / 1024} MB`);
  return null;
}

function UploadModal({ url, list, onClose, onDone }: { url: string; list: FileList; onClose(): void; onDone(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ category: string; note?: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { category: string; note?: string }) => {
    if (!file) return; // the OK button is disabled until a file is chosen
    setProgress(0);
    setError(null);
    try {
      await upload<MatterFile>(url, file, setProgress, { category: v.category, note: v.note?.trim() ?? '' });
      message.success(t(`已上传“${file.name}”，SM3 摘要已登记`, `Uploaded “${file.name}”; its SM3 digest is recorded`));
      onDone();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setProgress(null);
    }
  };
  const busy = progress !== null;
  return (
    <Modal open title={t('上传附件', 'Upload a file')} onOk={() => form.submit()} onCancel={() => { if (!busy) onClose(); }} destroyOnHidden
      okText={t('上传', 'Upload')} cancelText={t('取消', 'Cancel')} okButtonProps={{ loading: busy, disabled: !file, 'data-testid': 'matter-file-upload-submit' } as never}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="matter-file-upload-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} data-testid="matter-file-upload-form">
        <Form.Item name="category" label={t('附件类别', 'Category')} rules={[{ required: true, message: t('请选择附件类别', 'Choose a category') }]}>
          <Select placeholder={t('请选择', 'Choose')} options={list.categories.map((c) => ({ value: c.code, label: c.name }))} data-testid="matter-file-category" />
        </Form.Item>
        <Form.Item name="note" label={t('说明', 'Note')} rules={[{ max: 500, message: t('说明不能超过500个字符', 'At most 500 characters') }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('可不填，如：来信原件扫描、第二稿', 'Optional, e.g. scan of the original letter')} data-testid="matter-file-note" />
        </Form.Item>
        <Form.Item label={t('文件', 'File')} required extra={t(`${list.acceptedTypes}，不超过${list.maxBytes / 1024 / 1024} MB`, `${list.acceptedTypes}, up to ${list.maxBytes / 1024 / 1024} MB`)}>
          <Upload accept={list.accept} maxCount={1} data-testid="matter-file-input"
            beforeUpload={(f) => {
              const problem = fileProblem(f, list, t);
              if (problem) { message.error(problem); return Upload.LIST_IGNORE; }
              setFile(f);
              setError(null);
              return false; // sent with the form, not at once
            }}
            onRemove={() => setFile(null)} fileList={file ? [{ uid: 'matter-file', name: file.name, status: 'done' }] : []}>
            <Button icon={<UploadOutlined />} data-testid="matter-file-choose">{t('选择文件', 'Choose a file')}</Button>
          </Upload>
        </Form.Item>
      </Form>
      {busy && <Progress percent={Math.round(progress * 100)} status={progress >= 1 ? 'success' : 'active'} data-testid="matter-file-progress" />}
      {busy && progress >= 1 && <Typography.Text type="secondary">{t('服务器正在校验和登记…', 'The server is checking and recording it…')}</Typography.Text>}
    </Modal>
  );
}

/** 撤回 with a confirmation asking for the reason (sent only when one is given). */
function WithdrawButton({ file, onWithdraw }: { file: MatterFile; onWithdraw(reason: string): Promise<void> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <Popconfirm
      title={t(`撤回“${file.fileName}”？`, `Withdraw “${file.fileName}”?`)}
      description={(
        <div style={{ width: 280 }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('撤回后不再列出，文件仍保存并纳入备份，撤回记入审计日志。', 'It leaves the list; the file is kept and backed up; the withdrawal is audited.')}
          </Typography.Paragraph>
          <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)}
            placeholder={t('撤回理由（必填），如：误传、已上传新版本', 'Reason (required)')} data-testid={`matter-file-withdraw-reason-${file.id}`} />
        </div>
      )}
      okText={t('撤回', 'Withdraw')} cancelText={t('取消', 'Cancel')}
      okButtonProps={{ danger: true, disabled: reason.trim() === '', 'data-testid': `matter-file-withdraw-ok-${file.id}` } as never}
      onOpenChange={(open) => { if (open) setReason(''); }}
      onConfirm={() => onWithdraw(reason.trim())}>
      <Button size="small" type="link" danger icon={<RollbackOutlined />} data-testid={`matter-file-withdraw-${file.id}`}>{t('撤回', 'Withdraw')}</Button>
    </Popconfirm>
  );
}

/** `state` is the matter's: a step taken on the page (concluding it) refetches whether files may still be withdrawn. */
export function MatterFilesCard({ kind, id, state }: { kind: MatterKind; id: number; state: string }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const [uploading, setUploading] = useState(false);
  const base = `/api/matters/${kind}/${id}/files`;
  const key = ['matters', kind, 'files', id, state, showWithdrawn];
  const list = useQuery({ queryKey: key, queryFn: () => api.get<FileList>(`${base}${showWithdrawn ? '?withdrawn=1' : ''}`) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['matters', kind, 'files', id] });
  const data = list.data;
  const withdraw = async (f: MatterFile, reason: string) => {
    try {
      await api.post(`${base}/${f.id}/withdraw`, { reason });
      message.success(t(`已撤回“${f.fileName}”`, `Withdrew “${f.fileName}”`));
      await refresh();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <Card size="small" title={t('附件', 'Files')} style={{ marginBottom: 12 }} data-testid="matter-files"
      extra={data?.mayUpload ? <Button size="small" icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="matter-file-upload">{t('上传附件', 'Upload')}</Button> : undefined}>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error, t)} />}
      {data && data.files.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无附件', 'No files')} data-testid="matter-files-empty" />}
      {data && data.files.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%' }} size={10}>
          {data.files.map((f) => (
            <div key={f.id} data-testid={`matter-file-${f.id}`} data-withdrawn={f.withdrawn ? 'true' : 'false'}>
              <Space size={4} wrap>
                <Tag color={CATEGORY_COLOURS[f.category] ?? 'default'} style={{ marginInlineEnd: 0 }}>{f.categoryName}</Tag>
                <PaperClipOutlined style={{ color: '#8c8c8c' }} />
                <Typography.Text ellipsis delete={Boolean(f.withdrawn)} style={{ maxWidth: 220 }} title={f.fileName}>{f.fileName}</Typography.Text>
                {f.withdrawn && (
                  <Tooltip title={t(`${f.withdrawn.by ?? ''}于${formatDateTime(f.withdrawn.at)}撤回：${f.withdrawn.reason}`, `Withdrawn by ${f.withdrawn.by ?? ''} on ${formatDateTime(f.withdrawn.at)}: ${f.withdrawn.reason}`)}>
                    <Tag color="red" data-testid={`matter-file-withdrawn-${f.id}`}>{t('已撤回', 'Withdrawn')}</Tag>
                  </Tooltip>
                )}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {sizeText(f.sizeBytes)} · {f.uploadedBy ?? '—'} · {formatDateTime(f.uploadedAt)} ·{' '}
                  <Tooltip title={`SM3 ${f.sm3}`}><span data-testid={`matter-file-sm3-${f.id}`}>SM3 {f.sm3.slice(0, 8)}…</span></Tooltip>
                </Typography.Text>
              </div>
              {f.note && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{f.note}</Typography.Text>}
              <Space size={0}>
                {f.inline && (
                  <Button size="small" type="link" icon={<EyeOutlined />} href={`${base}/${f.id}?inline=1`} target="_blank" rel="noopener" data-testid={`matter-file-view-${f.id}`}>
                    {t('查看', 'View')}
                  </Button>
                )}
                <Button size="small" type="link" icon={<DownloadOutlined />} href={`${base}/${f.id}`} data-testid={`matter-file-download-${f.id}`}>{t('下载', 'Download')}</Button>
                {data.mayWithdraw && !f.withdrawn && <WithdrawButton file={f} onWithdraw={(reason) => withdraw(f, reason)} />}
              </Space>
            </div>
          ))}
        </Space>
      )}
      {data && (data.withdrawnCount > 0 || showWithdrawn) && (
        <div style={{ marginTop: 10 }}>
          <Space size={6}>
            <Switch size="small" checked={showWithdrawn} onChange={setShowWithdrawn} data-testid="matter-files-show-withdrawn" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`显示已撤回的附件（${data.withdrawnCount}）`, `Show withdrawn files (${data.withdrawnCount})`)}</Typography.Text>
          </Space>
        </div>
      )}
      {uploading && data && (
        <UploadModal url={base} list={data} onClose={() => setUploading(false)} onDone={() => { setUploading(false); void refresh(); }} />
      )}
    </Card>
  );
}
