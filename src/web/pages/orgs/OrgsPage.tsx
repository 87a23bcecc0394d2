import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SubnodeOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage, formatNumber } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { ORG_KIND_LABELS, labelOf, optionsOf } from '../../lib/labels';
import { orgTree, type OrgNode } from '../../lib/queries';
import { useUrlFilters } from '../../lib/urlState';
import type { Org, OrgKind } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { RegionCodeInput } from '../../components/RegionCodeInput';

interface OrgForm { code: string; name: string; parentId: number | null; regionCode: string; kind: OrgKind; population: number | null; active: boolean }
type Editing = { mode: 'create'; parent: Org | null } | { mode: 'edit'; org: Org };

const FILTERS = ['q', 'kind', 'active'] as const;

/** An organisation and everything under it (cannot become its own parent). */
function subtreeIds(orgs: Org[], id: number): Set<number> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of orgs) if (o.parentId !== null && out.has(o.parentId) && !out.has(o.id)) { out.add(o.id); grew = true; }
  }
  return out;
}

export function OrgsPage() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const writable = can('orgs.write');
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const list = useQuery({ queryKey: ['orgs', v.q ?? ''], queryFn: () => api.get<Org[]>(`/api/orgs${qs({ q: v.q })}`) });
  const all = useQuery({ queryKey: ['orgs'], queryFn: () => api.get<Org[]>('/api/orgs') });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<OrgForm>();

  const filtered = !!(v.q || v.kind || v.active);
  const rows = useMemo(() => {
    const data = (list.data ?? []).filter((o) => (!v.kind || o.kind === v.kind) && (!v.active || String(o.active) === v.active));
    // A search shows the matches as a flat list; otherwise the tree.
    return filtered ? data.map((o) => ({ ...o }) as OrgNode) : orgTree(data);
  }, [list.data, v.kind, v.active, filtered]);
  const allIds = useMemo(() => (list.data ?? []).map((o) => o.id), [list.data]);
  const [expanded, setExpanded] = useState<readonly React.Key[] | null>(null);

  const open = (e: Editing) => {
    setFormError(undefined);
    setEditing(e);
    form.resetFields();
    if (e.mode === 'edit') {
      const o = e.org;
      form.setFieldsValue({ code: o.code, name: o.name, parentId: o.parentId, regionCode: o.regionCode, kind: o.kind, population: o.population, active: o.active });
    } else {
      form.setFieldsValue({ parentId: e.parent?.id ?? null, regionCode: e.parent?.regionCode ?? '', kind: e.parent ? 'division' : 'commission', population: null, active: true });
    }
  };

  const save = async (values: OrgForm) => {
    if (!editing) return;
    const body = { ...values, code: values.code.trim(), name: values.name.trim(), parentId: values.parentId ?? null, population: values.population ?? null };
    const doSave = async () => {
      setSaving(true);
      setFormError(undefined);
      try {
        if (editing.mode === 'edit') await api.put<Org>(`/api/orgs/${editing.org.id}`, body);
        else await api.post<Org>('/api/orgs', body);
        message.success(editing.mode === 'edit' ? t('已保存', 'Saved') : t('已新建机构', 'Organisation created'));
        setEditing(null);
        await qc.invalidateQueries({ queryKey: ['orgs'] });
      } catch (err) {
        if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
      } finally {
        setSaving(false);
      }
    };
    if (editing.mode === 'edit' && editing.org.active && !values.active) {
      Modal.confirm({
        title: t('停用该机构？', 'Deactivate this organisation?'),
        content: t('停用后该机构不能再被选用；其下用户和数据不受影响。', 'It can no longer be chosen; its users and records stay.'),
        okText: t('停用', 'Deactivate'), cancelText: t('取消', 'Cancel'), okButtonProps: { danger: true },
        onOk: doSave,
      });
    } else await doSave();
  };

  const columns: ColumnsType<OrgNode> = [
    {
      title: t('机构名称', 'Name'), dataIndex: 'name',
      render: (n: string, o) => <Space size={4}><Typography.Text strong={o.depth === 0}>{n}</Typography.Text>{!o.active && <Tag>{t('已停用', 'Inactive')}</Tag>}</Space>,
    },
    { title: t('机构代码', 'Code'), dataIndex: 'code', width: 130, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t('类别', 'Kind'), dataIndex: 'kind', width: 140, render: (k: OrgKind) => labelOf(ORG_KIND_LABELS, k, t) },
    { title: t('行政区划', 'Region'), dataIndex: 'regionName', width: 200, render: (n: string | null, o) => <>{n ?? ''} <Typography.Text type="secondary">{o.regionCode}</Typography.Text></> },
    { title: t('常住人口', 'Population'), dataIndex: 'population', width: 120, align: 'right', render: (p: number | null) => p === null ? <Typography.Text type="secondary">—</Typography.Text> : formatNumber(p) },
    ...(writable ? [{
      title: t('操作', 'Actions'), key: 'actions', width: 190,
      render: (_: unknown, o: OrgNode) => (
        <Space size={4}>
          <Button size="small" icon={<SubnodeOutlined />} onClick={() => open({ mode: 'create', parent: o })} data-testid={`org-add-child-${o.code}`}>{t('新增下级', 'Add child')}</Button>
          <Button size="small" icon={<EditOutlined />} onClick={() => open({ mode: 'edit', org: o })} data-testid={`org-edit-${o.code}`}>{t('编辑', 'Edit')}</Button>
        </Space>
      ),
    }] : []),
  ];

  const disabledParents = editing?.mode === 'edit' ? subtreeIds(all.data ?? [], editing.org.id) : undefined;

  return (
    <div>
      <PageHeader
        title={t('组织机构', 'Organisations')}
        subtitle={t('卫生健康委员会、卫生监督所及内设机构；行政区划代码按 GB/T 2260，常住人口用于每万人口指标。', 'Commissions, institutes and divisions; region codes per GB/T 2260; population feeds per-10,000 figures.')}
      />
      <SearchBar
        value={v.q}
        onSearch={(q) => f.set({ q })}
        onReset={filtered ? f.reset : undefined}
        placeholder={t('机构名称或代码', 'Name or code')}
        extra={<>
          {writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'create', parent: null })} data-testid="org-new">{t('新建机构', 'New organisation')}</Button>}
          <ExportButton path="/api/exports/organizations" />
        </>}
      >
        <Select allowClear placeholder={t('类别', 'Kind')} style={{ width: 150 }} value={v.kind} options={optionsOf(ORG_KIND_LABELS, t)} onChange={(x) => f.set({ kind: x })} />
        <Select allowClear placeholder={t('状态', 'Status')} style={{ width: 110 }} value={v.active}
          options={[{ value: 'true', label: t('启用', 'Active') }, { value: 'false', label: t('已停用', 'Inactive') }]} onChange={(x) => f.set({ active: x })} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="org-table">
        <Table<OrgNode>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isLoading}
          pagination={false}
          expandable={{ expandedRowKeys: expanded ?? allIds, onExpandedRowsChange: (keys) => setExpanded(keys) }}
          locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的机构', 'No organisation matches') : t('暂无机构', 'No organisation')} /> }}
        />
      </div>
      <Modal
        open={!!editing}
        title={editing?.mode === 'edit' ? t(`编辑机构：${editing.org.name}`, `Edit: ${editing.org.name}`)
          : editing?.parent ? t(`在“${editing.parent.name}”下新增机构`, `New organisation under ${editing.parent.name}`) : t('新建机构', 'New organisation')}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        width={640}
        forceRender
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form<OrgForm> name="org" form={form} layout="vertical" onFinish={save}>
          <Row gutter={12}>
            <Col span={10}><Form.Item name="code" label={t('机构代码', 'Code')}
              rules={[{ required: true, message: t('请输入机构代码', 'Enter the code') }, { max: 40, message: t('不能超过40个字符', 'At most 40 characters') },
                { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('只能包含字母、数字、点、下划线和连字符', 'Letters, digits, dot, underscore and hyphen only') }]}>
              <Input maxLength={40} data-testid="org-code" />
            </Form.Item></Col>
            <Col span={14}><Form.Item name="name" label={t('机构名称', 'Name')}
              rules={[{ required: true, whitespace: true, message: t('请输入机构名称', 'Enter the name') }, { max: 100, message: t('不能超过100个字符', 'At most 100 characters') }]}>
              <Input maxLength={100} data-testid="org-name" />
            </Form.Item></Col>
          </Row>
          <Form.Item name="parentId" label={t('上级机构', 'Parent')} extra={t('不选表示顶级机构', 'Leave empty for a top-level organisation')}>
            <OrgTreeSelect disabledIds={disabledParents} style={{ width: '100%' }} placeholder={t('（顶级机构）', '(top level)')} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('行政区划代码', 'Region code')} rules={[{ required: true, message: t('请输入行政区划代码', 'Enter the region code') }, { pattern: /^\d{6}$/, message: t('行政区划代码应为6位数字', 'Six digits') }]}>
            <RegionCodeInput data-testid="org-region" />
          </Form.Item>
          <Row gutter={12}>
            <Col span={12}><Form.Item name="kind" label={t('类别', 'Kind')} rules={[{ required: true, message: t('请选择类别', 'Choose the kind') }]}>
              <Select options={optionsOf(ORG_KIND_LABELS, t)} />
            </Form.Item></Col>
            <Col span={12}><Form.Item name="population" label={t('常住人口（人）', 'Population')} extra={t('辖区常住人口，用于每万人口指标；内设机构不填', 'Residents of its area; leave empty for divisions')}>
              <InputNumber min={0} max={2_000_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item></Col>
          </Row>
          <Form.Item name="active" label={t('状态', 'Status')} valuePropName="checked">
            <Switch checkedChildren={t('启用', 'Active')} unCheckedChildren={t('停用', 'Inactive')} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
