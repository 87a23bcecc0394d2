// The public portal's penalty publication (行政处罚信息公示): no login, only decisions
// published and still within their publication period, with natural persons' data
// masked as published.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Input, Layout, List, Pagination, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import type { Paged } from '../lib/types';
import { ErrorAlert } from '../components/ErrorAlert';

interface PublicDecision {
  id: number; publishedOn: string; caseNo: string; agency: string;
  party: { name: string; code: string | null; legalRep: string | null; address: string | null };
  cause: string; facts: string | null; basis: string[]; decision: string; fineYuan: number; decidedOn: string;
}

export function PenaltyPortalPage() {
  const t = useT();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['public', 'penalties', q, page],
    queryFn: () => api.get<Paged<PublicDecision>>(`/api/public/penalties${qs({ q, page, pageSize: 10 })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#1f5fbf', color: '#fff', fontSize: 18 }}>{t('行政处罚信息公示', 'Published penalty decisions')}</Layout.Header>
      <Layout.Content style={{ maxWidth: 1000, width: '100%', margin: '24px auto', padding: '0 16px' }}>
        <Typography.Paragraph type="secondary">
          {t('依法公示的行政处罚决定。自然人的姓名（保留姓氏）、身份证号、电话号码和住址已隐去；公示期满或信用修复后不再公示。',
            'Penalty decisions published by law. Personal data of natural persons are masked; a decision leaves the list when its period ends or credit is repaired.')}
        </Typography.Paragraph>
        <Input.Search allowClear enterButton={t('查询', 'Search')} placeholder={t('当事人名称、案由、文号或执法机关', 'Party, cause, case number or agency')}
          onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ marginBottom: 16 }} data-testid="portal-search" maxLength={50} />
        {list.isError ? <ErrorAlert error={list.error} /> : (
          <>
            <List<PublicDecision>
              loading={list.isFetching} dataSource={list.data?.rows ?? []} locale={{ emptyText: t('没有公示中的行政处罚决定', 'No published decisions') }}
              renderItem={(d) => (
                <Card size="small" style={{ marginBottom: 12 }} data-testid={`portal-decision-${d.caseNo}`}
                  title={<Space><span>{d.party.name}</span><Tag>{d.cause}</Tag></Space>} extra={<span>{d.caseNo}</span>}>
                  <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
                    { key: 'a', label: t('执法机关', 'Agency'), children: d.agency },
                    { key: 'd', label: t('决定日期', 'Decided'), children: d.decidedOn },
                    ...(d.party.code ? [{ key: 'c', label: t('统一社会信用代码/证件号', 'Code'), children: d.party.code }] : []),
                    ...(d.party.legalRep ? [{ key: 'l', label: t('法定代表人', 'Representative'), children: d.party.legalRep }] : []),
                    { key: 'x', label: t('处罚决定', 'Decision'), children: d.decision, span: 'filled' },
                    ...(d.basis.length ? [{ key: 'b', label: t('处罚依据', 'Basis'), children: d.basis.join('；'), span: 'filled' as const }] : []),
                    ...(d.facts ? [{ key: 'f', label: t('主要违法事实', 'Facts'), children: d.facts, span: 'filled' as const }] : []),
                    { key: 'p', label: t('公示日期', 'Published'), children: d.publishedOn },
                  ]} />
                </Card>
              )} />
            <Pagination current={page} pageSize={10} total={list.data?.total ?? 0} onChange={setPage} showTotal={(n) => t(`共 ${n} 条`, `${n} in all`)} />
          </>
        )}
      </Layout.Content>
    </Layout>
  );
}
