// 行政许可 › 电子证照: the licences issued in the user's data scope, searched by number or
// holder and filtered by status, item and organisation. 即将到期 lists the valid licences
// within their reminder window (the largest of their item's reminder days, as the expiry
// reminders count them: ?expiring=true), soonest first with the days left, and exports
// them as the reminder list the window phones the holders from. A link with
// ?expiringWithin=N (the home page's to-do) shows the licences expiring within N days.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Segmented, Select, Table, Tooltip, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { api, download, qs } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import { useUrlFilters } from '../../../lib/urlState';
import type { Paged } from '../../../lib/types';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBar } from '../../../components/SearchBar';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect';
import { ExportButton } from '../../../components/ExportButton';
import { tablePagination } from '../../../components/pagination';
import type { CatalogueRow } from '../catalogue/types';
import { LICENCE_STATUS_NAMES, licenceStatusLabel, type LicenceListRow, type ShownStatus } from '../types';
import { LicenceStatusTag } from '../parts';

const FILTERS = ['q', 'status', 'itemCode', 'orgId', 'expiring', 'expiringWithin'] as const;
/** Days left shown as a warning: a renewal is applied for 30 days before expiry (《行政许可法》第五十条). */
const RENEWAL_DAYS = 30;

export function LicenceListPage() {
  const t = useT();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const within = v.expiringWithin;
  const expiring = v.expiring === 'true' || within !== undefined;
  // The expiring list holds valid licences only: the status filter does not apply to it.
  const query: Record<string, string | number | undefined> = expiring ? { ...f.query, status: undefined } : f.query;
  const list = useQuery({
    queryKey: ['licensing', 'licences', query],
    queryFn: () => api.get<Paged<LicenceListRow>>(`/api/licensing/licences${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const catalogue = useQuery({
    queryKey: ['licensing', 'catalogue', 'picker'],
    queryFn: () => api.get<Paged<CatalogueRow>>(`/api/licensing/catalogue${qs({ pageSize: 100 })}`),
    staleTime: 60_000,
  });
  const { expiring: _x, expiringWithin: _e, ...others } = v;
  const filtered = Object.keys(others).length > 0;
  const { page: _p, pageSize: _s, ...exportFilters } = query;

  const columns: ColumnsType<LicenceListRow> = [
    { title: t('证照编号', 'Licence no.'), dataIndex: 'licenceNo', width: 190, render: (no: string, r) => <Link to={`/licensing/licences/${r.id}`} data-testid={`licence-${r.id}`}>{no}</Link> },
    { title: t('证照名称', 'Licence'), dataIndex: 'licenceName', ellipsis: true },
    {
      title: t('持证人', 'Holder'), dataIndex: 'holderName',
      render: (name: string, r) => <span>{name}{r.holderUscc && <div><Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.holderUscc}</Typography.Text></div>}</span>,
    },
    { title: t('发证机关', 'Issued by'), dataIndex: 'orgName', ellipsis: true },
    { title: t('发证日期', 'Issued'), dataIndex: 'issuedOn', width: 110 },
    { title: t('有效期至', 'Valid to'), dataIndex: 'validTo', width: 110 },
    {
      title: expiring ? t('剩余天数', 'Days left') : t('状态', 'Status'), dataIndex: 'status', width: 150,
      render: (s: ShownStatus, r) => (expiring || s === 'valid'
        ? <span><LicenceStatusTag status={s} />{s === 'valid' && (
          <Typography.Text type={r.daysLeft <= 7 ? 'danger' : r.daysLeft <= RENEWAL_DAYS ? 'warning' : 'secondary'} data-testid="licence-days-left">
            {t(`剩${r.daysLeft}天`, `${r.daysLeft} days left`)}
          </Typography.Text>
        )}</span>
        : <LicenceStatusTag status={s} />),
    },
  ];

  return (
    <div>
      <PageHeader title={t('电子证照', 'E-licences')}
        subtitle={t('本机关签发的电子证照（SM2签名，扫码核验）：变更、延续、补发、注销和撤销，以及即将到期的提醒清单。',
          'E-licences issued here (SM2-signed, verified by QR code): change, renewal, re-issue, cancellation and revocation, and the list of licences about to expire.')}
        extra={expiring ? (
          <Tooltip title={t('按到期日排序，含持证人名称和代码，用于电话提醒持证人办理延续', 'Soonest first, with the holders, for phoning them to renew')}>
            <Button icon={<FileExcelOutlined />} onClick={() => download(`/api/licensing/licences/export${qs(exportFilters)}`)} data-testid="licence-export-expiring">
              {t('导出到期提醒清单', 'Export the reminder list')}
            </Button>
          </Tooltip>
        ) : <ExportButton path="/api/licensing/licences/export" filters={query} testId="licence-export" />} />
      <Segmented style={{ marginBottom: 12 }} value={expiring ? 'expiring' : 'all'} data-testid="licence-views"
        onChange={(k) => f.set({ expiring: k === 'expiring' ? 'true' : undefined, expiringWithin: undefined, status: undefined })}
        options={[{ value: 'all', label: t('全部证照', 'All licences') }, {
          value: 'expiring',
          label: within !== undefined ? t(`即将到期（${within}天内）`, `Expiring within ${within} days`) : t('即将到期（按提醒天数）', 'Expiring (by reminder days)'),
          title: t('进入到期提醒期的有效证照：按事项设置的到期前提醒天数（取最大的）', 'Valid licences within their item’s reminder window (its largest number of reminder days)'),
        }]} />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? () => f.set({ q: undefined, status: undefined, itemCode: undefined, orgId: undefined }) : undefined}
        placeholder={t('证照编号、持证人或统一社会信用代码', 'Licence no., holder or credit code')}>
        {!expiring && (
          <Select allowClear style={{ width: 170 }} placeholder={t('状态', 'Status')} value={v.status} onChange={(status) => f.set({ status })} data-testid="filter-status"
            options={(Object.keys(LICENCE_STATUS_NAMES) as ShownStatus[]).map((s) => ({ value: s, label: licenceStatusLabel(s, t) }))} />
        )}
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 220 }} placeholder={t('事项', 'Item')} popupMatchSelectWidth={false}
          value={v.itemCode} onChange={(itemCode) => f.set({ itemCode })} data-testid="filter-item"
          options={(catalogue.data?.rows ?? []).map((i) => ({ value: i.itemCode, label: `${i.itemCode} ${i.name}` }))} />
        <OrgTreeSelect style={{ width: 200 }} placeholder={t('发证机关（含下级）', 'Issuing body')} value={v.orgId ? Number(v.orgId) : undefined}
          onChange={(orgId: number | undefined) => f.set({ orgId })} data-testid="filter-org" />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<LicenceListRow> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="licence-table"
        locale={{ emptyText: <Empty description={within !== undefined ? t(`没有${within}天内到期的有效证照`, `No valid licence expires within ${within} days`)
          : expiring ? t('没有进入到期提醒期的有效证照', 'No valid licence is within its reminder window') : filtered ? t('没有符合条件的证照，请调整查询条件', 'No licence matches; change the search') : t('还没有电子证照', 'No licences yet')} /> }} />
    </div>
  );
}
