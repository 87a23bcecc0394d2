// 法治建设 › 工作要点 › one plan: its introduction, sections and numbered tasks; each task
// with its units (tags, the lead first), its targets with the live value (green met, red
// missed, grey 无数据) and the units' quarterly notes. "我的任务" keeps the tasks of the
// user's organisation (or one under it). Units write their progress; the legal division
// edits the plan (sections, tasks, units, targets, order, publication) and exports it to Word.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Popconfirm, Space, Spin, Switch, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, FileWordOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, download } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PlanFormModal } from './PlanFormModal';
import { ProgressModal, SectionModal, TargetModal, TaskModal } from './editors';
import { COMPARATOR_LABELS, formatMetric, type PlanDetail, type PlanSection, type PlanTargets, type PlanTask, type TargetValue, type TaskTarget } from './types';

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

type Dialog =
  | { kind: 'plan' } | { kind: 'section'; section?: PlanSection } | { kind: 'task'; sectionId: number; task?: PlanTask }
  | { kind: 'target'; taskId: number; target?: TaskTarget } | { kind: 'progress'; task: PlanTask };

function TargetTag({ target, live }: { target: TaskTarget; live: TargetValue | undefined }) {
  const t = useT();
  const state = live?.state ?? 'nodata';
  const colour = state === 'met' ? 'green' : state === 'missed' ? 'red' : 'default';
  const cmp = t(...COMPARATOR_LABELS[target.comparator]).split(' ')[0];
  const value = live?.value === null || live === undefined ? t('无数据', 'No data') : formatMetric(live.value, target.unit);
  const verdict = state === 'met' ? t('已达标', 'met') : state === 'missed' ? t('未达标', 'missed') : t('无数据，不计为达标', 'no data, not met');
  return (
    <Tooltip title={`${target.metricName}：${t('目标', 'target')} ${cmp} ${formatMetric(target.target, target.unit)}，${t('当前', 'now')} ${value}（${verdict}）${target.note ? `。${target.note}` : ''}`}>
      <Tag color={colour} data-testid={`target-${target.id}`} data-state={state}>
        {target.metricName} {cmp} {formatMetric(target.target, target.unit)} · {value}
      </Tag>
    </Tooltip>
  );
}

export function WorkPlanPage() {
  const t = useT();
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const mineOnly = params.get('mine') === '1';
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const plan = useQuery({ queryKey: ['workplans', 'plan', id], queryFn: () => api.get<PlanDetail>(`/api/workplans/${id}`) });
  const live = useQuery({ queryKey: ['workplans', 'targets', id], queryFn: () => api.get<PlanTargets>(`/api/workplans/${id}/targets`) });
  const refresh = () => { setDialog(null); void qc.invalidateQueries({ queryKey: ['workplans'] }); };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try { await fn(); message.success(done); refresh(); } catch (e) { message.error(errorMessage(e, t)); }
  };

  if (plan.isLoading) return <Spin />;
  if (!plan.data) return <ErrorAlert error={plan.error} onRetry={() => plan.refetch()} />;
  const p = plan.data;
  const editor = p.mayWrite;
  const liveOf = (targetId: number) => live.data?.targets.find((g) => g.id === targetId);
  const counts = { met: 0, missed: 0, nodata: 0 };
  for (const g of live.data?.targets ?? []) counts[g.state]++;
  const sections = p.sections.map((s) => ({ ...s, tasks: mineOnly ? s.tasks.filter((x) => x.mine) : s.tasks })).filter((s) => !mineOnly || s.tasks.length > 0);
  const move = <T extends { id: number }>(list: T[], i: number, d: -1 | 1) => {
    const ids = list.map((x) => x.id);
    [ids[i], ids[i + d]] = [ids[i + d], ids[i]];
    return ids;
  };
  const planBody = (status: 'draft' | 'published') => ({ orgId: p.orgId, year: p.year, title: p.title, intro: p.intro, status });

  return (
    <div>
      <PageHeader back="/workplans" title={<span data-testid="plan-title">{p.title}</span>}
        subtitle={(
          <Space size={8} wrap>
            <Tag color={p.status === 'published' ? 'green' : 'default'} data-testid="plan-status">{p.status === 'published' ? t('已发布', 'Published') : t('草稿', 'Draft')}</Tag>
            <span>{p.orgName} · {t(`${p.year}年`, String(p.year))}</span>
            <span>{t('更新于', 'Updated')} {formatDateTime(p.updatedAt)}</span>
          </Space>
        )}
        extra={(
          <Space wrap>
            <Space size={4}><Switch checked={mineOnly} onChange={(on) => setParams(on ? { mine: '1' } : {}, { replace: true })} data-testid="plan-mine" />{t('我的任务', 'My tasks')}</Space>
            <Button icon={<FileWordOutlined />} onClick={() => download(`/api/workplans/${p.id}/document`)} data-testid="plan-word">{t('导出 Word', 'Export to Word')}</Button>
            {editor && <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'plan' })} data-testid="plan-edit">{t('修改', 'Edit')}</Button>}
            {editor && (
              <Popconfirm title={p.status === 'published' ? t('撤回为草稿？撤回后各单位不能填报进展，年度报告不再计入其目标。', 'Withdraw to draft?') : t('发布工作要点？发布后各单位可以填报季度进展。', 'Publish this plan?')}
                okText={t('确定', 'OK')} cancelText={t('取消', 'Cancel')} okButtonProps={{ 'data-testid': 'plan-publish-ok' } as never}
                onConfirm={() => act(() => api.put(`/api/workplans/${p.id}`, planBody(p.status === 'published' ? 'draft' : 'published')), p.status === 'published' ? t('已撤回', 'Withdrawn') : t('已发布', 'Published'))}>
                <Button type={p.status === 'draft' ? 'primary' : 'default'} data-testid="plan-publish">{p.status === 'published' ? t('撤回', 'Withdraw') : t('发布', 'Publish')}</Button>
              </Popconfirm>
            )}
            {editor && (
              <Popconfirm title={t('删除整个工作要点？其章节、任务、目标和各单位的进展将一并删除，不能恢复。', 'Delete the whole plan? This cannot be undone.')}
                okText={t('删除', 'Delete')} okButtonProps={{ danger: true, 'data-testid': 'plan-delete-ok' } as never} cancelText={t('取消', 'Cancel')}
                onConfirm={async () => { try { await api.delete(`/api/workplans/${p.id}`); message.success(t('已删除', 'Deleted')); void qc.invalidateQueries({ queryKey: ['workplans'] }); navigate('/workplans'); } catch (e) { message.error(errorMessage(e, t)); } }}>
                <Button danger icon={<DeleteOutlined />} data-testid="plan-delete">{t('删除', 'Delete')}</Button>
              </Popconfirm>
            )}
          </Space>
        )} />
      <ErrorAlert error={live.error} onRetry={() => live.refetch()} />
      {p.intro && <Card size="small" style={{ marginBottom: 16 }}><Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{p.intro}</Typography.Paragraph></Card>}
      {(live.data?.targets.length ?? 0) > 0 && (
        <Typography.Paragraph type="secondary" data-testid="plan-target-summary">
          {t(`目标完成情况（${live.data!.from} 至 ${live.data!.to ?? '—'}，${p.orgName}及下级机构）：`, `Targets (${live.data!.from} – ${live.data!.to ?? '—'}): `)}
          <Tag color="green">{t(`达标 ${counts.met}`, `met ${counts.met}`)}</Tag>
          <Tag color="red">{t(`未达标 ${counts.missed}`, `missed ${counts.missed}`)}</Tag>
          <Tag>{t(`无数据 ${counts.nodata}`, `no data ${counts.nodata}`)}</Tag>
        </Typography.Paragraph>
      )}
      {sections.length === 0 && (
        <Empty style={{ margin: '48px 0' }} description={mineOnly ? t('本单位在这份工作要点中没有牵头或配合的任务', 'Your unit has no task in this plan') : t('还没有章节和任务', 'No sections yet')}>
          {editor && !mineOnly && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'section' })} data-testid="section-add-empty">{t('新增章节', 'Add a section')}</Button>}
        </Empty>
      )}
      {sections.map((s, si) => (
        <Card key={s.id} size="small" style={{ marginBottom: 16 }} data-testid={`section-${s.id}`}
          title={`${ORDINALS[p.sections.findIndex((x) => x.id === s.id)] ?? p.sections.findIndex((x) => x.id === s.id) + 1}、${s.heading}`}
          extra={editor && !mineOnly && (
            <Space size={4}>
              <Button size="small" icon={<ArrowUpOutlined />} disabled={si === 0} aria-label={t('上移', 'Move up')} onClick={() => act(() => api.post(`/api/workplans/${p.id}/sections/order`, { ids: move(p.sections, si, -1) }), t('已调整顺序', 'Reordered'))} />
              <Button size="small" icon={<ArrowDownOutlined />} disabled={si === p.sections.length - 1} aria-label={t('下移', 'Move down')} onClick={() => act(() => api.post(`/api/workplans/${p.id}/sections/order`, { ids: move(p.sections, si, 1) }), t('已调整顺序', 'Reordered'))} />
              <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'section', section: s })} data-testid={`section-edit-${s.id}`}>{t('修改', 'Edit')}</Button>
              <Popconfirm title={t(`删除本章节及其${s.tasks.length}项任务？不能恢复。`, 'Delete this section and its tasks?')} okText={t('删除', 'Delete')} okButtonProps={{ danger: true }} cancelText={t('取消', 'Cancel')}
                onConfirm={() => act(() => api.delete(`/api/workplans/sections/${s.id}`), t('已删除', 'Deleted'))}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('删除章节', 'Delete section')} data-testid={`section-delete-${s.id}`} />
              </Popconfirm>
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'task', sectionId: s.id })} data-testid={`task-add-${s.id}`}>{t('新增任务', 'Add task')}</Button>
            </Space>
          )}>
          {s.tasks.length === 0 && <Typography.Text type="secondary">{t('本章节还没有任务', 'No tasks yet')}</Typography.Text>}
          {s.tasks.map((task, ti) => (
            <div key={task.id} data-testid={`task-${task.number}`} style={{ padding: '10px 0', borderTop: ti ? '1px solid #f0f0f0' : undefined }}>
              <Flex justify="space-between" gap={12} align="flex-start">
                <Typography.Paragraph style={{ margin: 0, flex: 1 }}><Typography.Text strong>{task.number}.</Typography.Text>{task.text}</Typography.Paragraph>
                <Space size={4} wrap style={{ flexShrink: 0 }}>
                  {task.mayProgress && p.openQuarter > 0 && <Button size="small" icon={<FormOutlined />} onClick={() => setDialog({ kind: 'progress', task })} data-testid={`progress-write-${task.number}`}>{t('填报进展', 'Report progress')}</Button>}
                  {editor && !mineOnly && (
                    <>
                      <Button size="small" icon={<ArrowUpOutlined />} disabled={ti === 0} aria-label={t('上移', 'Move up')} onClick={() => act(() => api.post(`/api/workplans/sections/${s.id}/tasks/order`, { ids: move(s.tasks, ti, -1) }), t('已调整顺序', 'Reordered'))} />
                      <Button size="small" icon={<ArrowDownOutlined />} disabled={ti === s.tasks.length - 1} aria-label={t('下移', 'Move down')} onClick={() => act(() => api.post(`/api/workplans/sections/${s.id}/tasks/order`, { ids: move(s.tasks, ti, 1) }), t('已调整顺序', 'Reordered'))} />
                      <Button size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'task', sectionId: s.id, task })} data-testid={`task-edit-${task.number}`}>{t('修改', 'Edit')}</Button>
                      <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'target', taskId: task.id })} data-testid={`target-add-${task.number}`}>{t('目标', 'Target')}</Button>
                      <Popconfirm title={t(`删除第${task.number}项任务及其目标和进展？不能恢复。`, 'Delete this task?')} okText={t('删除', 'Delete')} okButtonProps={{ danger: true }} cancelText={t('取消', 'Cancel')}
                        onConfirm={() => act(() => api.delete(`/api/workplans/tasks/${task.id}`), t('已删除', 'Deleted'))}>
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('删除任务', 'Delete task')} data-testid={`task-delete-${task.number}`} />
                      </Popconfirm>
                    </>
                  )}
                </Space>
              </Flex>
              <div style={{ marginTop: 6 }}>
                {task.units.map((u) => (
                  <Tag key={`${u.name}-${u.role}`} color={u.role === 'lead' ? 'blue' : 'cyan'} title={u.orgName ? t(`对应机构：${u.orgName}`, `Organisation: ${u.orgName}`) : t('未对应到机构', 'No organisation matched')}
                    style={u.orgId ? undefined : { borderStyle: 'dashed' }}>
                    {u.role === 'lead' ? t('牵头：', 'Lead: ') : ''}{u.name}
                  </Tag>
                ))}
                {task.mine && <Tag color="gold">{t('本单位', 'My unit')}</Tag>}
              </div>
              {task.targets.length > 0 && (
                <div style={{ marginTop: 6 }}>
                  {task.targets.map((g) => (
                    <Space key={g.id} size={0}>
                      <TargetTag target={g} live={liveOf(g.id)} />
                      {editor && !mineOnly && (
                        <>
                          <Button size="small" type="link" onClick={() => setDialog({ kind: 'target', taskId: task.id, target: g })} data-testid={`target-edit-${g.id}`}>{t('修改', 'Edit')}</Button>
                          <Popconfirm title={t('删除这个目标？', 'Delete this target?')} okText={t('删除', 'Delete')} okButtonProps={{ danger: true }} cancelText={t('取消', 'Cancel')}
                            onConfirm={() => act(() => api.delete(`/api/workplans/targets/${g.id}`), t('已删除', 'Deleted'))}>
                            <Button size="small" type="link" danger data-testid={`target-delete-${g.id}`}>{t('删除', 'Delete')}</Button>
                          </Popconfirm>
                        </>
                      )}
                    </Space>
                  ))}
                </div>
              )}
              {task.progress.length > 0 && (
                <div style={{ marginTop: 6 }} data-testid={`progress-${task.number}`}>
                  {task.progress.map((n) => (
                    <Typography.Paragraph key={n.id} type="secondary" style={{ margin: '2px 0', fontSize: 13 }}>
                      <Tag>{t(`第${n.quarter}季度`, `Q${n.quarter}`)}</Tag>{n.orgName}：{n.note}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{n.authorName ?? t('系统', 'system')}，{formatDateTime(n.updatedAt)}）</Typography.Text>
                    </Typography.Paragraph>
                  ))}
                </div>
              )}
            </div>
          ))}
        </Card>
      ))}
      {editor && !mineOnly && sections.length > 0 && <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'section' })} data-testid="section-add">{t('新增章节', 'Add a section')}</Button>}

      {dialog?.kind === 'plan' && <PlanFormModal plan={p} onClose={() => setDialog(null)} onDone={() => { message.success(t('已保存', 'Saved')); refresh(); }} />}
      {dialog?.kind === 'section' && <SectionModal planId={p.id} section={dialog.section} onClose={() => setDialog(null)} onDone={() => { message.success(t('已保存', 'Saved')); refresh(); }} />}
      {dialog?.kind === 'task' && <TaskModal sectionId={dialog.sectionId} task={dialog.task} onClose={() => setDialog(null)} onDone={() => { message.success(t('已保存', 'Saved')); refresh(); }} />}
      {dialog?.kind === 'target' && <TargetModal taskId={dialog.taskId} target={dialog.target} onClose={() => setDialog(null)} onDone={() => { message.success(t('已保存', 'Saved')); refresh(); }} />}
      {dialog?.kind === 'progress' && <ProgressModal task={dialog.task} openQuarter={p.openQuarter} editor={editor} myOrgId={p.myOrgId} onClose={() => setDialog(null)} onDone={() => { message.success(t('已填报', 'Saved')); refresh(); }} />}
    </div>
  );
}
