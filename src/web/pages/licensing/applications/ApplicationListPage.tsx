// 行政许可 › 办件管理: the applications (办件) in the user's data scope, searched by
// application number, applicant or item and filtered by state, item, channel,
// organisation, receipt date, overdue and owed materials past their agreed date (容缺逾期,
// the window's to-do links here); tagged 即办 (concluded on the day of acceptance) and
// 容缺逾期; exported to Excel with the filters applied. The window registers an
// application received at the counter (登记申请).
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { api, qs } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { useT } from '../../../lib/i18n';
import { useUrlFilters } from '../../../lib/urlState';
import { useRecordLinkFilters } from '../../../lib/linkedFilters';
import type { Paged } from '../../../lib/types';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBar } from '../../../components/SearchBar';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect';
import { ExportButton } from '../../../components/ExportButton';
import { tablePagination } from '../../../components/pagination';
import type { CatalogueRow } from '../catalogue/types';
import { APPLICATION_STATES, CHANNELS, applicationStateLabel, type ApplicationSummary } from '../types';
import { ApplicationStateTag } from '../parts';
import { RegisterApplicationModal } from './RegisterApplicationModal';

const FILTERS = ['q', 'state', 'itemCode', 'channel', 'orgId', 'receivedFrom', 'receivedTo', 'concludedFrom', 'concludedTo', 'overdue', 'owedOverdue'] as const;

export function ApplicationListPage() {
  const t = useT();
  const { can } = useAuth();
  const f = useUrlFilters(FILTERS);
  // Opened from a figure (dashboard, annual report): the link's period, organisation and overdue flag become this list's filters.
  const linking = useRecordLinkFilters({ from: 'concludedFrom', to: 'concludedTo', orgId: 'orgId', overdue: ['overdue', 'true'] });
  const v = f.values;
  const [registering, setRegistering] = useState(false);
  const list = useQuery({
    queryKey: ['licensing', 'applications', f.query],
    queryFn: () => api.get<Paged<ApplicationSummary>>(`/api/licensing/applications${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const catalogue = useQuery({
    queryKey: ['licensing', 'catalogue', 'picker'],
    queryFn: () => api.get<Paged<CatalogueRow>>(`/api/licensing/catalogue${qs({ pageSize: 100 })}`),
    staleTime: 60_000,
  });
  const filtered = Object.keys(v).length > 0;
  const columns: ColumnsType<ApplicationSummary> = [
    {
      title: t('办件编号', 'Application no.'), dataIndex: 'applicationNo', width: 215,
      render: (no: string, r) => (
        <span>
          <Link to={`/licensing/applications/${r.id}`} data-testid={`app-${r.id}`}>{no}</Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(r.channelName, CHANNELS.find(([c]) => c === r.channel)?.[2] ?? r.channelName)}{r.bundleNo ? ` · ${t('套餐', 'bundle')} ${r.bundleNo}` : ''}
          </Typography.Text></div>
        </span>
      ),
    },
    {
      title: t('申请人', 'Applicant'), dataIndex: 'applicantName',
      render: (name: string, r) => <span>{name}{r.applicantUscc && <div><Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.applicantUscc}</Typography.Text></div>}</span>,
    },
    { title: t('事项', 'Item'), dataIndex: 'itemName', render: (name: string, r) => <span>{name}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.itemCode}</Typography.Text></div></span> },
    {
      title: t('状态', 'State'), dataIndex: 'state', width: 180,
      render: (_: string, r) => (
        <Space size={4} wrap>
          <ApplicationStateTag state={r.state} />
          {r.overdue && <Tag color="red">{t('超期', 'Overdue')}</Tag>}
          {r.commitment && <Tag color="purple">{t('告知承诺', 'Commitment')}</Tag>}
          {r.deficiencyAccepted && <Tag color="gold">{t('容缺受理', 'With deficiency')}</Tag>}
          {r.owedOverdue && <Tag color="red" data-testid="application-owed-overdue">{t('容缺逾期', 'Owed materials overdue')}</Tag>}
          {r.instant && <Tag color="green" data-testid="application-instant">{t('即办', 'Same-day')}</Tag>}
        </Space>
      ),
    },
    { title: t('收件日期', 'Received'), dataIndex: 'receivedOn', width: 105 },
    {
      title: t('承诺办结 / 办结', 'Due / concluded'), dataIndex: 'dueOn', width: 135,
      render: (due: string | null, r) => (
        <span>
          {due ? <Typography.Text type={r.overdue ? 'danger' : undefined} strong={r.overdue} data-testid={r.overdue ? 'app-due-overdue' : undefined}>{due}</Typography.Text> : '—'}
          {r.concludedOn && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`${r.concludedOn}办结`, `concluded ${r.concludedOn}`)}</Typography.Text></div>}
        </span>
      ),
    },
    { title: t('办理机构', 'Organisation'), dataIndex: 'orgName', width: 150, ellipsis: true },
  ];
  return (
    <div>
      <PageHeader title={t('办件管理', 'Applications')}
        subtitle={t('网上和窗口收到的行政许可与备案申请：一次性告知补正、受理或容缺受理、审查决定、签发电子证照，每一步按《行政许可法》校验并计时。',
          'Licence and filing applications from the portal and the window: the correction notice, acceptance, the decision and the e-licence, each step checked against the Administrative Licensing Law and timed.')}
        extra={(
          <Space>
            <ExportButton path="/api/licensing/applications/export" filters={f.query} testId="app-export" />
            {can('licensing.handle') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="app-register">{t('登记申请', 'Register an application')}</Button>}
          </Space>
        )} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined} placeholder={t('办件编号、申请人、统一社会信用代码或事项', 'Application no., applicant, credit code or item')}>
        <Select allowClear style={{ width: 170 }} placeholder={t('状态', 'State')} value={v.state} onChange={(state) => f.set({ state })} data-testid="filter-state"
          options={APPLICATION_STATES.map((s) => ({ value: s, label: applicationStateLabel(s, t) }))} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} placeholder={t('事项', 'Item')} popupMatchSelectWidth={false}
          value={v.itemCode} onChange={(itemCode) => f.set({ itemCode })} data-testid="filter-item"
          options={(catalogue.data?.rows ?? []).map((i) => ({ value: i.itemCode, label: `${i.itemCode} ${i.name}` }))} />
        <Select allowClear style={{ width: 120 }} placeholder={t('渠道', 'Channel')} value={v.channel} onChange={(channel) => f.set({ channel })} data-testid="filter-channel"
          options={CHANNELS.map(([value, zh, en]) => ({ value, label: t(zh, en) }))} />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('办理机构（含下级）', 'Organisation')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={[t('收件日期从', 'Received from'), t('至', 'To')]} data-testid="filter-received"
          value={[v.receivedFrom ? dayjs(v.receivedFrom) : null, v.receivedTo ? dayjs(v.receivedTo) : null]} allowEmpty={[true, true]}
          onChange={(r) => f.set({ receivedFrom: r?.[0]?.format('YYYY-MM-DD'), receivedTo: r?.[1]?.format('YYYY-MM-DD') })} />
        <DatePicker.RangePicker style={{ width: 240 }} placeholder={[t('办结日期从', 'Concluded from'), t('至', 'To')]} data-testid="filter-concluded"
          value={[v.concludedFrom ? dayjs(v.concludedFrom) : null, v.concludedTo ? dayjs(v.concludedTo) : null]} allowEmpty={[true, true]}
          onChange={(r) => f.set({ concludedFrom: r?.[0]?.format('YYYY-MM-DD'), concludedTo: r?.[1]?.format('YYYY-MM-DD') })} />
        <Select allowClear style={{ width: 130 }} placeholder={t('办结时限', 'Deadline')} value={v.overdue} onChange={(overdue) => f.set({ overdue })} data-testid="filter-overdue"
          options={[{ value: 'true', label: t('已超期', 'Overdue') }]} />
        <Select allowClear style={{ width: 130 }} placeholder={t('容缺材料', 'Owed materials')} value={v.owedOverdue} onChange={(owedOverdue) => f.set({ owedOverdue })} data-testid="filter-owed-overdue"
          options={[{ value: 'true', label: t('容缺逾期', 'Past the agreed date') }]} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<ApplicationSummary> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="app-table"
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的办件，请调整查询条件', 'No application matches; change the search') : t('还没有办件', 'No applications yet')} /> }} />
      {registering && <RegisterApplicationModal onClose={() => setRegistering(false)} />}
    </div>
  );
}
