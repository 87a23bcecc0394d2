// 法定期限事项 › 司法建议与检察建议: the suggestions received (with or without a suit), their
// answer periods as the suggestion sets them, and the answers; register, answer, export.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../lib/api';
import { useAuth, useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { useRecordLinkFilters } from '../../lib/linkedFilters';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { tablePagination } from '../../components/pagination';
import { FieldsModal } from './parts';
import type { FieldSpec } from './types';

interface Suggestion {
  id: number; orgName: string; kind: string; kindName: string; issuer: string; matterNo: string | null; receivedOn: string; dueOn: string | null;
  summary: string; answeredOn: string | null; answer: string | null; overdue: boolean;
}

const CREATE_FIELDS: FieldSpec[] = [
  { name: 'orgId', label: '收到建议的机构', type: 'org', required: true },
  { name: 'kind', label: '类型', type: 'select', required: true, options: { procuratorial: '检察建议', judicial: '司法建议' } },
  { name: 'issuer', label: '制发机关', type: 'text', required: true, max: 100 },
  { name: 'receivedOn', label: '收到日期', type: 'date', required: true },
  { name: 'dueOn', label: '答复期限（按建议书载明）', type: 'date' },
  { name: 'summary', label: '建议内容', type: 'textarea', required: true, max: 2000 },
];
const ANSWER_FIELDS: FieldSpec[] = [
  { name: 'answeredOn', label: '答复日期', type: 'date', required: true },
  { name: 'answer', label: '答复和整改情况', type: 'textarea', required: true, max: 5000 },
];

export function SuggestionListPage() {
  const t = useT();
  const { can } = useAuth();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const f = useUrlFilters(['q', 'open', 'from', 'to', 'orgId'] as const);
  // Opened from a figure (dashboard, annual report): the link's period, organisation and overdue flag become this list's filters.
  const linking = useRecordLinkFilters({ from: 'from', to: 'to', orgId: 'orgId', overdue: ['open', '1'] });
  const [creating, setCreating] = useState(false);
  const [answering, setAnswering] = useState<Suggestion | null>(null);
  const list = useQuery({
    queryKey: ['matters', 'suggestions', f.query],
    queryFn: () => api.get<Paged<Suggestion>>(`/api/matters/suggestions${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const done = (msg: string) => { void qc.invalidateQueries({ queryKey: ['matters', 'suggestions'] }); void qc.invalidateQueries({ queryKey: ['home', 'todos'] }); message.success(msg); };
  const columns: ColumnsType<Suggestion> = [
    { title: t('类型', 'Kind'), dataIndex: 'kindName', width: 100, render: (k: string) => <Tag>{k}</Tag> },
    { title: t('制发机关', 'Issuer'), dataIndex: 'issuer', width: 180 },
    { title: t('内容', 'Content'), dataIndex: 'summary', render: (s: string, r) => <span>{s}{r.matterNo && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('关联诉讼：', 'Suit: ')}{r.matterNo}</Typography.Text></div>}</span> },
    { title: t('收到日期', 'Received'), dataIndex: 'receivedOn', width: 105 },
    { title: t('答复期限', 'Due'), dataIndex: 'dueOn', width: 105, render: (d: string | null, r) => (d ? <Typography.Text type={r.overdue ? 'danger' : undefined}>{d}</Typography.Text> : '—') },
    {
      title: t('答复', 'Answer'), dataIndex: 'answeredOn', width: 220,
      render: (d: string | null, r) => (d
        ? <span><Tag color={r.overdue ? 'volcano' : 'green'}>{t(`${d}已答复`, `answered ${d}`)}</Tag><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.answer}</Typography.Text></div></span>
        : can('litigation.handle') ? <Button size="small" onClick={() => setAnswering(r)} data-testid={`suggestion-answer-${r.id}`}>{t('登记答复', 'Record answer')}</Button> : <Tag color="orange">{t('待答复', 'Open')}</Tag>),
    },
  ];
  return (
    <div>
      <PageHeader title={t('司法建议与检察建议', 'Judicial and procuratorial suggestions')}
        subtitle={t('人民法院的司法建议和人民检察院的检察建议：登记、按建议书载明的期限答复、统计。', 'Suggestions from courts and procuratorates: register, answer within the period they set, count.')}
        extra={(
          <Space>
            <ExportButton path="/api/matters/suggestions/export" filters={f.query} testId="suggestion-export" />
            {can('litigation.handle') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="suggestion-create">{t('登记建议', 'Register')}</Button>}
          </Space>
        )} />
      <SearchBar value={f.values.q} onSearch={(q) => f.set({ q })} onReset={Object.keys(f.values).length ? f.reset : undefined} placeholder={t('制发机关或内容', 'Issuer or content')}>
        <Select allowClear style={{ width: 130 }} placeholder={t('答复情况', 'Answered')} value={f.values.open} onChange={(open) => f.set({ open })}
          options={[{ value: '1', label: t('待答复', 'Open') }, { value: '0', label: t('已答复', 'Answered') }]} />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('机构（含下级）', 'Organisation')} value={f.values.orgId ? Number(f.values.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={[t('收到日期从', 'Received from'), t('至', 'To')]} allowEmpty={[true, true]} data-testid="filter-received"
          value={[f.values.from ? dayjs(f.values.from) : null, f.values.to ? dayjs(f.values.to) : null]}
          onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<Suggestion> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching} pagination={tablePagination(f, list.data, t)}
        locale={{ emptyText: <Empty description={t('没有司法建议或检察建议', 'No suggestions')} /> }} data-testid="suggestion-table" />
      {creating && (
        <FieldsModal title={t('登记司法建议或检察建议', 'Register a suggestion')} fields={CREATE_FIELDS} testId="suggestion-form" initial={{ orgId: me.org.id }} onClose={() => setCreating(false)}
          onSubmit={async (v) => { await api.post('/api/matters/suggestions', v); setCreating(false); done(t('已登记', 'Registered')); }} />
      )}
      {answering && (
        <FieldsModal title={t('登记答复', 'Record the answer')} fields={ANSWER_FIELDS} testId="suggestion-answer-form" onClose={() => setAnswering(null)}
          onSubmit={async (v) => { await api.post(`/api/matters/suggestions/${answering.id}/answer`, v); setAnswering(null); done(t('已登记答复', 'Answer recorded')); }} />
      )}
    </div>
  );
}
