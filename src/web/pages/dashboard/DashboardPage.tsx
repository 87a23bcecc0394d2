// 领导驾驶舱: the year's key figures of an organisation (with everything under it) against
// the same days of last year and the work plan's targets, monthly trends, the figures by
// child organisation (click a bar, or an organisation in the table under the chart, to
// drill down; the breadcrumb to go back up), and the overdue work by unit. One request
// (GET /api/dashboard); every figure links to the list of the records behind it (recordsLink).
import { useMemo, useState } from 'react';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { Breadcrumb, Card, Col, Empty, Flex, Row, Segmented, Select, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, AimOutlined, MinusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { useOrgs, useServerToday } from '../../lib/queries';
import { recordsLink } from '../../lib/recordLinks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Unit = 'count' | 'yuan' | 'ratio' | 'days' | 'per10k';
interface Figure {
  id: string; name: string; nameEn: string; unit: Unit; value: number | null; previous: number | null;
  numerator?: number | null; denominator?: number | null;
  target?: { comparison: string; value: number; met: boolean | null };
}
interface Dashboard {
  year: number; from: string; to: string; previousFrom: string; previousTo: string;
  org: { id: number; code: string; name: string; parentCode: string | null };
  trail: { code: string; name: string }[];
  figures: Figure[];
  targetsAvailable: boolean;
  monthly: { months: string[]; series: { id: string; name: string; nameEn: string; unit: Unit; values: (number | null)[] }[] };
  children: { id: number; code: string; name: string; kind: string; hasChildren: boolean; values: Record<string, number | null> }[];
  rest: Record<string, number | null>;
  overdue: {
    kinds: { key: string; name: string; nameEn: string }[];
    rows: { orgId: number; orgCode: string; orgName: string; counts: Record<string, number>; total: number }[];
    total: number;
  };
}

/** A figure as the statistics page prints it (percent, yuan, days …). */
export function formatValue(value: number | null, unit: Unit, t: Translate): string {
  if (value === null) return '—';
  switch (unit) {
    case 'ratio': return `${(value * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
    case 'per10k': return t(`${value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 人/万人`, `${value.toLocaleString('en', { maximumFractionDigits: 2 })} per 10,000`);
    case 'yuan': return t(`${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`, `¥${value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    case 'days': return t(`${value.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 天`, `${value.toLocaleString('en', { maximumFractionDigits: 1 })} days`);
    default: return value.toLocaleString('zh-CN');
  }
}

/** The change against last year: percentage points for rates, percent for the rest. */
function Change({ f, t }: { f: Figure; t: Translate }) {
  if (f.value === null || f.previous === null) return <Typography.Text type="secondary">{t('同比：无可比数据', 'vs last year: n/a')}</Typography.Text>;
  const diff = f.value - f.previous;
  const icon = diff > 0 ? <ArrowUpOutlined /> : diff < 0 ? <ArrowDownOutlined /> : <MinusOutlined />;
  const colour = diff === 0 ? '#8c8c8c' : diff > 0 ? '#cf1322' : '#3f8600';
  let text: string;
  if (f.unit === 'ratio') text = `${Math.abs(diff * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}${t('个百分点', ' pp')}`;
  else if (f.previous === 0) text = diff === 0 ? '0' : t(`上年同期为0`, 'none last year');
  else text = `${Math.abs((diff / f.previous) * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
  return (
    <Tooltip title={t(`上年同期：${formatValue(f.previous, f.unit, t)}`, `Same period last year: ${formatValue(f.previous, f.unit, t)}`)}>
      <span style={{ color: colour }} data-testid={`dashboard-change-${f.id}`}>{t('同比', 'YoY')} {icon} {text}</span>
    </Tooltip>
  );
}

const COMPARISON_SIGNS: Record<string, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

function FigureCard({ f, link, t }: { f: Figure; link: string | null; t: Translate }) {
  const navigate = useNavigate();
  const met = f.target?.met;
  return (
    <Card
      hoverable={!!link}
      size="small"
      onClick={link ? () => navigate(link) : undefined}
      data-testid={`dashboard-figure-${f.id}`}
      style={{ height: '100%', borderTop: `3px solid ${met === true ? '#52c41a' : met === false ? '#ff4d4f' : '#1677ff'}` }}
    >
      <Statistic
        title={<Tooltip title={f.id}>{t(f.name, f.nameEn)}</Tooltip>}
        value={formatValue(f.value, f.unit, t)}
        styles={{ content: { fontSize: 24, fontWeight: 600, color: met === true ? '#389e0d' : met === false ? '#cf1322' : undefined } }}
      />
      <Flex justify="space-between" align="center" wrap gap={4} style={{ marginTop: 4, fontSize: 12 }}>
        <Change f={f} t={t} />
        {f.target && (
          <Tag color={met === true ? 'success' : met === false ? 'error' : 'default'} icon={<AimOutlined />} style={{ marginInlineEnd: 0 }}>
            {t('目标', 'Target')} {COMPARISON_SIGNS[f.target.comparison] ?? f.target.comparison} {formatValue(f.target.value, f.unit, t)}
          </Tag>
        )}
      </Flex>
    </Card>
  );
}

function useDefaultOrg(): string {
  const me = useMe();
  const orgs = useOrgs();
  // The top of the user's scope (the legal division's staff see the whole commission).
  const top = orgs.data?.find((o) => o.id === me.scope.rootOrgIds[0]);
  return top?.code ?? me.org.code;
}

const FILTERS = ['year', 'org'] as const;

/** Users who ask their system for less motion get the charts drawn at once, without the growing animation. */
const reducedMotion = (): boolean => typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export function DashboardPage() {
  const t = useT();
  const navigate = useNavigate();
  const f = useUrlFilters(FILTERS);
  const today = useServerToday();
  const defaultOrg = useDefaultOrg();
  const thisYear = Number((today.data ?? new Date().toISOString()).slice(0, 4));
  const year = Number(f.values.year) || thisYear;
  const org = f.values.org ?? defaultOrg;
  const [byOrgMetric, setByOrgMetric] = useState<string>('licensing.applications.total');
  const [trend, setTrend] = useState<'line' | 'bar'>('line');

  const data = useQuery({
    queryKey: ['dashboard', year, org],
    queryFn: () => api.get<Dashboard>(`/api/dashboard${qs({ year, org })}`),
    enabled: !!today.data,
    placeholderData: keepPreviousData,
  });
  const d = data.data;
  const period = d ? { from: d.from, to: d.to, org: d.org.code } : null;
  const linkOf = (id: string, o?: string) => (period ? recordsLink(id, o ? { ...period, org: o } : period) : null);
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const hasRecords = !!d && (d.figures.some((x) => (x.value ?? 0) !== 0) || d.overdue.total > 0);
  const drill = (code: string) => f.set({ org: code });

  const trendOption = useMemo(() => d && ({
    animation: !reducedMotion(),
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: d.monthly.months.map((m) => `${Number(m.slice(5))}${t('月', '')}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: d.monthly.series.map((s) => ({ name: t(s.name, s.nameEn), type: trend, smooth: true, data: s.values, emphasis: { focus: 'series' } })),
  }), [d, trend, t]);

  const byOrgFigure = d?.figures.find((x) => x.id === byOrgMetric) ?? d?.figures[0];
  const restLabel = t('本级及内设机构', 'Own units');
  const byOrgOption = useMemo(() => {
    if (!d || !byOrgFigure) return null;
    const rows = d.children.map((c) => ({ name: c.name, code: c.code, value: c.values[byOrgFigure.id] ?? null }));
    const rest = d.rest[byOrgFigure.id];
    if (rest !== undefined && rest !== null && rest !== 0) rows.push({ name: restLabel, code: '', value: rest });
    const ratio = byOrgFigure.unit === 'ratio';
    return {
      animation: !reducedMotion(),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => formatValue(v, byOrgFigure.unit, t) },
      grid: { left: 150, right: 48, top: 16, bottom: 24 },
      xAxis: { type: 'value', axisLabel: ratio ? { formatter: (v: number) => `${Math.round(v * 100)}%` } : undefined },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{
        type: 'bar', barMaxWidth: 28,
        data: rows.map((r) => ({ value: r.value, code: r.code, itemStyle: r.code ? undefined : { color: '#bfbfbf' } })),
        label: { show: true, position: 'right', formatter: (p: { value: number | null }) => formatValue(p.value, byOrgFigure.unit, t) },
      }],
    };
  }, [d, byOrgFigure, restLabel, t]);

  const overdueColumns: ColumnsType<Dashboard['overdue']['rows'][number]> = [
    { title: t('单位', 'Unit'), dataIndex: 'orgName', fixed: 'left', width: 220 },
    ...(d?.overdue.kinds ?? []).filter((k) => d!.overdue.rows.some((r) => r.counts[k.key])).map((k) => ({
      title: t(k.name, k.nameEn), key: k.key, align: 'right' as const, width: 120,
      render: (_: unknown, r: Dashboard['overdue']['rows'][number]) => {
        const n = r.counts[k.key];
        if (!n) return <Typography.Text type="secondary">0</Typography.Text>;
        return <Link to={overdueLink(k.key, r.orgCode)} data-testid={`dashboard-overdue-${r.orgCode}-${k.key}`}><Typography.Text type="danger" strong>{n}</Typography.Text></Link>;
      },
    })),
    { title: t('合计', 'Total'), dataIndex: 'total', align: 'right', width: 90, render: (n: number) => <Typography.Text strong>{n}</Typography.Text> },
  ];

  return (
    <div data-testid="dashboard">
      <PageHeader
        title={t('领导驾驶舱', 'Leader’s dashboard')}
        subtitle={d
          ? t(`${d.org.name}（含下级机构）${d.from} 至 ${d.to}，同比为上年 ${d.previousFrom} 至 ${d.previousTo}`, `${d.org.name} and everything under it, ${d.from} to ${d.to}; compared with ${d.previousFrom} to ${d.previousTo}`)
          : t('年度关键指标、月度趋势、分机构情况和超期事项', 'Key figures, trends, breakdown by organisation and overdue work')}
        extra={(
          <Space wrap>
            <Select data-testid="dashboard-year" value={year} style={{ width: 110 }} onChange={(y) => f.set({ year: y === thisYear ? undefined : y })}
              options={years.map((y) => ({ value: y, label: t(`${y}年`, String(y)) }))} />
            <OrgTreeSelect by="code" value={org} allowClear={false} onChange={(o) => f.set({ org: o === defaultOrg ? undefined : o })} style={{ width: 260 }} data-testid="dashboard-org" />
          </Space>
        )}
      />
      {d && d.trail.length > 1 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          data-testid="dashboard-trail"
          items={d.trail.map((o, i) => (i === d.trail.length - 1
            ? { title: o.name }
            : { title: <a onClick={() => drill(o.code)} data-testid={`dashboard-trail-${o.code}`}>{o.name}</a> }))}
        />
      )}
      <ErrorAlert error={data.error} onRetry={() => data.refetch()} />
      {!d && (data.isLoading || today.isLoading) && <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>}
      {d && (
        <Space orientation="vertical" size={16} style={{ width: '100%', opacity: data.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}>
          {!hasRecords && (
            <Card><Empty description={t(`${d.org.name}在${d.year}年尚无业务记录`, `No records for ${d.org.name} in ${d.year}`)} data-testid="dashboard-empty" /></Card>
          )}
          <Row gutter={[16, 16]}>
            {d.figures.map((x) => (
              <Col key={x.id} xs={24} sm={12} lg={8} xl={6}><FigureCard f={x} link={linkOf(x.id)} t={t} /></Col>
            ))}
          </Row>
          {!d.targetsAvailable && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`${d.org.name}${d.year}年度工作要点未设定指标目标（或尚未发布），卡片不显示目标值。`, `No published work-plan targets for ${d.org.name} in ${d.year}: the cards show no targets.`)}
            </Typography.Text>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card
                title={t('月度趋势', 'Monthly trends')}
                extra={<Segmented size="small" value={trend} onChange={(v) => setTrend(v as 'line' | 'bar')} options={[{ value: 'line', label: t('折线', 'Line') }, { value: 'bar', label: t('柱状', 'Bars') }]} />}
                data-testid="dashboard-trends"
              >
                {trendOption && d.monthly.series.some((s) => s.values.some((v) => (v ?? 0) > 0))
                  ? <ReactEChartsCore echarts={echarts} option={trendOption} notMerge style={{ height: 320 }}
                      onEvents={{
                        click: (p: { seriesIndex: number; dataIndex: number }) => {
                          const s = d.monthly.series[p.seriesIndex];
                          const m = d.monthly.months[p.dataIndex];
                          if (!s || !m) return;
                          const mTo = p.dataIndex === d.monthly.months.length - 1 ? d.to : endOfMonth(m);
                          const link = recordsLink(s.id, { from: `${m}-01`, to: mTo, org: d.org.code });
                          if (link) navigate(link);
                        },
                      }} />
                  : <Empty style={{ height: 288, paddingTop: 80 }} description={t('本年度暂无数据', 'No data this year')} />}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card
                title={t('分机构情况', 'By organisation')}
                extra={<Select size="small" style={{ width: 180 }} value={byOrgFigure?.id} onChange={setByOrgMetric} data-testid="dashboard-byorg-metric"
                  options={d.figures.map((x) => ({ value: x.id, label: t(x.name, x.nameEn) }))} />}
                data-testid="dashboard-byorg"
              >
                {d.children.length === 0 || !byOrgOption
                  ? <Empty style={{ height: 288, paddingTop: 80 }} description={t('没有下级机构', 'No child organisation')} />
                  : (
                    <>
                      <ReactEChartsCore echarts={echarts} option={byOrgOption} notMerge style={{ height: 288 }}
                        onEvents={{ click: (p: { data?: { code?: string } }) => { if (p.data?.code) drill(p.data.code); } }} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('点击机构查看其下级情况；“本级及内设机构”为未归入所列下级机构的记录。', 'Click an organisation to drill down; “own units” are records outside the listed children.')}
                      </Typography.Text>
                      {byOrgFigure && <ByOrgTable d={d} figure={byOrgFigure} restLabel={restLabel} onDrill={drill} linkOf={linkOf} t={t} />}
                    </>
                  )}
              </Card>
            </Col>
          </Row>
          <Card
            title={<Space>{t('超期事项（按单位）', 'Overdue work by unit')}<Tag color={d.overdue.total ? 'error' : 'success'}>{t(`共 ${d.overdue.total} 件`, `${d.overdue.total} in all`)}</Tag></Space>}
            data-testid="dashboard-overdue"
          >
            <Table
              rowKey="orgId"
              size="small"
              columns={overdueColumns}
              dataSource={d.overdue.rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('没有超期事项', 'Nothing overdue')} /> }}
            />
          </Card>
        </Space>
      )}
    </div>
  );
}

/**
 * The figures of the by-organisation chart as a table: readable without the chart, and
 * usable from the keyboard (each organisation's name drills down, each value opens the
 * records behind it). The last row holds the records outside the listed children.
 */
function ByOrgTable({ d, figure, restLabel, onDrill, linkOf, t }: {
  d: Dashboard; figure: Figure; restLabel: string; onDrill: (code: string) => void; linkOf: (id: string, org?: string) => string | null; t: Translate;
}) {
  interface Row { key: string; code: string; name: string; value: number | null }
  const rows: Row[] = d.children.map((c) => ({ key: c.code, code: c.code, name: c.name, value: c.values[figure.id] ?? null }));
  const rest = d.rest[figure.id];
  if (rest !== undefined && rest !== null && rest !== 0) rows.push({ key: '', code: '', name: restLabel, value: rest });
  const columns: ColumnsType<Row> = [
    {
      title: t('机构', 'Organisation'), dataIndex: 'name',
      render: (name: string, r) => (r.code
        ? <Tooltip title={t('查看其下级情况', 'Drill down')}><Typography.Link onClick={() => onDrill(r.code)} data-testid={`dashboard-byorg-drill-${r.code}`}>{name}</Typography.Link></Tooltip>
        : <Typography.Text type="secondary">{name}</Typography.Text>),
    },
    {
      title: t(figure.name, figure.nameEn), dataIndex: 'value', align: 'right', width: 150,
      render: (v: number | null, r) => {
        const link = r.code ? linkOf(figure.id, r.code) : null;
        const text = formatValue(v, figure.unit, t);
        return link && v !== null ? <Link to={link} data-testid={`dashboard-byorg-records-${r.code}`}>{text}</Link> : <span data-testid={r.code ? `dashboard-byorg-value-${r.code}` : undefined}>{text}</span>;
      },
    },
  ];
  return (
    <Table<Row> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} style={{ marginTop: 8 }} data-testid="dashboard-byorg-table"
      locale={{ emptyText: <Empty description={t('没有下级机构', 'No child organisation')} /> }} />
  );
}

function endOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** The list of the unit's overdue records of one kind (the lists read org and overdue=1 from the URL). */
function overdueLink(kind: string, orgCode: string): string {
  const q = `org=${encodeURIComponent(orgCode)}&overdue=1`;
  if (kind === 'case') return `/cases?${q}`;
  if (kind === 'application') return `/licensing/applications?${q}`;
  return `/matters/${kind}?${q}`;
}
