// 行政许可 › 事项清单: the service-item catalogue (事项清单 / 权责清单) of the commission and
// of the user's own organisation, searched and filtered, exported to Excel; a click opens
// the item with its versions. Staff holding licensing.catalogue add items, edit them (each
// edit a new version), publish them to the portal's service guide and deactivate them.
// The second tab lists the “one thing” bundles (一件事一次办).
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { useT } from '../../../lib/i18n';
import { errorMessage } from '../../../lib/format';
import { showFieldErrors } from '../../../lib/forms';
import { useUrlFilters } from '../../../lib/urlState';
import type { Paged } from '../../../lib/types';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBar } from '../../../components/SearchBar';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportButton } from '../../../components/ExportButton';
import { tablePagination } from '../../../components/pagination';
import { CatalogueDrawer } from './CatalogueDrawer';
import { CatalogueFormModal } from './CatalogueFormModal';
import { CATEGORY_LABELS, KIND_LABELS, daysText, optionsOf, type BundleRow, type CatalogueCategory, type CatalogueDetail, type CatalogueRow } from './types';

const FILTERS = ['q', 'category', 'kind', 'active', 'published', 'tab'] as const;

export function CataloguePage() {
  const t = useT();
  const f = useUrlFilters(FILTERS);
  return (
    <div>
      <PageHeader
        title={t('政务服务事项清单', 'Service-item catalogue')}
        subtitle={t('本委（局）实施的行政许可、备案等政务服务事项：设定依据、法定与承诺办结时限、申请材料、告知承诺与容缺受理；发布后在门户网站“办事指南”中公开。修改事项生成新版本，已受理的办件仍按受理时的版本办理。',
          'The licensing and filing items the commission handles: legal basis, time limits, materials, commitment and deficiency acceptance; published items appear in the portal’s service guide. An edit adds a version; applications keep the version they were made under.')}
      />
      <Tabs activeKey={f.values.tab === 'bundles' ? 'bundles' : 'items'} onChange={(k) => f.set({ tab: k === 'bundles' ? k : undefined })} items={[
        { key: 'items', label: t('事项清单', 'Items'), children: <ItemsTab /> },
        { key: 'bundles', label: t('“一件事”套餐', '“One thing” bundles'), children: <BundlesTab /> },
      ]} />
    </div>
  );
}

function ItemsTab() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const f = useUrlFilters(FILTERS);
  const { tab: _tab, ...v } = f.values;
  const { tab: _t2, ...query } = f.query;
  const [openId, setOpenId] = useState<number>();
  const [editing, setEditing] = useState<CatalogueDetail | 'new'>();
  const list = useQuery({
    queryKey: ['licensing', 'catalogue', 'list', query],
    queryFn: () => api.get<Paged<CatalogueRow>>(`/api/licensing/catalogue${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(v).length > 0;
  const refresh = () => qc.invalidateQueries({ queryKey: ['licensing'] });
  const saved = async (item: CatalogueDetail) => {
    setEditing(undefined);
    await refresh();
    setOpenId(item.id);
  };

  const columns: ColumnsType<CatalogueRow> = [
    {
      title: t('事项编码', 'Code'), dataIndex: 'itemCode', width: 130,
      render: (code: string) => <Typography.Link data-testid={`cat-item-${code}`}>{code}</Typography.Link>,
    },
    {
      title: t('事项名称', 'Name'), dataIndex: 'name', width: 280,
      render: (name: string, r) => (
        <div>
          <Typography.Text strong={r.active} type={r.active ? undefined : 'secondary'}>{name}</Typography.Text>
          <div>
            <Tag>{t(...KIND_LABELS[r.kind])}</Tag>
            {r.version > 1 && <Tag color="purple">{t(`第${r.version}版`, `v${r.version}`)}</Tag>}
            {r.commitmentAllowed && <Tag color="gold">{t('告知承诺', 'Commitment')}</Tag>}
            {r.deficiencyAllowed && <Tag color="orange">{t('容缺受理', 'Deficiency')}</Tag>}
            {!r.active && <Tag>{t('已停用', 'Inactive')}</Tag>}
          </div>
        </div>
      ),
    },
    { title: t('类别', 'Category'), dataIndex: 'category', width: 130, render: (c: CatalogueCategory) => t(...CATEGORY_LABELS[c]) },
    {
      title: t('办结时限', 'Time limits'), key: 'days', width: 170,
      render: (_: unknown, r) => (
        <span>{t('承诺', 'Promised')} {daysText(r.promisedDays, t)}<br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('法定', 'Statutory')} {daysText(r.statutoryDays, t)}</Typography.Text></span>
      ),
    },
    {
      title: t('设定依据', 'Legal basis'), dataIndex: 'legalBasis',
      render: (b: string) => <Typography.Text style={{ fontSize: 13 }}>{b}</Typography.Text>,
    },
    {
      title: t('办事指南', 'Guide'), dataIndex: 'publishedAt', width: 100,
      render: (p: string | null) => (p ? <Tag color="blue">{t('已公开', 'Published')}</Tag> : <Tag>{t('未公开', 'Not published')}</Tag>),
    },
    { title: t('实施机构', 'Agency'), dataIndex: 'orgName', width: 170, ellipsis: true },
  ];

  return (
    <div>
      <SearchBar value={v.q} onSearch={(q) => f.set({ q })} onReset={filtered ? () => f.set({ q: undefined, category: undefined, kind: undefined, active: undefined, published: undefined }) : undefined}
        placeholder={t('事项编码或名称，如 XK-GGCS-01、诊所', 'Code or name')}
        extra={<>
          {can('licensing.catalogue') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="cat-new">{t('新增事项', 'New item')}</Button>}
          <ExportButton path="/api/licensing/catalogue/export" filters={query} testId="cat-export" />
        </>}>
        <Select data-testid="cat-filter-category" allowClear placeholder={t('事项类别', 'Category')} style={{ width: 150 }} value={v.category}
          options={optionsOf(CATEGORY_LABELS, t)} onChange={(x) => f.set({ category: x })} popupMatchSelectWidth={false} />
        <Select data-testid="cat-filter-kind" allowClear placeholder={t('类型', 'Kind')} style={{ width: 110 }} value={v.kind}
          options={optionsOf(KIND_LABELS, t)} onChange={(x) => f.set({ kind: x })} />
        <Select data-testid="cat-filter-active" allowClear placeholder={t('状态', 'Status')} style={{ width: 110 }} value={v.active}
          options={[{ value: 'true', label: t('有效', 'Active') }, { value: 'false', label: t('已停用', 'Inactive') }]} onChange={(x) => f.set({ active: x })} />
        <Select data-testid="cat-filter-published" allowClear placeholder={t('办事指南', 'Guide')} style={{ width: 120 }} value={v.published}
          options={[{ value: 'true', label: t('已公开', 'Published') }, { value: 'false', label: t('未公开', 'Not published') }]} onChange={(x) => f.set({ published: x })} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="cat-table">
        <Table<CatalogueRow>
          rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的事项，请调整查询条件', 'No item matches; change the search') : t('还没有事项', 'No items yet')} /> }}
          scroll={{ x: 1200 }}
        />
      </div>
      <CatalogueDrawer id={openId} onOpen={setOpenId} onClose={() => setOpenId(undefined)} onEdit={(item) => setEditing(item)} onChanged={() => void refresh()} />
      {can('licensing.catalogue') && (
        <CatalogueFormModal open={editing !== undefined} item={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} onSaved={saved} />
      )}
    </div>
  );
}

interface BundleForm { code?: string; name?: string; itemCodes?: string[] }

function BundlesTab() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<BundleForm>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const bundles = useQuery({ queryKey: ['licensing', 'bundles'], queryFn: () => api.get<{ rows: BundleRow[] }>('/api/licensing/bundles') });
  const items = useQuery({
    queryKey: ['licensing', 'catalogue', 'options'],
    queryFn: () => api.get<Paged<CatalogueRow>>('/api/licensing/catalogue?active=true&pageSize=100'),
    enabled: open,
    select: (d) => d.rows.map((r) => ({ value: r.itemCode, label: `${r.itemCode} ${r.name}` })),
  });

  const save = async (v: BundleForm) => {
    setSaving(true);
    setFormError(undefined);
    try {
      await api.post('/api/licensing/bundles', { code: v.code?.trim(), name: v.name?.trim(), itemCodes: v.itemCodes ?? [] });
      message.success(t('已新增套餐', 'Bundle added'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['licensing', 'bundles'] });
    } catch (err) {
      if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<BundleRow> = [
    { title: t('套餐编码', 'Code'), dataIndex: 'code', width: 140 },
    { title: t('名称', 'Name'), dataIndex: 'name', width: 220, render: (n: string, b) => <span>{n}{!b.active && <Tag style={{ marginInlineStart: 6 }}>{t('已停用', 'Inactive')}</Tag>}</span> },
    {
      title: t('包含事项', 'Items'), dataIndex: 'items',
      render: (list: BundleRow['items']) => <Space size={4} wrap>{list.map((i) => <Tag key={i.itemCode} color={i.active ? undefined : 'default'}>{i.name}（{daysText(i.promisedDays, t)}）</Tag>)}</Space>,
    },
    { title: t('实施机构', 'Agency'), dataIndex: 'orgName', width: 180, ellipsis: true },
  ];

  return (
    <div>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">{t('“一件事一次办”：申请人一次提交、一并办理的多个事项。', '“One thing, one visit”: several items applied for together.')}</Typography.Text>
        {can('licensing.catalogue') && (
          <Button icon={<PlusOutlined />} data-testid="bundle-new" onClick={() => { form.resetFields(); setFormError(undefined); setOpen(true); }}>{t('新增套餐', 'New bundle')}</Button>
        )}
      </Space>
      <ErrorAlert error={bundles.error} onRetry={() => bundles.refetch()} />
      <Table<BundleRow> rowKey="id" size="middle" columns={columns} dataSource={bundles.data?.rows} loading={bundles.isFetching} pagination={false}
        locale={{ emptyText: <Empty description={t('还没有“一件事”套餐', 'No bundles yet')} /> }} data-testid="bundle-table" />
      <Modal open={open} title={t('新增“一件事”套餐', 'New bundle')} onCancel={() => setOpen(false)} destroyOnHidden
        okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} confirmLoading={saving} onOk={() => form.submit()}>
        <Form<BundleForm> form={form} layout="vertical" onFinish={save}>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Form.Item name="code" label={t('套餐编码', 'Code')} rules={[{ required: true, message: t('请填写套餐编码', 'Enter the code') },
            { pattern: /^[A-Z][A-Z0-9-]{1,39}$/, message: t('大写字母、数字和连字符，如 YJS-KYMR-01', 'Capitals, digits and hyphens') }]}>
            <Input maxLength={40} placeholder="YJS-KYMR-01" />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter the name') }]}>
            <Input maxLength={200} placeholder={t('如：开办美容店一件事', 'e.g. opening a beauty salon')} />
          </Form.Item>
          <Form.Item name="itemCodes" label={t('包含事项（至少2个）', 'Items (two or more)')}
            rules={[{ validator: async (_, v?: string[]) => { if (!v || v.length < 2) throw new Error(t('请至少选择2个事项', 'Choose two or more items')); } }]}>
            <Select mode="multiple" options={items.data} loading={items.isLoading} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
