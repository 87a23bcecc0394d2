// 法治建设 › 工作要点: the year's work plans in the user's scope — search in the title,
// filter by year, organisation (and below) and status, export to Excel; the legal division
// creates a plan or imports one from a Word or text outline.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, InputNumber, Select, Space, Table, Tag } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { formatDateTime } from '../../lib/format';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ExportButton } from '../../components/ExportButton';
import { tablePagination } from '../../components/pagination';
import { PlanFormModal } from './PlanFormModal';
import { ImportDialog } from './ImportDialog';
import type { PlanSummary } from './types';

const FILTERS = ['q', 'year', 'orgId', 'status'] as const;

export function WorkPlanListPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useQuery({
    queryKey: ['workplans', 'list', f.query],
    queryFn: () => api.get<Paged<PlanSummary>>(`/api/workplans${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(v).length > 0;
  const writer = can('workplans.write');
  const done = (id: number, text: string) => {
    setCreating(false);
    setImporting(false);
    void qc.invalidateQueries({ queryKey: ['workplans'] });
    message.success(text);
    navigate(`/workplans/${id}`);
  };
  const columns: ColumnsType<PlanSummary> = [
    { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
    { title: t('标题', 'Title'), dataIndex: 'title', render: (title: string, r) => <Link to={`/workplans/${r.id}`} data-testid={`workplan-${r.id}`}>{title}</Link> },
    { title: t('机构', 'Organisation'), dataIndex: 'orgName', width: 200, ellipsis: true },
    { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={s === 'published' ? 'green' : 'default'}>{s === 'published' ? t('已发布', 'Published') : t('草稿', 'Draft')}</Tag> },
    { title: t('章节/任务/目标', 'Sections / tasks / targets'), width: 140, render: (_: unknown, r) => `${r.sections} / ${r.tasks} / ${r.targets}` },
    { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', width: 160, render: (d: string) => formatDateTime(d) },
  ];
  return (
    <div>
      <PageHeader title={t('工作要点', 'Work plans')}
        subtitle={t('年度法治政府建设工作要点：章节和任务、牵头和配合单位、量化目标及其实时完成情况、各单位季度进展。', 'The year\'s rule-of-law work plans: tasks, units, KPI targets with live values, quarterly progress.')}
        extra={(
          <Space>
            <ExportButton path="/api/workplans/export" filters={f.query} testId="workplan-export" />
            {writer && <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="workplan-import">{t('导入', 'Import')}</Button>}
            {writer && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="workplan-new">{t('新建', 'New')}</Button>}
          </Space>
        )} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('标题或引言', 'Title or introduction')}>
        <InputNumber placeholder={t('年度', 'Year')} min={2000} max={2100} precision={0} style={{ width: 110 }} value={v.year ? Number(v.year) : null}
          onChange={(year) => f.set({ year: year ?? undefined })} data-testid="filter-year" />
        <OrgTreeSelect style={{ width: 220 }} placeholder={t('机构（含下级）', 'Organisation (and below)')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <Select allowClear style={{ width: 120 }} placeholder={t('状态', 'Status')} value={v.status} onChange={(status) => f.set({ status })} data-testid="filter-status"
          options={[{ value: 'published', label: t('已发布', 'Published') }, { value: 'draft', label: t('草稿', 'Draft') }]} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<PlanSummary> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="workplan-table"
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的工作要点，请调整查询条件', 'Nothing matches; change the search') : t('还没有工作要点', 'No work plans yet')} /> }} />
      {creating && <PlanFormModal onClose={() => setCreating(false)} onDone={(id) => done(id, t('已新建', 'Created'))} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} onDone={(id) => done(id, t('已导入为草稿，请核对后发布', 'Imported as a draft'))} />}
    </div>
  );
}
