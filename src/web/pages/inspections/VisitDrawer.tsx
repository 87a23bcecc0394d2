// One inspection visit: the entity, the date and result, its inspectors (staff and
// certificate numbers) and, for a random inspection, its task and plan.
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Skeleton, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { visitResult, type VisitDetail } from './types';
import { VisitRecordSection } from './visit/VisitRecordSection';

export function VisitDrawer({ id, onClose }: { id: number | undefined; onClose(): void }) {
  const t = useT();
  const { can } = useAuth();
  const visit = useQuery({ queryKey: ['inspections', 'visit', id], queryFn: () => api.get<VisitDetail>(`/api/inspections/visits/${id}`), enabled: id !== undefined });
  const v = visit.data;
  return (
    <Drawer open={id !== undefined} width={600} onClose={onClose} title={v ? t(`监督检查记录 ${v.visitNo}`, `Inspection ${v.visitNo}`) : t('监督检查记录', 'Inspection')}>
      <div data-testid="visit-drawer">
        {visit.isLoading && <Skeleton active />}
        <ErrorAlert error={visit.error} onRetry={() => visit.refetch()} />
        {v && (
          <Space orientation="vertical" style={{ width: '100%' }} size={16}>
            <Descriptions size="small" column={1} bordered items={[
              { key: 'entity', label: t('被检查对象', 'Entity'), children: can('entities.read') ? <Link to={`/entities/${v.entityId}`}>{v.entityName}</Link> : v.entityName },
              { key: 'uscc', label: t('统一社会信用代码', 'USCC'), children: v.entityUscc },
              { key: 'address', label: t('地址', 'Address'), children: v.entityAddress },
              { key: 'date', label: t('检查日期', 'Visited on'), children: v.visitedOn },
              { key: 'result', label: t('检查结果', 'Result'), children: <Tag color={visitResult(v.result, t).colour}>{visitResult(v.result, t).label}</Tag> },
              { key: 'kind', label: t('检查类型', 'Kind'), children: v.kind === 'campaign' ? t(`专项整治：${v.campaign}`, `Campaign: ${v.campaign}`) : v.kind === 'random' ? t('双随机抽查', 'Random inspection') : t('日常检查', 'Routine inspection') },
              { key: 'org', label: t('检查机构', 'Organisation'), children: v.orgName },
              {
                key: 'inspectors', label: t('检查人员', 'Inspectors'),
                children: v.inspectorDetails.map((i) => <div key={i.id}>{i.name}（{t('工号', 'staff no.')} {i.staffNo}{i.certificateNo ? t(`，执法证 ${i.certificateNo}`, `, certificate ${i.certificateNo}`) : ''}）</div>),
              },
              ...(v.imported ? [{ key: 'imported', label: t('来源', 'Origin'), children: <Tag>{t('历史导入', 'Imported')}</Tag> }] : []),
            ]} />
            {v.task && (
              <Descriptions size="small" column={1} bordered title={t('所属抽查任务', 'Random-inspection task')} items={[
                { key: 'task', label: t('任务编号', 'Task no.'), children: v.task.taskNo },
                { key: 'plan', label: t('抽查计划', 'Plan'), children: <Link to={`/inspections/plans/${v.task.planId}`} data-testid="visit-plan-link">{v.task.planNo} {v.task.planTitle}</Link> },
                { key: 'due', label: t('完成期限', 'Due'), children: v.task.dueOn },
                { key: 'done', label: t('完成日期', 'Completed'), children: v.task.completedOn ?? '—' },
                { key: 'joint', label: t('联合抽查', 'Joint'), children: v.task.joint ? t('是', 'Yes') : t('否', 'No') },
                { key: 'pub', label: t('结果公示', 'Published'), children: v.task.publishedOn ?? (v.task.publicationDue ? t(`未公示（限${v.task.publicationDue}前）`, `Not yet (by ${v.task.publicationDue})`) : '—') },
              ]} />
            )}
            <VisitRecordSection id={v.id} />
          </Space>
        )}
      </div>
    </Drawer>
  );
}
