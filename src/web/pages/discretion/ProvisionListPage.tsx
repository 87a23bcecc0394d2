import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tablePagination } from '../../components/pagination';
import type { ProvisionSummary } from './types';

export function ProvisionListPage() {
  const t = useT();
  const f = useUrlFilters(['q'] as const);
  const list = useQuery({
    queryKey: ['provisions', f.query],
    queryFn: () => api.get<Paged<ProvisionSummary>>(`/api/discretion/provisions${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<ProvisionSummary> = [
    { title: t('条款编号', 'Code'), dataIndex: 'code', width: 120, render: (c: string) => <Link to={`/discretion/${c}`} data-testid={`provision-${c}`}>{c}</Link> },
    { title: t('违法行为', 'Violation'), dataIndex: 'title' },
    { title: t('处罚依据', 'Penalty article'), dataIndex: 'penaltyCitation' },
    { title: t('情形', 'Scenarios'), dataIndex: 'scenarios', width: 80, align: 'right' },
    {
      title: t('基准修订', 'Benchmark revision'), key: 'rev', width: 170,
      render: (_, r) => <Tag>{t(`第${r.revision}版`, `rev. ${r.revision}`)}{r.effectiveFrom ? t(`，${r.effectiveFrom}起`, `, from ${r.effectiveFrom}`) : ''}</Tag>,
    },
  ];
  return (
    <div>
      <PageHeader
        title={t('处罚依据与裁量基准', 'Penalty provisions and discretion benchmarks')}
        subtitle={t('每个处罚条款关联违法条款和处罚条款，规定处罚种类和罚款幅度，并按裁量基准划分从轻、一般、从重档次。点击条款查看基准并计算案件的罚款幅度。',
          'Each provision links the violated and the penalty article, the sanctions and the fine, divided by the benchmark into lighter, ordinary and heavier tiers. Open one to compute a case\'s range.')}
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }}
        title={t('内置的裁量基准为示例（依据国办发〔2022〕27号及已公布的地方基准），请政策法规处按本地裁量基准修订后使用；档次划分比例可在“规则参数”中按机构设置。',
          'The bundled benchmarks are examples: the legal division should revise them to the local benchmark; the tier split is set per organisation under Rule settings.')} />
      <SearchBar value={f.values.q} onSearch={(q) => f.set({ q })} onReset={f.reset} placeholder={t('条款编号或违法行为，如 BHPL-99、擅自执业', 'Code or violation')} />
      {list.isError ? <ErrorAlert error={list.error} /> : (
        <Table<ProvisionSummary>
          rowKey="code" size="middle" columns={columns} dataSource={list.data?.rows ?? []} loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)} locale={{ emptyText: t('没有符合条件的处罚条款', 'No provision matches') }}
        />
      )}
    </div>
  );
}
