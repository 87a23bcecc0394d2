// 监督检查 › 抽查任务: the tasks of the random-inspection plans in scope (one drawn entity
// each), filtered by plan, state (pending, completed, overdue), joint inspection,
// publication (published, or its deadline passed), organisation and a period on the due
// or completion date; searched by entity.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Empty, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
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
import { TaskTable } from './TaskTable';
import { TeamModal } from './plan/TeamModal';
import { TASK_STATES, type PlanRow, type TaskRow } from './types';

const FILTERS = ['q', 'planId', 'state', 'joint', 'publication', 'orgId', 'from', 'to', 'dateOf'] as const;

export function TaskListPage() {
  const t = useT();
  const { can } = useAuth();
  const [teamTask, setTeamTask] = useState<TaskRow | null>(null);
  const f = useUrlFilters(FILTERS);
  // Opened from a figure (dashboard, annual report): the link's period, organisation and overdue flag become this list's filters.
  const linking = useRecordLinkFilters({ from: 'from', to: 'to', orgId: 'orgId' });
  const v = f.values;
  const list = useQuery({
    queryKey: ['inspections', 'tasks', f.query],
    queryFn: () => api.get<Paged<TaskRow>>(`/api/inspections/tasks${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const plans = useQuery({ queryKey: ['inspections', 'plans', 'picker'], queryFn: () => api.get<Paged<PlanRow>>('/api/inspections/plans?pageSize=100') });
  const filtered = Object.keys(v).length > 0;
  return (
    <div>
      <PageHeader title={t('双随机抽查任务', 'Random-inspection tasks')}
        subtitle={t('每个被抽中的监管对象为一个任务：完成期限、完成情况、是否联合抽查，以及检查结果的公示期限和公示情况。',
          'One task per drawn entity: its due date, completion, joint inspection, and the deadline and date of publishing the result.')}
        extra={<ExportButton path="/api/exports/random_tasks" filters={f.query} testId="task-export" />} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('监管对象名称、统一社会信用代码或任务编号', 'Entity name, USCC or task no.')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} placeholder={t('抽查计划', 'Plan')} popupMatchSelectWidth={false}
          value={v.planId ? Number(v.planId) : undefined} onChange={(planId) => f.set({ planId })} data-testid="filter-plan"
          options={(plans.data?.rows ?? []).map((p) => ({ value: p.id, label: `${p.planNo} ${p.title}` }))} />
        <Select allowClear style={{ width: 110 }} placeholder={t('状态', 'State')} value={v.state} onChange={(state) => f.set({ state })}
          options={TASK_STATES.map(([value, zh, en]) => ({ value, label: t(zh, en) }))} data-testid="filter-state" />
        <Select allowClear style={{ width: 120 }} placeholder={t('联合抽查', 'Joint')} value={v.joint} onChange={(joint) => f.set({ joint })}
          options={[{ value: 'true', label: t('联合抽查', 'Joint') }, { value: 'false', label: t('单独抽查', 'Alone') }]} data-testid="filter-joint" />
        <Select allowClear style={{ width: 130 }} placeholder={t('结果公示', 'Publication')} value={v.publication} onChange={(publication) => f.set({ publication })}
          options={[{ value: 'published', label: t('已公示', 'Published') }, { value: 'unpublished', label: t('待公示', 'To publish') }, { value: 'overdue', label: t('公示超期', 'Overdue') }]} data-testid="filter-publication" />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('机构（含下级）', 'Organisation')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <Space.Compact>
          <Select style={{ width: 120 }} value={v.dateOf ?? 'due'} onChange={(dateOf) => f.set({ dateOf: dateOf === 'due' ? undefined : dateOf })} data-testid="filter-date-of"
            options={[{ value: 'due', label: t('完成期限', 'Due date') }, { value: 'completed', label: t('完成日期', 'Completed') }]} />
          <DatePicker.RangePicker style={{ width: 240 }} allowEmpty={[true, true]} data-testid="filter-period"
            value={[v.from ? dayjs(v.from) : null, v.to ? dayjs(v.to) : null]}
            onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
        </Space.Compact>
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="task-table">
        <TaskTable rows={list.data?.rows} loading={list.isFetching} pagination={tablePagination(f, list.data, t)}
          onEditTeam={can('inspections.plan') ? setTeamTask : undefined}
          empty={<Empty description={filtered ? t('没有符合条件的抽查任务，请调整查询条件', 'No task matches; change the search') : t('还没有抽查任务', 'No tasks yet')} />} />
      </div>
      <TeamModal task={teamTask} onClose={() => setTeamTask(null)} />
    </div>
  );
}
