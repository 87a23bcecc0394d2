// The public portal's random-inspection plans (双随机、一公开): no login; every plan whose
// draw has at least been announced, with its draw status and published results. Each
// plan opens its page (the draws, their parameters and the results), from which anyone
// can re-run a draw in the browser and check it against what was announced beforehand.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Input, List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import { useUrlFilters } from '../lib/urlState';
import { ErrorAlert } from '../components/ErrorAlert';
import { PortalLayout } from './draw/PortalLayout';
import { beijingTime, SOURCE_LABELS } from './draw/labels';
import type { PublicPlanList, PublicPlanRow } from './draw/types';

const PAGE_SIZE = 10;

export function RandomPlanPortalPage() {
  const t = useT();
  const f = useUrlFilters(['q', 'year'] as const, PAGE_SIZE);
  const list = useQuery({
    queryKey: ['public', 'random-plans', f.query],
    queryFn: () => api.get<PublicPlanList>(`/api/public/random-plans${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  return (
    <PortalLayout>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('随机抽查计划与抽取结果', 'Random-inspection plans and draws')}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="portal-intro">
        {t('“双随机、一公开”：随机抽取检查对象，随机选派执法检查人员，抽查情况及查处结果及时向社会公开。每次抽取前，本平台先公布随机种子的承诺值（SM3 摘要）、抽取参数以及冻结的候选对象、执法人员和回避名单的摘要；抽取后公开随机种子和完整的抽取记录。任何人都可以在本页面（在您自己的浏览器中）或用自己的工具按公开的算法重新抽取一遍，核对抽取结果未被更改。',
          'Random inspections ("two randoms, one publicity"): the entities and the inspectors are drawn at random and the results are published. Before each draw the platform publishes a commitment to the random seed (its SM3 digest), the parameters and the digests of the frozen candidate, inspector and recusal lists; after the draw it publishes the seed and the full record. Anyone can re-run the draw here (in their own browser) or with their own tools and check that the result was not altered.')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16, width: '100%' }}>
        <Input.Search allowClear enterButton={t('查询', 'Search')} placeholder={t('计划名称、编号或执法机关', 'Plan title, number or agency')}
          defaultValue={f.values.q} onSearch={(v) => f.set({ q: v.trim() })} style={{ width: 420 }} data-testid="portal-search" maxLength={50} />
        <Select allowClear placeholder={t('年度', 'Year')} style={{ width: 120 }} value={f.values.year ? Number(f.values.year) : undefined}
          options={years.map((y) => ({ value: y, label: t(`${y}年`, String(y)) }))} onChange={(v) => f.set({ year: v })} data-testid="portal-year" />
      </Space>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => list.refetch()} /> : (
        <>
          <List<PublicPlanRow>
            loading={list.isFetching} dataSource={list.data?.rows ?? []} data-testid="portal-plans"
            locale={{ emptyText: t('没有公示中的随机抽查计划', 'No published random-inspection plans') }}
            renderItem={(p) => <PlanCard plan={p} />} />
          <Pagination current={f.page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(page) => f.setPage(page)}
            showSizeChanger={false} showTotal={(n) => t(`共 ${n} 个计划`, `${n} plans in all`)} />
        </>
      )}
    </PortalLayout>
  );
}

function PlanCard({ plan: p }: { plan: PublicPlanRow }) {
  const t = useT();
  const to = `/portal/random-plans/${encodeURIComponent(p.planNo)}`;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`portal-plan-${p.planNo}`}
      title={<Space wrap><Link to={to} data-testid={`portal-plan-link-${p.planNo}`}>{p.title}</Link>
        {p.status === 'drawn'
          ? <Tag color="green">{t('已抽取', 'Drawn')}</Tag>
          : <Tag color="blue">{t('已公告，待抽取', 'Announced, not yet drawn')}</Tag>}
        {p.joint && <Tag color="purple">{t('联合抽查', 'Joint')}</Tag>}
      </Space>}
      extra={<span>{p.planNo}</span>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'agency', label: t('执法机关', 'Agency'), children: p.agency },
        { key: 'year', label: t('年度', 'Year'), children: p.year },
        { key: 'source', label: t('任务来源', 'Source'), children: t(p.sourceName, SOURCE_LABELS[p.source] ?? p.sourceName) },
        ...(p.joint && p.jointDepartments ? [{ key: 'jd', label: t('联合部门', 'Joint with'), children: p.jointDepartments }] : []),
        ...(p.dueOn ? [{ key: 'due', label: t('完成期限', 'Due on'), children: p.dueOn }] : []),
        { key: 'drawn', label: t('抽取时间', 'Drawn at'), children: p.drawnAt ? beijingTime(p.drawnAt) : t('尚未抽取', 'Not yet drawn') },
        ...(p.attempts > 1 ? [{ key: 'attempts', label: t('抽取次数', 'Attempts'), children: t(`${p.attempts} 次（含重新抽取）`, `${p.attempts} (with re-draws)`) }] : []),
        { key: 'tasks', label: t('抽查对象', 'Entities drawn'), children: p.taskCount },
        { key: 'published', label: t('已公示结果', 'Results published'), children: p.publishedCount },
      ]} />
      <Link to={to}>{t('查看计划、抽取记录和抽查结果 →', 'Plan, draws and results →')}</Link>
    </Card>
  );
}
