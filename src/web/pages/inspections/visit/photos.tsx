// Photos taken on the spot: chosen with the phone's camera (capture) or from its album,
// kept in a queue while the record is being written, and uploaded once the visit is saved
// (or at once, from the record page). Each uploaded photo shows the start of the SM3
// digest the server computed as the bytes arrived.
import { useEffect, useRef } from 'react';
import { Button, Card, Flex, Image, Input, Progress, Tag, Tooltip, Typography } from 'antd';
import { CameraOutlined, DeleteOutlined, PictureOutlined } from '@ant-design/icons';
import { upload } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import { sm3Prefix, type VisitFile } from './types';

export interface QueuedPhoto {
  key: string; file: File; title: string; url: string;
  state: 'queued' | 'uploading' | 'done' | 'failed'; progress: number; sm3?: string; error?: string;
}

let counter = 0;

export function queuedPhotos(files: FileList | null, start: number): QueuedPhoto[] {
  return Array.from(files ?? []).map((file, i) => ({
    key: `p${++counter}`, file, title: `现场照片${start + i + 1}`, url: URL.createObjectURL(file), state: 'queued', progress: 0,
  }));
}

export const uploadPhoto = (visitId: number, p: Pick<QueuedPhoto, 'file' | 'title'>, onProgress: (f: number) => void) =>
  upload<VisitFile>(`/api/inspections/visits/${visitId}/files`, p.file, onProgress, { title: p.title.trim() || '现场照片' });

/** The camera (rear, on a phone) and the album: two large buttons over hidden file inputs. */
export function PhotoButtons({ onFiles, disabled }: { onFiles(files: FileList | null): void; disabled?: boolean }) {
  const t = useT();
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const picked = (e: React.ChangeEvent<HTMLInputElement>) => {
    onFiles(e.target.files);
    e.target.value = '';
  };
  return (
    <Flex gap={8}>
      {/* Inputs styled away (not the hidden attribute, which a display rule may override): the buttons open them. */}
      <input ref={camera} type="file" accept="image/*" capture="environment" style={{ display: 'none' }} onChange={picked} data-testid="photo-camera" />
      <input ref={album} type="file" accept="image/*" multiple style={{ display: 'none' }} onChange={picked} data-testid="photo-album" />
      <Button size="large" block icon={<CameraOutlined />} onClick={() => camera.current?.click()} disabled={disabled}>{t('拍照', 'Take a photo')}</Button>
      <Button size="large" block icon={<PictureOutlined />} onClick={() => album.current?.click()} disabled={disabled}>{t('从相册选择', 'From the album')}</Button>
    </Flex>
  );
}

/** The queue: each photo's thumbnail, its title (editable until sent), and its state or SM3. */
export function PhotoQueue({ photos, onTitle, onRemove }: { photos: QueuedPhoto[]; onTitle(key: string, title: string): void; onRemove(key: string): void }) {
  const t = useT();
  // The thumbnails' object URLs are released with the page.
  const urls = useRef<string[]>([]);
  useEffect(() => { urls.current = photos.map((p) => p.url); }, [photos]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);
  if (photos.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }} data-testid="photo-queue">
      {photos.map((p) => (
        <Card key={p.key} size="small" styles={{ body: { padding: 8 } }} data-testid="queued-photo">
          <Flex gap={8} align="center">
            <Image src={p.url} width={64} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} alt={p.title} />
            <div style={{ flex: 1, minWidth: 0 }}>
              <Input value={p.title} maxLength={200} disabled={p.state !== 'queued' && p.state !== 'failed'} onChange={(e) => onTitle(p.key, e.target.value)}
                placeholder={t('照片说明', 'What it shows')} />
              <div style={{ marginTop: 4 }}>
                {p.state === 'queued' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('保存检查记录后上传', 'Uploaded once the record is saved')}</Typography.Text>}
                {p.state === 'uploading' && <Progress percent={Math.round(p.progress * 100)} size="small" />}
                {p.state === 'done' && p.sm3 && (
                  <Tooltip title={`SM3 ${p.sm3}`}><Tag color="green" data-testid="photo-sm3">SM3 {sm3Prefix(p.sm3)}</Tag></Tooltip>
                )}
                {p.state === 'failed' && <Typography.Text type="danger" style={{ fontSize: 12 }}>{p.error}</Typography.Text>}
              </div>
            </div>
            {(p.state === 'queued' || p.state === 'failed') && (
              <Button type="text" danger size="large" icon={<DeleteOutlined />} onClick={() => onRemove(p.key)} aria-label={t('移除', 'Remove')} />
            )}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
