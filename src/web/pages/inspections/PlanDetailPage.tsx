// One random-inspection plan: what it is, its draw (DrawPanel), its figures (tasks, completion by the due date,
// joint inspections, results published on time; defined as the inspection.* metrics) and
// its tasks, paged.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tablePagination } from '../../components/pagination';
import { TaskTable } from './TaskTable';
import { percent, sourceLabel, type PlanDetail, type Ratio, type TaskRow } from './types';
import { DrawPanel } from './plan/DrawPanel';
import { TeamModal } from './plan/TeamModal';

export function PlanDetailPage() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [teamTask, setTeamTask] = useState<TaskRow | null>(null);
  const f = useUrlFilters([] as const, 10);
  const plan = useQuery({
    queryKey: ['inspections', 'plan', id, f.query],
    queryFn: () => api.get<PlanDetail>(`/api/inspections/plans/${id}${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  if (plan.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (plan.error instanceof ApiError && plan.error.status === 404) {
    return <Result status="404" title={t('抽查计划不存在或不在您的数据范围内', 'Plan not found or outside your data scope')}
      extra={<Button onClick={() => navigate('/inspections/plans')}>{t('返回抽查计划', 'Back to the plans')}</Button>} />;
  }
  if (plan.error || !plan.data) return <ErrorAlert error={plan.error} onRetry={() => plan.refetch()} />;
  const p = plan.data;
  const fig = p.figures;
  const rate = (title: string, r: Ratio, testId: string, hint: string) => (
    <Col xs={12} md={6}>
      <Card size="small" data-testid={testId}>
        <Statistic title={title} value={percent(r)} />
        <div style={{ color: '#888', fontSize: 12 }}>{hint}</div>
      </Card>
    </Col>
  );
  return (
    <div>
      <PageHeader back="/inspections/plans" title={<>{p.title} {p.imported ? <Tag>{t('历史导入', 'Imported')}</Tag> : <Tag color={p.status === 'drawn' ? 'green' : 'blue'}>{p.statusName}</Tag>}</>}
        subtitle={`${p.planNo} · ${p.orgName}`}
        extra={<Link to={`/inspections/tasks${qs({ planId: p.id })}`}><Button data-testid="plan-tasks-link">{t('在任务列表中查看', 'Open in the task list')}</Button></Link>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 4 }} items={[
          { key: 'no', label: t('计划编号', 'Plan no.'), children: p.planNo },
          { key: 'source', label: t('任务来源', 'Source'), children: sourceLabel(p.source, t) },
          { key: 'year', label: t('年度', 'Year'), children: p.year },
          { key: 'credit', label: t('信用风险分类结果', 'Credit and risk classes'), children: p.creditApplied ? t('抽取时已应用', 'Applied in the draw') : t('未应用', 'Not applied') },
        ]} />
      </Card>
      <DrawPanel plan={p} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="plan-figures">
        <Col xs={12} md={6}>
          <Card size="small" data-testid="fig-tasks">
            <Statistic title={t('抽查任务', 'Tasks')} value={fig.tasks} />
            <div style={{ color: '#888', fontSize: 12 }}>{t(`已完成 ${fig.completed}，超期未完成 ${fig.overdue}`, `${fig.completed} completed, ${fig.overdue} overdue`)}</div>
          </Card>
        </Col>
        {rate(t('按期完成率', 'Completed by the due date'), fig.completedOnTime, 'fig-completion', t(`${fig.completedOnTime.numerator} / ${fig.completedOnTime.denominator} 个任务`, `${fig.completedOnTime.numerator} of ${fig.completedOnTime.denominator} tasks`))}
        {rate(t('联合抽查率', 'Joint'), fig.jointRate, 'fig-joint', t(`已完成任务中 ${fig.jointRate.numerator} 个联合抽查`, `${fig.jointRate.numerator} of the completed tasks`))}
        {rate(t('结果按时公示率', 'Published on time'), fig.publishedOnTime, 'fig-published', t(`已完成任务中 ${fig.publishedOnTime.numerator} 个按时公示`, `${fig.publishedOnTime.numerator} of the completed tasks`))}
      </Row>
      <Card title={t('抽查任务', 'Tasks')} size="small" data-testid="plan-tasks">
        <TaskTable rows={p.tasks.rows} loading={plan.isFetching} showPlan={false} pagination={tablePagination(f, p.tasks, t)}
          onEditTeam={can('inspections.plan') ? setTeamTask : undefined}
          empty={<Empty description={p.status === 'drawn' ? t('该计划还没有任务', 'This plan has no tasks yet') : t('抽取后，每个抽中的对象生成一项任务', 'Each drawn entity becomes a task')} />} />
      </Card>
      <TeamModal task={teamTask} onClose={() => setTeamTask(null)} />
    </div>
  );
}
