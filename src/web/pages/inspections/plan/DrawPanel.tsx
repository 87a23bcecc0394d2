// The plan's draw (双随机): where it stands (draft → commitment published → drawn), the
// actions of the one who plans it, and every attempt with what was published: the
// commitment, the digests of the frozen lists, after the draw the seed and the strata. Each
// drawn attempt links to the public page where anyone re-runs it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Input, Modal, Space, Steps, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { errorMessage, formatDateTime } from '../../../lib/format';
import { useT, type Translate } from '../../../lib/i18n';
import { ENTITY_CATEGORY_LABELS } from '../../../lib/labels';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { PlanDetail } from '../types';
import { PlanFormModal } from './PlanFormModal';
import { isHighRiskStratum } from '../../../../core/draw/draw';
import { stratumName, type DrawView, type PlanSetup } from './types';

/** The re-draw reason's shortest length (drawSchema.ts MIN_REASON_LENGTH). */
const MIN_REASON = 5;

const pct = (ppmOrRatio: number, ppm = false) => `${+((ppm ? ppmOrRatio / 10_000 : ppmOrRatio * 100)).toFixed(4)}%`;

export function DrawPanel({ plan }: { plan: PlanDetail }) {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [redrawing, setRedrawing] = useState(false);
  const draws = useQuery({
    queryKey: ['inspections', 'plan-draws', plan.id],
    queryFn: () => api.get<{ setup: PlanSetup; draws: DrawView[] }>(`/api/inspections/plans/${plan.id}/draws`),
  });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => api.post<Record<string, unknown>>(`/api/inspections/plans/${plan.id}/${path}`, body),
    onSuccess: (_r, v) => {
      const done: Record<string, string> = {
        announce: t('已冻结名单并公布承诺值', 'Lists frozen and commitment published'), draw: t('抽取完成，已生成抽查任务', 'Drawn: tasks created'),
        redraw: t('原抽取已作废，已重新公布承诺值', 'Superseded; a new commitment is published'), publish: t('检查结果已公示', 'Results published'),
      };
      message.success(done[v.path]);
      setRedrawing(false);
      qc.invalidateQueries({ queryKey: ['inspections'] });
    },
    onError: (err) => message.error(errorMessage(err, t)),
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/inspections/plans/${plan.id}`),
    onSuccess: () => { message.success(t('草稿已删除', 'Draft deleted')); qc.invalidateQueries({ queryKey: ['inspections'] }); navigate('/inspections/plans'); },
    onError: (err) => message.error(errorMessage(err, t)),
  });
  if (plan.imported) return null;
  if (draws.error) return <ErrorAlert error={draws.error} onRetry={() => draws.refetch()} />;
  if (!draws.data) return <Card loading size="small" />;
  const { setup, draws: attempts } = draws.data;
  const live = attempts.find((d) => !d.superseded);
  const planner = can('inspections.plan');
  const confirm = (title: string, content: string, path: string, okText: string, testId: string) => modal.confirm({
    title, content, okText, cancelText: t('取消', 'Cancel'), okButtonProps: { 'data-testid': testId } as ButtonProps,
    onOk: () => act.mutateAsync({ path }),
  });
  const step = setup.status === 'draft' ? 0 : setup.status === 'announced' ? 1 : plan.figures.completed > 0 ? 3 : 2;
  const actions = planner && (
    <Space wrap>
      {setup.status === 'draft' && <>
        <Button onClick={() => setEditing(true)} data-testid="plan-edit">{t('修改', 'Edit')}</Button>
        <Button danger onClick={() => modal.confirm({
          title: t('删除该草稿？', 'Delete this draft?'), okText: t('删除', 'Delete'), okButtonProps: { danger: true } as ButtonProps,
          cancelText: t('取消', 'Cancel'), onOk: () => remove.mutateAsync(),
        })}>{t('删除', 'Delete')}</Button>
        <Button type="primary" data-testid="plan-announce" loading={act.isPending} onClick={() => confirm(
          t('冻结名单并公布承诺值？', 'Freeze the lists and publish the commitment?'),
          t('将按当前的监管对象目录、执法人员和回避申报冻结候选名单，生成随机种子并公布其SM3承诺值。此后计划不能修改；如需改变，只能写明原因重新抽取，原记录保留。',
            'The candidate, inspector and recusal lists are frozen now and the seed’s SM3 commitment is published. The plan can no longer change; a re-draw needs a reason and keeps this record.'),
          'announce', t('公布承诺值', 'Publish'), 'announce-confirm')}>{t('公布承诺值并冻结名单', 'Publish commitment')}</Button>
      </>}
      {setup.status === 'announced' && (
        <Button type="primary" data-testid="plan-draw" loading={act.isPending} onClick={() => confirm(
          t('按公布的承诺值抽取？', 'Run the draw?'),
          t('抽取只进行一次：按冻结的名单和随机种子抽取检查对象和执法人员并生成抽查任务，随后公开种子和抽取结果，任何人可以复算验证。',
            'The draw runs once from the frozen lists and the seed; the seed and result are then published for anyone to re-run.'),
          'draw', t('抽取', 'Draw'), 'draw-confirm')}>{t('抽取', 'Draw')}</Button>
      )}
      {setup.status !== 'draft' && plan.figures.completed === 0 && (
        <Button danger onClick={() => setRedrawing(true)} data-testid="plan-redraw">{t('重新抽取', 'Re-draw')}</Button>
      )}
      {setup.status === 'drawn' && plan.figures.completed > plan.figures.published && (
        <Button onClick={() => confirm(
          t('公示检查结果？', 'Publish the results?'),
          t(`将在门户网站公示本计划已完成检查的${plan.figures.completed - plan.figures.published}项任务的结果。`, `Publishes ${plan.figures.completed - plan.figures.published} results on the portal.`),
          'publish', t('公示', 'Publish'), 'publish-confirm')} data-testid="plan-publish">{t('公示检查结果', 'Publish results')}</Button>
      )}
      {live && <Typography.Link href={`/portal/random-plans/${encodeURIComponent(plan.planNo)}`} target="_blank">{t('门户网站公开页面', 'Public page')}</Typography.Link>}
    </Space>
  );
  return (
    <Card size="small" style={{ marginBottom: 16 }} title={t('抽取', 'Draw')} extra={actions} data-testid="draw-panel">
      <Steps size="small" current={step} style={{ marginBottom: 16 }} items={[
        { title: t('草稿', 'Draft') }, { title: t('公布承诺值', 'Commitment') }, { title: t('抽取', 'Drawn') }, { title: t('检查与公示', 'Inspect & publish') },
      ]} />
      <SetupDescriptions setup={setup} t={t} />
      {attempts.length === 0
        ? <Empty description={t('尚未公布承诺值。公布前可以修改计划。', 'Not announced yet; the plan can still change.')} />
        : attempts.map((d) => <Attempt key={d.id} d={d} planNo={plan.planNo} t={t} />)}
      {editing && <PlanFormModal open onClose={() => setEditing(false)} plan={{ id: plan.id, title: plan.title, source: plan.source, year: plan.year, orgId: plan.orgId, setup }} />}
      <RedrawModal open={redrawing} onClose={() => setRedrawing(false)} busy={act.isPending} onSubmit={(reason) => act.mutate({ path: 'redraw', body: { reason } })} />
    </Card>
  );
}

function SetupDescriptions({ setup, t }: { setup: PlanSetup; t: Translate }) {
  const high = Object.entries(setup.stratumRatios).find(([k]) => isHighRiskStratum(k))?.[1];
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} data-testid="plan-setup" items={[
      { key: 'status', label: t('状态', 'Status'), children: <Tag color={setup.status === 'drawn' ? 'green' : setup.status === 'announced' ? 'blue' : 'default'}>{setup.statusName}</Tag> },
      { key: 'due', label: t('完成期限', 'Due'), children: setup.dueOn ?? '—' },
      setup.sampleCount
        ? { key: 'count', label: t('随机抽取数量', 'Number drawn'), children: <span data-testid="plan-setup-count">{t(`${setup.sampleCount} 家（必检对象另计）`, `${setup.sampleCount} (mandatory ones on top)`)}</span> }
        : { key: 'ratio', label: t('基础抽查比例', 'Base ratio'), children: setup.baseRatio === null ? '—' : pct(setup.baseRatio) },
      { key: 'strata', label: t('分层方式', 'Strata'), children: setup.strataName },
      { key: 'high', label: t('高风险/D级', 'High risk / D'), children: setup.sampleCount
        ? t('按规则倍数加权分配', 'weighted by the rule\'s multiplier')
        : high !== undefined ? pct(high) : t('基础比例×规则倍数', 'base × rule multiplier') },
      { key: 'team', label: t('每组执法人员', 'Per team'), children: setup.teamSize ?? 2 },
      { key: 'cat', label: t('对象类别', 'Categories'), children: setup.categories.length ? setup.categories.map((c) => t(...(ENTITY_CATEGORY_LABELS[c as keyof typeof ENTITY_CATEGORY_LABELS] ?? [c, c]))).join('、') : t('全部', 'All') },
      { key: 'regions', label: t('区域', 'Regions'), children: setup.regionCodes.length ? setup.regionCodes.join('、') : t('全部', 'All') },
      { key: 'recent', label: t('近期已抽查对象', 'Recently inspected'), children: setup.includeRecent ? t('不排除', 'Included') : t('排除', 'Excluded') },
      { key: 'joint', label: t('联合抽查', 'Joint'), children: setup.joint ? t(`是（${setup.jointDepartments}）`, `Yes (${setup.jointDepartments})`) : t('否', 'No') },
      ...(setup.description ? [{ key: 'desc', label: t('说明', 'Notes'), children: setup.description }] : []),
    ]} />
  );
}

function Attempt({ d, planNo, t }: { d: DrawView; planNo: string; t: Translate }) {
  const a = d.announcement;
  return (
    <Card type="inner" size="small" style={{ marginBottom: 12, opacity: d.superseded ? 0.75 : 1 }} data-testid={`draw-attempt-${d.attempt}`}
      title={<Space>{t(`第${d.attempt}次抽取`, `Attempt ${d.attempt}`)}
        {d.superseded ? <Tag>{t('已作废（重新抽取）', 'Superseded')}</Tag> : d.drawnAt ? <Tag color="green">{t('已抽取', 'Drawn')}</Tag> : <Tag color="blue">{t('已公布承诺值，待抽取', 'Announced')}</Tag>}</Space>}
      extra={d.drawnAt && <Typography.Link href={`/portal/random-plans/${encodeURIComponent(planNo)}/draws/${d.attempt}/verify`} target="_blank" data-testid={`verify-link-${d.attempt}`}>{t('公开验证', 'Verify publicly')}</Typography.Link>}>
      {d.redrawReason && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t(`重新抽取原因：${d.redrawReason}`, `Reason: ${d.redrawReason}`)} />}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'ann', label: t('公布承诺值', 'Announced'), children: `${formatDateTime(d.announcedAt)} ${d.announcedBy ?? ''}` },
        { key: 'drawn', label: t('抽取时间', 'Drawn'), children: d.drawnAt ? `${formatDateTime(d.drawnAt)} ${d.drawnBy ?? ''}` : '—' },
        { key: 'commit', label: t('承诺值 SM3(种子)', 'Commitment SM3(seed)'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="draw-commitment">{d.commitment}</Typography.Text> },
        { key: 'seed', label: t('随机种子', 'Seed'), children: d.seed ? <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{d.seed}</Typography.Text> : t('抽取后公开', 'Revealed after the draw') },
        { key: 'lists', label: t('冻结名单', 'Frozen lists'), children: t(`候选对象 ${a.counts.candidates} · 执法人员 ${a.counts.inspectors} · 回避 ${a.counts.recusals}（抽取日期 ${a.params.drawDate}）`,
          `${a.counts.candidates} candidates · ${a.counts.inspectors} inspectors · ${a.counts.recusals} recusals (${a.params.drawDate})`) },
        { key: 'rules', label: t('参数', 'Parameters'), children: t(`高风险倍数 ${a.params.highRiskMultiplier} · 排除期限 ${a.params.exclusionMonths} 个月 · 重点监管对象每年至少检查 ${a.params.blacklistMinPerYear} 次`,
          `multiplier ${a.params.highRiskMultiplier} · exclusion ${a.params.exclusionMonths} months · blacklist minimum ${a.params.blacklistMinPerYear}/year`) },
      ]} />
      {d.strata && (
        <Table size="small" rowKey="stratum" pagination={false} style={{ marginTop: 8 }} dataSource={d.strata} data-testid="draw-strata"
          summary={(rows) => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>{t('合计', 'Total')}</Table.Summary.Cell>
              {(['candidates', 'mandatory', 'excluded', 'pool', 'quota'] as const).map((k, i) => (
                <Table.Summary.Cell key={k} index={i + 2}>{rows.reduce((n, r) => n + r[k], 0)}</Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
          columns={[
            { title: t('分层', 'Stratum'), dataIndex: 'stratum', render: (s: string) => stratumName(s) },
            { title: t('比例', 'Ratio'), dataIndex: 'ratioPpm', render: (p: number) => pct(p, true) },
            { title: t('候选', 'Candidates'), dataIndex: 'candidates' },
            { title: t('必检', 'Mandatory'), dataIndex: 'mandatory' },
            { title: t('排除', 'Excluded'), dataIndex: 'excluded' },
            { title: t('可抽', 'Pool'), dataIndex: 'pool' },
            { title: t('随机抽取', 'Drawn'), dataIndex: 'quota' },
          ]} />
      )}
      {d.unassigned && d.unassigned.length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="draw-unassigned"
          title={t(`${d.unassigned.length}个对象没有足够的符合条件（持证在岗、专业对口、无需回避）的执法人员，请在任务中指定检查人员：`, `${d.unassigned.length} entities have no eligible team; set their teams in the tasks:`)}
          description={d.unassigned.map((u) => `${u.name}（${t(`可用${u.eligible}人`, `${u.eligible} eligible`)}）`).join('、')} />
      )}
    </Card>
  );
}

function RedrawModal({ open, onClose, onSubmit, busy }: { open: boolean; onClose: () => void; onSubmit: (reason: string) => void; busy: boolean }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const short = reason.trim().length < MIN_REASON;
  return (
    <Modal open={open} onCancel={onClose} title={t('重新抽取', 'Re-draw')} okText={t('作废并重新公布承诺值', 'Supersede and re-announce')}
      okButtonProps={{ danger: true, disabled: short, loading: busy, 'data-testid': 'redraw-confirm' } as ButtonProps} onOk={() => onSubmit(reason.trim())} destroyOnHidden>
      <Typography.Paragraph>
        {t('本次抽取将作废但保留，公开页面同时显示作废的记录和原因；尚未检查的抽查任务将删除。随后重新冻结名单、生成新的随机种子并公布承诺值。已有任务完成检查的计划不能重新抽取。',
          'This attempt is kept, marked superseded, with the reason on the public page; uninspected tasks are removed. New lists and a new seed are then announced.')}
      </Typography.Paragraph>
      <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoSize={{ minRows: 3 }} data-testid="redraw-reason"
        placeholder={t(`重新抽取的原因（至少${MIN_REASON}个字）`, `Reason (at least ${MIN_REASON} characters)`)} status={reason && short ? 'error' : undefined} />
    </Modal>
  );
}
