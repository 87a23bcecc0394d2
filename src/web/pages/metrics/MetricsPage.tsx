import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import type { MetricDefinition, MetricValue } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { SearchBar } from '../../components/SearchBar';

const UNIT_LABELS: Record<string, [string, string]> = {
  count: ['数量', 'Count'], yuan: ['金额（元）', 'Yuan'], ratio: ['比率', 'Ratio'], days: ['天数', 'Days'], per10k: ['每万人口', 'Per 10,000'],
};

function formatMetric(m: MetricValue, t: Translate): React.ReactNode {
  if (m.value === null) {
    return m.unit === 'ratio' || m.unit === 'per10k'
      ? <Typography.Text type="secondary">{t('—（分母为0）', '— (denominator is 0)')}</Typography.Text>
      : <Typography.Text type="secondary">—</Typography.Text>;
  }
  switch (m.unit) {
    case 'ratio': return `${(m.value * 100).toLocaleString('zh-CN', { maximumFractionDigits: 1 })}%`;
    case 'per10k': return t(`${m.value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 人/万人`, `${m.value.toLocaleString('en', { maximumFractionDigits: 2 })} per 10,000`);
    case 'yuan': return t(`${m.value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`, `¥${m.value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    case 'days': return t(`${m.value.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 天`, `${m.value.toLocaleString('en', { maximumFractionDigits: 1 })} days`);
    default: return m.value.toLocaleString('zh-CN');
  }
}

/** `id` focuses one metric (links from the annual report and the dashboard: /metrics?id=…). */
const FILTERS = ['from', 'to', 'org', 'q', 'id'] as const;

export function MetricsPage() {
  const t = useT();
  const me = useMe();
  const f = useUrlFilters(FILTERS);
  const year = dayjs().year();
  const from = f.values.from ?? `${year}-01-01`;
  const to = f.values.to ?? dayjs().format('YYYY-MM-DD');
  const org = f.values.org ?? me.org.code;

  const metrics = useQuery({
    queryKey: ['metrics', from, to, org],
    queryFn: () => api.get<{ metrics: MetricValue[] }>(`/api/metrics${qs({ from, to, org })}`),
  });
  const defs = useQuery({ queryKey: ['metrics', 'definitions'], queryFn: () => api.get<MetricDefinition[]>('/api/metrics/definitions'), staleTime: 300_000 });
  const defById = useMemo(() => new Map((defs.data ?? []).map((d) => [d.id, d])), [defs.data]);

  const q = f.values.q?.toLowerCase();
  const focus = f.values.id;
  const focused = focus ? defById.get(focus) : undefined;
  const rows = (metrics.data?.metrics ?? []).filter((m) => (!focus || m.id === focus) && (!q || m.name.includes(q) || m.id.includes(q) || (defById.get(m.id)?.nameEn.toLowerCase().includes(q) ?? false)));

  const columns: ColumnsType<MetricValue> = [
    {
      title: t('指标', 'Metric'), dataIndex: 'name',
      render: (_: string, m) => {
        const d = defById.get(m.id);
        return (
          <Space orientation="vertical" size={0}>
            <Space size={4}>
              <Typography.Text strong>{d ? t(d.name, d.nameEn) : m.name}</Typography.Text>
              {d && (
                <Tooltip title={<div><div>{d.definition}</div><div style={{ marginTop: 4, opacity: 0.8 }}>{t('统计时点：', 'Dated by: ')}{d.periodDate}</div></div>} styles={{ root: { maxWidth: 420 } }}>
                  <InfoCircleOutlined style={{ color: '#8c8c8c' }} data-testid={`metric-definition-${m.id}`} />
                </Tooltip>
              )}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.id}</Typography.Text>
          </Space>
        );
      },
    },
    { title: t('单位', 'Unit'), dataIndex: 'unit', width: 110, render: (u: string) => <Tag>{UNIT_LABELS[u] ? t(UNIT_LABELS[u][0], UNIT_LABELS[u][1]) : u}</Tag> },
    { title: t('数值', 'Value'), key: 'value', width: 200, align: 'right', render: (_, m) => <span data-testid={`metric-value-${m.id}`} style={{ fontSize: 16, fontWeight: 600 }}>{formatMetric(m, t)}</span> },
    {
      title: t('分子 / 分母', 'Numerator / denominator'), key: 'nd', width: 220, align: 'right',
      render: (_, m) => m.numerator === undefined && m.denominator === undefined ? <Typography.Text type="secondary">—</Typography.Text>
        : <span>{m.numerator?.toLocaleString('zh-CN') ?? '—'} / {m.denominator?.toLocaleString('zh-CN') ?? '—'}</span>,
    },
  ];

  const presets = [
    { label: t('本年', 'This year'), from: `${year}-01-01`, to: dayjs().format('YYYY-MM-DD') },
    { label: t('上年', 'Last year'), from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
    { label: t('本季度', 'This quarter'), from: dayjs().startOf('month').subtract(dayjs().month() % 3, 'month').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') },
  ];

  return (
    <div>
      <PageHeader
        title={t('统计指标', 'Metrics')}
        subtitle={t('按期间和机构（含下级机构）即时计算的指标，口径见各指标说明；年度报告中的数字与此一致。', 'Figures computed live for a period and an organisation with everything under it; the annual report uses the same figures.')}
      />
      <SearchBar
        value={f.values.q}
        onSearch={(x) => f.set({ q: x })}
        onReset={Object.keys(f.values).length ? f.reset : undefined}
        placeholder={t('指标名称', 'Metric name')}
        width={180}
      >
        <DatePicker.RangePicker
          data-testid="metrics-period"
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(r) => r && r[0] && r[1] && f.set({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
        />
        <Space size={4}>
          {presets.map((p) => <Button key={p.label} size="small" type={p.from === from && p.to === to ? 'primary' : 'default'} onClick={() => f.set({ from: p.from, to: p.to })}>{p.label}</Button>)}
        </Space>
        <OrgTreeSelect by="code" value={org} allowClear={false} onChange={(x) => f.set({ org: x === me.org.code ? undefined : x })} style={{ width: 240 }} data-testid="metrics-org" />
      </SearchBar>
      <ErrorAlert error={metrics.error} onRetry={() => metrics.refetch()} />
      {focus && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="metrics-focus"
          title={focused ? t(`指标：${focused.name}（${focused.id}）`, `Metric: ${focused.nameEn} (${focused.id})`) : t(`指标：${focus}`, `Metric: ${focus}`)}
          description={focused && <div><div>{focused.definition}</div><div style={{ opacity: 0.8 }}>{t('统计时点：', 'Dated by: ')}{focused.periodDate}</div></div>}
          action={<Button size="small" onClick={() => f.set({ id: undefined })} data-testid="metrics-show-all">{t('显示全部指标', 'Show every metric')}</Button>} />
      )}
      <div data-testid="metrics-table">
        <Table<MetricValue>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={metrics.isFetching}
          pagination={false}
          expandable={rows.some((m) => m.breakdown && Object.keys(m.breakdown).length > 0) ? {
            rowExpandable: (m) => !!m.breakdown && Object.keys(m.breakdown).length > 0,
            expandedRowRender: (m) => (
              <Space wrap>{Object.entries(m.breakdown ?? {}).map(([k, n]) => <Tag key={k}>{k}：{n.toLocaleString('zh-CN')}</Tag>)}</Space>
            ),
          } : undefined}
          locale={{ emptyText: <Empty description={t('没有指标', 'No metric')} /> }}
        />
      </div>
    </div>
  );
}
