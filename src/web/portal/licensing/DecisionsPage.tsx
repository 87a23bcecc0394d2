// The published licensing decisions (行政许可信息公示, the licensing half of 双公示), no
// login: approvals, filings and refusals as published when decided, each licence's current
// status beside it (revoked, cancelled, replaced since), natural persons' names masked by
// the publication rule; searched by applicant, item, licence or
// application number, newest first, with the search and page in the address.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Input, List, Pagination, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { usePhone } from '../../layout/useScreen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LicensingPortalLayout } from './LicensingPortalLayout';
import type { PublishedDecision, PublishedDecisions } from './types';

const PAGE_SIZE = 10;
const DECISION_COLORS: Record<string, string> = { 准予许可: 'green', 予以备案: 'blue', 不予许可: 'red' };
const LICENCE_STATUS_COLORS: Record<string, string> = { valid: 'green', expired: 'default', revoked: 'red', cancelled: 'orange', superseded: 'blue' };

export function DecisionsPage() {
  const t = useT();
  const phone = usePhone();
  const f = useUrlFilters(['q'] as const, PAGE_SIZE);
  const list = useQuery({
    queryKey: ['public', 'licensing-decisions', f.query],
    queryFn: () => api.get<PublishedDecisions>(`/api/public/licensing-decisions${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  return (
    <LicensingPortalLayout>
      <Typography.Title level={phone ? 4 : 3} style={{ marginTop: 0 }}>{t('行政许可信息公示', 'Published licensing decisions')}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="decisions-intro">
        {list.data && t(`依法公示的行政许可和备案决定（准予许可、予以备案、不予许可），自作出决定之日起${list.data.publicationWorkdays}个工作日内公示（${list.data.publicationCitation}）。证照此后被撤销、注销或换发的，注明其当前状态。自然人申请人的姓名等个人信息已按规定隐去。`,
          `Licensing and filing decisions published by law within ${list.data.publicationWorkdays} working days of the decision; a licence revoked, cancelled or replaced since shows its current status. Personal data of natural persons are masked.`)}
      </Typography.Paragraph>
      <Input.Search allowClear enterButton={t('查询', 'Search')} placeholder={t('申请人、事项名称或编码、证照编号、办件编号', 'Applicant, item, licence or application number')}
        defaultValue={f.values.q} onSearch={(v) => f.set({ q: v.trim() })} style={{ marginBottom: 16, maxWidth: phone ? undefined : 560 }}
        maxLength={50} data-testid="decisions-search" />
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => list.refetch()} /> : (
        <>
          <List<PublishedDecision>
            loading={list.isFetching} dataSource={list.data?.rows ?? []} data-testid="decisions-list"
            locale={{
              emptyText: <Empty data-testid="decisions-empty"
                description={f.values.q ? t(`没有与“${f.values.q}”相符的公示信息`, `Nothing matches “${f.values.q}”`) : t('暂无公示的行政许可决定', 'No published decisions yet')} />,
            }}
            renderItem={(d) => (
              <Card size="small" style={{ marginBottom: 12 }} data-testid={`decision-${d.applicationNo}`}
                title={<Space wrap size={[8, 0]}><span style={{ whiteSpace: 'normal' }}>{d.applicant}</span><Tag color={DECISION_COLORS[d.decision] ?? 'default'}>{d.decision}</Tag></Space>}
                extra={phone ? undefined : <Typography.Text type="secondary">{t('公示日期 ', 'Published ')}{d.publishedOn}</Typography.Text>}>
                <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
                  { key: 'item', label: t('许可事项', 'Item'), span: 2, children: `${d.itemName}（${d.itemCode}）` },
                  { key: 'date', label: t('决定日期', 'Decided'), children: d.decidedOn },
                  ...(d.applicantCode ? [{ key: 'code', label: t('统一社会信用代码', 'Code'), children: d.applicantCode }] : []),
                  { key: 'issuer', label: t('许可机关', 'Authority'), children: d.issuer },
                  { key: 'no', label: t('办件编号', 'Application no.'), children: d.applicationNo },
                  ...(d.licenceNo ? [{
                    key: 'lic', label: t('证照编号', 'Licence no.'),
                    children: <Link to={`/portal/verify/licence?licenceNo=${encodeURIComponent(d.licenceNo)}`} data-testid={`decision-licence-${d.applicationNo}`}>{d.licenceNo}</Link>,
                  }] : []),
                  ...(d.validTo ? [{ key: 'valid', label: t('有效期至', 'Valid until'), children: d.validTo }] : []),
                  ...(d.licenceStatus ? [{
                    key: 'status', label: t('证照当前状态', 'Licence now'),
                    children: <Tag color={LICENCE_STATUS_COLORS[d.licenceStatus] ?? 'default'} data-testid={`decision-status-${d.applicationNo}`}>{d.licenceStatusName}{d.licenceStatusOn ? `（${d.licenceStatusOn}）` : ''}</Tag>,
                  }] : []),
                  ...(d.commitment ? [{ key: 'commit', label: t('办理方式', 'Procedure'), children: <Tag color="gold">{t('告知承诺', 'On a written commitment')}</Tag> }] : []),
                  ...(phone ? [{ key: 'pub', label: t('公示日期', 'Published'), children: d.publishedOn }] : []),
                ]} />
              </Card>
            )} />
          {(list.data?.total ?? 0) > 0 && (
            <Pagination current={f.page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(page) => f.setPage(page)} size={phone ? 'small' : undefined}
              showSizeChanger={false} showTotal={(n) => t(`共 ${n} 条`, `${n} in all`)} data-testid="decisions-pagination" />
          )}
        </>
      )}
    </LicensingPortalLayout>
  );
}
