// 法治建设 › 规范性文件: the normative documents register ("三统一": registered, numbered,
// issued) with their review, fair-competition review and clean-up; select documents and
// record one clean-up decision over all of them (清理, confirmed first), export. The date
// range applies to the issue date or the clean-up date. Opened from a figure
// (normative_docs.issued: issued in the period; normative_docs.cleaned: revised, repealed
// or declared invalid in a clean-up of the period), the link's period, organisation, date
// and clean-up filters become the filters.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { ClearOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
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
import { FieldsModal } from '../matters/parts';
import { CLEANUP_ACTIONS as ACTIONS, CLEANUP_FIELDS, ItemDrawer, ItemFormModal, STATUSES, StatusTag, WarningTags, options, type LegalityItem } from './parts';

/** The clean-up filter: one result, or every result but 继续有效 (what normative_docs.cleaned counts). */
const CLEANUP_ACTIONS: Record<string, [string, string]> = { ...ACTIONS, not_retained: ['修改、废止或宣布失效', 'Revised, repealed or declared invalid'] };
/** The date the range applies to. */
const DATE_FIELDS: Record<string, [string, string]> = { issued: ['公布日期', 'Issued'], cleaned: ['清理日期', 'Cleaned'] };

/** A document still in force may be cleaned (one repealed or declared invalid may not). */
const cleanable = (r: LegalityItem) => !!r.issuedOn && r.cleanupAction !== 'repealed' && r.cleanupAction !== 'declared_invalid';

export function NormativeDocsPage() {
  const t = useT();
  const { can } = useAuth();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const f = useUrlFilters(['q', 'status', 'orgId', 'dateField', 'from', 'to', 'cleanupAction', 'touchesMarket'] as const);
  // Opened from a figure: the link's period and organisation become this list's filters (its dateField and cleanupAction are this list's own).
  const linking = useRecordLinkFilters({ from: 'from', to: 'to', orgId: 'orgId' });
  const v = f.values;
  const dateField = v.dateField === 'cleaned' ? 'cleaned' : 'issued';
  const query = { ...f.query, kind: 'normative_doc', dateField };
  const [selected, setSelected] = useState<LegalityItem[]>([]);
  const [cleaning, setCleaning] = useState(false);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const write = can('legality.write');
  const list = useQuery({
    queryKey: ['legality', 'list', 'normative', query],
    queryFn: () => api.get<Paged<LegalityItem>>(`/api/legality/items${qs(query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(v).length > 0;
  const columns: ColumnsType<LegalityItem> = [
    {
      title: t('文件名称', 'Title'), dataIndex: 'title',
      render: (title: string, r) => (
        <div>
          <Typography.Link onClick={() => setOpen(r.id)} data-testid={`normative-open-${r.id}`}>{title}</Typography.Link>
          {r.touchesMarket && <Tag color="gold" style={{ marginLeft: 6 }}>{t('涉企', 'Market')}</Tag>}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName} · {r.itemNo}</Typography.Text></div>
          <WarningTags warnings={r.warnings} />
        </div>
      ),
    },
    { title: t('文号', 'Number'), dataIndex: 'docNumber', width: 160, render: (d: string | null) => d ?? '—' },
    { title: t('合法性审核', 'Legality review'), dataIndex: 'reviewedOn', width: 150, render: (d: string | null, r) => (d ? `${d} ${r.reviewResultName}` : r.submittedOn ? t('审核中', 'Under review') : '—') },
    { title: t('公布日期', 'Issued'), dataIndex: 'issuedOn', width: 105, render: (d: string | null) => d ?? '—' },
    {
      title: t('清理', 'Clean-up'), dataIndex: 'cleanedOn', width: 170,
      render: (d: string | null, r) => (d ? <span><Tag color={r.cleanupAction === 'retained' ? 'green' : 'purple'}>{r.cleanupActionName}</Tag>{d}{r.cleanupBatch && <div style={{ fontSize: 12 }}>{r.cleanupBatch}</div>}</span> : '—'),
    },
    { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} t={t} /> },
  ];
  return (
    <div>
      <PageHeader title={t('规范性文件', 'Normative documents')}
        subtitle={t('行政规范性文件统一登记、统一编号、统一公布；合法性审核、公平竞争审查和定期清理（继续有效、修改、废止、宣布失效）。',
          'Normative documents registered, numbered and issued uniformly; legality review, fair-competition review and periodic clean-up.')}
        extra={(
          <Space>
            {write && (
              <Button icon={<ClearOutlined />} disabled={selected.length === 0} onClick={() => setCleaning(true)} data-testid="normative-cleanup">
                {t(`清理（${selected.length}）`, `Clean up (${selected.length})`)}
              </Button>
            )}
            <ExportButton path="/api/legality/items/export" filters={query} testId="normative-export" />
            {write && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="normative-create">{t('登记文件', 'Register')}</Button>}
          </Space>
        )} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('文件名称、文号或审查编号', 'Title, document or item number')}>
        <Select allowClear style={{ width: 110 }} placeholder={t('状态', 'Status')} value={v.status} onChange={(status) => f.set({ status })} data-testid="filter-status" options={options(STATUSES, t)} />
        <Select allowClear style={{ width: 150 }} placeholder={t('清理结果', 'Clean-up')} value={v.cleanupAction} onChange={(cleanupAction) => f.set({ cleanupAction })}
          data-testid="filter-cleanup" popupMatchSelectWidth={false} options={options(CLEANUP_ACTIONS, t)} />
        <Select allowClear style={{ width: 150 }} placeholder={t('涉及市场主体', 'Touches businesses')} value={v.touchesMarket} onChange={(touchesMarket) => f.set({ touchesMarket })}
          data-testid="filter-market" options={[{ value: '1', label: t('涉及市场主体经济活动', 'Touches businesses') }]} />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('机构（含下级）', 'Organisation')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <Select style={{ width: 110 }} value={dateField} onChange={(d) => f.set({ dateField: d === 'issued' ? undefined : d })}
          data-testid="filter-date-field" options={options(DATE_FIELDS, t)} />
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={[t(`${DATE_FIELDS[dateField][0]}从`, `${DATE_FIELDS[dateField][1]} from`), t('至', 'To')]} data-testid="filter-issued"
          value={[v.from ? dayjs(v.from) : null, v.to ? dayjs(v.to) : null]} allowEmpty={[true, true]}
          onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<LegalityItem> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="normative-table"
        rowSelection={write ? {
          selectedRowKeys: selected.map((r) => r.id), preserveSelectedRowKeys: true,
          onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
          getCheckboxProps: (r) => ({ disabled: !cleanable(r), 'data-testid': `normative-select-${r.id}` } as never),
        } : undefined}
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的文件，请调整查询条件', 'Nothing matches; change the search') : t('还没有登记行政规范性文件', 'No normative documents yet')} /> }} />
      {cleaning && (
        <FieldsModal title={t(`登记清理结果（${selected.length}件）`, `Record the clean-up (${selected.length})`)} fields={CLEANUP_FIELDS} testId="normative-cleanup-form"
          intro={selected.map((r) => `《${r.title}》${r.docNumber ? `（${r.docNumber}）` : ''}`).join('、')}
          confirm={t(`确定对所选${selected.length}件文件登记同一清理结果？废止、宣布失效的文件不能再次清理。`, `Record the same clean-up for ${selected.length} documents? A repealed document cannot be cleaned again.`)}
          onClose={() => setCleaning(false)}
          onSubmit={async (values) => {
            await api.post('/api/legality/cleanup', { ...values, ids: selected.map((r) => r.id) });
            setCleaning(false);
            setSelected([]);
            void qc.invalidateQueries({ queryKey: ['legality'] });
            message.success(t('已登记清理结果', 'Clean-up recorded'));
          }} />
      )}
      {creating && (
        <ItemFormModal defaults={{ orgId: me.org.id, kind: 'normative_doc' }} onClose={() => setCreating(false)}
          onSaved={(item) => { setCreating(false); void qc.invalidateQueries({ queryKey: ['legality', 'list'] }); message.success(t('已登记', 'Registered')); setOpen(item.id); }} />
      )}
      {open !== null && <ItemDrawer id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
