// 监督检查 › 回避申报: conflicts of interest declared by inspectors (利害关系回避). A declared
// inspector is never drawn for that entity, nor put on its task by hand. Inspectors
// declare their own; whoever plans draws may record anyone's. Withdrawal needs a reason
// and keeps the record.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Modal, Select, Table, Tag, Typography, type ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { errorMessage, formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useServerToday } from '../../lib/queries';
import { useUrlFilters } from '../../lib/urlState';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EntitySelect } from '../../components/EntitySelect';
import { InspectorSelect } from '../../components/InspectorSelect';
import { tablePagination } from '../../components/pagination';

interface ConflictRow {
  id: number; inspectorId: number; inspectorName: string; staffNo: string; entityId: number; entityName: string; entityUscc: string;
  reason: string; declaredOn: string; declaredBy: string | null; withdrawnAt: string | null; withdrawnReason: string | null;
}

const FILTERS = ['q', 'active'] as const;

export function ConflictListPage() {
  const t = useT();
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const [declaring, setDeclaring] = useState(false);
  const list = useQuery({
    queryKey: ['inspections', 'conflicts', f.query],
    queryFn: () => api.get<Paged<ConflictRow>>(`/api/inspections/conflicts${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const withdraw = useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => api.post(`/api/inspections/conflicts/${id}/withdraw`, { reason }),
    onSuccess: () => { message.success(t('回避申报已撤回', 'Withdrawn')); qc.invalidateQueries({ queryKey: ['inspections', 'conflicts'] }); },
    onError: (err) => message.error(errorMessage(err, t)),
  });
  const mayChange = (r: ConflictRow) => can('inspections.plan') || (can('inspections.conflicts') && me?.inspector?.id === r.inspectorId);
  const askWithdraw = (r: ConflictRow) => {
    let reason = '';
    modal.confirm({
      title: t(`撤回${r.inspectorName}对“${r.entityName}”的回避申报？`, `Withdraw ${r.inspectorName}’s conflict with ${r.entityName}?`),
      content: <Input.TextArea placeholder={t('撤回原因（至少5个字）', 'Reason (at least 5 characters)')} maxLength={500} onChange={(e) => { reason = e.target.value; }} data-testid="withdraw-reason" />,
      okText: t('撤回', 'Withdraw'), cancelText: t('取消', 'Cancel'), okButtonProps: { danger: true, 'data-testid': 'withdraw-confirm' } as ButtonProps,
      onOk: () => withdraw.mutateAsync({ id: r.id, reason: reason.trim() }),
    });
  };
  const columns: ColumnsType<ConflictRow> = [
    { title: t('执法人员', 'Inspector'), dataIndex: 'inspectorName', width: 150, render: (n: string, r) => <>{n}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.staffNo}</Typography.Text></div></> },
    {
      title: t('监管对象', 'Entity'), dataIndex: 'entityName',
      render: (n: string, r) => <><Link to={`/entities/${r.entityId}`}>{n}</Link><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.entityUscc}</Typography.Text></div></>,
    },
    { title: t('利害关系', 'Reason'), dataIndex: 'reason' },
    { title: t('申报日期', 'Declared'), dataIndex: 'declaredOn', width: 110, render: (d: string, r) => <>{d}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.declaredBy}</Typography.Text></div></> },
    {
      title: t('状态', 'State'), key: 'state', width: 200,
      render: (_, r) => r.withdrawnAt
        ? <><Tag>{t('已撤回', 'Withdrawn')}</Tag><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(r.withdrawnAt)} {r.withdrawnReason}</Typography.Text></div></>
        : <><Tag color="orange">{t('回避中', 'Active')}</Tag>{mayChange(r) && <Typography.Link onClick={() => askWithdraw(r)} data-testid={`withdraw-${r.id}`}>{t('撤回', 'Withdraw')}</Typography.Link>}</>,
    },
  ];
  const filtered = Object.keys(v).length > 0;
  return (
    <div>
      <PageHeader title={t('执法人员回避申报', 'Declared conflicts of interest')}
        subtitle={t('申报与监管对象存在利害关系的执法人员，双随机抽取和人工指派检查人员时都会回避该对象。', 'An inspector with a declared conflict is never drawn for, nor assigned to, that entity.')}
        extra={can('inspections.conflicts') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)} data-testid="conflict-new">{t('申报回避', 'Declare')}</Button>} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('执法人员姓名、工号，监管对象名称或代码', 'Inspector, staff no., entity or code')}>
        <Select allowClear style={{ width: 120 }} placeholder={t('状态', 'State')} value={v.active} onChange={(active) => f.set({ active })} data-testid="filter-active"
          options={[{ value: 'true', label: t('回避中', 'Active') }, { value: 'false', label: t('已撤回', 'Withdrawn') }]} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<ConflictRow> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching} scroll={{ x: 900 }}
        pagination={tablePagination(f, list.data, t)} data-testid="conflict-table"
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的回避申报', 'No match') : t('还没有回避申报', 'No declarations yet')} /> }} />
      {declaring && <DeclareModal onClose={() => setDeclaring(false)} />}
    </div>
  );
}

function DeclareModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const today = useServerToday();
  const [form] = Form.useForm<{ inspectorId: number; entityId: number; reason: string; declaredOn: Dayjs }>();
  const forOthers = can('inspections.plan');
  const save = useMutation({
    mutationFn: (v: { inspectorId: number; entityId: number; reason: string; declaredOn: Dayjs }) =>
      api.post('/api/inspections/conflicts', { ...v, declaredOn: v.declaredOn.format('YYYY-MM-DD') }),
    onSuccess: () => { message.success(t('回避申报已登记', 'Declared')); qc.invalidateQueries({ queryKey: ['inspections', 'conflicts'] }); onClose(); },
  });
  const self = me?.inspector;
  if (!forOthers && !self) {
    return <Modal open onCancel={onClose} footer={null} title={t('申报回避', 'Declare')}><Alert type="info" showIcon title={t('您的账号未关联执法人员，不能申报回避。', 'Your account is not linked to an inspector.')} /></Modal>;
  }
  return (
    <Modal open onCancel={onClose} title={t('申报回避', 'Declare a conflict of interest')} okText={t('申报', 'Declare')} onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'conflict-save' } as ButtonProps} destroyOnHidden>
      {today.data && (
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
          initialValues={{ inspectorId: forOthers ? undefined : self?.id, declaredOn: dayjs(today.data) }}>
          <Form.Item name="inspectorId" label={t('执法人员', 'Inspector')} rules={[{ required: true, message: t('请选择执法人员', 'Required') }]}>
            {forOthers ? <InspectorSelect data-testid="conflict-inspector" /> : <Select disabled options={[{ value: self!.id, label: `${me!.displayName}（${self!.staffNo}）` }]} />}
          </Form.Item>
          <Form.Item name="entityId" label={t('监管对象', 'Entity')} rules={[{ required: true, message: t('请选择监管对象', 'Required') }]}>
            <EntitySelect data-testid="conflict-entity" />
          </Form.Item>
          <Form.Item name="reason" label={t('利害关系', 'Relationship')} rules={[{ required: true, message: t('请写明利害关系', 'Required') }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} placeholder={t('如：近亲属在该单位任职', 'e.g. a close relative works there')} data-testid="conflict-reason" />
          </Form.Item>
          <Form.Item name="declaredOn" label={t('申报日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(today.data), 'day')} allowClear={false} />
          </Form.Item>
        </Form>
      )}
      {save.isError && <Alert type="error" showIcon title={errorMessage(save.error, t)} />}
    </Modal>
  );
}
