// 法治建设 › 主动公开 / 培训学法 / 普法活动: one list page per register (search by number
// or title; organisation, date, channel or kind, source filters; pagination; Excel
// export) with a form in a modal to register or edit a record and a confirmed delete.
// An activity kept by a platform online quiz shows its participants read-only: the quiz
// counts its completed attempts. Opened from a figure (the dashboard, the annual report:
// disclosure.proactive.count, training.sessions, popularization.*), the link's period and
// organisation become the date and organisation filters.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs } from '../../lib/api';
import { useAuth, useMe } from '../../lib/auth';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { useT, type Translate } from '../../lib/i18n';
import { useServerToday } from '../../lib/queries';
import { useUrlFilters } from '../../lib/urlState';
import { useRecordLinkFilters } from '../../lib/linkedFilters';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { tablePagination } from '../../components/pagination';
import { REGISTER_PAGES, type RegisterKind, type RegisterRecord } from './types';

const FILTERS = ['q', 'orgId', 'from', 'to', 'type', 'source'] as const;

export function RegisterListPage({ kind }: { kind: RegisterKind }) {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const page = REGISTER_PAGES[kind];
  const f = useUrlFilters(FILTERS);
  // Opened from a figure: the link's period (publication or held date) and organisation become this list's filters.
  const linking = useRecordLinkFilters({ from: 'from', to: 'to', orgId: 'orgId' });
  const v = f.values;
  const [editing, setEditing] = useState<RegisterRecord | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['registers', kind, f.query],
    queryFn: () => api.get<Paged<RegisterRecord>>(`/api/registers/${kind}${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/registers/${kind}/${id}`),
    onSuccess: () => { message.success(t('已删除', 'Deleted')); void qc.invalidateQueries({ queryKey: ['registers', kind] }); },
    onError: (err) => message.error(errorMessage(err, t)),
  });
  const mayWrite = can('registers.write');
  const askDelete = (r: RegisterRecord) => modal.confirm({
    title: t(`删除${page.label[0]}“${r.title}”？`, `Delete “${r.title}”?`),
    content: t(`编号 ${r.no}。删除后不再计入统计，操作记入审计日志。`, `No. ${r.no}. It will no longer be counted; the deletion is audited.`),
    okText: t('删除', 'Delete'), cancelText: t('取消', 'Cancel'), okButtonProps: { danger: true, 'data-testid': 'register-delete-confirm' } as ButtonProps,
    onOk: () => remove.mutateAsync(r.id),
  });
  const types = page.types;
  const columns: ColumnsType<RegisterRecord> = [
    { title: t('编号', 'No.'), dataIndex: 'no', width: 150 },
    {
      title: t(page.titleLabel[0], page.titleLabel[1]), dataIndex: 'title',
      render: (title: string, r) => (
        <span>
          {r.url ? <Typography.Link href={r.url} target="_blank" rel="noopener noreferrer">{title}</Typography.Link> : title}
          {r.source === 'import' && <Tag style={{ marginLeft: 8 }}>{t('导入', 'Imported')}</Tag>}
        </span>
      ),
    },
    { title: t(page.typeLabel[0], page.typeLabel[1]), dataIndex: 'type', width: 130, render: (type: string) => <Tag>{typeName(types, type, t)}</Tag> },
    { title: t('机构', 'Organisation'), dataIndex: 'orgName', width: 200 },
    { title: t(page.dateLabel[0], page.dateLabel[1]), dataIndex: 'date', width: 110 },
    ...(page.participants ? [{
      title: t('参加人数', 'Participants'), dataIndex: 'participants', width: 150, align: 'right' as const,
      render: (n: number, r: RegisterRecord) => (
        <span>{n.toLocaleString('zh-CN')}{r.quizLinked && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('由网上学法竞赛完成答题人次自动计数', 'Counted from the online quiz’s completed attempts')}</Typography.Text></div>}</span>
      ),
    }] : []),
    ...(mayWrite ? [{
      title: t('操作', 'Actions'), key: 'actions', width: 130,
      render: (_: unknown, r: RegisterRecord) => (
        <Space size="small">
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`register-edit-${r.id}`}>{t('修改', 'Edit')}</Button>
          {!r.quizLinked && <Button size="small" danger icon={<DeleteOutlined />} onClick={() => askDelete(r)} data-testid={`register-delete-${r.id}`} aria-label={t('删除', 'Delete')} />}
        </Space>
      ),
    }] : []),
  ];
  const filtered = Object.keys(v).length > 0;
  return (
    <div>
      <PageHeader title={t(page.label[0], page.label[1])} subtitle={t(page.subtitle[0], page.subtitle[1])}
        extra={(
          <Space>
            <ExportButton path={`/api/registers/${kind}/export`} filters={f.query} testId="register-export" />
            {mayWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="register-create">{t('登记', 'Register')}</Button>}
          </Space>
        )} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t(`编号或${page.titleLabel[0]}`, `Number or ${page.titleLabel[1].toLowerCase()}`)}>
        <Select allowClear style={{ width: 150 }} placeholder={t(page.typeLabel[0], page.typeLabel[1])} value={v.type} onChange={(type) => f.set({ type })} data-testid="filter-type"
          popupMatchSelectWidth={false} options={Object.keys(types).map((value) => ({ value, label: typeName(types, value, t) }))} />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('机构（含下级）', 'Organisation (and below)')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={[t(`${page.dateLabel[0]}从`, 'From'), t('至', 'To')]} data-testid="filter-dates"
          value={[v.from ? dayjs(v.from) : null, v.to ? dayjs(v.to) : null]} allowEmpty={[true, true]}
          onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
        <Select allowClear style={{ width: 120 }} placeholder={t('来源', 'Source')} value={v.source} onChange={(source) => f.set({ source })} data-testid="filter-source"
          options={[{ value: 'platform', label: t('平台登记', 'Registered') }, { value: 'import', label: t('导入', 'Imported') }]} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<RegisterRecord> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching} scroll={{ x: 900 }}
        pagination={tablePagination(f, list.data, t)} data-testid="register-table"
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的记录，请调整查询条件', 'Nothing matches; change the search') : t(`还没有${page.label[0]}记录`, 'No records yet')} /> }} />
      {editing && <RecordModal kind={kind} record={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

const typeName = (types: Record<string, [string, string]>, type: string, t: Translate) => (types[type] ? t(types[type][0], types[type][1]) : type);

interface FormValues { no?: string; orgId: number; date: Dayjs; type: string; title: string; url?: string; participants?: number }

function RecordModal({ kind, record, onClose }: { kind: RegisterKind; record: RegisterRecord | null; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const today = useServerToday();
  const page = REGISTER_PAGES[kind];
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const aliases = { [page.fields.no]: 'no', [page.fields.date]: 'date', [page.fields.type]: 'type' };
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: Record<string, unknown> = {
        [page.fields.no]: record ? undefined : (v.no?.trim() || null), orgId: v.orgId, [page.fields.date]: v.date.format('YYYY-MM-DD'),
        [page.fields.type]: v.type, title: v.title,
      };
      if (page.url) body.url = v.url?.trim() || null;
      if (page.participants) body.participants = v.participants ?? 0;
      return record ? api.put(`/api/registers/${kind}/${record.id}`, body) : api.post<{ no: string }>(`/api/registers/${kind}`, body);
    },
    onSuccess: (res) => {
      const no = (res as { no?: string } | undefined)?.no;
      message.success(record ? t('已保存', 'Saved') : t(`已登记，编号 ${no}`, `Registered as ${no}`));
      void qc.invalidateQueries({ queryKey: ['registers', kind] });
      onClose();
    },
    onError: (err) => { if (!showFieldErrors(form, err, aliases)) setError(errorMessage(err, t)); },
  });
  const locked = record?.quizLinked ?? false;
  return (
    <Modal open title={record ? t(`修改${page.label[0]}`, `Edit ${page.label[1]}`) : t(`登记${page.label[0]}`, `Register ${page.label[1]}`)}
      onCancel={onClose} onOk={() => form.submit()} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} width={620} destroyOnHidden
      okButtonProps={{ loading: save.isPending, 'data-testid': 'register-save' } as ButtonProps}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="register-form-error" />}
      {today.data && (
        <Form form={form} layout="vertical" data-testid="register-form" onFinish={(v) => { setError(null); save.mutate(v); }}
          initialValues={record
            ? { no: record.no, orgId: record.orgId, date: dayjs(record.date), type: record.type, title: record.title, url: record.url ?? undefined, participants: record.participants ?? 0 }
            : { orgId: me.org.id, date: dayjs(today.data), participants: 0 }}>
          <Form.Item name="no" label={t('编号', 'Number')} extra={record ? undefined : t(`留空时由系统生成，如 ${page.prefix}-${today.data.slice(0, 4)}-000123`, `Leave empty to have one generated (${page.prefix}-…)`)}
            rules={[{ max: 60, message: t('编号不能超过60个字符', 'At most 60 characters') }]}>
            <Input disabled={!!record} maxLength={60} data-testid="register-no" />
          </Form.Item>
          <Form.Item name="orgId" label={t('机构', 'Organisation')} rules={[{ required: true, message: t('请选择机构', 'Choose the organisation') }]}>
            <OrgTreeSelect allowClear={false} data-testid="register-org" />
          </Form.Item>
          <Form.Item name="date" label={t(page.dateLabel[0], page.dateLabel[1])} rules={[{ required: true, message: t(`请选择${page.dateLabel[0]}`, 'Choose the date') }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(today.data), 'day')} data-testid="register-date" />
          </Form.Item>
          <Form.Item name="type" label={t(page.typeLabel[0], page.typeLabel[1])} rules={[{ required: true, message: t(`请选择${page.typeLabel[0]}`, 'Choose one') }]}
            extra={locked ? t('网上学法竞赛的活动，类型不能修改', 'A quiz’s activity keeps its kind') : undefined}>
            <Select disabled={locked} data-testid="register-type" options={Object.keys(page.types).map((value) => ({ value, label: typeName(page.types, value, t) }))} />
          </Form.Item>
          <Form.Item name="title" label={t(page.titleLabel[0], page.titleLabel[1])}
            rules={[{ required: true, whitespace: true, message: t(`请填写${page.titleLabel[0]}`, 'Required') }, { max: 300, message: t(`${page.titleLabel[0]}不能超过300个字符`, 'At most 300 characters') }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} data-testid="register-title" />
          </Form.Item>
          {page.url && (
            <Form.Item name="url" label={t('链接', 'Link')}
              rules={[{ pattern: /^https?:\/\/\S+$/, message: t('链接应为以 http:// 或 https:// 开头的网址', 'Must start with http:// or https://') }]}>
              <Input maxLength={500} placeholder="https://" data-testid="register-url" />
            </Form.Item>
          )}
          {page.participants && (
            <Form.Item name="participants" label={t('参加人数（人次）', 'Participants')}
              extra={locked ? t('由网上学法竞赛完成答题人次自动计数', 'Counted automatically from the quiz’s completed attempts') : undefined}
              rules={[{ required: true, message: t('请填写参加人数', 'Required') }, { type: 'integer', min: 0, max: 10_000_000, message: t('参加人数应为0～10000000的整数', 'A whole number from 0') }]}>
              <InputNumber min={0} max={10_000_000} precision={0} disabled={locked} style={{ width: 200 }} data-testid="register-participants" />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
