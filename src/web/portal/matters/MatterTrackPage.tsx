// Following a complaint, report or disclosure request with its tracking code (进度查询),
// no login. At /portal/matters/track the filer enters the 16-character code (uppercased
// as typed, checked as the server checks it); /portal/matters/track/:code shows the
// matter (GET /api/public/matters/:code, personal data masked by the server): its kind,
// number, the body addressed and the unit handling it, the state, the dates received
// and due (已延期 when the period was extended), the reply once given, and every step as
// a timeline with the notices the applicant is told (a correction notice, the reason
// for an extension). A wrong code and too many look-ups each get their own message.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Result, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useParams } from 'react-router';
import type { MatterKind } from '../../../core/matters/clocks';
import { DISCLOSURE_ANSWER_TYPES } from '../../../core/matters/states';
import { api, ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { usePhone } from '../../layout/useScreen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MATTER_TRACKING_PATTERN, MONO, MattersPortalLayout } from './MattersPortalLayout';
import { TrackingCodeForm } from '../TrackingCodeForm';

/** GET /api/public/matters/:code (src/modules/matters/public.ts trackMatter). */
interface TrackedMatter {
  kind: MatterKind; kindName: string; matterNo: string; orgName: string; stateName: string; final: boolean; contactName: string | null;
  title: string | null; receivedOn: string; dueOn: string | null; concludedOn: string | null; extended: boolean; outcome: string | null;
  reply: string | null; handlerOrgName: string | null; history: { label: string; at: string; note: string | null }[];
}

/** The kinds filed on the portal, named as the portal's forms name them (the server's kindName otherwise). */
const PORTAL_KIND_NAMES: Partial<Record<MatterKind, [string, string]>> = {
  hotline: ['投诉举报', 'Complaint or report'],
  disclosure: ['政府信息公开申请', 'Disclosure request'],
};

export function MatterTrackPage() {
  const { code } = useParams();
  const t = useT();
  return (
    <MattersPortalLayout>
      <TrackingCodeForm code={code} length={16} pattern={MATTER_TRACKING_PATTERN} basePath="/portal/matters/track" inputTestId="track-input"
        title={t('进度查询', 'Track a matter')}
        intro={t('输入提交投诉举报或政府信息公开申请时取得的16位查询码，查看办理进度和答复。',
          'Enter the 16-character tracking code you were given when filing a complaint, a report or a disclosure request to see its progress and the reply.')} />
      {code && <TrackedView key={code} code={code.toUpperCase()} />}
    </MattersPortalLayout>
  );
}

function TrackedView({ code }: { code: string }) {
  const t = useT();
  const tracked = useQuery({
    queryKey: ['public', 'matter', code],
    queryFn: () => api.get<TrackedMatter>(`/api/public/matters/${encodeURIComponent(code)}`),
    retry: false,
  });
  if (tracked.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  const err = tracked.error;
  if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
    return <Result status="warning" data-testid="track-missing"
      title={err.status === 404 ? err.message : t('查询码应为16位字母和数字', 'The code has 16 letters and digits')}
      subTitle={t('请核对查询码：共16位，由大写字母和数字组成，不含字母I、O和数字0、1。查询码遗失的无法补发。',
        'Check the code: 16 capital letters and digits, without I, O, 0 or 1. A lost code cannot be reissued.')} />;
  }
  if (err instanceof ApiError && err.status === 429) {
    return <Result status="warning" data-testid="track-limited" title={t('查询过于频繁', 'Too many look-ups')} subTitle={err.message} />;
  }
  if (err || !tracked.data) return <ErrorAlert error={err} onRetry={() => tracked.refetch()} />;
  return <MatterCard m={tracked.data} />;
}

function MatterCard({ m }: { m: TrackedMatter }) {
  const t = useT();
  const phone = usePhone();
  const disclosure = m.kind === 'disclosure';
  const answerType = disclosure && m.outcome ? (DISCLOSURE_ANSWER_TYPES as Record<string, string>)[m.outcome] : undefined;
  return (
    <Card data-testid="track-result" data-final={m.final ? 'true' : 'false'}
      title={<Space wrap size={[8, 0]}><span style={{ whiteSpace: 'normal' }} data-testid="track-title">{m.title ?? m.kindName}</span>
        <Tag color={m.final ? 'green' : 'processing'} data-testid="track-state">{m.stateName}</Tag></Space>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} items={[
        { key: 'kind', label: t('事项类型', 'Kind'), children: <span data-testid="track-kind">{PORTAL_KIND_NAMES[m.kind] ? t(...PORTAL_KIND_NAMES[m.kind]!) : m.kindName}</span> },
        { key: 'no', label: t('事项编号', 'Number'), children: <span data-testid="track-no" style={{ fontFamily: MONO }}>{m.matterNo}</span> },
        { key: 'org', label: t('受理机关', 'Addressed to'), children: <span data-testid="track-org">{m.orgName}</span> },
        ...(m.handlerOrgName ? [{ key: 'handler', label: t('承办单位', 'Handled by'), children: <span data-testid="track-handler">{m.handlerOrgName}</span> }] : []),
        ...(m.contactName ? [{ key: 'who', label: disclosure ? t('申请人', 'Applicant') : t('反映人', 'Filed by'), children: m.contactName }] : []),
        { key: 'received', label: t('收到日期', 'Received'), children: <span data-testid="track-received">{m.receivedOn}</span> },
        {
          key: 'due', label: disclosure ? t('答复期限', 'Reply due') : t('办理期限', 'Due'),
          children: (
            <Space size={4} wrap>
              <span data-testid="track-due">{m.dueOn ?? '—'}</span>
              {m.extended && <Tag color="orange" data-testid="track-extended">{t('已延期', 'Extended')}</Tag>}
            </Space>
          ),
        },
        ...(m.concludedOn ? [{ key: 'concluded', label: t('办结日期', 'Concluded'), children: <span data-testid="track-concluded">{m.concludedOn}</span> }] : []),
      ]} />

      {m.reply ? (
        <div data-testid="track-reply"
          style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderLeft: '4px solid #52c41a', borderRadius: 4, padding: phone ? '10px 12px' : '12px 16px', marginBottom: 16 }}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
            {t('答复', 'Reply')}{answerType && <Tag color="green" style={{ marginLeft: 8 }} data-testid="track-answer-type">{answerType}</Tag>}
          </Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="track-reply-text">{m.reply}</div>
        </div>
      ) : !m.final && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="track-pending"
          title={t('正在办理，答复后将在此显示', 'Being handled: the reply will appear here')} />
      )}

      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('办理过程', 'History')}</Typography.Title>
      {m.history.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无记录', 'Nothing yet')} /> : (
        <Timeline data-testid="track-history" items={m.history.map((h, i) => ({
          key: i,
          color: i === m.history.length - 1 ? (m.final ? 'green' : 'blue') : 'gray',
          content: (
            <div data-testid={`track-history-${i}`}>
              <Typography.Text strong>{h.label}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{formatDateTime(h.at)}</Typography.Text>
              {h.note && <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 2 }}>{h.note}</div>}
            </div>
          ),
        }))} />
      )}
    </Card>
  );
}
