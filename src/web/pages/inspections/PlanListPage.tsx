// 监督检查 › 抽查计划: the random-inspection plans (双随机) of the user's scope, searched by
// number or title and filtered by source, year, organisation and whether the draw used the
// credit and risk classes, each with its task figures; a click opens the plan.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { useRecordLinkFilters } from '../../lib/linkedFilters';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ExportButton } from '../../components/ExportButton';
import { tablePagination } from '../../components/pagination';
import { PLAN_SOURCES, sourceLabel, type PlanRow } from './types';
import { PlanFormModal } from './plan/PlanFormModal';

const FILTERS = ['q', 'source', 'year', 'orgId', 'creditApplied'] as const;

export function PlanListPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const f = useUrlFilters(FILTERS);
  // Opened from a figure (dashboard, annual report): the link's period, organisation and overdue flag become this list's filters.
  const linking = useRecordLinkFilters({ from: null, to: null, year: 'year', orgId: 'orgId' });
  const v = f.values;
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['inspections', 'plans', f.query],
    queryFn: () => api.get<Paged<PlanRow>>(`/api/inspections/plans${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(v).length > 0;
  const columns: ColumnsType<PlanRow> = [
    { title: t('计划编号', 'Plan no.'), dataIndex: 'planNo', width: 170, render: (no: string, r) => <Link to={`/inspections/plans/${r.id}`} data-testid={`plan-${no}`}>{no}</Link> },
    {
      title: t('计划名称', 'Title'), dataIndex: 'title',
      render: (title: string, r) => (
        <div>
          <Typography.Text>{title}</Typography.Text>
          <div>
            {r.creditApplied && <Tag color="blue">{t('应用信用分类', 'Credit classes applied')}</Tag>}
            {r.imported ? <Tag>{t('历史导入', 'Imported')}</Tag> : <Tag color={r.status === 'drawn' ? 'green' : r.status === 'announced' ? 'blue' : 'default'}>{r.statusName}</Tag>}
          </div>
        </div>
      ),
    },
    { title: t('来源', 'Source'), dataIndex: 'source', width: 80, render: (s: string) => sourceLabel(s, t) },
    { title: t('年度', 'Year'), dataIndex: 'year', width: 70 },
    { title: t('任务', 'Tasks'), dataIndex: 'taskCount', width: 70, align: 'right' },
    { title: t('已完成', 'Completed'), dataIndex: 'completedCount', width: 80, align: 'right' },
    { title: t('联合抽查', 'Joint'), dataIndex: 'jointCount', width: 90, align: 'right' },
    { title: t('已公示', 'Published'), dataIndex: 'publishedCount', width: 80, align: 'right' },
    { title: t('制定机构', 'Organisation'), dataIndex: 'orgName', width: 180, ellipsis: true },
  ];
  return (
    <div>
      <PageHeader title={t('双随机抽查计划', 'Random-inspection plans')}
        subtitle={t('“双随机、一公开”抽查计划及其任务完成、联合抽查和结果公示情况。', 'Random-inspection plans with how their tasks were completed, carried out jointly and published.')}
        extra={<>
          {can('inspections.plan') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plan-new">{t('新建抽查计划', 'New plan')}</Button>}
          {can('imports.inspections') && <Link to="/imports?dataset=random_plans"><Button icon={<CloudUploadOutlined />} data-testid="plan-import">{t('导入历史计划', 'Import history')}</Button></Link>}
          <ExportButton path="/api/exports/random_plans" filters={f.query} testId="plan-export" />
        </>} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('计划编号或名称', 'Plan no. or title')}>
        <Select allowClear style={{ width: 110 }} placeholder={t('来源', 'Source')} value={v.source} onChange={(source) => f.set({ source })}
          options={PLAN_SOURCES.map(([value, zh, en]) => ({ value, label: t(zh, en) }))} data-testid="filter-source" />
        <InputNumber style={{ width: 100 }} placeholder={t('年度', 'Year')} min={2000} max={2100} value={v.year ? Number(v.year) : null}
          onChange={(year) => f.set({ year: year ?? undefined })} data-testid="filter-year" />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('制定机构（含下级）', 'Organisation')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <Select allowClear style={{ width: 170 }} placeholder={t('信用分类结果应用', 'Credit classes')} value={v.creditApplied} onChange={(creditApplied) => f.set({ creditApplied })}
          options={[{ value: 'true', label: t('已应用', 'Applied') }, { value: 'false', label: t('未应用', 'Not applied') }]} data-testid="filter-credit" />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="plan-table">
      <Table<PlanRow> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)}
        onRow={(r) => ({ onClick: (e) => { if (!(e.target as HTMLElement).closest('a')) navigate(`/inspections/plans/${r.id}`); }, style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的抽查计划，请调整查询条件', 'No plan matches; change the search') : t('还没有抽查计划', 'No plans yet')} /> }} />
      </div>
      {creating && <PlanFormModal open onClose={() => setCreating(false)} />}
    </div>
  );
}
