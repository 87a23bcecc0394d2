// A visit as recorded on the platform: the entity, date, kind and result, the inspectors,
// every check item's outcome with its note, the findings, the party's signature and the
// photos (each with its SM3), whether the record still has its recorded hash, and the
// case lead opened from it or the button that opens one. Photos can be added until then.
// Each file has its 调阅记录 (who viewed or downloaded it, when, from where).
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Image, List, Popover, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { useT } from '../../../lib/i18n';
import { errorMessage, formatDateTime } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { visitResult, type VisitDetail } from '../types';
import { CaseLeadButton } from './CaseLeadButton';
import { PhotoButtons, PhotoQueue, queuedPhotos, uploadPhoto, type QueuedPhoto } from './photos';
import { OUTCOME_COLOURS, fileUrl, outcomeLabel, sm3Prefix, type VisitFile, type VisitRecord } from './types';

export function useVisitRecord(id: number | undefined) {
  return useQuery({
    queryKey: ['inspections', 'visit-record', id],
    queryFn: () => api.get<VisitRecord>(`/api/inspections/visits/${id}/record`),
    enabled: id !== undefined,
  });
}

/** An entry of a file's 调阅记录 (GET …/files/:fileId/access). */
interface FileAccess { id: number; userName: string; action: 'view' | 'download'; at: string; clientAddress: string | null }

/** The 调阅记录 of a photo or the signature, fetched afresh on every opening. */
function FileAccessLog({ visitId, fileId }: { visitId: number; fileId: number }) {
  const t = useT();
  const log = useQuery({
    queryKey: ['inspections', 'visit-file-access', visitId, fileId],
    queryFn: () => api.get<FileAccess[]>(`${fileUrl(visitId, fileId)}/access`),
  });
  if (log.isLoading) return <Skeleton active title={false} paragraph={{ rows: 2 }} style={{ width: 280 }} />;
  if (log.error) return <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />;
  return (
    <List size="small" style={{ width: 300, maxHeight: 320, overflowY: 'auto' }} dataSource={log.data ?? []} data-testid="visit-file-access-log"
      locale={{ emptyText: t('暂无调阅记录', 'Not viewed yet') }}
      renderItem={(a) => (
        <List.Item key={a.id} style={{ display: 'block', paddingInline: 0 }}>
          <Flex justify="space-between" gap={8}>
            <span>{a.userName}</span>
            <Tag style={{ marginInlineEnd: 0 }}>{a.action === 'view' ? t('查看', 'Viewed') : t('下载', 'Downloaded')}</Tag>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(a.at)}{a.clientAddress ? `　${a.clientAddress}` : ''}</Typography.Text>
        </List.Item>
      )} />
  );
}

function FileAccessButton({ visitId, f }: { visitId: number; f: VisitFile }) {
  const t = useT();
  return (
    <Popover trigger="click" destroyOnHidden title={t(`调阅记录：${f.title}`, `Access log: ${f.title}`)} content={<FileAccessLog visitId={visitId} fileId={f.id} />}>
      <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12, alignSelf: 'flex-start' }} data-testid={`visit-file-access-${f.id}`}>
        {t('调阅记录', 'Access log')}
      </Button>
    </Popover>
  );
}

function FileThumb({ visitId, f }: { visitId: number; f: VisitFile }) {
  return (
    <Flex vertical gap={4} style={{ width: 104 }} data-testid="visit-photo">
      <Image src={fileUrl(visitId, f.id)} width={104} height={104} style={{ objectFit: 'cover', borderRadius: 4, background: '#fff' }} alt={f.title} />
      <Typography.Text ellipsis style={{ fontSize: 12 }}>{f.title}</Typography.Text>
      <Tooltip title={`SM3 ${f.sm3}`}><Tag color="green" style={{ marginInlineEnd: 0, fontSize: 11 }}>SM3 {f.sm3.slice(0, 8)}…</Tag></Tooltip>
      <FileAccessButton visitId={visitId} f={f} />
    </Flex>
  );
}

/** Photos added from the record page: uploaded at once, one after another. */
function AddPhotos({ visitId }: { visitId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [photos, setPhotos] = useState<QueuedPhoto[]>([]);
  const patch = (key: string, p: Partial<QueuedPhoto>) => setPhotos((all) => all.map((x) => (x.key === key ? { ...x, ...p } : x)));
  const add = async (files: FileList | null) => {
    const fresh = queuedPhotos(files, photos.length);
    setPhotos((all) => [...all, ...fresh]);
    for (const p of fresh) {
      patch(p.key, { state: 'uploading' });
      try {
        const f = await uploadPhoto(visitId, p, (progress) => patch(p.key, { progress }));
        patch(p.key, { state: 'done', sm3: f.sm3 });
      } catch (err) {
        patch(p.key, { state: 'failed', error: errorMessage(err, t) });
        message.error(errorMessage(err, t));
      }
    }
    await qc.invalidateQueries({ queryKey: ['inspections', 'visit-record', visitId] });
    setPhotos((all) => all.filter((x) => x.state !== 'done'));
  };
  return (
    <div style={{ marginTop: 12 }}>
      <PhotoButtons onFiles={add} disabled={photos.some((p) => p.state === 'uploading')} />
      <PhotoQueue photos={photos} onTitle={(key, title) => patch(key, { title })} onRemove={(key) => setPhotos((all) => all.filter((x) => x.key !== key))} />
    </div>
  );
}

export function VisitRecordView({ id }: { id: number }) {
  const t = useT();
  const { can } = useAuth();
  const visit = useQuery({ queryKey: ['inspections', 'visit', id], queryFn: () => api.get<VisitDetail>(`/api/inspections/visits/${id}`) });
  const record = useVisitRecord(id);
  const v = visit.data;
  const r = record.data;
  if (visit.isLoading || record.isLoading) return <Skeleton active />;
  if (visit.error || record.error) return <ErrorAlert error={visit.error ?? record.error} onRetry={() => { void visit.refetch(); void record.refetch(); }} />;
  if (!v || !r) return null;
  const result = visitResult(v.result, t);
  const failed = r.checkResults.filter((c) => c.outcome === 'fail').length;
  return (
    <Flex vertical gap={12} data-testid="visit-record">
      <Card size="small">
        <Descriptions size="small" column={1} items={[
          { key: 'no', label: t('检查记录编号', 'Record no.'), children: <span data-testid="visit-no">{v.visitNo}</span> },
          { key: 'entity', label: t('被检查对象', 'Entity'), children: can('entities.read') ? <Link to={`/entities/${v.entityId}`}>{v.entityName}</Link> : v.entityName },
          { key: 'address', label: t('地址', 'Address'), children: v.entityAddress },
          { key: 'date', label: t('检查日期', 'Visited on'), children: v.visitedOn },
          { key: 'kind', label: t('检查类型', 'Kind'), children: <>{r.kindName}{r.campaign ? `：${r.campaign}` : ''}{v.taskNo ? `（${t('任务', 'task')} ${v.taskNo}）` : ''}</> },
          { key: 'result', label: t('检查结果', 'Result'), children: <Tag color={result.colour} data-testid="visit-result">{result.label}</Tag> },
          { key: 'inspectors', label: t('检查人员', 'Inspectors'), children: v.inspectorDetails.map((i) => `${i.name}（${i.certificateNo ?? i.staffNo}）`).join('、') },
          ...(r.recordedBy ? [{ key: 'by', label: t('记录人', 'Recorded by'), children: `${r.recordedBy.name} ${formatDateTime(r.recordedAt)}` }] : []),
        ]} />
      </Card>

      {!r.recorded && <Alert type="info" showIcon title={t('历史导入的检查记录，没有检查事项、签名和照片', 'Imported history: no check items, signature or photos')} />}

      {r.recorded && (
        <>
          <Card size="small" title={t(`检查事项（${r.checkResults.length}项，不合格${failed}项）`, `Check items (${r.checkResults.length}, ${failed} failed)`)}>
            {r.checkResults.length === 0 ? <Empty description={t('未逐项记录检查事项', 'No item recorded')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
              <List size="small" dataSource={r.checkResults} renderItem={(c) => (
                <List.Item key={c.itemId} style={{ display: 'block' }}>
                  <Flex justify="space-between" gap={8} align="flex-start">
                    <div style={{ minWidth: 0 }}><Typography.Text type="secondary">{c.code}</Typography.Text> {c.title}</div>
                    <Tag color={OUTCOME_COLOURS[c.outcome]} style={{ marginInlineEnd: 0 }}>{outcomeLabel(c.outcome, t)}</Tag>
                  </Flex>
                  {c.note && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{c.note}</Typography.Text>}
                  {c.outcome === 'fail' && c.provisionCode && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('处罚条款', 'Provision')} {c.provisionCode}</Typography.Text></div>}
                </List.Item>
              )} />
            )}
          </Card>
          {r.findings && (
            <Card size="small" title={t('检查发现的问题', 'Findings')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="visit-findings">{r.findings}</Typography.Paragraph>
            </Card>
          )}
          <Card size="small" title={t('当事人签名', 'Signature of the party')}>
            {r.signatoryName ? (
              <Flex vertical gap={4}>
                <Typography.Text>{r.signatoryName}　<Typography.Text type="secondary">{formatDateTime(r.signedAt)}</Typography.Text></Typography.Text>
                {r.signature && (
                  <>
                    <img src={fileUrl(r.id, r.signature.id)} alt={t('当事人签名', 'Signature')} style={{ alignSelf: 'flex-start', maxWidth: '100%', maxHeight: 160, border: '1px solid #f0f0f0', background: '#fff' }} data-testid="visit-signature" />
                    <Tooltip title={`SM3 ${r.signature.sm3}`}><Tag color="green" style={{ alignSelf: 'flex-start' }}>SM3 {sm3Prefix(r.signature.sm3)}</Tag></Tooltip>
                    <FileAccessButton visitId={r.id} f={r.signature} />
                  </>
                )}
              </Flex>
            ) : <Typography.Text type="secondary">{t('当事人不在场，未签名', 'The party was absent; no signature')}</Typography.Text>}
          </Card>
          <Card size="small" title={t(`现场照片（${r.photos.length}）`, `Photos (${r.photos.length})`)}>
            {r.photos.length === 0 && <Typography.Text type="secondary">{t('没有现场照片', 'No photos')}</Typography.Text>}
            <Flex wrap gap={8}>{r.photos.map((f) => <FileThumb key={f.id} visitId={r.id} f={f} />)}</Flex>
            {r.canAddPhotos && <AddPhotos visitId={r.id} />}
          </Card>
          <Card size="small" title={t('记录完整性', 'Integrity')}>
            <Flex vertical gap={4} align="flex-start">
              {r.recordIntact
                ? <Tag color="green" data-testid="record-intact">{t('记录哈希与登记一致', 'Record hash as recorded')}</Tag>
                : <Tag color="red" data-testid="record-intact">{t('记录哈希不一致，记录可能被改动', 'Record hash differs: the record may have been changed')}</Tag>}
              <Typography.Text type="secondary" copyable={{ text: r.recordHash ?? '' }} style={{ fontSize: 12, wordBreak: 'break-all' }}>SM3 {r.recordHash}</Typography.Text>
            </Flex>
          </Card>
        </>
      )}

      {r.case && (
        <Alert type="success" showIcon data-testid="visit-case" title={
          <span>{t('已转为案件线索：', 'Case lead: ')}{can('cases.read') ? <Link to={`/cases/${r.case.id}`}>{r.case.caseNo}</Link> : r.case.caseNo}</span>} />
      )}
      {r.canOpenCase && <CaseLeadButton record={r} block />}
    </Flex>
  );
}
