// 监督检查 › 我的检查任务: the signed-in inspector's open random-inspection tasks (their
// drawn team's, and imported tasks of their institute), soonest due first, searched by
// entity name; each opens the on-site form. Cards on a phone, a table on a desktop.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Input, Pagination, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import type { Paged } from '../../lib/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tablePagination } from '../../components/pagination';
import { usePhone } from '../../layout/useScreen';
import { PhoneShell } from './visit/PhoneShell';
import type { MyTask } from './visit/types';

const FILTERS = ['q'] as const;

function Due({ task, t }: { task: MyTask; t: Translate }) {
  return (
    <Space size={4}>
      <span>{t(`限 ${task.dueOn} 前完成`, `Due ${task.dueOn}`)}</span>
      {task.overdue && <Tag color="red">{t('已超期', 'Overdue')}</Tag>}
    </Space>
  );
}

const teamOf = (task: MyTask, t: Translate) => (task.team.length ? task.team.map((m) => m.name).join('、') : t('未分组（历史导入任务）', 'No team (imported task)'));

function TaskCard({ task, onOpen }: { task: MyTask; onOpen(): void }) {
  const t = useT();
  return (
    <Card size="small" data-testid={`my-task-${task.taskNo}`} onClick={onOpen} style={{ cursor: 'pointer' }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>{task.entityName}</Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{task.entityCategoryName}</Tag>
        </Flex>
        <Typography.Text type="secondary"><EnvironmentOutlined /> {task.entityAddress}</Typography.Text>
        <Due task={task} t={t} />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>{t('检查组：', 'Team: ')}{teamOf(task, t)}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{task.taskNo} · {task.planTitle}{task.joint ? t(' · 联合抽查', ' · joint') : ''}</Typography.Text>
        <Button type="primary" size="large" block icon={<EditOutlined />} onClick={(e) => { e.stopPropagation(); onOpen(); }} data-testid="my-task-record">
          {t('记录现场检查', 'Record the visit')}
        </Button>
      </Flex>
    </Card>
  );
}

export function MyTasksPage() {
  const t = useT();
  const { me } = useAuth();
  const phone = usePhone();
  const navigate = useNavigate();
  const f = useUrlFilters(FILTERS, 20);
  const list = useQuery({
    queryKey: ['inspections', 'my-tasks', f.query],
    queryFn: () => api.get<Paged<MyTask>>(`/api/inspections/my-tasks${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const open = (task: MyTask) => navigate(`/inspections/record?taskId=${task.id}`);
  const rows = list.data?.rows ?? [];
  const empty = (
    <Empty description={f.values.q ? t('没有符合条件的检查任务', 'No task matches')
      : me?.inspector ? t('没有待完成的检查任务', 'No open task') : t('您不是执法人员，没有检查任务', 'You are not an inspector: no tasks')} />
  );
  const columns: ColumnsType<MyTask> = [
    {
      title: t('被检查对象', 'Entity'), dataIndex: 'entityName',
      render: (name: string, r) => <div><Typography.Text strong>{name}</Typography.Text> <Tag>{r.entityCategoryName}</Tag><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.entityAddress}</Typography.Text></div></div>,
    },
    { title: t('完成期限', 'Due'), dataIndex: 'dueOn', width: 190, render: (_: string, r) => <Due task={r} t={t} /> },
    { title: t('检查组', 'Team'), key: 'team', width: 200, render: (_, r) => teamOf(r, t) },
    { title: t('任务', 'Task'), dataIndex: 'taskNo', width: 220, render: (no: string, r) => <div>{no}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.planTitle}</Typography.Text></div></div> },
    {
      title: t('操作', 'Action'), key: 'action', width: 130,
      render: (_, r) => <Button type="primary" icon={<EditOutlined />} onClick={() => open(r)} data-testid={`my-task-${r.taskNo}`}>{t('记录检查', 'Record')}</Button>,
    },
  ];
  return (
    <PhoneShell title={t('我的检查任务', 'My inspection tasks')} back="/"
      subtitle={t('本人所在检查组尚未完成的双随机抽查任务（含本机构历史导入、未分组的任务），按完成期限排列。',
        'Open random-inspection tasks of your team (and imported tasks of your institute without a team), soonest due first.')}>
      <Input.Search size="large" allowClear defaultValue={f.values.q} key={f.values.q ?? ''} onSearch={(q) => f.set({ q: q.trim() })}
        placeholder={t('按监管对象名称查询', 'Search by entity name')} style={{ marginBottom: 12, maxWidth: phone ? undefined : 420 }} data-testid="my-task-search" />
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      {phone ? (
        <Flex vertical gap={10} data-testid="my-task-cards">
          {rows.length === 0 && !list.isFetching && empty}
          {rows.map((task) => <TaskCard key={task.id} task={task} onOpen={() => open(task)} />)}
          {(list.data?.total ?? 0) > f.pageSize && (
            <Pagination simple current={f.page} pageSize={f.pageSize} total={list.data?.total ?? 0} onChange={(p) => f.setPage(p)} style={{ alignSelf: 'center' }} />
          )}
        </Flex>
      ) : (
        <div data-testid="my-task-table">
          <Table<MyTask> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isFetching} locale={{ emptyText: empty }}
            pagination={tablePagination(f, list.data, t)} />
        </div>
      )}
    </PhoneShell>
  );
}
