// The evidence of a case (全过程记录, 行政处罚法 art. 47): the list with each file's SM3
// and latest integrity check, upload by the case's inspectors, preview and download
// through the logged content route, the 调阅记录 of an item, and 完整性校验.
import { useState, type HTMLAttributes } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Image, Input, Modal, Popover, Progress, Select, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { DownloadOutlined, EyeOutlined, ExportOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { ApiError, api, upload } from '../../lib/api';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';

// The shapes of src/modules/evidence/schema.ts as this card uses them.
type Kind = 'photo' | 'audio' | 'video' | 'scan' | 'site_record' | 'document' | 'other';
type Integrity = 'unchecked' | 'intact' | 'altered' | 'missing';
interface Evidence {
  id: number; kind: Kind; title: string; fileName: string; contentType: string; sizeBytes: number; sm3: string;
  uploadedBy: { id: number; name: string }; uploadedAt: string; integrity: Integrity; checkedAt: string | null; accessCount: number;
}
interface EvidenceList { items: Evidence[]; canAdd: boolean }
interface Access { id: number; userName: string; action: 'view' | 'download'; at: string; clientAddress: string | null }
interface VerifyItem { id: number; title: string; result: Exclude<Integrity, 'unchecked'>; expectedSm3: string; actualSm3: string | null; reason: string | null }

const KIND_LABELS: Record<Kind, [string, string]> = {
  photo: ['照片', 'Photo'], audio: ['录音', 'Audio'], video: ['录像', 'Video'], scan: ['扫描件', 'Scan'],
  site_record: ['现场笔录', 'On-site record'], document: ['书证', 'Document'], other: ['其他', 'Other'],
};
const INTEGRITY_TAGS: Record<Integrity, { colour: string; label: [string, string] }> = {
  unchecked: { colour: 'default', label: ['未校验', 'Not checked'] },
  intact: { colour: 'green', label: ['完整', 'Intact'] },
  altered: { colour: 'red', label: ['被改动', 'Altered'] },
  missing: { colour: 'red', label: ['文件缺失', 'Missing'] },
};
const CLOSED_STATES = ['closed', 'archived', 'not_filed'];

function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

const contentUrl = (caseId: number, id: number, disposition: 'inline' | 'attachment') =>
  `/api/cases/${caseId}/evidence/${id}/content?disposition=${disposition}`;

function UploadModal({ caseId, open, onClose, onDone }: { caseId: number; open: boolean; onClose(): void; onDone(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: Kind; title: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const submit = async (v: { kind: Kind; title: string }) => {
    if (!file) return; // the OK button is disabled until a file is chosen
    setProgress(0);
    try {
      await upload<Evidence>(`/api/cases/${caseId}/evidence`, file, setProgress, { kind: v.kind, title: v.title });
      message.success(t('证据已上传，SM3 摘要已登记', 'Evidence uploaded; its SM3 digest is recorded'));
      form.resetFields();
      setFile(null);
      onDone();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setProgress(null);
    }
  };
  const busy = progress !== null;
  return (
    <Modal open={open} title={t('上传证据', 'Upload evidence')} onOk={() => form.submit()} okButtonProps={{ loading: busy, disabled: !file, 'data-testid': 'evidence-upload-submit' }}
      onCancel={() => { if (!busy) onClose(); }} destroyOnHidden data-testid="evidence-upload">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'photo' }} disabled={busy}>
        <Form.Item name="kind" label={t('证据种类', 'Kind')} rules={[{ required: true }]}>
          <Select data-testid="evidence-kind" options={(Object.keys(KIND_LABELS) as Kind[]).map((k) => ({ value: k, label: t(...KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('标题', 'Title')} rules={[{ required: true, whitespace: true, message: t('请填写标题', 'Enter a title') }]}>
          <Input maxLength={200} placeholder={t('如：现场照片（诊疗室）', 'e.g. Photo of the treatment room')} data-testid="evidence-title" />
        </Form.Item>
        <Form.Item label={t('文件', 'File')} required>
          <Upload maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'evidence', name: file.name, status: 'done' }] : []}>
            <Button icon={<UploadOutlined />}>{t('选择文件', 'Choose a file')}</Button>
          </Upload>
        </Form.Item>
      </Form>
      {busy && <Progress percent={Math.round(progress * 100)} status={progress >= 1 ? 'success' : 'active'} />}
      {busy && progress >= 1 && <Typography.Text type="secondary">{t('服务器正在登记…', 'The server is recording it…')}</Typography.Text>}
    </Modal>
  );
}

function AccessLog({ caseId, id }: { caseId: number; id: number }) {
  const t = useT();
  const log = useQuery({ queryKey: ['evidence-access', caseId, id], queryFn: () => api.get<Access[]>(`/api/cases/${caseId}/evidence/${id}/access`) });
  const columns: ColumnsType<Access> = [
    { title: t('人员', 'Who'), dataIndex: 'userName' },
    { title: t('时间', 'When'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
    { title: t('方式', 'What'), dataIndex: 'action', render: (a: Access['action']) => a === 'view' ? t('查看', 'Viewed') : t('下载', 'Downloaded') },
    { title: t('来源地址', 'From'), dataIndex: 'clientAddress', render: (v: string | null) => v ?? '—' },
  ];
  return <Table size="small" rowKey="id" loading={log.isLoading} dataSource={log.data ?? []} columns={columns} pagination={{ pageSize: 10, hideOnSinglePage: true }} style={{ width: 520 }} />;
}

/** The 调阅记录, fetched afresh on every opening; opening it also refreshes the list's counts. */
function AccessButton({ caseId, item, onOpen }: { caseId: number; item: Evidence; onOpen(): void }) {
  const t = useT();
  return (
    <Popover trigger="click" title={t(`调阅记录：${item.title}`, `Access log: ${item.title}`)} content={<AccessLog caseId={caseId} id={item.id} />}
      destroyOnHidden onOpenChange={(o) => { if (o) onOpen(); }}>
      <Button size="small" type="link" data-testid={`evidence-access-${item.id}`}>{t(`调阅 ${item.accessCount} 次`, `${item.accessCount} accesses`)}</Button>
    </Popover>
  );
}

/** Plain text shown in the page up to this size; a larger file opens in its own tab. */
const TEXT_PREVIEW_MAX = 1024 * 1024;

type PreviewKind = 'image' | 'text' | 'tab' | null;

/**
 * How an item can be looked at without downloading it, following the types the server
 * sends inline (anything else, such as HTML or SVG, is only ever downloaded): photos in
 * an image preview, plain text in a dialog, PDF, audio and video in the browser's own
 * viewer in a new tab.
 */
function previewKind(item: Evidence): PreviewKind {
  const type = item.contentType.toLowerCase().split(';')[0].trim();
  if (/^image\/(png|jpeg|gif|webp|bmp)$/.test(type)) return 'image';
  if (type === 'text/plain') return item.sizeBytes <= TEXT_PREVIEW_MAX ? 'text' : 'tab';
  if (type === 'application/pdf' || /^(audio|video)\/[\w.+-]+$/.test(type)) return 'tab';
  return null;
}

/** Text as sent: UTF-8, or else GB 18030 (text saved on a Chinese Windows PC). */
function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Fetches a text item through the logged content route (one view per click, so never from an effect). */
async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) {
    const body = await res.json().catch(() => null) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? `请求失败（${res.status}）`);
  }
  return decodeText(await res.arrayBuffer());
}

/** 查看: each opening loads the file through the content route, which logs it as a view. */
function ViewButton({ caseId, item, onOpened }: { caseId: number; item: Evidence; onOpened(): void }) {
  const t = useT();
  const [image, setImage] = useState(false);
  const [text, setText] = useState<{ loading: boolean; text?: string; error?: string } | null>(null);
  const kind = previewKind(item);
  if (!kind) return null;
  const url = contentUrl(caseId, item.id, 'inline');
  const testId = `evidence-view-${item.id}`;
  if (kind === 'tab') {
    return <Button size="small" type="link" icon={<ExportOutlined />} href={url} target="_blank" rel="noopener" onClick={() => setTimeout(onOpened, 1000)}
      data-testid={testId}>{t('查看', 'View')}</Button>;
  }
  const openText = async () => {
    setText({ loading: true });
    try {
      setText({ loading: false, text: await fetchText(url) });
    } catch (err) {
      setText({ loading: false, error: errorMessage(err, t) });
    }
  };
  return (
    <>
      <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => (kind === 'image' ? setImage(true) : void openText())} data-testid={testId}>{t('查看', 'View')}</Button>
      {image && <Image style={{ display: 'none' }} alt={item.title}
        preview={{ open: true, src: url, onOpenChange: (o) => { if (!o) { setImage(false); onOpened(); } } }} />}
      {text && (
        <Modal open title={`${item.title} · ${item.fileName}`} width={800} footer={null} destroyOnHidden
          onCancel={() => { setText(null); onOpened(); }} data-testid="evidence-text-preview">
          {text.error ? <Typography.Text type="danger">{text.error}</Typography.Text> : (
            <pre style={{ maxHeight: '60vh', overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }} data-testid="evidence-text">
              {text.loading ? t('正在加载…', 'Loading…') : text.text}
            </pre>
          )}
        </Modal>
      )}
    </>
  );
}

/** 下载: the file as stored, sent as an attachment and logged as a download. */
function DownloadButton({ caseId, item }: { caseId: number; item: Evidence }) {
  const t = useT();
  return <Button size="small" type="link" icon={<DownloadOutlined />} href={contentUrl(caseId, item.id, 'attachment')}
    data-testid={`evidence-download-${item.id}`}>{t('下载', 'Download')}</Button>;
}

function Sm3({ value }: { value: string }) {
  return (
    <Tooltip title={value}>
      <span data-testid="evidence-sm3" data-sm3={value}>
        <Typography.Text code copyable={{ text: value }} style={{ fontSize: 12 }}>{`${value.slice(0, 8)}…${value.slice(-4)}`}</Typography.Text>
      </span>
    </Tooltip>
  );
}

function integrityTag(i: Integrity, t: Translate, checkedAt?: string | null) {
  const tag = <Tag color={INTEGRITY_TAGS[i].colour} data-integrity={i}>{t(...INTEGRITY_TAGS[i].label)}</Tag>;
  return checkedAt ? <Tooltip title={t(`校验于 ${formatDateTime(checkedAt)}`, `Checked ${formatDateTime(checkedAt)}`)}>{tag}</Tooltip> : tag;
}

function showVerification(modal: ReturnType<typeof App.useApp>['modal'], items: VerifyItem[], t: Translate) {
  const bad = items.filter((i) => i.result !== 'intact');
  const columns: ColumnsType<VerifyItem> = [
    { title: t('证据', 'Evidence'), dataIndex: 'title' },
    { title: t('结果', 'Result'), dataIndex: 'result', render: (r: VerifyItem['result']) => integrityTag(r, t) },
    { title: t('登记的 SM3', 'Recorded SM3'), dataIndex: 'expectedSm3', render: (v: string) => <Sm3 value={v} /> },
    { title: t('实际 SM3', 'Actual SM3'), dataIndex: 'actualSm3', render: (v: string | null) => (v ? <Sm3 value={v} /> : '—') },
    { title: t('说明', 'Reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
  ];
  const show = bad.length ? modal.error : modal.success;
  show({
    width: 900,
    title: bad.length
      ? t(`完整性校验：${bad.length} 件证据被改动或缺失`, `Integrity check: ${bad.length} items altered or missing`)
      : t(`完整性校验：全部 ${items.length} 件证据完整`, `Integrity check: all ${items.length} items intact`),
    content: <Table size="small" rowKey="id" dataSource={items} columns={columns} pagination={false} data-testid="evidence-verify-result" />,
  });
}

export function EvidenceCard({ caseId, caseState }: { caseId: number; caseState: string }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  // Keyed by the state too: a step that closes the case changes whether evidence may be added.
  const key = ['case-evidence', caseId, caseState];
  const list = useQuery({ queryKey: key, queryFn: () => api.get<EvidenceList>(`/api/cases/${caseId}/evidence`) });
  const [uploading, setUploading] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['case-evidence', caseId] });
  const verify = async () => {
    setVerifying(true);
    try {
      const r = await api.post<{ items: VerifyItem[] }>(`/api/cases/${caseId}/evidence/verify`);
      showVerification(modal, r.items, t);
      refresh();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setVerifying(false);
    }
  };
  const items = list.data?.items ?? [];
  const columns: ColumnsType<Evidence> = [
    { title: t('种类', 'Kind'), dataIndex: 'kind', width: 90, render: (k: Kind) => t(...KIND_LABELS[k]) },
    { title: t('标题 / 文件', 'Title / file'), key: 'title', width: 200, render: (_, e) => <><div>{e.title}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.fileName} · {formatBytes(e.sizeBytes)}</Typography.Text></> },
    { title: 'SM3', dataIndex: 'sm3', width: 170, render: (v: string) => <Sm3 value={v} /> },
    { title: t('上传', 'Uploaded'), key: 'up', width: 150, render: (_, e) => <><span data-testid="evidence-uploader">{e.uploadedBy.name}</span><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.uploadedAt)}</Typography.Text></> },
    { title: t('完整性', 'Integrity'), dataIndex: 'integrity', width: 90, render: (i: Integrity, e) => integrityTag(i, t, e.checkedAt) },
    { title: '', key: 'actions', width: 230, render: (_, e) => (
      <Space size={0} wrap>
        <ViewButton caseId={caseId} item={e} onOpened={refresh} />
        <DownloadButton caseId={caseId} item={e} />
        <AccessButton caseId={caseId} item={e} onOpen={refresh} />
      </Space>
    ) },
  ];
  const closed = CLOSED_STATES.includes(caseState);
  return (
    <Card size="small" title={t('证据', 'Evidence')} style={{ marginBottom: 12 }} data-testid="evidence"
      extra={<Space>
        {list.data?.canAdd && <Button size="small" type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="evidence-add">{t('上传证据', 'Upload')}</Button>}
        <Button size="small" icon={<SafetyCertificateOutlined />} loading={verifying} disabled={items.length === 0} onClick={verify} data-testid="evidence-verify">{t('完整性校验', 'Integrity check')}</Button>
      </Space>}>
      <Table size="small" rowKey="id" loading={list.isLoading} dataSource={items} columns={columns} pagination={items.length > 20 ? { pageSize: 20 } : false}
        onRow={(e) => ({ 'data-testid': `evidence-row-${e.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: closed ? t('案件已办结，未登记证据', 'The case is finished; no evidence was recorded') : t('尚未上传证据', 'No evidence yet') }} />
      {list.isError && <Typography.Text type="danger">{errorMessage(list.error, t)}</Typography.Text>}
      <UploadModal caseId={caseId} open={uploading} onClose={() => setUploading(false)} onDone={() => { setUploading(false); refresh(); }} />
    </Card>
  );
}
