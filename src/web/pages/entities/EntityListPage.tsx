import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { formatDateTime } from '../../lib/format';
import { CREDIT_GRADE_LABELS, ENTITY_CATEGORY_LABELS, RISK_CLASS_LABELS, labelOf, optionsOf } from '../../lib/labels';
import type { Entity, Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { RegionSelect } from '../../components/RegionSelect';
import { BlacklistTag, CreditTag, RiskTag } from '../../components/Tags';
import { tablePagination } from '../../components/pagination';

const FILTERS = ['q', 'category', 'regionCode', 'riskClass', 'creditGrade', 'blacklisted', 'orgId', 'sort'] as const;

export function EntityListPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const list = useQuery({
    queryKey: ['entities', f.query],
    queryFn: () => api.get<Paged<Entity>>(`/api/entities${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(v).some((k) => k !== 'sort');

  const columns: ColumnsType<Entity> = [
    {
      title: t('名称 / 地址', 'Name / address'), dataIndex: 'name', width: 300,
      render: (name: string, r) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/entities/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>{name}</Link>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.address }} style={{ display: 'block', fontSize: 12, maxWidth: 280 }}>{r.address}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('统一社会信用代码', 'Unified social credit code'), dataIndex: 'uscc', width: 200,
      render: (code: string, r) => (
        <Space size={4}>
          <Typography.Text copyable={{ text: code }} style={{ fontFamily: 'monospace' }}>{code}</Typography.Text>
          {r.legacyCode && <Tooltip title={t('校验码不符，已由管理员认可为历史代码', 'Check character fails; accepted as a legacy code')}><Tag color="gold">{t('历史代码', 'Legacy')}</Tag></Tooltip>}
        </Space>
      ),
    },
    { title: t('类别', 'Category'), dataIndex: 'category', width: 130, render: (c: Entity['category']) => labelOf(ENTITY_CATEGORY_LABELS, c, t) },
    { title: t('行政区划', 'Region'), dataIndex: 'regionName', width: 160, ellipsis: true, render: (n: string | null, r) => n ?? r.regionCode },
    { title: t('监管机构', 'Supervising organisation'), dataIndex: 'orgName', width: 170, ellipsis: true },
    {
      title: t('风险 / 信用', 'Risk / credit'), key: 'grade', width: 190,
      render: (_, r) => <Space size={0} wrap><RiskTag value={r.riskClass} /><CreditTag value={r.creditGrade} /><BlacklistTag value={r.blacklisted} /></Space>,
    },
    { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', width: 140, render: formatDateTime },
  ];

  return (
    <div>
      <PageHeader
        title={t('监管对象名录', 'Regulated-entity directory')}
        subtitle={t('本机构数据范围内登记的监管对象，以统一社会信用代码唯一标识。', 'Regulated entities in your data scope, identified by their unified social credit code.')}
        extra={<>
          {can('entities.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/entities/new')} data-testid="entity-new">{t('新增监管对象', 'New entity')}</Button>}
          <ExportButton path="/api/exports/entities" filters={f.query} />
        </>}
      />
      <SearchBar
        value={v.q}
        onSearch={(q) => f.set({ q })}
        onReset={filtered ? f.reset : undefined}
        placeholder={t('名称、地址、法定代表人或代码', 'Name, address, legal rep. or code')}
      >
        <Select data-testid="filter-category" allowClear placeholder={t('类别', 'Category')} style={{ width: 170 }} value={v.category}
          options={optionsOf(ENTITY_CATEGORY_LABELS, t)} onChange={(x) => f.set({ category: x })} popupMatchSelectWidth={false} />
        <RegionSelect data-testid="filter-region" value={v.regionCode} onChange={(x) => f.set({ regionCode: x })} placeholder={t('行政区划', 'Region')} style={{ width: 150 }} />
        <Select data-testid="filter-risk" allowClear placeholder={t('风险等级', 'Risk class')} style={{ width: 120 }} value={v.riskClass}
          options={optionsOf(RISK_CLASS_LABELS, t)} onChange={(x) => f.set({ riskClass: x })} />
        <Select data-testid="filter-credit" allowClear placeholder={t('信用等级', 'Credit grade')} style={{ width: 150 }} value={v.creditGrade}
          options={optionsOf(CREDIT_GRADE_LABELS, t)} onChange={(x) => f.set({ creditGrade: x })} popupMatchSelectWidth={false} />
        <Select data-testid="filter-blacklisted" allowClear placeholder={t('失信名单', 'Blacklist')} style={{ width: 130 }} value={v.blacklisted}
          options={[{ value: 'true', label: t('列入严重失信名单', 'Blacklisted') }, { value: 'false', label: t('未列入', 'Not blacklisted') }]}
          onChange={(x) => f.set({ blacklisted: x })} popupMatchSelectWidth={false} />
        <OrgTreeSelect data-testid="filter-org" value={v.orgId ? Number(v.orgId) : undefined} onChange={(x) => f.set({ orgId: x })} placeholder={t('监管机构（含下级）', 'Organisation (and below)')} style={{ width: 200 }} />
        <Select value={v.sort ?? 'recent'} style={{ width: 130 }} onChange={(x) => f.set({ sort: x === 'recent' ? undefined : x })}
          options={[{ value: 'recent', label: t('最近录入在前', 'Newest first') }, { value: 'name', label: t('按名称排序', 'By name') }]} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="entity-table">
        <Table<Entity>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows}
          loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)}
          onRow={(r) => ({ onClick: () => navigate(`/entities/${r.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的监管对象，请调整查询条件', 'No entity matches; change the search') : t('名录中还没有监管对象', 'The directory is empty')} /> }}
          scroll={{ x: 1290 }}
        />
      </div>
    </div>
  );
}
