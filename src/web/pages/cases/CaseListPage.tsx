import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Drawer, Form, Input, Radio, Segmented, Select, Space, Table, Tag } from 'antd';
import { CloudUploadOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { useUrlFilters } from '../../lib/urlState';
import { useRecordLinkFilters } from '../../lib/linkedFilters';
import { useServerToday } from '../../lib/queries';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { tablePagination } from '../../components/pagination';
import { ExportButton } from '../../components/ExportButton';
import { CASE_SOURCES, CASE_STATE_COLOURS, CASE_STATE_NAMES, type CaseDetail, type CaseSummary } from './types';

interface LeadForm {
  orgId: number; source: string; cause: string; leadOn: Dayjs; partyKind: 'person' | 'organisation'; partyName: string;
  partyCode?: string; partyLegalRep?: string; partyAddress: string; partyPhone?: string; facts?: string;
}

function LeadDrawer({ onClose }: { onClose(): void }) {
  const t = useT();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<LeadForm>();
  const [error, setError] = useState<string>();
  // Dates are the server's (China time): what the server checks the lead date against.
  const serverToday = useServerToday();
  const today = serverToday.data ? dayjs(serverToday.data) : dayjs();
  useEffect(() => {
    if (serverToday.data && !form.isFieldTouched('leadOn')) form.setFieldValue('leadOn', dayjs(serverToday.data));
  }, [serverToday.data, form]);
  const [saving, setSaving] = useState(false);
  const save = async (v: LeadForm) => {
    setSaving(true);
    setError(undefined);
    try {
      const c = await api.post<CaseDetail>('/api/cases', { ...v, leadOn: v.leadOn.format('YYYY-MM-DD'), entityId: null });
      navigate(`/cases/${c.id}`);
    } catch (err) {
      if (!showFieldErrors(form, err)) setError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };
  const req = (zh: string, en: string) => [{ required: true, message: t(`请填写${zh}`, `Enter ${en}`) }];
  return (
    <Drawer open width={560} title={t('登记案件线索', 'Register a lead')} onClose={onClose}
      extra={<Space><Button onClick={onClose}>{t('取消', 'Cancel')}</Button><Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="lead-save">{t('保存', 'Save')}</Button></Space>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<LeadForm> form={form} layout="vertical" onFinish={save} initialValues={{ orgId: me?.org.id, source: 'inspection', leadOn: today, partyKind: 'organisation' }}>
        <Form.Item name="orgId" label={t('办案机构', 'Handling organisation')} rules={req('办案机构', 'the organisation')}><OrgTreeSelect /></Form.Item>
        <Form.Item name="source" label={t('案件来源', 'Source')} rules={req('案件来源', 'the source')}>
          <Select options={CASE_SOURCES.map(([v, zh, en]) => ({ value: v, label: t(zh, en) }))} />
        </Form.Item>
        <Form.Item name="cause" label={t('案由（涉嫌违法行为）', 'Cause (suspected violation)')} rules={req('案由', 'the cause')}><Input maxLength={200} data-testid="lead-cause" /></Form.Item>
        <Form.Item name="leadOn" label={t('发现日期', 'Found on')} rules={req('发现日期', 'the date')}><DatePicker allowClear={false} disabledDate={(d) => d.isAfter(today, 'day')} /></Form.Item>
        <Form.Item name="partyKind" label={t('当事人类型', 'Party')}>
          <Radio.Group options={[{ value: 'organisation', label: t('法人或其他组织', 'Organisation') }, { value: 'person', label: t('公民', 'Citizen') }]} />
        </Form.Item>
        <Form.Item name="partyName" label={t('当事人名称（姓名）', 'Party name')} rules={req('当事人', 'the party')}><Input maxLength={200} data-testid="lead-party" /></Form.Item>
        <Form.Item name="partyCode" label={t('统一社会信用代码或身份证号', 'Credit code or ID number')}><Input maxLength={30} /></Form.Item>
        <Form.Item name="partyLegalRep" label={t('法定代表人（负责人）', 'Legal representative')}><Input maxLength={50} /></Form.Item>
        <Form.Item name="partyAddress" label={t('地址', 'Address')} rules={req('地址', 'the address')}><Input maxLength={300} data-testid="lead-address" /></Form.Item>
        <Form.Item name="partyPhone" label={t('联系电话', 'Phone')}><Input maxLength={30} /></Form.Item>
        <Form.Item name="facts" label={t('线索情况', 'What was found')}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} /></Form.Item>
      </Form>
    </Drawer>
  );
}

/** The views above the list: everything, each queue the user works, and open major cases. */
const QUEUE_VIEWS: { key: string; permission: string; zh: string; en: string }[] = [
  { key: 'filing', permission: 'cases.approve', zh: '待立案审批', en: 'Awaiting filing' },
  { key: 'case_review', permission: 'cases.review', zh: '待案件审核', en: 'Awaiting case review' },
  { key: 'legal_review', permission: 'cases.legal_review', zh: '待法制审核', en: 'Awaiting legal review' },
  { key: 'collective', permission: 'cases.approve', zh: '待集体讨论', en: 'Awaiting collective discussion' },
];

function useViews() {
  const t = useT();
  const { can } = useAuth();
  const views = [{ value: 'all', label: t('全部案件', 'All cases') }];
  for (const q of QUEUE_VIEWS) if (can(q.permission)) views.push({ value: q.key, label: t(q.zh, q.en) });
  if (can('cases.approve') || can('cases.legal_review')) views.push({ value: 'major', label: t('办理中的重大案件', 'Open major cases') });
  return views;
}

function FilterSelects({ f }: { f: ReturnType<typeof useUrlFilters<FilterKey>> }) {
  const t = useT();
  const provisions = useQuery({ queryKey: ['provisions', 'all'], queryFn: () => api.get<Paged<{ code: string; title: string }>>('/api/discretion/provisions?pageSize=100') });
  const inspectors = useQuery({ queryKey: ['inspectors', 'picker'], queryFn: () => api.get<Paged<{ id: number; name: string; orgName: string }>>(`/api/inspectors${qs({ pageSize: 100 })}`) });
  return (
    <>
      <Select allowClear style={{ width: 180 }} placeholder={t('状态', 'State')} value={f.values.state} onChange={(state) => f.set({ state })}
        options={Object.entries(CASE_STATE_NAMES).map(([v, l]) => ({ value: v, label: l }))} data-testid="filter-state" />
      <Select allowClear style={{ width: 120 }} placeholder={t('程序', 'Procedure')} value={f.values.procedure} onChange={(procedure) => f.set({ procedure })}
        options={[{ value: 'general', label: t('普通程序', 'General') }, { value: 'simple', label: t('简易程序', 'Simple') }]} data-testid="filter-procedure" />
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} placeholder={t('处罚依据', 'Provision')} value={f.values.provision}
        onChange={(provision) => f.set({ provision })} data-testid="filter-provision"
        options={(provisions.data?.rows ?? []).map((p) => ({ value: p.code, label: `${p.code} ${p.title}` }))} />
      <OrgTreeSelect style={{ width: 200 }} placeholder={t('办案机构（含下级）', 'Organisation')} value={f.values.orgId ? Number(f.values.orgId) : undefined}
        onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
      <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 150 }} placeholder={t('承办人', 'Inspector')}
        value={f.values.inspectorId ? Number(f.values.inspectorId) : undefined} onChange={(inspectorId) => f.set({ inspectorId })} data-testid="filter-inspector"
        options={(inspectors.data?.rows ?? []).map((i) => ({ value: i.id, label: i.name }))} />
      <Select allowClear style={{ width: 140 }} placeholder={t('办案期限', 'Deadline')} value={f.values.overdue} onChange={(overdue) => f.set({ overdue })}
        options={[{ value: 'true', label: t('已超期', 'Overdue') }, { value: 'false', label: t('未超期', 'Not overdue') }]} data-testid="filter-overdue" />
      <Space.Compact>
        <Select style={{ width: 110 }} value={f.values.dateOf ?? 'lead'} onChange={(dateOf) => f.set({ dateOf: dateOf === 'lead' ? undefined : dateOf })} data-testid="filter-date-of"
          options={[{ value: 'lead', label: t('发现日期', 'Lead date') }, { value: 'filed', label: t('立案日期', 'Filed') }, { value: 'decided', label: t('决定日期', 'Decided') }, { value: 'closed', label: t('结案日期', 'Closed') }]} />
        <DatePicker.RangePicker style={{ width: 240 }} allowEmpty={[true, true]} data-testid="filter-period"
          value={[f.values.from ? dayjs(f.values.from) : null, f.values.to ? dayjs(f.values.to) : null]}
          onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })} />
      </Space.Compact>
    </>
  );
}

const FILTER_KEYS = ['q', 'state', 'procedure', 'provision', 'orgId', 'inspectorId', 'overdue', 'queue', 'majorOpen', 'from', 'to', 'dateOf'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

export function CaseListPage() {
  const t = useT();
  const { can } = useAuth();
  const f = useUrlFilters(FILTER_KEYS);
  // Opened from a figure (dashboard, annual report): the link's period, organisation and overdue flag become this list's filters.
  const linking = useRecordLinkFilters({ from: 'from', to: 'to', orgId: 'orgId', overdue: ['overdue', 'true'] });
  const views = useViews();
  const view = f.values.majorOpen === 'true' ? 'major' : f.values.queue ?? 'all';
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['cases', f.query],
    queryFn: () => api.get<Paged<CaseSummary>>(`/api/cases${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<CaseSummary> = [
    { title: t('案号', 'Case no.'), dataIndex: 'caseNo', width: 170, render: (v: string, r) => <Link to={`/cases/${r.id}`} data-testid={`case-${r.id}`}>{v}</Link> },
    { title: t('当事人', 'Party'), dataIndex: 'partyName' },
    { title: t('案由', 'Cause'), dataIndex: 'cause' },
    {
      title: t('状态', 'State'), dataIndex: 'stateName',
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Tag color={CASE_STATE_COLOURS[r.state]}>{v}</Tag>
          {r.overdue && <Tag color="red">{t('超期', 'Overdue')}</Tag>}
          {r.major && <Tag color="volcano">{t('重大', 'Major')}</Tag>}
          {r.imported && <Tag>{t('历史导入', 'Imported')}</Tag>}
        </Space>
      ),
    },
    { title: t('程序', 'Procedure'), dataIndex: 'procedure', width: 80, render: (v: string) => (v === 'simple' ? t('简易', 'Simple') : t('普通', 'General')) },
    { title: t('承办人', 'Inspectors'), dataIndex: 'inspectors', width: 120, render: (v: string[]) => v.join('、') || '—' },
    { title: t('发现日期', 'Found'), dataIndex: 'leadOn', width: 110 },
    { title: t('机构', 'Organisation'), dataIndex: 'orgName' },
  ];
  const chooseView = (v: string) => f.set({ queue: v === 'all' || v === 'major' ? undefined : v, majorOpen: v === 'major' ? 'true' : undefined });
  return (
    <div>
      <PageHeader title={t('行政处罚案件', 'Penalty cases')}
        subtitle={t('从线索、立案、调查、审核、告知、听证到决定、送达、执行、结案和归档，每一步按《行政处罚法》校验并记录。', 'Every step from lead to archive is checked against the Administrative Penalty Law and recorded.')}
        extra={(
          <Space>
            {can('imports.penalty_cases') && <Link to="/imports?dataset=penalty_cases"><Button icon={<CloudUploadOutlined />} data-testid="case-import">{t('导入历史案件', 'Import history')}</Button></Link>}
            <ExportButton path="/api/exports/penalty_cases" filters={f.query} testId="case-export" />
            {can('cases.handle') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="case-new">{t('登记线索', 'Register a lead')}</Button>}
          </Space>
        )} />
      {views.length > 1 && <Segmented value={view} onChange={(v) => chooseView(String(v))} options={views} style={{ marginBottom: 12 }} data-testid="case-views" />}
      <SearchBar value={f.values.q} onSearch={(q) => f.set({ q })} onReset={f.reset} placeholder={t('案号、当事人、案由', 'Case no., party, cause')}>
        <FilterSelects f={f} />
      </SearchBar>
      {list.isError ? <ErrorAlert error={list.error} /> : (
        <Table<CaseSummary> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows ?? []} loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)}
          locale={{ emptyText: view === 'all' ? t('暂无案件', 'No cases') : t('该队列中暂无案件', 'No cases in this queue') }} />
      )}
      {adding && <LeadDrawer onClose={() => setAdding(false)} />}
    </div>
  );
}
