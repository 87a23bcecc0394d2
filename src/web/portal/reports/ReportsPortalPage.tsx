// The published annual rule-of-law reports on the public portal, no login:
// /portal/reports lists them (filter by year, pages), /portal/reports/:id shows one (its
// final version, as published) laid out as the document. Only published reports are
// served (GET /api/public/reports, /api/public/reports/:id).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Result, Select, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, ApiError, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/urlState';
import type { Paged } from '../../lib/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { blockParagraphs, type ReportContent, type ReportSection } from '../../../core/reports/template';
import { PortalFrame } from '../licensing/LicensingPortalLayout';

interface PublishedItem { id: number; title: string; orgName: string; year: number; publishedAt: string }
interface Published extends PublishedItem { date: string; content: ReportContent }

function ReportsPortalLayout({ children }: { children: React.ReactNode }) {
  const t = useT();
  return (
    <PortalFrame
      links={[
        { to: '/portal/reports', label: t('年度报告', 'Annual reports'), testid: 'reports-nav-list' },
        { to: '/portal/service-guide', label: t('办事指南', 'Service guide'), testid: 'reports-nav-guide' },
      ]}
      title={t('法治政府建设年度报告', 'Annual rule-of-law reports')}
      subtitle={t('卫生健康行政部门依法公开的年度法治政府建设情况报告', 'The health administration’s published annual reports on building rule-of-law government')}
      footer={t('卫生健康行政部门主办 · 报告内容以定稿公开版本为准', 'Run by the health administration · the published final version is authoritative')}>
      {children}
    </PortalFrame>
  );
}

export function ReportsPortalPage() {
  const { id } = useParams();
  return <ReportsPortalLayout>{id ? <PublishedReport id={id} /> : <PublishedList />}</ReportsPortalLayout>;
}

function PublishedList() {
  const t = useT();
  const f = useUrlFilters(['year'] as const, 10);
  const list = useQuery({
    queryKey: ['public', 'reports', f.query],
    queryFn: () => api.get<Paged<PublishedItem>>(`/api/public/reports${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const thisYear = new Date().getFullYear();
  return (
    <Card title={t('已公开的年度报告', 'Published reports')} data-testid="portal-reports"
      extra={<Select allowClear style={{ width: 120 }} placeholder={t('年度', 'Year')} value={f.values.year ? Number(f.values.year) : undefined}
        onChange={(year) => f.set({ year })} options={Array.from({ length: 8 }, (_, i) => ({ value: thisYear - i, label: String(thisYear - i) }))} data-testid="portal-reports-year" />}>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <List loading={list.isFetching} dataSource={list.data?.rows ?? []}
        locale={{ emptyText: <Empty description={t('暂无公开的年度报告', 'No report published yet')} /> }}
        pagination={(list.data?.total ?? 0) > f.pageSize ? { current: f.page, pageSize: f.pageSize, total: list.data?.total ?? 0, onChange: (p) => f.setPage(p) } : false}
        renderItem={(r) => (
          <List.Item data-testid={`portal-report-${r.id}`}>
            <List.Item.Meta title={<Link to={`/portal/reports/${r.id}`}>{r.title}</Link>}
              description={t(`${r.orgName} · ${r.year}年度 · 公开于${formatDateTime(r.publishedAt)}`, `${r.orgName} · ${r.year} · published ${formatDateTime(r.publishedAt)}`)} />
          </List.Item>
        )} />
    </Card>
  );
}

function PublishedReport({ id }: { id: string }) {
  const t = useT();
  const report = useQuery({ queryKey: ['public', 'reports', id], queryFn: () => api.get<Published>(`/api/public/reports/${id}`), retry: false });
  if (report.isLoading) return <Skeleton active />;
  if (report.error instanceof ApiError && report.error.status === 404) {
    return <Result status="404" title={t('报告不存在或尚未公开', 'No such published report')} extra={<Link to="/portal/reports">{t('返回报告列表', 'Back to the list')}</Link>} />;
  }
  if (!report.data) return <ErrorAlert error={report.error} onRetry={() => report.refetch()} />;
  const r = report.data;
  const font = '"FangSong", "仿宋", "STFangsong", serif';
  const section = (s: ReportSection, level: 1 | 2): React.ReactNode => (
    <div key={s.id}>
      {s.heading && <div style={{ fontFamily: level === 1 ? '"SimHei", "黑体", sans-serif' : '"KaiTi", "楷体", serif', fontWeight: level === 1 ? 600 : 400, textIndent: '2em', margin: '12px 0 4px' }}>{s.heading}</div>}
      {s.blocks.flatMap(blockParagraphs).map((p, i) => <p key={i} style={{ textIndent: '2em', margin: '4px 0' }}>{p}</p>)}
      {(s.subsections ?? []).map((sub) => section(sub, 2))}
    </div>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Link to="/portal/reports">{t('← 全部年度报告', '← All reports')}</Link>
      <Card data-testid="portal-report" styles={{ body: { fontFamily: font, fontSize: 16, lineHeight: 1.9, padding: '32px 40px' } }}>
        <Typography.Title level={3} style={{ textAlign: 'center', fontFamily: font }}>{r.content.title}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontFamily: 'sans-serif', fontSize: 12 }}>
          {t(`公开时间：${formatDateTime(r.publishedAt)}`, `Published ${formatDateTime(r.publishedAt)}`)}
        </Typography.Paragraph>
        {r.content.sections.map((s) => section(s, 1))}
        <div style={{ textAlign: 'right', marginTop: 32 }}><div>{r.orgName}</div><div>{r.date}</div></div>
      </Card>
    </Space>
  );
}
