// Following an application with its tracking code (办件查询), no login. At /portal/track
// the applicant enters the code; /portal/track/:code shows every application of the code
// (a “one thing” bundle has several): the state as steps (收件 → 受理 → 决定) with their
// dates and the promised due date; a correction notice (一次性告知) with a form to send
// the corrected materials; the materials owed under acceptance with materials
// outstanding (容缺受理) with checkboxes to send them; the decision with its reasons and,
// for a refusal, the remedies; the licence number linking to its verification page; and
// once concluded, the rating (1–5 stars and a comment); before the decision, withdrawal
// with a reason, after confirming. Each material lists the names of
// the files attached to it; while the window waits for materials (received, correction
// requested, materials owed) the applicant uploads files to a material (PDF, JPG, PNG,
// OFD, up to 10 MB): a file provides a material still missing. The files of the
// application, the applicant's and the window's, are listed with their material, size,
// time and who attached them, and open or download with the tracking code (each access
// is audited on the server).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, App, Button, Card, Checkbox, Descriptions, Input, Radio, Rate, Result, Skeleton, Space, Steps, Table, Tag, Typography,
} from 'antd';
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import type { StepsProps } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../lib/api';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { usePhone } from '../../layout/useScreen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LicensingPortalLayout } from './LicensingPortalLayout';
import { MONO, TrackingCodeForm } from '../TrackingCodeForm';
import { FileList, MAX_FILES_PER_MATERIAL, UploadFileButton, sizeText } from '../../pages/licensing/materialFiles';
import { PROVISION_LABELS, TRACKING_PATTERN, provisionsOf, type Provision, type Tracked, type TrackedApplication } from './types';



export function TrackPage() {
  const { code } = useParams();
  const t = useT();
  return (
    <LicensingPortalLayout>
      <TrackingCodeForm code={code} length={10} pattern={TRACKING_PATTERN} basePath="/portal/track" inputTestId="track-code"
        title={t('办件查询', 'Track an application')}
        intro={t('输入提交申请时取得的10位查询码，查看办理进度、补正通知和办理结果，补交材料，办结后评价。',
          'Enter the 10-character tracking code you were given when applying: see the progress, a correction notice and the decision, send materials, and rate the service.')} />
      {code && <TrackedView key={code} code={code} />}
    </LicensingPortalLayout>
  );
}

function TrackedView({ code }: { code: string }) {
  const t = useT();
  const tracked = useQuery({
    queryKey: ['public', 'track', code],
    queryFn: () => api.get<Tracked>(`/api/public/applications/${encodeURIComponent(code)}`),
    retry: false,
  });
  if (tracked.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (tracked.error instanceof ApiError && (tracked.error.status === 404 || tracked.error.status === 400)) {
    return <Result status="warning" title={tracked.error.status === 404 ? tracked.error.message : t('查询码应为10位字母和数字', 'The code has 10 letters and digits')} data-testid="track-missing"
      subTitle={t('请核对查询码（不含数字0、1和字母O、I）；查询码遗失的，请携带身份证明到窗口查询。', 'Check the code (it has no 0, 1, O or I); if it is lost, ask at the window with proof of identity.')} />;
  }
  if (tracked.error || !tracked.data) return <ErrorAlert error={tracked.error} onRetry={() => tracked.refetch()} />;
  const d = tracked.data;
  return (
    <div data-testid="track-result">
      <Typography.Paragraph>
        {t('申请人：', 'Applicant: ')}<Typography.Text strong data-testid="track-applicant">{d.applicantName}</Typography.Text>
        {d.applications.length > 1 && <Typography.Text type="secondary">{t(`（“一件事”联办，共${d.applications.length}个事项）`, ` (${d.applications.length} items applied for together)`)}</Typography.Text>}
      </Typography.Paragraph>
      {d.applications.map((a) => <ApplicationCard key={a.applicationNo} code={code} a={a} applicantName={d.applicantName} />)}
    </div>
  );
}

// ---------------------------------------------------------------------------------
// One application

/** 准予许可 when a licence was issued; the state's own name (准予许可（备案）) otherwise. */
const approvedLabel = (a: TrackedApplication, t: Translate) => (a.licenceNo ? t('准予许可', 'Granted') : a.stateName);

function stepsOf(a: TrackedApplication, t: Translate): { current: number; status: StepsProps['status']; items: NonNullable<StepsProps['items']> } {
  const received = { title: t('收件', 'Received'), content: a.receivedOn };
  switch (a.state) {
    case 'submitted':
      return { current: 1, status: 'process', items: [received, { title: t('受理', 'Acceptance'), content: a.correctionNotice ? '' : t('待受理', 'Waiting') }, { title: t('决定', 'Decision') }] };
    case 'correction_requested':
      return { current: 1, status: 'process', items: [received, { title: t('受理', 'Acceptance'), content: t('待补正材料', 'Waiting for corrections') }, { title: t('决定', 'Decision') }] };
    case 'not_accepted':
      return { current: 1, status: 'error', items: [received, { title: t('不予受理', 'Not accepted'), content: a.concludedOn ?? '' }, { title: t('决定', 'Decision') }] };
    case 'accepted':
      return {
        current: 2, status: 'process', items: [received, { title: t('受理', 'Accepted'), content: a.acceptedOn ?? '' },
          { title: t('决定', 'Decision'), content: a.dueOn ? t(`审查中，承诺${a.dueOn}前办结`, `Under review, due by ${a.dueOn}`) : t('审查中', 'Under review') }],
      };
    case 'approved':
      return { current: 2, status: 'finish', items: [received, { title: t('受理', 'Accepted'), content: a.acceptedOn ?? '' }, { title: approvedLabel(a, t), content: a.concludedOn ?? '' }] };
    case 'refused':
      return { current: 2, status: 'error', items: [received, { title: t('受理', 'Accepted'), content: a.acceptedOn ?? '' }, { title: t('不予许可', 'Refused'), content: a.concludedOn ?? '' }] };
    case 'withdrawn':
      return a.acceptedOn
        ? { current: 2, status: 'error', items: [received, { title: t('受理', 'Accepted'), content: a.acceptedOn }, { title: t('申请人撤回', 'Withdrawn'), content: a.concludedOn ?? '' }] }
        : { current: 1, status: 'error', items: [received, { title: t('申请人撤回', 'Withdrawn'), content: a.concludedOn ?? '' }, { title: t('决定', 'Decision') }] };
  }
}

const STATE_COLORS: Record<TrackedApplication['state'], string> = {
  submitted: 'blue', correction_requested: 'orange', accepted: 'processing', not_accepted: 'red', approved: 'green', refused: 'red', withdrawn: 'default',
};

function ApplicationCard({ code, a, applicantName }: { code: string; a: TrackedApplication; applicantName: string }) {
  const t = useT();
  // A staff registration taken in a bundle for someone other than the applicant.
  const holder = a.holderName !== applicantName;
  const phone = usePhone();
  const steps = stepsOf(a, t);
  const owedOpen = a.owed.filter((o) => !o.suppliedOn);
  return (
    <Card style={{ marginBottom: 16 }} data-testid={`track-app-${a.applicationNo}`} data-state={a.state}
      title={<Space wrap size={[8, 0]}><span style={{ whiteSpace: 'normal' }}>{a.itemName}</span><Tag color={STATE_COLORS[a.state]} data-testid="track-state">{a.state === 'approved' ? approvedLabel(a, t) : a.stateName}</Tag></Space>}
      extra={phone ? undefined : <Typography.Text type="secondary">{t('办件编号 ', 'No. ')}{a.applicationNo}</Typography.Text>}>
      <Steps current={steps.current} status={steps.status} items={steps.items} size="small" orientation={phone ? 'vertical' : 'horizontal'}
        style={{ marginBottom: 20 }} data-testid="track-steps" />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} items={[
        ...(phone ? [{ key: 'no', label: t('办件编号', 'Application no.'), children: a.applicationNo }] : []),
        ...(holder ? [{ key: 'holder', label: t('执业人员', 'Registered person'), children: <span data-testid="track-holder">{a.holderName}</span> }] : []),
        { key: 'recv', label: t('收件日期', 'Received'), children: a.receivedOn },
        { key: 'acc', label: t('受理日期', 'Accepted'), children: a.acceptedOn ?? '—' },
        { key: 'due', label: t('承诺办结日期', 'Promised by'), children: <span data-testid="track-due">{a.dueOn ?? (a.acceptedOn ? '—' : t('受理后确定', 'Set on acceptance'))}</span> },
        ...(a.concludedOn ? [{ key: 'end', label: t('办结日期', 'Concluded'), children: a.concludedOn }] : []),
      ]} />

      <Materials code={code} a={a} />
      <Files code={code} a={a} />

      {a.state === 'submitted' && a.missing.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="track-missing-materials"
          title={t(`尚未提交的必需材料：${a.missing.join('、')}`, `Required materials not yet provided: ${a.missing.join(', ')}`)}
          description={t('窗口审查后将一次性告知需要补正的全部内容，或在事项允许时容缺受理。', 'The window will tell you at once everything to add, or accept with materials owed where the item allows it.')} />
      )}
      {a.state === 'correction_requested' && a.correctionNotice && <Correction code={code} a={a} />}
      {a.owed.length > 0 && <Owed code={code} a={a} open={owedOpen.length > 0 && a.canSupplement} />}
      <Decision a={a} />
      {(a.canRate || a.rating !== null) && <Rating code={code} a={a} />}
      {a.canWithdraw && <Withdraw code={code} a={a} />}
    </Card>
  );
}

function Materials({ code, a }: { code: string; a: TrackedApplication }) {
  const t = useT();
  const client = useQueryClient();
  if (a.materials.length === 0) return null;
  const refresh = () => { void client.invalidateQueries({ queryKey: ['public', 'track', code] }); };
  return (
    <details style={{ marginBottom: 12 }} open={a.canUpload || undefined} data-testid="track-materials">
      <summary style={{ cursor: 'pointer', color: '#1f5fbf' }}>{t(`申请材料（${a.materials.length}项）`, `Materials (${a.materials.length})`)}</summary>
      {a.canUpload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {t('可为每项材料上传电子文件（PDF、JPG、PNG、OFD格式，每个不超过10 MB），上传后即视为已提交该材料。',
            'You may upload files for each material (PDF, JPG, PNG or OFD, up to 10 MB each): a material with a file counts as provided.')}
        </Typography.Paragraph>
      )}
      <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
        {a.materials.map((m) => {
          const files = a.files.filter((f) => f.materialCode === m.code);
          return (
            <li key={m.code} style={{ marginBottom: 6 }} data-testid={`track-material-${m.code}`}>
              {m.name}{m.required ? '' : t('（按需）', ' (if applicable)')}：
              <Typography.Text type={m.provision === 'missing' && m.required ? 'danger' : undefined}>{m.provisionName}</Typography.Text>
              <FileList files={files} testid={`track-files-${m.code}`} />
              {a.canUpload && (
                <div style={{ marginTop: 4 }}>
                  <UploadFileButton url={`/api/public/applications/${encodeURIComponent(code)}/files`} fields={{ applicationNo: a.applicationNo, materialCode: m.code }}
                    disabled={files.length >= MAX_FILES_PER_MATERIAL} testid={`track-upload-${m.code}`} onDone={refresh} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}

type TrackedFile = TrackedApplication['files'][number];

/** PDF and images open in the browser; OFD is only downloaded. */
const VIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

const fileUrl = (code: string, id: number, disposition: 'inline' | 'attachment') =>
  `/api/public/applications/${encodeURIComponent(code)}/files/${id}?disposition=${disposition}`;

/**
 * Fetches the file and saves it under its name; a refusal (too many look-ups, a file gone)
 * is shown as the server's message rather than as a page of JSON.
 */
function useDownload(code: string) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number | null>(null);
  const start = async (f: TrackedFile) => {
    setBusy(f.id);
    try {
      const res = await fetch(fileUrl(code, f.id, 'attachment'), { credentials: 'same-origin' });
      if (!res.ok) {
        const body = await res.json().catch(() => null) as { error?: { message?: string } } | null;
        message.error(body?.error?.message ?? t(`下载失败（${res.status}），请稍后再试`, `The download failed (${res.status}); try again later`));
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = f.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      message.error(t('网络错误，下载失败', 'Network error: the download failed'));
    } finally {
      setBusy(null);
    }
  };
  return { busy, start };
}

/** The application's material files, the applicant's and the window's, to open or download. */
function Files({ code, a }: { code: string; a: TrackedApplication }) {
  const t = useT();
  const phone = usePhone();
  const download = useDownload(code);
  if (a.files.length === 0) return null;
  const materialName = (c: string) => a.materials.find((m) => m.code === c)?.name ?? c;
  const who = (f: TrackedFile) => (f.byApplicant
    ? <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('申请人', 'Applicant')}</Tag>
    : <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('工作人员', 'Staff')}</Tag>);
  const actions = (f: TrackedFile) => (
    <Space size={0}>
      {VIEWABLE.has(f.contentType) && (
        <Button size="small" type="link" icon={<EyeOutlined />} href={fileUrl(code, f.id, 'inline')} target="_blank" rel="noopener" data-testid={`track-file-${f.id}-view`}>
          {t('查看', 'View')}
        </Button>
      )}
      <Button size="small" type="link" icon={<DownloadOutlined />} loading={download.busy === f.id} onClick={() => void download.start(f)} data-testid={`track-file-${f.id}-download`}>
        {t('下载', 'Download')}
      </Button>
    </Space>
  );
  return (
    <div style={{ marginBottom: 12 }} data-testid="track-files">
      <Typography.Text strong>{t(`材料文件（${a.files.length}个）`, `Files (${a.files.length})`)}</Typography.Text>
      {phone ? (
        <div style={{ marginTop: 4 }}>
          {a.files.map((f) => (
            <div key={f.id} style={{ padding: '6px 0', borderBottom: '1px solid #f5f5f5' }} data-testid={`track-file-${f.id}`}>
              <div style={{ wordBreak: 'break-all' }}>{f.fileName}</div>
              <Space wrap size={[8, 0]} style={{ fontSize: 12 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{materialName(f.materialCode)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{sizeText(f.sizeBytes)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(f.uploadedAt)}</Typography.Text>
                {who(f)}
              </Space>
              <div>{actions(f)}</div>
            </div>
          ))}
        </div>
      ) : (
        <Table<TrackedFile> size="small" rowKey="id" pagination={false} style={{ marginTop: 4 }} dataSource={a.files}
          columns={[
            { key: 'name', title: t('文件名', 'File'), render: (_, f) => <span style={{ wordBreak: 'break-all' }}>{f.fileName}</span> },
            { key: 'material', title: t('申请材料', 'Material'), render: (_, f) => materialName(f.materialCode) },
            { key: 'size', title: t('大小', 'Size'), width: 90, render: (_, f) => sizeText(f.sizeBytes) },
            { key: 'at', title: t('上传时间', 'Uploaded'), width: 140, render: (_, f) => formatDateTime(f.uploadedAt) },
            { key: 'who', title: t('上传人', 'By'), width: 90, render: (_, f) => <span data-testid="track-file-who">{who(f)}</span> },
            { key: 'actions', title: t('操作', 'Actions'), width: 150, render: (_, f) => actions(f) },
          ]} />
      )}
    </div>
  );
}

/** Replaces the tracked answer with the one the supplement or rating returned. */
function useTrackedUpdate(code: string) {
  const client = useQueryClient();
  return (d: Tracked) => client.setQueryData(['public', 'track', code], d);
}

function Correction({ code, a }: { code: string; a: TrackedApplication }) {
  const t = useT();
  const update = useTrackedUpdate(code);
  const open = a.materials.filter((m) => m.provision === 'missing');
  const [chosen, setChosen] = useState<Record<string, Provision>>({});
  const [licenceNos, setLicenceNos] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: unknown) => api.post<Tracked>(`/api/public/applications/${encodeURIComponent(code)}/supplement`, body),
    onSuccess: update,
  });
  const submit = () => {
    setProblem(null);
    const materials = Object.entries(chosen).filter(([, p]) => p !== 'missing').map(([c, p]) => ({ code: c, provision: p, licenceNo: p === 'e_licence' ? (licenceNos[c] ?? '').trim() || null : null }));
    const noNumber = materials.find((m) => m.provision === 'e_licence' && !m.licenceNo);
    if (noNumber) {
      const name = a.materials.find((m) => m.code === noNumber.code)?.name ?? noNumber.code;
      setProblem(t(`请填写“${name}”所引用的电子证照编号`, `Enter the electronic licence number for “${name}”`));
      return;
    }
    if (note.trim().length > 500) { setProblem(t('补充说明不能超过500个字', 'The note has at most 500 characters')); return; }
    // Files uploaded above provide their materials: sending the correction then needs nothing more.
    if (materials.length === 0 && !note.trim() && !a.files.some((f) => f.byApplicant)) {
      setProblem(t('请选择本次补正的材料、上传材料文件或填写补充说明', 'Choose the materials you now provide, upload their files, or write a note'));
      return;
    }
    send.mutate({ applicationNo: a.applicationNo, materials, supplied: [], note: note.trim() || null });
  };
  return (
    <Card type="inner" size="small" style={{ marginBottom: 12, borderColor: '#ffd591' }} data-testid="track-correction"
      title={<Typography.Text strong style={{ color: '#d46b08' }}>{t('一次性告知补正通知', 'Correction notice (all at once)')}</Typography.Text>}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="track-correction-notice">{a.correctionNotice}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('以上为需要补正的全部内容。请按通知准备材料，在上方“申请材料”中上传材料文件，或在下方选择本次补正的材料，然后提交，窗口收到后重新审查。',
          'This is everything to correct. Upload the files under “Materials” above, or choose below the materials you now provide, then send; the window then reviews the application again.')}
      </Typography.Paragraph>
      {open.map((m) => {
        const p = chosen[m.code] ?? 'missing';
        return (
          <div key={m.code} style={{ padding: '8px 0', borderTop: '1px solid #f5f5f5' }} data-testid={`track-correction-material-${m.code}`}>
            <div style={{ marginBottom: 4 }}>{m.name} {m.required ? <Tag color="red">{t('必需', 'Required')}</Tag> : <Tag>{t('按需提供', 'If applicable')}</Tag>}</div>
            <Radio.Group value={p} onChange={(e) => setChosen((c) => ({ ...c, [m.code]: e.target.value as Provision }))}>
              <Space wrap size={[16, 4]}>
                {provisionsOf(m).map((x) => (
                  <Radio key={x} value={x} data-testid={`track-correction-material-${m.code}-${x}`}>{x === 'missing' ? t('暂不提交', 'Not now') : t(...PROVISION_LABELS[x])}</Radio>
                ))}
              </Space>
            </Radio.Group>
            {p === 'e_licence' && (
              <Input style={{ marginTop: 6, maxWidth: 420, fontFamily: MONO }} maxLength={60} placeholder={t('电子证照编号', 'Electronic licence number')}
                value={licenceNos[m.code] ?? ''} onChange={(e) => setLicenceNos((l) => ({ ...l, [m.code]: e.target.value }))} data-testid={`track-correction-material-${m.code}-licence`} />
            )}
          </div>
        );
      })}
      <Input.TextArea rows={2} maxLength={520} showCount value={note} onChange={(e) => setNote(e.target.value)} style={{ margin: '8px 0 12px' }}
        placeholder={t('补充说明（选填）', 'A note (optional)')} data-testid="track-correction-note" />
      {(problem || send.error) && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem ?? errorMessage(send.error, t)} data-testid="track-correction-error" />}
      <Button type="primary" onClick={submit} loading={send.isPending} data-testid="track-correction-submit">{t('提交补正材料', 'Send the corrections')}</Button>
    </Card>
  );
}

function Owed({ code, a, open }: { code: string; a: TrackedApplication; open: boolean }) {
  const t = useT();
  const update = useTrackedUpdate(code);
  const allIn = a.owed.every((o) => o.suppliedOn);
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: unknown) => api.post<Tracked>(`/api/public/applications/${encodeURIComponent(code)}/supplement`, body),
    onSuccess: (d) => { setPicked([]); setNote(''); update(d); },
  });
  const submit = () => {
    setProblem(null);
    if (picked.length === 0) { setProblem(t('请勾选本次补齐的材料', 'Tick the materials you now provide')); return; }
    send.mutate({ applicationNo: a.applicationNo, materials: [], supplied: picked, note: note.trim() || null });
  };
  return (
    <Card type="inner" size="small" style={{ marginBottom: 12, borderColor: open ? '#ffd591' : undefined }} data-testid="track-owed"
      title={allIn ? t('容缺受理：材料已全部补齐', 'Accepted with materials owed: all provided') : t('容缺受理：待补齐的材料', 'Accepted with materials owed')}>
      {!allIn && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
          {t('本件已先行受理。请在期限内补齐下列材料；全部补齐后，窗口方可作出许可决定。', 'The application was accepted first. Provide these materials by their dates; the decision follows once all are in.')}
        </Typography.Paragraph>
      )}
      <div style={{ marginBottom: open ? 8 : 0 }}>
        {a.owed.map((o, i) => (
          <div key={o.name} style={{ padding: '4px 0' }} data-testid={`track-owed-${i}`} data-supplied={o.suppliedOn ? 'true' : 'false'}>
            {o.suppliedOn ? (
              <Space wrap><Tag color="green">{t('已补齐', 'Provided')}</Tag><span>{o.name}</span><Typography.Text type="secondary">{t(`（${o.suppliedOn}补齐）`, ` (on ${o.suppliedOn})`)}</Typography.Text></Space>
            ) : open ? (
              <Checkbox checked={picked.includes(o.name)} onChange={(e) => setPicked((p) => (e.target.checked ? [...p, o.name] : p.filter((x) => x !== o.name)))}
                data-testid={`track-owed-${i}-check`}>
                {o.name} <Typography.Text type="secondary">{t(`（${o.dueOn}前补齐）`, ` (by ${o.dueOn})`)}</Typography.Text>
              </Checkbox>
            ) : (
              <Space wrap><Tag color="orange">{t('待补齐', 'Owed')}</Tag><span>{o.name}</span><Typography.Text type="secondary">{t(`（${o.dueOn}前）`, ` (by ${o.dueOn})`)}</Typography.Text></Space>
            )}
          </div>
        ))}
      </div>
      {open && (
        <>
          <Input.TextArea rows={2} maxLength={520} showCount value={note} onChange={(e) => setNote(e.target.value)} style={{ marginBottom: 12 }}
            placeholder={t('补充说明（选填，如材料的递交方式）', 'A note (optional, e.g. how the materials were sent)')} data-testid="track-owed-note" />
          {(problem || send.error) && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem ?? errorMessage(send.error, t)} data-testid="track-owed-error" />}
          <Button type="primary" onClick={submit} loading={send.isPending} data-testid="track-owed-submit">{t('提交补齐的材料', 'Send the materials')}</Button>
        </>
      )}
    </Card>
  );
}

function Decision({ a }: { a: TrackedApplication }) {
  const t = useT();
  if (a.state === 'not_accepted') {
    return (
      <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="track-decision"
        title={t('不予受理', 'Not accepted')} description={<span style={{ whiteSpace: 'pre-wrap' }}>{a.notAcceptedReason}</span>} />
    );
  }
  if (a.outcome === 'approved') {
    return (
      <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="track-decision"
        title={approvedLabel(a, t)}
        description={(
          <>
            <div>{t('决定日期：', 'Decided on ')}{a.concludedOn}</div>
            {a.decisionReason && <div style={{ whiteSpace: 'pre-wrap' }}>{a.decisionReason}</div>}
            {a.licenceNo && (
              <div style={{ marginTop: 4 }}>
                {t('电子证照编号：', 'Electronic licence: ')}<Typography.Text strong style={{ fontFamily: MONO, whiteSpace: 'nowrap' }} data-testid="track-licence-no">{a.licenceNo}</Typography.Text>
                {a.verifyToken && <> <Link to={`/portal/verify/licence/${a.verifyToken}`} data-testid="track-licence-link">{t('核验电子证照 →', 'Verify the licence →')}</Link></>}
              </div>
            )}
          </>
        )} />
    );
  }
  if (a.outcome === 'refused') {
    return (
      <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="track-decision"
        title={t('不予许可', 'Refused')}
        description={(
          <>
            <div>{t('决定日期：', 'Decided on ')}{a.concludedOn}</div>
            <div style={{ whiteSpace: 'pre-wrap' }}><Typography.Text strong>{t('理由：', 'Reasons: ')}</Typography.Text>{a.decisionReason}</div>
            {a.remedies && <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }} data-testid="track-remedies"><Typography.Text strong>{t('救济途径：', 'Remedies: ')}</Typography.Text>{a.remedies}</div>}
          </>
        )} />
    );
  }
  if (a.outcome === 'withdrawn') {
    return <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="track-decision" title={t('申请已撤回', 'Withdrawn')} description={a.decisionReason} />;
  }
  return null;
}

/** 撤回申请: the applicant withdraws an application not yet decided, giving the reason, after confirming. */
function Withdraw({ code, a }: { code: string; a: TrackedApplication }) {
  const t = useT();
  const { modal } = App.useApp();
  const update = useTrackedUpdate(code);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: unknown) => api.post<Tracked>(`/api/public/applications/${encodeURIComponent(code)}/withdraw`, body),
    onSuccess: update,
  });
  if (!open) {
    return (
      <div style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12, marginTop: 12 }}>
        <Button size="small" onClick={() => setOpen(true)} data-testid="track-withdraw">{t('撤回申请', 'Withdraw the application')}</Button>
      </div>
    );
  }
  const submit = () => {
    setProblem(null);
    const text = reason.trim();
    if (text.length < 2) { setProblem(t('请写明撤回的原因', 'Give the reason')); return; }
    if (text.length > 200) { setProblem(t('撤回的原因不能超过200个字', 'At most 200 characters')); return; }
    modal.confirm({
      title: t('确认撤回该申请？', 'Withdraw this application?'),
      content: t('撤回后本办件即告办结，不能恢复；需要时请重新申请。', 'Once withdrawn the application is closed for good; apply again if needed.'),
      okText: t('确认撤回', 'Withdraw'), okButtonProps: { danger: true, 'data-testid': 'track-withdraw-confirm' } as never, cancelText: t('取消', 'Cancel'),
      onOk: () => send.mutateAsync({ applicationNo: a.applicationNo, reason: text }),
    });
  };
  return (
    <div data-testid="track-withdraw-form" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12, marginTop: 12 }}>
      <Typography.Text strong>{t('撤回申请', 'Withdraw the application')}</Typography.Text>
      <Input.TextArea rows={2} maxLength={220} showCount value={reason} onChange={(e) => setReason(e.target.value)} style={{ margin: '8px 0 12px' }}
        placeholder={t('撤回的原因，如：暂不开业', 'Why, e.g. not opening for now')} data-testid="track-withdraw-reason" />
      {(problem || send.error) && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem ?? errorMessage(send.error, t)} data-testid="track-withdraw-error" />}
      <Space>
        <Button danger onClick={submit} loading={send.isPending} data-testid="track-withdraw-submit">{t('撤回', 'Withdraw')}</Button>
        <Button onClick={() => { setOpen(false); setProblem(null); }}>{t('取消', 'Cancel')}</Button>
      </Space>
    </div>
  );
}

const RATING_WORDS: [string, string][] = [['非常不满意', 'Very poor'], ['不满意', 'Poor'], ['基本满意', 'Fair'], ['满意', 'Good'], ['非常满意', 'Excellent']];

function Rating({ code, a }: { code: string; a: TrackedApplication }) {
  const t = useT();
  const update = useTrackedUpdate(code);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: unknown) => api.post<Tracked>(`/api/public/applications/${encodeURIComponent(code)}/rating`, body),
    onSuccess: update,
  });
  const words = RATING_WORDS.map(([zh, en]) => t(zh, en));
  if (a.rating !== null) {
    return (
      <div data-testid="track-rated" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
        <Space wrap>
          <Typography.Text>{t('您的评价：', 'Your rating: ')}</Typography.Text>
          <Rate disabled value={a.rating} />
          <Typography.Text type="secondary">{words[a.rating - 1]}{t('，感谢您的评价', ' — thank you')}</Typography.Text>
        </Space>
      </div>
    );
  }
  const submit = () => {
    setProblem(null);
    if (stars < 1) { setProblem(t('请选择评价', 'Choose a rating')); return; }
    if (comment.trim().length > 500) { setProblem(t('评价意见不能超过500个字', 'At most 500 characters')); return; }
    send.mutate({ applicationNo: a.applicationNo, rating: stars, comment: comment.trim() || null });
  };
  return (
    <div data-testid="track-rating" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
      <Typography.Text strong>{t('服务评价（好差评）', 'Rate the service')}</Typography.Text>
      <div style={{ margin: '8px 0' }}>
        <span data-testid="track-rate"><Rate value={stars} onChange={setStars} tooltips={words} /></span>
        {stars > 0 && <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{words[stars - 1]}</Typography.Text>}
      </div>
      <Input.TextArea rows={2} maxLength={520} showCount value={comment} onChange={(e) => setComment(e.target.value)} style={{ marginBottom: 12 }}
        placeholder={t('评价意见（选填）', 'Comments (optional)')} data-testid="track-rate-comment" />
      {(problem || send.error) && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem ?? errorMessage(send.error, t)} data-testid="track-rate-error" />}
      <Button onClick={submit} loading={send.isPending} data-testid="track-rate-submit">{t('提交评价', 'Send the rating')}</Button>
    </div>
  );
}
