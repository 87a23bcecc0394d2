// The entity page's 监督检查记录 card: the entity's inspection visits (within the user's
// scope), newest first, each opening the visit drawer.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import type { Paged } from '../../lib/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VisitDrawer } from './VisitDrawer';
import { visitResult, type VisitRow } from './types';

export function EntityVisitsCard({ entityId, uscc }: { entityId: number; uscc: string }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<number>();
  const visits = useQuery({
    queryKey: ['inspections', 'visits', 'entity', entityId, page],
    queryFn: () => api.get<Paged<VisitRow>>(`/api/inspections/visits${qs({ entityId, page, pageSize: 5 })}`),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<VisitRow> = [
    { title: t('检查日期', 'Visited on'), dataIndex: 'visitedOn', width: 110 },
    { title: t('检查结果', 'Result'), dataIndex: 'result', width: 100, render: (r: string) => { const x = visitResult(r, t); return <Tag color={x.colour}>{x.label}</Tag>; } },
    { title: t('检查类型', 'Kind'), dataIndex: 'random', width: 160, render: (random: boolean, r) => (random ? <span><Tag color="blue">{t('双随机', 'Random')}</Tag>{r.taskNo}</span> : t('日常检查', 'Routine')) },
    { title: t('检查人员', 'Inspectors'), dataIndex: 'inspectors', render: (names: string[]) => names.join('、') },
    { title: t('检查机构', 'Organisation'), dataIndex: 'orgName', ellipsis: true },
  ];
  return (
    <Card title={t('监督检查记录', 'Inspections')} style={{ marginBottom: 16 }} data-testid="entity-visits"
      extra={<Link to={`/inspections/visits${qs({ q: uscc })}`}>{t('全部检查记录', 'All inspections')}</Link>}>
      <ErrorAlert error={visits.error} onRetry={() => visits.refetch()} />
      <Table<VisitRow> rowKey="id" size="small" columns={columns} dataSource={visits.data?.rows} loading={visits.isFetching}
        pagination={(visits.data?.total ?? 0) > 5 ? { current: page, pageSize: 5, total: visits.data?.total, onChange: setPage, showSizeChanger: false } : false}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <Empty description={t('暂无监督检查记录', 'No inspections recorded')} /> }} />
      <VisitDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </Card>
  );
}
