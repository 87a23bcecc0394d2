// 法治建设 › 合法性审查: every item submitted for (or owing) a legality review — major
// decisions, normative documents, major contracts, others — with its steps, the red
// warning "未经合法性审查即通过" and the fair-competition lapses; register, open the drawer
// to record the steps, export. Opened from a figure (review.coverage: the items of the
// mandatory kinds adopted in the period; review.fair_competition_rate: the market-touching
// items issued), the link's period, organisation, date field and kind filters become the
// filters; the coverage's major enforcement decisions, which are penalty cases, are
// counted in a note above the table with a link to the penalty cases decided in the period.
import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
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
import { ItemDrawer, ItemFormModal, KINDS, STATUSES, StatusTag, WarningTags, options, type LegalityItem } from './parts';

const DATE_FIELDS: Record<string, [string, string]> = {
  submitted: ['报送日期', 'Submitted'], reviewed: ['审查日期', 'Reviewed'], adopted: ['通过日期', 'Adopted'], issued: ['公布日期', 'Issued'], cleaned: ['清理日期', 'Cleaned'],
};
/** The kind filter: one kind, or the three kinds whose legality review is mandatory (the `mandatory` filter). */
const KIND_FILTERS: Record<string, [string, string]> = {
  mandatory: ['须经合法性审查的三类', 'The three mandatory kinds'],
  ...Object.fromEntries(Object.entries(KINDS)),
};

/** The list with, for the mandatory kinds adopted in a period, the major enforcement decisions of that period (penalty cases). */
interface LegalityPage extends Paged<LegalityItem> { majorEnforcementDecisions: number | null }
const FLAGS: Record<string, [string, string]> = {
  unreviewed: ['未经审查即通过', 'Adopted without review'], noFairCompetition: ['未经公平竞争审查即公布', 'Issued without fair-competition review'],
};

export function LegalityListPage() {
  const t = useT();
  const { can } = useAuth();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const f = useUrlFilters(['q', 'kind', 'mandatory', 'status', 'orgId', 'dateField', 'from', 'to', 'unreviewed', 'noFairCompetition', 'touchesMarket'] as const);
  // Opened from a figure: the link's period and organisation become this list's filters (its dateField, mandatory, touchesMarket are this list's own).
  const linking = useRecordLinkFilters({ from: 'from', to: 'to', orgId: 'orgId' });
  const v = f.values;
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({
    queryKey: ['legality', 'list', 'all', f.query],
    queryFn: () => api.get<LegalityPage>(`/api/legality/items${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(v).length > 0;
  const flag = v.unreviewed ? 'unreviewed' : v.noFairCompetition ? 'noFairCompetition' : undefined;
  const kindFilter = v.kind ?? (v.mandatory ? 'mandatory' : undefined);
  const major = list.data?.majorEnforcementDecisions ?? null;
  const casesLink = `/cases${qs({ from: v.from, to: v.to, orgId: v.orgId, dateOf: 'decided' })}`;
  const columns: ColumnsType<LegalityItem> = [
    { title: t('编号', 'No.'), dataIndex: 'itemNo', width: 130, render: (no: string, r) => <Typography.Link onClick={() => setOpen(r.id)} data-testid={`legality-open-${r.id}`}>{no}</Typography.Link> },
    {
      title: t('名称', 'Title'), dataIndex: 'title',
      render: (title: string, r) => (
        <div>
          <Typography.Link onClick={() => setOpen(r.id)}>{title}</Typography.Link>
          {r.touchesMarket && <Tag color="gold" style={{ marginLeft: 6 }}>{t('涉企', 'Market')}</Tag>}
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.orgName}{r.draftingUnit ? ` · ${r.draftingUnit}` : ''}</Typography.Text></div>
          <WarningTags warnings={r.warnings} />
        </div>
      ),
    },
    { title: t('类型', 'Kind'), dataIndex: 'kind', width: 120, render: (k: keyof typeof KINDS) => t(...KINDS[k]) },
    { title: t('报送审查', 'Submitted'), dataIndex: 'submittedOn', width: 105, render: (d: string | null) => d ?? '—' },
    { title: t('审查结论', 'Review'), dataIndex: 'reviewedOn', width: 150, render: (d: string | null, r) => (d ? `${d} ${r.reviewResultName}` : '—') },
    { title: t('通过（签发）', 'Adopted'), dataIndex: 'adoptedOn', width: 110, render: (d: string | null) => d ?? '—' },
    { title: t('公布与文号', 'Issued'), dataIndex: 'issuedOn', width: 170, render: (d: string | null, r) => (d ? <span>{d}<div style={{ fontSize: 12 }}>{r.docNumber}</div></span> : '—') },
    { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: string) => <StatusTag status={s} t={t} /> },
  ];
  return (
    <div>
      <PageHeader title={t('合法性审查', 'Legality review')}
        subtitle={t('重大行政决策、行政规范性文件、重大行政合同等事项的合法性审查和公平竞争审查登记；重大行政执法决定的法制审核见行政处罚案件。',
          'Legality and fair-competition reviews of major decisions, normative documents, major contracts and other items; major enforcement decisions are reviewed in the penalty cases.')}
        extra={(
          <Space>
            <ExportButton path="/api/legality/items/export" filters={f.query} testId="legality-export" />
            {can('legality.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="legality-create">{t('登记事项', 'Register')}</Button>}
          </Space>
        )} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('名称、文号或审查编号', 'Title, document or item number')}>
        <Select allowClear style={{ width: 160 }} placeholder={t('类型', 'Kind')} value={kindFilter} data-testid="filter-kind" popupMatchSelectWidth={false}
          onChange={(k?: string) => f.set({ kind: k === 'mandatory' ? undefined : k, mandatory: k === 'mandatory' ? '1' : undefined })} options={options(KIND_FILTERS, t)} />
        <Select allowClear style={{ width: 110 }} placeholder={t('状态', 'Status')} value={v.status} onChange={(status) => f.set({ status })} data-testid="filter-status" options={options(STATUSES, t)} />
        <Select allowClear style={{ width: 190 }} placeholder={t('问题筛选', 'Lapses')} value={flag} data-testid="filter-flag" popupMatchSelectWidth={false}
          onChange={(x?: string) => f.set({ unreviewed: x === 'unreviewed' ? '1' : undefined, noFairCompetition: x === 'noFairCompetition' ? '1' : undefined })} options={options(FLAGS, t)} />
        <Select allowClear style={{ width: 150 }} placeholder={t('涉及市场主体', 'Touches businesses')} value={v.touchesMarket} onChange={(touchesMarket) => f.set({ touchesMarket })}
          data-testid="filter-market" popupMatchSelectWidth={false} options={[{ value: '1', label: t('涉及市场主体经济活动', 'Touches businesses') }]} />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('机构（含下级）', 'Organisation')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <Select style={{ width: 110 }} value={v.dateField ?? 'submitted'} onChange={(dateField) => f.set({ dateField: dateField === 'submitted' ? undefined : dateField })}
          data-testid="filter-date-field" options={options(DATE_FIELDS, t)} />
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={[t('从', 'From'), t('至', 'To')]} data-testid="filter-dates"
          value={[v.from ? dayjs(v.from) : null, v.to ? dayjs(v.to) : null]} allowEmpty={[true, true]}
          onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      {major !== null && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="legality-major-decisions" data-count={major}
          title={t(`合法性审查覆盖率还计入重大行政执法决定：同期作出的重大行政处罚决定 ${major} 件，属行政处罚案件（法制审核在案件中办理），不在本表中。`,
            `Review coverage also counts major enforcement decisions: ${major} major penalty decisions in the period, which are penalty cases (their legal review is in the case) and not listed here.`)}
          description={can('cases.read') ? (
            <span>
              {t('案件列表尚不能只筛选已作出的重大决定：', 'The case list cannot yet show decided major cases alone: ')}
              <Link to={casesLink} data-testid="legality-major-cases-link">{t('查看同期作出决定的处罚案件', 'open the penalty cases decided in the period')}</Link>
              {t('，其中标“重大”的即是。', ', those tagged “Major” are these.')}
            </span>
          ) : undefined} />
      )}
      <Table<LegalityItem> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="legality-table"
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的事项，请调整查询条件', 'Nothing matches; change the search') : t('还没有登记合法性审查事项', 'No items yet')} /> }} />
      {creating && (
        <ItemFormModal defaults={{ orgId: me.org.id }} onClose={() => setCreating(false)}
          onSaved={(item) => { setCreating(false); void qc.invalidateQueries({ queryKey: ['legality', 'list'] }); message.success(t('已登记', 'Registered')); setOpen(item.id); }} />
      )}
      {open !== null && <ItemDrawer id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
