// 法治建设 › 年度报告: the annual rule-of-law reports of the organisations in scope (year,
// organisation, status; search, filters, pagination, Excel export) and the dialog that
// generates the draft of a year for an organisation (or regenerates it).
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, InputNumber, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../lib/api';
import { useAuth, useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { errorMessage, formatDateTime } from '../../lib/format';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { tablePagination } from '../../components/pagination';
import { STATUS_COLORS, type ReportSummary } from './types';

const FILTERS = ['q', 'year', 'orgId', 'status'] as const;

export function ReportListPage() {
  const t = useT();
  const { can } = useAuth();
  const f = useUrlFilters(FILTERS);
  const [generating, setGenerating] = useState(false);
  const list = useQuery({
    queryKey: ['reports', f.query],
    queryFn: () => api.get<Paged<ReportSummary>>(`/api/reports${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const statusOptions = [
    { value: 'draft', label: t('草稿', 'Draft') }, { value: 'final', label: t('已定稿', 'Final') }, { value: 'published', label: t('已公开', 'Published') },
  ];
  const columns: ColumnsType<ReportSummary> = [
    { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
    { title: t('报告', 'Report'), dataIndex: 'title', render: (title: string, r) => <Link to={`/reports/${r.id}`} data-testid={`report-link-${r.id}`}>{title}</Link> },
    { title: t('机构', 'Organisation'), dataIndex: 'orgName', width: 220 },
    { title: t('状态', 'Status'), dataIndex: 'status', width: 100, render: (s: string, r) => <Tag color={STATUS_COLORS[s]}>{t(r.statusName, s)}</Tag> },
    { title: t('版本', 'Version'), dataIndex: 'currentVersion', width: 90, render: (v: number, r) => (r.finalVersion ? t(`第${r.finalVersion}版（定稿）`, `v${r.finalVersion} (final)`) : t(`第${v}版`, `v${v}`)) },
    { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', width: 170, render: (d: string) => formatDateTime(d) },
  ];
  return (
    <div>
      <PageHeader
        title={t('年度法治政府建设报告', 'Annual rule-of-law reports')}
        subtitle={t('按年度和机构（含下级机构）根据统计指标生成报告草稿，数据段落自动填写，文字段落由法规处补充；定稿后锁定，可在门户网站公开。',
          'Drafts written from the metrics of a year and an organisation (with everything under it); the legal division adds the narrative, finalises (locks) and publishes on the portal.')}
        extra={(
          <Space>
            <ExportButton path="/api/reports/export" filters={f.query} testId="report-export" />
            {can('reports.write') && <Button type="primary" icon={<FileAddOutlined />} onClick={() => setGenerating(true)} data-testid="report-generate">{t('生成报告', 'Generate a report')}</Button>}
          </Space>
        )} />
      <SearchBar value={f.values.q} onSearch={(q) => f.set({ q })} onReset={Object.keys(f.values).length ? f.reset : undefined} placeholder={t('报告标题或机构', 'Title or organisation')}>
        <Select allowClear style={{ width: 110 }} placeholder={t('年度', 'Year')} value={f.values.year ? Number(f.values.year) : undefined}
          onChange={(year) => f.set({ year })} options={years.map((y) => ({ value: y, label: String(y) }))} data-testid="report-filter-year" />
        <OrgTreeSelect value={f.values.orgId ? Number(f.values.orgId) : undefined} onChange={(orgId) => f.set({ orgId: orgId as number | undefined })} style={{ width: 220 }}
          placeholder={t('机构', 'Organisation')} data-testid="report-filter-org" />
        <Select allowClear style={{ width: 120 }} placeholder={t('状态', 'Status')} value={f.values.status} onChange={(status) => f.set({ status })} options={statusOptions} data-testid="report-filter-status" />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<ReportSummary> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching} pagination={tablePagination(f, list.data, t)}
        locale={{ emptyText: <Empty description={t('还没有年度报告，点击“生成报告”根据统计数据生成草稿', 'No report yet: generate a draft from the figures')} /> }} data-testid="report-table" />
      {generating && <GenerateDialog onClose={() => setGenerating(false)} />}
    </div>
  );
}

/** Year and organisation; while the server computes every metric twice, a progress bar. */
export function GenerateDialog({ onClose, initial }: { onClose: () => void; initial?: { year: number; orgId: number } }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; orgId: number }>();
  const [percent, setPercent] = useState(0);
  const thisYear = new Date().getFullYear();
  const generate = useMutation({
    mutationFn: (v: { year: number; orgId: number }) => {
      // The server answers in one go; the bar shows that work is going on (about a second on a year of records).
      setPercent(5);
      const timer = window.setInterval(() => setPercent((p) => Math.min(95, p + (95 - p) / 8)), 200);
      return api.post<ReportSummary>('/api/reports/generate', v).finally(() => window.clearInterval(timer));
    },
    onSuccess: (r) => {
      setPercent(100);
      void qc.invalidateQueries({ queryKey: ['reports'] });
      message.success(t(`已生成第${r.currentVersion}版`, `Version ${r.currentVersion} generated`));
      onClose();
      navigate(`/reports/${r.id}`);
    },
    onError: () => setPercent(0),
  });
  return (
    <Modal open title={t('生成年度报告', 'Generate an annual report')} onCancel={generate.isPending ? undefined : onClose} closable={!generate.isPending} maskClosable={false}
      okText={t('生成', 'Generate')} cancelText={t('取消', 'Cancel')} okButtonProps={{ loading: generate.isPending, 'data-testid': 'report-generate-submit' }}
      cancelButtonProps={{ disabled: generate.isPending }} onOk={() => form.submit()} data-testid="report-generate-dialog">
      <Form form={form} layout="vertical" initialValues={initial ?? { year: thisYear - 1, orgId: me.org.id }} onFinish={(v) => generate.mutate(v)} disabled={generate.isPending}>
        <Form.Item name="year" label={t('年度', 'Year')} rules={[
          { required: true, message: t('请填写年度', 'Enter the year') },
          { type: 'number', min: 2000, max: thisYear, message: t(`年度应在2000年至${thisYear}年之间`, `The year must be between 2000 and ${thisYear}`) },
        ]}>
          <InputNumber precision={0} style={{ width: 160 }} data-testid="report-generate-year" />
        </Form.Item>
        <Form.Item name="orgId" label={t('机构（含下级机构）', 'Organisation (with everything under it)')} rules={[{ required: true, message: t('请选择机构', 'Choose the organisation') }]}>
          <OrgTreeSelect allowClear={false} data-testid="report-generate-org" />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('已有该年度、该机构的报告草稿时重新生成：数据段落按最新记录重写，已修改的文字段落保留，保存为新版本。已定稿的报告不能重新生成。',
          'If a draft exists it is regenerated: the figures are rewritten from the records, edited paragraphs are kept, and a new version is saved. A final report cannot be regenerated.')}
      </Typography.Paragraph>
      {generate.isPending && (
        <div data-testid="report-generate-progress">
          <Typography.Text>{t('正在计算本年度和上年度的全部统计指标并撰写报告……', 'Computing every metric for the year and the year before, and writing the report…')}</Typography.Text>
          <Progress percent={Math.round(percent)} status="active" />
        </div>
      )}
      {generate.error && <Alert type="error" showIcon title={errorMessage(generate.error, t)} data-testid="report-generate-error" />}
    </Modal>
  );
}
