// What the 合法性审查 and 规范性文件 pages share (src/modules/legality): the item's shape, its
// warnings, the register and step forms, and the detail drawer with the steps in order,
// the warnings, the actions and the 合法性审查意见书.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Empty, Space, Spin, Steps, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, download } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldsModal } from '../matters/parts';
import type { FieldSpec } from '../matters/types';

export type ItemKind = 'major_decision' | 'normative_doc' | 'major_contract' | 'other';

export interface ItemWarning { code: string; level: 'error' | 'warning'; message: string; citation?: string }

export interface LegalityItem {
  id: number; itemNo: string; orgId: number; orgName: string; kind: ItemKind; kindName: string; title: string; draftingUnit: string | null;
  submittedOn: string | null; reviewedOn: string | null; reviewResult: string | null; reviewResultName: string | null; reviewOpinion: string | null;
  reviewWorkdays: number | null; touchesMarket: boolean; fairCompetitionReviewedOn: string | null; fairCompetitionPassed: boolean | null;
  adoptedOn: string | null; docNumber: string | null; issuedOn: string | null;
  cleanedOn: string | null; cleanupAction: string | null; cleanupActionName: string | null; cleanupBatch: string | null;
  status: string; statusName: string; source: string; deletable: boolean; warnings: ItemWarning[];
}

export const KINDS: Record<ItemKind, [string, string]> = {
  major_decision: ['重大行政决策', 'Major decision'], normative_doc: ['行政规范性文件', 'Normative document'],
  major_contract: ['重大行政合同', 'Major contract'], other: ['其他', 'Other'],
};
export const STATUSES: Record<string, [string, string, string]> = {
  registered: ['未报送', 'Not submitted', 'default'], pending: ['待审查', 'Under review', 'orange'], reviewed: ['已审查', 'Reviewed', 'blue'],
  adopted: ['已通过', 'Adopted', 'cyan'], issued: ['已公布', 'Issued', 'green'], cleaned: ['已清理', 'Cleaned', 'purple'],
};
export const CLEANUP_ACTIONS: Record<string, [string, string]> = {
  retained: ['继续有效', 'Retained'], revised: ['修改', 'Revised'], repealed: ['废止', 'Repealed'], declared_invalid: ['宣布失效', 'Declared invalid'],
};
const REVIEW_RESULTS = { passed: '合法', passed_with_changes: '修改后通过', failed: '不合法' };

export const options = (o: Record<string, [string, string, ...string[]]>, t: Translate) => Object.entries(o).map(([value, [zh, en]]) => ({ value, label: t(zh, en) }));

export function StatusTag({ status, t }: { status: string; t: Translate }) {
  const [zh, en, colour] = STATUSES[status] ?? [status, status, 'default'];
  return <Tag color={colour} data-testid="legality-status" data-status={status}>{t(zh, en)}</Tag>;
}

/** The warnings of a list row: red for a lapse of procedure, amber for a review shorter or longer than the rules give. */
export function WarningTags({ warnings }: { warnings: ItemWarning[] }) {
  return (
    <>
      {warnings.map((w) => (
        <Tag key={w.code} color={w.level === 'error' ? 'red' : 'orange'} title={w.citation} data-testid={`warning-${w.code}`} style={{ marginTop: 4 }}>{w.message}</Tag>
      ))}
    </>
  );
}

export const ITEM_FIELDS: FieldSpec[] = [
  { name: 'orgId', label: '制定（通过）机关', type: 'org', required: true },
  { name: 'kind', label: '类型', type: 'select', required: true, options: Object.fromEntries(Object.entries(KINDS).map(([k, [zh]]) => [k, zh])) },
  { name: 'title', label: '名称', type: 'text', required: true, max: 200 },
  { name: 'itemNo', label: '审查编号', type: 'text', max: 40, help: '留空则自动生成，如 HFX-2026-0001' },
  { name: 'draftingUnit', label: '起草（承办）单位', type: 'text', max: 100 },
  { name: 'submittedOn', label: '报送审查日期', type: 'date', help: '未报送合法性审查的留空' },
  { name: 'touchesMarket', label: '涉及市场主体经济活动（须经公平竞争审查）', type: 'boolean' },
];

const STEP_FIELDS: Record<string, FieldSpec[]> = {
  review: [
    { name: 'reviewedOn', label: '审查完成日期', type: 'date', required: true, initial: 'today' },
    { name: 'result', label: '审查结论', type: 'select', required: true, options: REVIEW_RESULTS },
    { name: 'opinion', label: '审查意见', type: 'textarea', max: 5000, help: '将写入合法性审查意见书' },
  ],
  'fair-competition': [
    { name: 'reviewedOn', label: '公平竞争审查日期', type: 'date', required: true, initial: 'today' },
    { name: 'passed', label: '审查结论', type: 'select', required: true, options: { yes: '通过', no: '未通过' } },
  ],
  adoption: [{ name: 'adoptedOn', label: '通过（集体审议决定、签发）日期', type: 'date', required: true, initial: 'today' }],
  issue: [
    { name: 'issuedOn', label: '公布（印发）日期', type: 'date', required: true, initial: 'today' },
    { name: 'docNumber', label: '文号', type: 'text', max: 60, help: '行政规范性文件须统一编号，如 嘉卫规〔2026〕1号' },
  ],
  cleanup: [
    { name: 'cleanedOn', label: '清理日期', type: 'date', required: true, initial: 'today' },
    { name: 'action', label: '清理结果', type: 'select', required: true, options: Object.fromEntries(Object.entries(CLEANUP_ACTIONS).map(([k, [zh]]) => [k, zh])) },
    { name: 'batch', label: '清理批次', type: 'text', max: 100, help: '如 2026年度行政规范性文件集中清理' },
  ],
};
export const CLEANUP_FIELDS = STEP_FIELDS.cleanup;

const STEP_TITLES: Record<string, [string, string]> = {
  review: ['登记合法性审查结果', 'Record the legality review'], 'fair-competition': ['登记公平竞争审查', 'Record the fair-competition review'],
  adoption: ['登记通过（签发）', 'Record adoption'], issue: ['登记公布（印发）', 'Record issue'], cleanup: ['登记清理结果', 'Record the clean-up'],
};

/** The step's form values as the API takes them. */
function stepBody(step: string, v: Record<string, unknown>): Record<string, unknown> {
  if (step === 'fair-competition') return { reviewedOn: v.reviewedOn, passed: v.passed === 'yes' };
  return v;
}

/** Registering a new item, or editing one's particulars. */
export function ItemFormModal({ item, defaults, onClose, onSaved }: { item?: LegalityItem; defaults?: Record<string, unknown>; onClose(): void; onSaved(item: LegalityItem): void }) {
  const t = useT();
  const initial = item
    ? { orgId: item.orgId, kind: item.kind, title: item.title, itemNo: item.itemNo, draftingUnit: item.draftingUnit ?? undefined,
      submittedOn: item.submittedOn ? dayjs(item.submittedOn) : undefined, touchesMarket: item.touchesMarket }
    : defaults;
  return (
    <FieldsModal title={item ? t('修改基本信息', 'Edit particulars') : t('登记报送审查事项', 'Register an item for review')} fields={ITEM_FIELDS} initial={initial}
      testId="legality-item-form" onClose={onClose}
      onSubmit={async (v) => {
        const body = { touchesMarket: false, ...v };
        onSaved(item ? await api.put<LegalityItem>(`/api/legality/items/${item.id}`, body) : await api.post<LegalityItem>('/api/legality/items', body));
      }} />
  );
}

/**
 * The item's steps in order, each saying what happened: recorded (a tick), still to come
 * (grey), or passed over — a legality review skipped by an item of a kind that must be
 * reviewed and was adopted anyway, or a fair-competition review skipped by a
 * market-touching item that was issued, shows red (the drawer's warnings say why).
 */
function stepsOf(m: LegalityItem, t: Translate) {
  const at = (d: string | null, extra?: string) => (d ? `${d}${extra ? ` ${extra}` : ''}` : t('未登记', 'Not recorded'));
  const mustReview = m.kind !== 'other';
  const steps = [
    { title: t('报送审查', 'Submitted'), date: m.submittedOn, extra: undefined, lapse: mustReview && !!m.adoptedOn },
    { title: t('审查完成', 'Reviewed'), date: m.reviewedOn, extra: m.reviewResultName ?? undefined, lapse: mustReview && !!m.adoptedOn },
    ...(m.touchesMarket ? [{ title: t('公平竞争审查', 'Fair competition'), date: m.fairCompetitionReviewedOn, extra: m.fairCompetitionPassed === null ? undefined : m.fairCompetitionPassed ? '通过' : '未通过', lapse: !!m.issuedOn }] : []),
    { title: t('通过（签发）', 'Adopted'), date: m.adoptedOn, extra: undefined, lapse: false },
    { title: t('公布（印发）', 'Issued'), date: m.issuedOn, extra: m.docNumber ?? undefined, lapse: false },
    ...(m.kind === 'normative_doc' ? [{ title: t('清理', 'Clean-up'), date: m.cleanedOn, extra: m.cleanupActionName ?? undefined, lapse: false }] : []),
  ];
  const items = steps.map((s) => ({
    title: s.title, description: at(s.date, s.extra),
    status: s.date ? 'finish' as const : s.lapse ? 'error' as const : 'wait' as const,
  }));
  const current = steps.map((s) => !!s.date).lastIndexOf(true);
  return { items, current };
}

/** One item: particulars, steps in order, warnings, the actions the user may take, the opinion document. */
export function ItemDrawer({ id, onClose }: { id: number; onClose(): void }) {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const key = ['legality', 'item', id];
  const detail = useQuery({ queryKey: key, queryFn: () => api.get<LegalityItem>(`/api/legality/items/${id}`) });
  const [step, setStep] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const write = can('legality.write');
  const refresh = (next: LegalityItem | null, msg: string) => {
    if (next) qc.setQueryData(key, next);
    void qc.invalidateQueries({ queryKey: ['legality', 'list'] });
    message.success(msg);
  };
  const m = detail.data;
  const remove = () => modal.confirm({
    title: t('删除该事项？', 'Delete this item?'), content: t('删除后不能恢复；审计日志保留删除记录。', 'This cannot be undone; the audit log keeps the record.'),
    okText: t('删除', 'Delete'), okButtonProps: { danger: true, 'data-testid': 'legality-delete-confirm' } as never, cancelText: t('取消', 'Cancel'),
    onOk: async () => {
      try { await api.delete(`/api/legality/items/${id}`); refresh(null, t('已删除', 'Deleted')); onClose(); } catch (e) { message.error(errorMessage(e, t)); }
    },
  });
  const confirmOf = (s: string): string | undefined => {
    if (!m) return undefined;
    if (s === 'adoption' && m.kind !== 'other' && !m.reviewedOn) return t('该事项尚未完成合法性审查。确定登记为已通过？登记后将标记“未经合法性审查即通过”。', 'No legality review is recorded. Record the adoption anyway? It will be flagged.');
    if (s === 'issue' && m.touchesMarket && !m.fairCompetitionPassed) return t('该事项涉及市场主体经济活动，尚未通过公平竞争审查。确定登记公布？', 'No passed fair-competition review is recorded. Record the issue anyway?');
    if (s === 'cleanup') return t('确定登记清理结果？废止、宣布失效的文件不能再次清理。', 'Record the clean-up? A repealed document cannot be cleaned again.');
    return undefined;
  };
  return (
    <Drawer open onClose={onClose} size={720} title={m ? <span data-testid="legality-drawer-title">{m.title}</span> : t('合法性审查事项', 'Legality-review item')} data-testid="legality-drawer"
      extra={m && (
        <Space>
          {m.reviewedOn && <Button icon={<FileWordOutlined />} onClick={() => download(`/api/legality/items/${id}/opinion`)} data-testid="legality-opinion">{t('审查意见书', 'Opinion')}</Button>}
          {write && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="legality-edit">{t('修改', 'Edit')}</Button>}
          {write && m.deletable && <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="legality-delete">{t('删除', 'Delete')}</Button>}
        </Space>
      )}>
      <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />
      {!m ? (detail.isError ? null : <Spin />) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <StatusTag status={m.status} t={t} />
            <Tag>{m.kindName}</Tag>
            {m.touchesMarket && <Tag color="gold">{t('涉及市场主体', 'Touches businesses')}</Tag>}
            <Typography.Text type="secondary">{m.itemNo}</Typography.Text>
          </Space>
          {m.warnings.map((w) => (
            <Alert key={w.code} type={w.level} showIcon style={{ marginBottom: 8 }} data-testid={`drawer-warning-${w.code}`}
              title={w.message} description={w.citation ? t(`依据：${w.citation}`, `Basis: ${w.citation}`) : undefined} />
          ))}
          <Steps size="small" orientation="vertical" current={stepsOf(m, t).current} items={stepsOf(m, t).items} style={{ margin: '12px 0' }} data-testid="legality-steps" />
          {write && (
            <Space wrap style={{ marginBottom: 16 }} data-testid="legality-actions">
              {m.submittedOn && <Button onClick={() => setStep('review')} type={!m.reviewedOn ? 'primary' : 'default'} data-testid="step-review">{m.reviewedOn ? t('更正审查结果', 'Correct review') : t('登记审查结果', 'Record review')}</Button>}
              {m.touchesMarket && <Button onClick={() => setStep('fair-competition')} data-testid="step-fair-competition">{t('登记公平竞争审查', 'Fair-competition review')}</Button>}
              {m.reviewResult !== 'failed' && <Button onClick={() => setStep('adoption')} type={m.reviewedOn && !m.adoptedOn ? 'primary' : 'default'} data-testid="step-adoption">{m.adoptedOn ? t('更正通过日期', 'Correct adoption') : t('登记通过（签发）', 'Record adoption')}</Button>}
              {m.adoptedOn && m.kind !== 'major_contract' && <Button onClick={() => setStep('issue')} type={!m.issuedOn ? 'primary' : 'default'} data-testid="step-issue">{m.issuedOn ? t('更正公布信息', 'Correct issue') : t('登记公布（印发）', 'Record issue')}</Button>}
              {m.kind === 'normative_doc' && m.issuedOn && m.cleanupAction !== 'repealed' && m.cleanupAction !== 'declared_invalid' && (
                <Button onClick={() => setStep('cleanup')} data-testid="step-cleanup">{t('登记清理', 'Record clean-up')}</Button>
              )}
            </Space>
          )}
          <Descriptions size="small" column={1} bordered items={[
            { key: 'org', label: t('制定（通过）机关', 'Organisation'), children: m.orgName },
            { key: 'unit', label: t('起草单位', 'Drafting unit'), children: m.draftingUnit ?? '—' },
            { key: 'wd', label: t('审查用时', 'Review time'), children: m.reviewWorkdays === null ? '—' : t(`${m.reviewWorkdays}个工作日`, `${m.reviewWorkdays} working days`) },
            { key: 'op', label: t('审查意见', 'Opinion'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{m.reviewOpinion ?? '—'}</span> },
            { key: 'doc', label: t('文号', 'Document number'), children: m.docNumber ?? '—' },
            { key: 'cb', label: t('清理批次', 'Clean-up batch'), children: m.cleanupBatch ?? '—' },
          ]} />
          {!write && m.warnings.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('无提示事项', 'No warnings')} style={{ marginTop: 12 }} />}
        </>
      )}
      {step && m && (
        <FieldsModal title={t(...STEP_TITLES[step])} fields={STEP_FIELDS[step]} testId={`legality-${step}-form`} confirm={confirmOf(step)}
          initial={step === 'issue' && m.docNumber ? { docNumber: m.docNumber } : undefined}
          onClose={() => setStep(null)}
          onSubmit={async (v) => { const next = await api.post<LegalityItem>(`/api/legality/items/${id}/${step}`, stepBody(step, v)); setStep(null); refresh(next, t('已登记', 'Recorded')); }} />
      )}
      {editing && m && <ItemFormModal item={m} onClose={() => setEditing(false)} onSaved={(next) => { setEditing(false); refresh(next, t('已保存', 'Saved')); }} />}
    </Drawer>
  );
}
