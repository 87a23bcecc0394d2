// 信用修复审批: the credit repair requests of the entities in scope, pending ones first
// (first come, first served), each approved or refused with a written opinion. An
// approval ends the decision's effect on the grade and the list from that day, withdraws
// its publication when still public, and recomputes the entity (modules/credit).
import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/urlState';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tablePagination } from '../../components/pagination';
import { REPAIR_STATE_COLORS, repairStateLabel, type CreditRepair, type RepairState } from './types';

const FILTERS = ['q', 'state'] as const;

function DecisionModal({ repair, approve, onClose }: { repair: CreditRepair; approve: boolean; onClose(): void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ opinion: string }>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: { opinion: string }) => {
    setSaving(true);
    setError(undefined);
    try {
      await api.post<CreditRepair>(`/api/credit/repairs/${repair.id}/${approve ? 'approve' : 'reject'}`, v);
      message.success(approve ? t('已批准信用修复', 'Repair approved') : t('已决定不予批准', 'Repair refused'));
      void qc.invalidateQueries({ queryKey: ['credit'] });
      void qc.invalidateQueries({ queryKey: ['entity', String(repair.entityId)] });
      onClose();
    } catch (err) { setError(err); } finally { setSaving(false); }
  };
  return (
    <Modal open title={approve ? t('批准信用修复', 'Approve the repair') : t('不予批准信用修复', 'Refuse the repair')} onCancel={onClose} onOk={() => form.submit()}
      okText={approve ? t('批准', 'Approve') : t('不予批准', 'Refuse')} okButtonProps={{ danger: !approve }} confirmLoading={saving} destroyOnHidden
      data-testid="repair-decision-modal">
      <Typography.Paragraph>
        <Typography.Text strong>{repair.entityName}</Typography.Text>（{repair.entityUscc}）{t('：行政处罚决定', ': decision ')}{repair.caseNo}（{repair.caseDecidedOn}）
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('申请理由', 'Reason')}：{repair.reason}（{repair.requestedBy}，{formatDateTime(repair.requestedAt)}）</Typography.Paragraph>
      {approve && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          title={t('批准后，该处罚决定自今日起不再影响信用等级和重点监管名单；仍在公示的，同时撤下公示（理由：信用修复）。', 'From today the decision no longer counts; a publication still public is withdrawn (credit repair).')} />
      )}
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="opinion" label={t('审批意见', 'Opinion')} rules={[{ required: true, whitespace: true, message: t('请填写审批意见', 'Enter the opinion') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="repair-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function RepairListPage() {
  const t = useT();
  const { can } = useAuth();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  // Pending requests unless another state (or all) is chosen.
  const state = v.state === 'all' ? undefined : (v.state ?? 'pending');
  const query = { ...f.query, state };
  const list = useQuery({
    queryKey: ['credit', 'repairs', query],
    queryFn: () => api.get<Paged<CreditRepair>>(`/api/credit/repairs${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const [deciding, setDeciding] = useState<{ repair: CreditRepair; approve: boolean }>();
  const columns: ColumnsType<CreditRepair> = [
    {
      title: t('监管对象', 'Entity'), dataIndex: 'entityName', width: 240,
      render: (name: string, r) => <span><Link to={`/entities/${r.entityId}`}>{name}</Link><br /><Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>{r.entityUscc}</Typography.Text></span>,
    },
    { title: t('监管机构', 'Organisation'), dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: t('行政处罚决定', 'Decision'), dataIndex: 'caseNo', width: 200,
      render: (no: string, r) => <span>{can('cases.read') ? <Link to={`/cases/${r.caseId}`}>{no}</Link> : no}<br /><Typography.Text type="secondary">{r.caseDecidedOn}</Typography.Text></span>,
    },
    { title: t('申请理由', 'Reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('申请人', 'Requested by'), key: 'req', width: 160, render: (_, r) => <span>{r.requestedBy}<br /><Typography.Text type="secondary">{formatDateTime(r.requestedAt)}</Typography.Text></span> },
    {
      title: t('状态', 'State'), dataIndex: 'state', width: 200,
      render: (s: RepairState, r) => (
        <span>
          <Tag color={REPAIR_STATE_COLORS[s]}>{repairStateLabel(s, t)}</Tag>
          {r.opinion && <div><Typography.Text type="secondary">{r.decidedBy}：{r.opinion}</Typography.Text></div>}
        </span>
      ),
    },
    {
      title: t('操作', 'Actions'), key: 'actions', width: 170,
      render: (_, r) => (r.decidable ? (
        <Space>
          <Button size="small" type="primary" onClick={() => setDeciding({ repair: r, approve: true })} data-testid="repair-approve">{t('批准', 'Approve')}</Button>
          <Button size="small" danger onClick={() => setDeciding({ repair: r, approve: false })} data-testid="repair-reject">{t('不予批准', 'Refuse')}</Button>
        </Space>
      ) : r.state === 'pending' ? <Typography.Text type="secondary">{t('本人申请，由他人审批', 'Own request')}</Typography.Text> : null),
    },
  ];
  return (
    <div>
      <PageHeader title={t('信用修复审批', 'Credit repair approvals')}
        subtitle={t('监管对象对行政处罚决定的信用修复申请：批准后该决定自批准之日起不再影响信用等级和重点监管名单。申请和审批应由不同人员办理。',
          'Requests to repair the credit effect of a penalty decision: once approved, the decision no longer counts from that day. Requests and approvals are made by different people.')} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={Object.keys(v).length ? f.reset : undefined}
        placeholder={t('监管对象名称、统一社会信用代码或案件编号', 'Entity name, USCC or case no.')}>
        <Select style={{ width: 140 }} value={v.state ?? 'pending'} onChange={(s) => f.set({ state: s === 'pending' ? undefined : s })} data-testid="filter-repair-state"
          options={[
            { value: 'pending', label: t('待审批', 'Pending') }, { value: 'approved', label: t('已批准', 'Approved') },
            { value: 'rejected', label: t('不予批准', 'Refused') }, { value: 'all', label: t('全部', 'All') },
          ]} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<CreditRepair> rowKey="id" size="small" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="repair-table"
        locale={{ emptyText: <Empty description={state === 'pending' ? t('没有待审批的信用修复申请', 'No request awaits approval') : t('没有符合条件的信用修复申请', 'No request matches')} /> }} />
      {deciding && <DecisionModal repair={deciding.repair} approve={deciding.approve} onClose={() => { setDeciding(undefined); void list.refetch(); }} />}
    </div>
  );
}
