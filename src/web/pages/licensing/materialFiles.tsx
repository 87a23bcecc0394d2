// Material files (申请材料电子文件), shared by the window's application page and the
// portal (apply, track): the accepted types and limits, mirroring
// src/modules/licensing/applicationFiles.ts with the same Chinese messages, a button that
// picks one file, checks it and uploads it with its progress, and the list of a
// material's files (names; for staff, preview and download links, each access audited).
import { useRef, useState } from 'react';
import { App, Button, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, EyeOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, upload } from '../../lib/api';
import { useT, type Translate } from '../../lib/i18n';

export const FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd';
export const ACCEPTED_TYPES_TEXT = 'PDF、JPG、PNG、OFD';
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES_PER_MATERIAL = 10;

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What is wrong with a chosen file before it is sent (the server checks again, also the content), or null. */
export function fileProblem(file: File, t: Translate): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (!ext || !['pdf', 'jpg', 'jpeg', 'png', 'ofd'].includes(ext)) {
    return t(`只能上传${ACCEPTED_TYPES_TEXT}格式的文件，“${file.name}”不是这些格式`, `Only PDF, JPG, PNG or OFD files: “${file.name}” is not one`);
  }
  if (file.size === 0) return t(`文件“${file.name}”为空（0字节），请重新选择文件`, `“${file.name}” is empty`);
  if (file.size > MAX_FILE_BYTES) return t('单个文件不能超过10 MB，请压缩或分拆后上传', 'A file may have at most 10 MB: compress or split it');
  return null;
}

/** A button choosing one file (checked here first) and handing it over. */
export function PickFileButton({ onPick, disabled, testid, label, size = 'small' }: {
  onPick(file: File): void; disabled?: boolean; testid: string; label?: string; size?: 'small' | 'middle';
}) {
  const t = useT();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input ref={input} type="file" accept={FILE_ACCEPT} style={{ display: 'none' }} data-testid={`${testid}-input`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          const problem = fileProblem(file, t);
          if (problem) { message.error(problem); return; }
          onPick(file);
        }} />
      <Tooltip title={t(`${ACCEPTED_TYPES_TEXT}，每个不超过10 MB，每项材料最多${MAX_FILES_PER_MATERIAL}个`, `PDF, JPG, PNG or OFD, up to 10 MB each, ${MAX_FILES_PER_MATERIAL} per material`)}>
        <Button size={size} icon={<UploadOutlined />} disabled={disabled} onClick={() => input.current?.click()} data-testid={testid}>
          {label ?? t('上传文件', 'Upload a file')}
        </Button>
      </Tooltip>
    </>
  );
}

/** Picks a file and uploads it at once to `url` with `fields` (sent before the file), showing the progress. */
export function UploadFileButton({ url, fields, onDone, disabled, testid, label }: {
  url: string; fields: Record<string, string>; onDone(): void; disabled?: boolean; testid: string; label?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const send = async (file: File) => {
    setProgress(0);
    try {
      await upload(url, file, setProgress, fields);
      message.success(t(`已上传“${file.name}”`, `Uploaded “${file.name}”`));
      onDone();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : t('上传失败，请重试', 'The upload failed; try again'));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Space size={8}>
      <PickFileButton onPick={(f) => void send(f)} disabled={disabled || progress !== null} testid={testid} label={label} />
      {progress !== null && <Progress percent={Math.round(progress * 100)} size="small" style={{ width: 120, margin: 0 }} />}
    </Space>
  );
}

export interface ListedFile { id: number; fileName: string; sizeBytes: number; contentType?: string; byApplicant?: boolean; uploader?: 'applicant' | 'staff' }

const INLINE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * The files of one material. With `contentUrl` (staff) each has 查看 (inline, in a new
 * tab; PDF and images) and 下载; without it (the portal) only the names are shown.
 */
export function FileList({ files, contentUrl, testid }: { files: ListedFile[]; contentUrl?: (id: number, disposition: 'inline' | 'attachment') => string; testid: string }) {
  const t = useT();
  if (files.length === 0) return null;
  return (
    <div data-testid={testid}>
      {files.map((f) => (
        <div key={f.id} style={{ display: 'flex', alignItems: 'center', gap: 4, flexWrap: 'wrap' }} data-testid={`${testid}-${f.id}`}>
          <PaperClipOutlined style={{ color: '#8c8c8c' }} />
          <Typography.Text ellipsis style={{ maxWidth: 260 }} title={f.fileName}>{f.fileName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{sizeText(f.sizeBytes)}</Typography.Text>
          {(f.uploader === 'applicant' || f.byApplicant) && <Tag style={{ marginInlineEnd: 0 }}>{t('申请人上传', 'By the applicant')}</Tag>}
          {contentUrl && f.contentType && INLINE.has(f.contentType) && (
            <Button size="small" type="link" icon={<EyeOutlined />} href={contentUrl(f.id, 'inline')} target="_blank" rel="noopener" data-testid={`${testid}-${f.id}-view`}>
              {t('查看', 'View')}
            </Button>
          )}
          {contentUrl && (
            <Button size="small" type="link" icon={<DownloadOutlined />} href={contentUrl(f.id, 'attachment')} data-testid={`${testid}-${f.id}-download`}>
              {t('下载', 'Download')}
            </Button>
          )}
        </div>
      ))}
    </div>
  );
}
