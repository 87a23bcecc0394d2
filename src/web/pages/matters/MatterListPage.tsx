// 法定期限事项 › one kind's list (热线、信访、依申请公开、调解、复议、应诉、建议提案): search by
// number, title, content or person; filter by state, type, clock (overdue, due soon,
// open, concluded), mine, organisation and receipt date; export what is filtered to
// Excel; register a new matter with the kind's form.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../lib/api';
import { useAuth, useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { useRecordLinkFilters } from '../../lib/linkedFilters';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { ExportButton } from '../../components/ExportButton';
import { tablePagination } from '../../components/pagination';
import { FieldsModal, ListClockTag, useMatterMeta } from './parts';
import type { MatterKind, MatterSummary } from './types';

const FILTERS = ['q', 'state', 'subtype', 'clock', 'mine', 'orgId', 'from', 'to', 'dateOf', 'coHandled', 'awaiting'] as const;

/** The dates the period can read (the list API's dateOf); the hearing date only for suits. */
function dateOfOptions(kind: MatterKind, t: (zh: string, en: string) => string) {
  const options = [
    { value: 'received', label: t('收到日期', 'Received') }, { value: 'accepted', label: t('受理日期', 'Accepted') },
    { value: 'concluded', label: t('办结日期', 'Concluded') }, { value: 'due', label: t('期限届满日', 'Due') },
  ];
  return kind === 'litigation' ? [...options, { value: 'hearing', label: t('开庭日期', 'Hearing') }] : options;
}

const SUBTITLES: Record<MatterKind, string> = {
  hotline: '12320热线来电和投诉举报：登记、当场答复或转办，承办单位核查答复（可转为案件线索），回访满意度。',
  petition: '信访事项：15日内决定是否受理，受理后60日内办结（承办人申请、负责人批准可延长30日），上一级机关复查、再上一级机关复核。',
  disclosure: '依申请公开：7个工作日内一次性告知补正，20个工作日内答复（承办人申请、负责人批准可延长20个工作日），征求第三方意见的时间不计入。',
  mediation: '医疗纠纷调解：释疑息诉、受理、30个工作日内完成调解（鉴定时间不计入），达成协议或终止。',
  reconsideration: '本机关作为被申请人的行政复议：收到副本后10个工作日内（简易程序5个工作日）提出书面答复和证据，复议决定及纠错落实。',
  litigation: '行政应诉：收到起诉状副本15日内答辩举证，负责人出庭应诉，裁判结果和上诉期限。',
  proposal: '人大代表建议和政协委员提案：主办、协办，3个月内答复（复杂的6个月），协办意见，代表委员评价。',
};

const CLOCK_FILTERS = [['red', '已超期', 'Overdue'], ['amber', '临近期限', 'Due soon'], ['open', '在办', 'Open'], ['concluded', '已办结', 'Concluded']] as const;

export function MatterListPage({ kind }: { kind: MatterKind }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const meta = useMatterMeta(kind);
  const f = useUrlFilters(FILTERS);
  // Opened from a figure (dashboard, annual report): the link's period, organisation and overdue flag become this list's filters.
  const linking = useRecordLinkFilters({ from: 'from', to: 'to', orgId: 'orgId', overdue: ['clock', 'red'] });
  const v = f.values;
  const [registering, setRegistering] = useState(false);
  const list = useQuery({
    queryKey: ['matters', kind, 'list', f.query],
    queryFn: () => api.get<Paged<MatterSummary>>(`/api/matters/${kind}${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(v).length > 0;
  const subtypes = meta?.subtypes ?? {};
  const columns: ColumnsType<MatterSummary> = [
    {
      title: t('编号', 'Number'), dataIndex: 'matterNo', width: 200,
      render: (no: string, r) => (
        <span>
          <Link to={`/matters/${kind}/${r.id}`} data-testid={`matter-${r.id}`}>{no}</Link>
          {r.source !== 'platform' && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.source === 'portal' ? t('网上提交', 'Portal') : t('历史导入', 'Imported')}</Typography.Text></div>}
        </span>
      ),
    },
    {
      title: t('事项', 'Matter'), dataIndex: 'title',
      render: (title: string | null, r) => (
        <span>
          {r.subtype && subtypes[r.subtype] && <Tag>{subtypes[r.subtype]}</Tag>}
          {title ?? (r.summary ? `${r.summary.slice(0, 40)}${r.summary.length > 40 ? '…' : ''}` : '—')}
          {r.entityName && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('涉及单位：', 'Entity: ')}{r.entityName}</Typography.Text></div>}
        </span>
      ),
    },
    { title: t('当事人', 'Person'), dataIndex: 'contactName', width: 110, render: (n: string | null, r) => (r.anonymous ? t('匿名', 'Anonymous') : n ?? '—') },
    {
      title: t('状态', 'State'), dataIndex: 'stateName', width: 200,
      render: (name: string, r) => <Space size={4} wrap><Tag color={r.final ? 'default' : 'blue'} data-testid="row-state">{name}</Tag><ListClockTag clock={r.clock} /></Space>,
    },
    { title: t('收到日期', 'Received'), dataIndex: 'receivedOn', width: 105 },
    {
      title: t('期限 / 办结', 'Due / concluded'), dataIndex: 'dueOn', width: 130,
      render: (due: string | null, r) => (
        <span>
          {due ? <Typography.Text type={r.clock === 'red' ? 'danger' : undefined} strong={r.clock === 'red'}>{due}</Typography.Text> : '—'}
          {r.concludedOn && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`${r.concludedOn}办结`, `concluded ${r.concludedOn}`)}</Typography.Text></div>}
        </span>
      ),
    },
    { title: t('承办', 'Handled by'), dataIndex: 'orgName', width: 160, ellipsis: true, render: (o: string, r) => <span>{r.handlerOrgName ?? o}{r.assigneeName && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.assigneeName}</Typography.Text></div>}</span> },
  ];
  const label = meta?.label ?? '';
  return (
    <div>
      <PageHeader title={label} subtitle={t(SUBTITLES[kind], SUBTITLES[kind])}
        extra={(
          <Space>
            <ExportButton path={`/api/matters/${kind}/export`} filters={f.query} testId="matter-export" />
            {meta && can(meta.handlePermission) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="matter-register">{t('登记', 'Register')}</Button>}
          </Space>
        )} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('编号、标题、内容或当事人', 'Number, title, content or person')}>
        <Select allowClear style={{ width: 190 }} placeholder={t('状态', 'State')} value={v.state} onChange={(state) => f.set({ state })} data-testid="filter-state" popupMatchSelectWidth={false}
          options={(meta?.states ?? []).map((s) => ({ value: s.id, label: s.label }))} />
        {Object.keys(subtypes).length > 0 && (
          <Select allowClear style={{ width: 140 }} placeholder={t('类型', 'Type')} value={v.subtype} onChange={(subtype) => f.set({ subtype })} data-testid="filter-subtype"
            options={Object.entries(subtypes).map(([value, l]) => ({ value, label: l }))} />
        )}
        <Select allowClear style={{ width: 130 }} placeholder={t('办理期限', 'Clock')} value={v.clock} onChange={(clock) => f.set({ clock })} data-testid="filter-clock"
          options={CLOCK_FILTERS.map(([value, zh, en]) => ({ value, label: t(zh, en) }))} />
        <Select allowClear style={{ width: 120 }} placeholder={t('承办人', 'Assignee')} value={v.mine} onChange={(mine) => f.set({ mine })} data-testid="filter-mine"
          options={[{ value: '1', label: t('分派给我的', 'Assigned to me') }]} />
        {(kind === 'petition' || kind === 'disclosure') && (
          <Select allowClear style={{ width: 170 }} placeholder={t('待我办理', 'Awaiting me')} value={v.awaiting} onChange={(awaiting) => f.set({ awaiting })} data-testid="filter-awaiting"
            popupMatchSelectWidth={false} options={[
              { value: 'extension', label: t('延长期限申请待批准', 'Extensions to approve') },
              ...(kind === 'petition' ? [{ value: 'review', label: t('待本机关复查、复核', 'Reviews my body answers') }] : []),
            ]} />
        )}
        {kind === 'proposal' && (
          <Select allowClear style={{ width: 160 }} placeholder={t('会办', 'Co-handling')} value={v.coHandled} onChange={(coHandled) => f.set({ coHandled })} data-testid="filter-co-handled"
            popupMatchSelectWidth={false} options={[
              { value: '1', label: t('我单位会办的', 'Co-handled by my unit') },
              { value: 'pending', label: t('我单位会办意见待提出', 'My unit’s opinion owed') },
            ]} />
        )}
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('机构（含下级）', 'Organisation')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <Space.Compact>
          <Select style={{ width: 120 }} value={v.dateOf ?? 'received'} onChange={(dateOf) => f.set({ dateOf: dateOf === 'received' ? undefined : dateOf })}
            data-testid="filter-date-of" options={dateOfOptions(kind, t)} />
          <DatePicker.RangePicker style={{ width: 240 }} placeholder={[t('日期从', 'From'), t('至', 'To')]} data-testid="filter-period"
            value={[v.from ? dayjs(v.from) : null, v.to ? dayjs(v.to) : null]} allowEmpty={[true, true]}
            onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
        </Space.Compact>
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<MatterSummary> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="matter-table"
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的事项，请调整查询条件', 'Nothing matches; change the search') : t(`还没有${label}事项`, 'Nothing yet')} /> }} />
      {registering && meta && (
        <RegisterModal kind={kind} label={label} meta={meta} onClose={() => setRegistering(false)}
          onDone={(id) => { setRegistering(false); void qc.invalidateQueries({ queryKey: ['matters', kind] }); message.success(t('已登记', 'Registered')); navigate(`/matters/${kind}/${id}`); }} />
      )}
    </div>
  );
}

function RegisterModal({ kind, label, meta, onClose, onDone }: { kind: MatterKind; label: string; meta: NonNullable<ReturnType<typeof useMatterMeta>>; onClose(): void; onDone(id: number): void }) {
  const t = useT();
  const me = useMe();
  const orgField = { name: 'orgId', label: t('所属机构', 'Organisation'), type: 'org' as const, required: true };
  return (
    <FieldsModal title={t(`登记${label}`, `Register: ${label}`)} fields={[orgField, ...meta.createFields]} testId="register" initial={{ orgId: me.org.id }}
      onClose={onClose}
      onSubmit={async ({ orgId, ...fields }) => {
        const r = await api.post<{ id: number }>(`/api/matters/${kind}`, { orgId, fields });
        onDone(r.id);
      }} />
  );
}
