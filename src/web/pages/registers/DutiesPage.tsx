// 法治建设 › 普法责任清单: the "谁执法谁普法" responsibility list of a year — each
// responsible unit's duties, measures, audience and time limit — with per-unit progress
// (done / total), completion recorded with its date and a note, filters, pagination,
// Excel export, and a confirmed delete. Opened from a figure's link (from, to, org), the
// year of `from` and the organisation become the year and unit filters.
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs } from '../../lib/api';
import { useAuth, useMe } from '../../lib/auth';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { useT } from '../../lib/i18n';
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
import type { Duty, DutyProgress } from './types';

const FILTERS = ['year', 'orgId', 'q', 'status'] as const;
const STATUS: Record<Duty['status'], [string, string, string]> = {
  done: ['已完成', 'Done', 'green'], overdue: ['已逾期', 'Overdue', 'red'], open: ['推进中', 'In progress', 'blue'],
};

export function DutiesPage() {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const today = useServerToday();
  const f = useUrlFilters(FILTERS);
  // Opened from a figure: the year of the link's first day and its organisation become this list's filters.
  const linking = useRecordLinkFilters({ from: null, to: null, orgId: 'orgId', year: 'year' });
  const v = f.values;
  const year = Number(v.year ?? today.data?.slice(0, 4) ?? new Date().getFullYear());
  const query = { ...f.query, year };
  const [editing, setEditing] = useState<Duty | 'new' | null>(null);
  const [completing, setCompleting] = useState<Duty | null>(null);
  const list = useQuery({
    queryKey: ['registers', 'duties', query],
    queryFn: () => api.get<Paged<Duty>>(`/api/registers/duties${qs(query)}`),
    placeholderData: keepPreviousData,
    enabled: !linking && (today.isSuccess || !!v.year),
  });
  const progress = useQuery({
    queryKey: ['registers', 'duties', 'progress', year],
    queryFn: () => api.get<DutyProgress[]>(`/api/registers/duties/progress?year=${year}`),
    enabled: !linking && (today.isSuccess || !!v.year),
  });
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/registers/duties/${id}`),
    onSuccess: () => { message.success(t('已删除', 'Deleted')); void qc.invalidateQueries({ queryKey: ['registers', 'duties'] }); },
    onError: (err) => message.error(errorMessage(err, t)),
  });
  const mayWrite = can('registers.write');
  const askDelete = (d: Duty) => modal.confirm({
    title: t('删除这项普法职责？', 'Delete this duty?'), content: d.duty,
    okText: t('删除', 'Delete'), cancelText: t('取消', 'Cancel'), okButtonProps: { danger: true, 'data-testid': 'duty-delete-confirm' } as ButtonProps,
    onOk: () => remove.mutateAsync(d.id),
  });
  const columns: ColumnsType<Duty> = [
    { title: t('责任单位', 'Unit'), dataIndex: 'orgName', width: 180 },
    {
      title: t('普法职责', 'Duty'), dataIndex: 'duty',
      render: (duty: string, d) => (
        <span>{duty}
          {d.measure && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('措施：', 'Measures: ')}{d.measure}</Typography.Text></div>}
          {d.target && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('对象：', 'Audience: ')}{d.target}</Typography.Text></div>}
        </span>
      ),
    },
    { title: t('完成时限', 'Due'), dataIndex: 'dueOn', width: 110, render: (x: string | null) => x ?? '—' },
    {
      title: t('完成情况', 'Completion'), dataIndex: 'status', width: 240,
      render: (s: Duty['status'], d) => (
        <span><Tag color={STATUS[s][2]} data-testid={`duty-status-${d.id}`}>{t(STATUS[s][0], STATUS[s][1])}</Tag>{d.completedOn}
          {d.completionNote && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.completionNote}</Typography.Text></div>}
        </span>
      ),
    },
    ...(mayWrite ? [{
      title: t('操作', 'Actions'), key: 'actions', width: 210,
      render: (_: unknown, d: Duty) => (
        <Space size="small">
          <Button size="small" icon={<CheckOutlined />} onClick={() => setCompleting(d)} data-testid={`duty-complete-${d.id}`}>
            {d.completedOn ? t('改完成情况', 'Edit completion') : t('标记完成', 'Mark done')}
          </Button>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(d)} data-testid={`duty-edit-${d.id}`} aria-label={t('修改', 'Edit')} />
          <Button size="small" danger icon={<DeleteOutlined />} onClick={() => askDelete(d)} data-testid={`duty-delete-${d.id}`} aria-label={t('删除', 'Delete')} />
        </Space>
      ),
    }] : []),
  ];
  const filtered = Object.keys(v).some((k) => k !== 'year');
  // The last years, and the year chosen (a link may open an older one).
  const recent = Array.from({ length: 6 }, (_, i) => Number((today.data ?? '').slice(0, 4) || new Date().getFullYear()) + 1 - i);
  const years = recent.includes(year) ? recent : [...recent, year].sort((a, b) => b - a);
  return (
    <div>
      <PageHeader title={t('普法责任清单', 'Popularisation responsibility list')}
        subtitle={t('落实“谁执法谁普法”：各责任单位年度普法职责、措施和完成情况。', '“Who enforces, popularises”: each unit’s duties for the year and their completion.')}
        extra={(
          <Space>
            <ExportButton path="/api/registers/duties/export" filters={query} testId="duty-export" />
            {mayWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="duty-create">{t('新增职责', 'Add a duty')}</Button>}
          </Space>
        )} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? () => f.set({ q: null, orgId: null, status: null }) : undefined} placeholder={t('职责、措施或对象', 'Duty, measure or audience')}>
        <Select style={{ width: 110 }} value={year} onChange={(y) => f.set({ year: y })} data-testid="filter-year" options={years.map((y) => ({ value: y, label: t(`${y}年`, String(y)) }))} />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('责任单位（含下级）', 'Unit (and below)')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <Select allowClear style={{ width: 120 }} placeholder={t('完成情况', 'Status')} value={v.status} onChange={(status) => f.set({ status })} data-testid="filter-status"
          options={(Object.keys(STATUS) as Duty['status'][]).map((s) => ({ value: s, label: t(STATUS[s][0], STATUS[s][1]) }))} />
      </SearchBar>
      <ErrorAlert error={list.error ?? progress.error} onRetry={() => { void list.refetch(); void progress.refetch(); }} />
      {(progress.data?.length ?? 0) > 0 && (
        <Card size="small" title={t(`${year}年各单位完成进度`, `Progress by unit, ${year}`)} style={{ marginBottom: 16 }} data-testid="duty-progress">
          <Row gutter={[24, 8]}>
            {progress.data!.map((p) => (
              <Col key={p.orgId} xs={24} md={12} xl={8}>
                <Typography.Text>{p.orgName}</Typography.Text>
                <Typography.Text type="secondary" style={{ float: 'right' }} data-testid={`duty-progress-${p.orgId}`}>
                  {t(`${p.done} / ${p.total} 项`, `${p.done} / ${p.total}`)}{p.overdue > 0 && <Typography.Text type="danger">{t(`（逾期 ${p.overdue}）`, ` (${p.overdue} overdue)`)}</Typography.Text>}
                </Typography.Text>
                <Progress percent={Math.round((p.done / p.total) * 100)} size="small" status={p.overdue > 0 ? 'exception' : p.done === p.total ? 'success' : 'normal'} />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <Table<Duty> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching} scroll={{ x: 900 }}
        pagination={tablePagination(f, list.data, t)} data-testid="duty-table"
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的职责，请调整查询条件', 'Nothing matches') : t(`${year}年还没有普法责任清单`, `No duties for ${year} yet`)} /> }} />
      {editing && <DutyModal duty={editing === 'new' ? null : editing} year={year} onClose={() => setEditing(null)} />}
      {completing && <CompleteModal duty={completing} onClose={() => setCompleting(null)} />}
    </div>
  );
}

interface DutyForm { orgId: number; year: number; duty: string; measure?: string; target?: string; dueOn?: Dayjs | null }

function DutyModal({ duty, year, onClose }: { duty: Duty | null; year: number; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<DutyForm>();
  const [error, setError] = useState<string | null>(null);
  const formYear = Form.useWatch('year', form) ?? year;
  const save = useMutation({
    mutationFn: (v: DutyForm) => {
      const body = { orgId: v.orgId, year: v.year, duty: v.duty, measure: v.measure?.trim() || null, target: v.target?.trim() || null, dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null };
      return duty ? api.put(`/api/registers/duties/${duty.id}`, body) : api.post('/api/registers/duties', body);
    },
    onSuccess: () => { message.success(t('已保存', 'Saved')); void qc.invalidateQueries({ queryKey: ['registers', 'duties'] }); onClose(); },
    onError: (err) => { if (!showFieldErrors(form, err)) setError(errorMessage(err, t)); },
  });
  return (
    <Modal open title={duty ? t('修改普法职责', 'Edit the duty') : t('新增普法职责', 'Add a duty')} onCancel={onClose} onOk={() => form.submit()} width={620} destroyOnHidden
      okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} okButtonProps={{ loading: save.isPending, 'data-testid': 'duty-save' } as ButtonProps}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="duty-form-error" />}
      <Form form={form} layout="vertical" data-testid="duty-form" onFinish={(v) => { setError(null); save.mutate(v); }}
        initialValues={duty
          ? { orgId: duty.orgId, year: duty.year, duty: duty.duty, measure: duty.measure ?? undefined, target: duty.target ?? undefined, dueOn: duty.dueOn ? dayjs(duty.dueOn) : null }
          : { orgId: me.org.id, year }}>
        <Form.Item name="orgId" label={t('责任单位', 'Responsible unit')} rules={[{ required: true, message: t('请选择责任单位', 'Choose the unit') }]}>
          <OrgTreeSelect allowClear={false} data-testid="duty-org" />
        </Form.Item>
        <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true, message: t('请填写年度', 'Required') }, { type: 'integer', min: 2000, max: 2100, message: t('年度应在2000～2100之间', '2000–2100') }]}>
          <InputNumber min={2000} max={2100} precision={0} data-testid="duty-year" />
        </Form.Item>
        <Form.Item name="duty" label={t('普法职责', 'Duty')} rules={[{ required: true, whitespace: true, message: t('请填写普法职责', 'Required') }, { max: 1000, message: t('普法职责不能超过1000个字符', 'Too long') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} data-testid="duty-text" />
        </Form.Item>
        <Form.Item name="measure" label={t('主要措施', 'Measures')} rules={[{ max: 2000, message: t('主要措施不能超过2000个字符', 'Too long') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} data-testid="duty-measure" />
        </Form.Item>
        <Form.Item name="target" label={t('普法对象', 'Audience')} rules={[{ max: 300, message: t('普法对象不能超过300个字符', 'Too long') }]}>
          <Input maxLength={300} data-testid="duty-target" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('完成时限', 'Due by')}
          rules={[{ validator: (_, d: Dayjs | null) => (!d || d.year() === formYear ? Promise.resolve() : Promise.reject(new Error(t(`完成时限应在${formYear}年内`, `Must fall in ${formYear}`)))) }]}>
          <DatePicker data-testid="duty-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompleteModal({ duty, onClose }: { duty: Duty; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const today = useServerToday();
  const [form] = Form.useForm<{ completedOn: Dayjs; completionNote: string }>();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (v: { completedOn: Dayjs; completionNote: string }) =>
      api.post(`/api/registers/duties/${duty.id}/complete`, { completedOn: v.completedOn.format('YYYY-MM-DD'), completionNote: v.completionNote }),
    onSuccess: () => { message.success(t('已登记完成情况', 'Completion recorded')); void qc.invalidateQueries({ queryKey: ['registers', 'duties'] }); onClose(); },
    onError: (err) => { if (!showFieldErrors(form, err)) setError(errorMessage(err, t)); },
  });
  return (
    <Modal open title={t('登记完成情况', 'Record completion')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden
      okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} okButtonProps={{ loading: save.isPending, 'data-testid': 'duty-complete-save' } as ButtonProps}>
      <Typography.Paragraph type="secondary">{duty.orgName}：{duty.duty}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {today.data && (
        <Form form={form} layout="vertical" data-testid="duty-complete-form" onFinish={(v) => { setError(null); save.mutate(v); }}
          initialValues={{ completedOn: dayjs(duty.completedOn ?? today.data), completionNote: duty.completionNote ?? undefined }}>
          <Form.Item name="completedOn" label={t('完成日期', 'Completed on')} rules={[{ required: true, message: t('请选择完成日期', 'Required') }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(today.data), 'day') || d.year() < duty.year} data-testid="duty-completed-on" />
          </Form.Item>
          <Form.Item name="completionNote" label={t('完成情况', 'What was done')}
            rules={[{ required: true, whitespace: true, message: t('请填写完成情况', 'Required') }, { max: 2000, message: t('完成情况不能超过2000个字符', 'Too long') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={2000} placeholder={t('如：举办专题讲座3场，发放宣传资料2000份', 'e.g. three lectures held')} data-testid="duty-note" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
