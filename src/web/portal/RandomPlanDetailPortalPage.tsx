// One random-inspection plan on the public portal: what it is, each draw attempt as
// announced (commitment, list digests, parameters) and as drawn, and the published
// results of its inspections. A re-drawn attempt stays on the page, marked superseded,
// with the reason of the re-draw on the attempt that replaced it.
import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Empty, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../lib/api';
import { useT } from '../lib/i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { PortalLayout } from './draw/PortalLayout';
import { AnnouncementDetails } from './draw/AnnouncementDetails';
import { beijingTime, categoryLabel, resultColor, resultLabel, SOURCE_LABELS } from './draw/labels';
import type { PublicDraw, PublicPlanDetail, PublicResult } from './draw/types';

export function planDetailUrl(planNo: string): string {
  return `/api/public/random-plans/${encodeURIComponent(planNo)}`;
}

export function RandomPlanDetailPortalPage() {
  const { planNo = '' } = useParams();
  const t = useT();
  const detail = useQuery({
    queryKey: ['public', 'random-plan', planNo],
    queryFn: () => api.get<PublicPlanDetail>(planDetailUrl(planNo)),
  });
  const crumbs = (title?: string) => (
    <Breadcrumb style={{ marginBottom: 16 }} items={[
      { title: <Link to="/portal/random-plans">{t('随机抽查计划', 'Random-inspection plans')}</Link> },
      { title: title ?? planNo },
    ]} />
  );
  if (detail.isLoading) return <PortalLayout>{crumbs()}<Card><Skeleton active paragraph={{ rows: 10 }} /></Card></PortalLayout>;
  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return (
      <PortalLayout>
        <Result status="404" title={detail.error.message} data-testid="portal-plan-missing"
          extra={<Link to="/portal/random-plans"><Button>{t('返回抽查计划列表', 'Back to the plans')}</Button></Link>} />
      </PortalLayout>
    );
  }
  if (detail.error || !detail.data) return <PortalLayout>{crumbs()}<ErrorAlert error={detail.error} onRetry={() => detail.refetch()} /></PortalLayout>;
  const { plan: p, draws, results } = detail.data;
  const ordered = [...draws].sort((a, b) => b.attempt - a.attempt);
  return (
    <PortalLayout>
      {crumbs(p.title)}
      <Card size="small" style={{ marginBottom: 16 }} data-testid="portal-plan"
        title={<Space wrap><span>{p.title}</span>
          {p.status === 'drawn' ? <Tag color="green">{t('已抽取', 'Drawn')}</Tag> : <Tag color="blue">{t('已公告，待抽取', 'Announced, not yet drawn')}</Tag>}
          {p.joint && <Tag color="purple">{t('联合抽查', 'Joint')}</Tag>}</Space>}
        extra={<span>{p.planNo}</span>}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { key: 'agency', label: t('执法机关', 'Agency'), children: p.agency },
          { key: 'year', label: t('年度', 'Year'), children: p.year },
          { key: 'source', label: t('任务来源', 'Source'), children: t(p.sourceName, SOURCE_LABELS[p.source] ?? p.sourceName) },
          ...(p.joint ? [{ key: 'jd', label: t('联合部门', 'Joint with'), children: p.jointDepartments || '—' }] : []),
          ...(p.dueOn ? [{ key: 'due', label: t('完成期限', 'Due on'), children: p.dueOn }] : []),
          { key: 'cat', label: t('抽查对象类别', 'Categories'), children: p.categories.length ? p.categories.map((c) => categoryLabel(c, t)).join('、') : t('全部类别', 'All categories') },
          { key: 'regions', label: t('抽查区域（行政区划代码）', 'Regions (division codes)'), children: p.regionCodes.length ? p.regionCodes.join('、') : t('本机构辖区全部', 'The whole jurisdiction') },
          ...(p.description ? [{ key: 'desc', label: t('计划说明', 'Description'), span: 3, children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> }] : []),
        ]} />
      </Card>

      <Typography.Title level={5}>{t('抽取记录', 'Draws')}</Typography.Title>
      {ordered.length === 0 && <Card size="small" style={{ marginBottom: 16 }}><Empty description={t('尚无抽取公告', 'No draw announced yet')} /></Card>}
      {ordered.map((d) => <DrawCard key={d.attempt} planNo={p.planNo} draw={d} />)}

      <Typography.Title level={5}>{t('抽查结果公示', 'Published results')}</Typography.Title>
      <Card size="small">
        <Table<PublicResult> size="small" rowKey="taskNo" dataSource={results} data-testid="portal-results"
          pagination={results.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: t('暂无已公示的抽查结果', 'No results published yet') }}
          columns={[
            { title: t('任务编号', 'Task'), dataIndex: 'taskNo' },
            { title: t('检查对象', 'Entity'), dataIndex: 'entityName' },
            { title: t('统一社会信用代码', 'USCC'), dataIndex: 'entityUscc', render: (v: string) => <code>{v}</code> },
            { title: t('检查日期', 'Visited on'), dataIndex: 'visitedOn', render: (v: string | null) => v ?? '—' },
            { title: t('检查结果', 'Result'), dataIndex: 'result', render: (v: string, r) => <Tag color={resultColor(v)}>{resultLabel(v, r.resultName, t)}</Tag> },
            { title: t('公示日期', 'Published on'), dataIndex: 'publishedOn', render: (v: string | null) => v ?? '—' },
          ]} />
      </Card>
    </PortalLayout>
  );
}

function DrawCard({ planNo, draw: d }: { planNo: string; draw: PublicDraw }) {
  const t = useT();
  const status = d.superseded
    ? <Tag color="default" data-testid={`draw-${d.attempt}-superseded`}>{t('已作废（重新抽取）', 'Superseded (re-drawn)')}</Tag>
    : d.drawnAt ? <Tag color="green">{t('已抽取', 'Drawn')}</Tag> : <Tag color="blue">{t('已公告，待抽取', 'Announced, not yet drawn')}</Tag>;
  const verifyTo = `/portal/random-plans/${encodeURIComponent(planNo)}/draws/${d.attempt}/verify`;
  return (
    <Card size="small" style={{ marginBottom: 16, ...(d.superseded ? { opacity: 0.75 } : {}) }} data-testid={`draw-${d.attempt}`}
      title={<Space wrap><span>{t(`第 ${d.attempt} 次抽取`, `Attempt ${d.attempt}`)}</span>{status}</Space>}
      extra={d.drawnAt
        ? <Link to={verifyTo} data-testid={`draw-${d.attempt}-verify`}><Button type={d.superseded ? 'default' : 'primary'} size="small" icon={<SafetyCertificateOutlined />}>{t('验证抽取结果', 'Verify the draw')}</Button></Link>
        : undefined}>
      <AnnouncementDetails announcement={d.announcement} testId={`draw-${d.attempt}-announcement`} extra={[
        { key: 'announced', label: t('公告时间（北京时间）', 'Announced at (Beijing time)'), children: beijingTime(d.announcedAt) },
        { key: 'drawnAt', label: t('抽取时间（北京时间）', 'Drawn at (Beijing time)'), children: d.drawnAt ? beijingTime(d.drawnAt) : t('尚未抽取：随机种子在抽取后公开', 'Not yet drawn: the seed is revealed after the draw') },
        ...(d.redrawReason ? [{ key: 'reason', label: t('重新抽取原因', 'Reason of the re-draw'), span: 2, children: d.redrawReason }] : []),
      ]} />
    </Card>
  );
}
