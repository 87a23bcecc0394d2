// The tasks of random inspections as a table: the task list and the plan page show it.
import { Space, Table, Tag, Tooltip, Typography, type TablePaginationConfig } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { taskState, type TaskRow } from './types';

export function TaskTable({ rows, loading, pagination, empty, showPlan = true, onEditTeam }: {
  rows: TaskRow[] | undefined; loading: boolean; pagination: TablePaginationConfig; empty: React.ReactNode; showPlan?: boolean;
  /** Offered on tasks not yet inspected, to those who plan draws. */
  onEditTeam?: (task: TaskRow) => void;
}) {
  const t = useT();
  const { can } = useAuth();
  const columns: ColumnsType<TaskRow> = [
    { title: t('任务编号', 'Task no.'), dataIndex: 'taskNo', width: 170 },
    {
      title: t('被抽中对象', 'Drawn entity'), dataIndex: 'entityName',
      render: (name: string, r) => (
        <div>
          {can('entities.read') ? <Link to={`/entities/${r.entityId}`}>{name}</Link> : name}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.entityUscc}</Typography.Text></div>
        </div>
      ),
    },
    ...(showPlan ? [{
      title: t('抽查计划', 'Plan'), dataIndex: 'planNo', width: 170,
      render: (no: string, r: TaskRow) => <Tooltip title={r.planTitle}><Link to={`/inspections/plans/${r.planId}`}>{no}</Link></Tooltip>,
    }] : []),
    {
      title: t('状态', 'State'), dataIndex: 'state', width: 150,
      render: (s: string, r) => {
        const st = taskState(s, t);
        return <Space size={4} wrap><Tag color={st.colour}>{st.label}</Tag>{r.joint && <Tag color="purple">{t('联合', 'Joint')}</Tag>}</Space>;
      },
    },
    {
      title: t('检查人员', 'Team'), key: 'team', width: 190,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.inspectors.length ? r.inspectors.join('、') : r.imported ? <Typography.Text type="secondary">—</Typography.Text> : <Tag color="red">{t('未分配', 'Unassigned')}</Tag>}
          {r.drawReason === 'mandatory' && <Tooltip title={t('重点监管名单对象，本年度检查次数未达最低要求，必须抽取', 'Blacklisted and due an inspection: always drawn')}><Tag color="volcano">{t('必检', 'Mandatory')}</Tag></Tooltip>}
          {onEditTeam && !r.completedOn && !r.imported && (
            <Typography.Link onClick={() => onEditTeam(r)} data-testid={`team-edit-${r.taskNo}`}>{t('调整', 'Change')}</Typography.Link>
          )}
        </Space>
      ),
    },
    { title: t('完成期限', 'Due'), dataIndex: 'dueOn', width: 110 },
    { title: t('完成日期', 'Completed'), dataIndex: 'completedOn', width: 110, render: (d: string | null) => d ?? '—' },
    {
      title: t('结果公示', 'Publication'), key: 'publication', width: 190,
      render: (_, r) => {
        if (r.publishedOn) {
          const late = r.publicationDue !== null && r.publishedOn > r.publicationDue;
          return <Space size={4}>{r.publishedOn}{late && <Tag color="orange">{t('逾期公示', 'Late')}</Tag>}</Space>;
        }
        if (!r.publicationDue) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space size={4}>
            <Typography.Text type="secondary">{t(`限${r.publicationDue}前`, `by ${r.publicationDue}`)}</Typography.Text>
            {r.publicationOverdue && <Tag color="red">{t('公示超期', 'Overdue')}</Tag>}
          </Space>
        );
      },
    },
  ];
  return (
    <Table<TaskRow> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={loading} pagination={pagination}
      locale={{ emptyText: empty }} scroll={{ x: 1200 }} />
  );
}
