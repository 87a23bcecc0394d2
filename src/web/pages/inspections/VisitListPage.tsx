// 监督检查 › 监督检查记录: the inspection visits of the user's scope (random and routine),
// filtered by date range, result, kind, organisation and inspector, searched by entity;
// a click opens the visit.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Select, Table, Tag } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';
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
import { VisitDrawer } from './VisitDrawer';
import { VISIT_RESULTS, visitResult, type VisitRow } from './types';

const FILTERS = ['q', 'from', 'to', 'result', 'kind', 'orgId', 'inspectorId'] as const;

export function VisitListPage() {
  const t = useT();
  const { can } = useAuth();
  const f = useUrlFilters(FILTERS);
  // Opened from a figure (dashboard, annual report): the link's period, organisation and overdue flag become this list's filters.
  const linking = useRecordLinkFilters({ from: 'from', to: 'to', orgId: 'orgId' });
  const v = f.values;
  const [openId, setOpenId] = useState<number>();
  const list = useQuery({
    queryKey: ['inspections', 'visits', f.query],
    queryFn: () => api.get<Paged<VisitRow>>(`/api/inspections/visits${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const inspectors = useQuery({
    queryKey: ['inspectors', 'picker'], enabled: can('inspectors.read'),
    queryFn: () => api.get<Paged<{ id: number; name: string; orgName: string }>>(`/api/inspectors${qs({ pageSize: 100 })}`),
  });
  const filtered = Object.keys(v).length > 0;
  const columns: ColumnsType<VisitRow> = [
    { title: t('检查记录编号', 'Visit no.'), dataIndex: 'visitNo', width: 170, render: (no: string) => <a data-testid={`visit-${no}`}>{no}</a> },
    { title: t('被检查对象', 'Entity'), dataIndex: 'entityName' },
    { title: t('检查日期', 'Visited on'), dataIndex: 'visitedOn', width: 110 },
    { title: t('检查结果', 'Result'), dataIndex: 'result', width: 100, render: (r: string) => { const x = visitResult(r, t); return <Tag color={x.colour}>{x.label}</Tag>; } },
    {
      title: t('检查类型', 'Kind'), dataIndex: 'random', width: 170,
      render: (random: boolean, r) => (random ? <span><Tag color="blue">{t('双随机', 'Random')}</Tag>{r.taskNo}</span>
        : r.kind === 'campaign' ? <span><Tag color="purple">{t('专项整治', 'Campaign')}</Tag>{r.campaign}</span> : t('日常检查', 'Routine')),
    },
    { title: t('检查人员', 'Inspectors'), dataIndex: 'inspectors', width: 150, render: (names: string[]) => names.join('、') },
    { title: t('检查机构', 'Organisation'), dataIndex: 'orgName', width: 180, ellipsis: true },
  ];
  return (
    <div>
      <PageHeader title={t('监督检查记录', 'Inspection records')}
        subtitle={t('双随机抽查和日常监督检查的每一户次：检查日期、结果和检查人员。', 'Every inspection visit, random or routine: its date, result and inspectors.')}
        extra={<>
          {can('imports.inspections') && <Link to="/imports?dataset=inspections"><Button icon={<CloudUploadOutlined />} data-testid="visit-import">{t('导入历史记录', 'Import history')}</Button></Link>}
          <ExportButton path="/api/exports/inspections" filters={f.query} testId="visit-export" />
        </>} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('监管对象名称、统一社会信用代码或记录编号', 'Entity name, USCC or visit no.')}>
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={[t('检查日期从', 'From'), t('至', 'To')]} data-testid="filter-dates"
          value={[v.from ? dayjs(v.from) : null, v.to ? dayjs(v.to) : null]}
          onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} allowEmpty={[true, true]} />
        <Select allowClear style={{ width: 110 }} placeholder={t('检查结果', 'Result')} value={v.result} onChange={(result) => f.set({ result })}
          options={VISIT_RESULTS.map(([value, zh, en]) => ({ value, label: t(zh, en) }))} data-testid="filter-result" />
        <Select allowClear style={{ width: 120 }} placeholder={t('检查类型', 'Kind')} value={v.kind} onChange={(kind) => f.set({ kind })}
          options={[{ value: 'random', label: t('双随机抽查', 'Random') }, { value: 'campaign', label: t('专项整治', 'Campaign') }, { value: 'routine', label: t('日常检查', 'Routine') }]} data-testid="filter-kind" />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('检查机构（含下级）', 'Organisation')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        {can('inspectors.read') && (
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 140 }} placeholder={t('检查人员', 'Inspector')}
            value={v.inspectorId ? Number(v.inspectorId) : undefined} onChange={(inspectorId) => f.set({ inspectorId })} data-testid="filter-inspector"
            options={(inspectors.data?.rows ?? []).map((i) => ({ value: i.id, label: i.name }))} />
        )}
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="visit-table">
        <Table<VisitRow> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)} scroll={{ x: 1000 }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的检查记录，请调整查询条件', 'No visit matches; change the search') : t('还没有监督检查记录', 'No inspections yet')} /> }} />
      </div>
      <VisitDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </div>
  );
}
