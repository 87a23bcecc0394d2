// 监督检查 › 检查事项: the check-item lists of the commission (and of the user's own
// organisation), searched and filtered, exported to Excel; a click opens the item with its
// legal basis in force. The legal division adds and edits items.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { ENTITY_CATEGORY_LABELS, labelOf, optionsOf } from '../../lib/labels';
import type { EntityCategory, Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { tablePagination } from '../../components/pagination';
import { CheckItemDrawer } from './CheckItemDrawer';
import { CheckItemFormDrawer, useProvisionOptions } from './CheckItemFormDrawer';
import type { CheckItemDetail, CheckItemRow } from './types';

const FILTERS = ['q', 'category', 'randomOnly', 'active', 'provision'] as const;

export function CheckItemListPage() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const [openId, setOpenId] = useState<number>();
  const [editing, setEditing] = useState<CheckItemDetail | 'new'>();
  const provisions = useProvisionOptions();
  const list = useQuery({
    queryKey: ['checkitems', 'list', f.query],
    queryFn: () => api.get<Paged<CheckItemRow>>(`/api/checkitems${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(v).length > 0;

  const refresh = () => qc.invalidateQueries({ queryKey: ['checkitems'] });
  const saved = async (item: CheckItemDetail) => {
    setEditing(undefined);
    await refresh();
    setOpenId(item.id);
  };

  const columns: ColumnsType<CheckItemRow> = [
    {
      title: t('编号', 'Code'), dataIndex: 'code', width: 110,
      render: (code: string) => <Typography.Link data-testid={`item-${code}`}>{code}</Typography.Link>,
    },
    {
      title: t('检查事项', 'What is checked'), dataIndex: 'title', width: 300,
      render: (title: string, r) => (
        <div>
          <Typography.Text strong={r.active} type={r.active ? undefined : 'secondary'}>{title}</Typography.Text>
          <div>
            {r.randomList && <Tag color="blue">{t('随机抽查事项', 'Random list')}</Tag>}
            {!r.active && <Tag>{t('已停用', 'Inactive')}</Tag>}
          </div>
        </div>
      ),
    },
    { title: t('类别', 'Category'), dataIndex: 'category', width: 130, render: (c: EntityCategory) => labelOf(ENTITY_CATEGORY_LABELS, c, t) },
    {
      title: t('法律依据', 'Legal basis'), dataIndex: 'basisText',
      render: (b: string[]) => <Typography.Text style={{ fontSize: 13 }}>{b.join('；')}</Typography.Text>,
    },
    {
      title: t('处罚条款', 'Provision'), dataIndex: 'provisionCode', width: 110,
      render: (code: string | null, r) => (code ? <Tooltip title={r.provisionTitle}><Tag>{code}</Tag></Tooltip> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('所属机构', 'Organisation'), dataIndex: 'orgName', width: 180, ellipsis: true },
  ];

  return (
    <div>
      <PageHeader
        title={t('检查事项', 'Check items')}
        subtitle={t('按监管对象类别列出的检查事项及其法律依据和不合格时适用的处罚条款；列入随机抽查事项清单的，用于“双随机、一公开”抽查。',
          'What an inspection checks for each entity category, with its legal basis and the penalty provision if it fails; items in the random list are used by random inspections.')}
        extra={<>
          {can('checkitems.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="item-new">{t('新增检查事项', 'New check item')}</Button>}
          <ExportButton path="/api/checkitems/export" filters={f.query} testId="item-export" />
        </>}
      />
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? f.reset : undefined}
        placeholder={t('事项编号或名称，如 GGCS-01、健康合格', 'Code or title')}>
        <Select data-testid="filter-category" allowClear placeholder={t('类别', 'Category')} style={{ width: 170 }} value={v.category}
          options={optionsOf(ENTITY_CATEGORY_LABELS, t)} onChange={(x) => f.set({ category: x })} popupMatchSelectWidth={false} />
        <Select data-testid="filter-random" allowClear placeholder={t('清单', 'List')} style={{ width: 150 }} value={v.randomOnly}
          options={[{ value: 'true', label: t('仅随机抽查事项', 'Random list only') }]} onChange={(x) => f.set({ randomOnly: x })} popupMatchSelectWidth={false} />
        <Select data-testid="filter-active" allowClear placeholder={t('状态', 'Status')} style={{ width: 110 }} value={v.active}
          options={[{ value: 'true', label: t('有效', 'Active') }, { value: 'false', label: t('已停用', 'Inactive') }]} onChange={(x) => f.set({ active: x })} />
        <Select data-testid="filter-provision" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('处罚条款', 'Provision')} style={{ width: 160 }}
          value={v.provision} options={provisions.data} onChange={(x) => f.set({ provision: x })} popupMatchSelectWidth={false} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="item-table">
        <Table<CheckItemRow>
          rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的检查事项，请调整查询条件', 'No item matches; change the search') : t('还没有检查事项', 'No check items yet')} /> }}
          scroll={{ x: 1100 }}
        />
      </div>
      <CheckItemDrawer id={openId} onClose={() => setOpenId(undefined)} onEdit={(item) => setEditing(item)} onChanged={() => void refresh()} />
      {can('checkitems.write') && (
        <CheckItemFormDrawer
          open={editing !== undefined}
          item={editing === 'new' ? undefined : editing}
          category={v.category as EntityCategory | undefined}
          onClose={() => setEditing(undefined)}
          onSaved={saved}
        />
      )}
    </div>
  );
}
