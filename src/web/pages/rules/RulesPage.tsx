import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { useUrlFilters } from '../../lib/urlState';
import type { RuleView } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';

const UNITS: Record<string, [string, string]> = {
  workday: ['个工作日', 'working days'], day: ['天', 'days'], yuan: ['元', 'yuan'], count: ['', ''], ratio: ['', ''],
  per10k: ['人/万人', 'per 10,000'], month: ['个月', 'months'], percent: ['%', '%'],
};
const CONFIDENCE: Record<string, [string, string, string]> = {
  verified: ['已核对原文', 'Verified', 'green'],
  secondary: ['二手来源', 'Secondary source', 'blue'],
  from_memory: ['待核对原文', 'To be verified', 'orange'],
  local: ['地方规定/平台设置', 'Local rule', 'purple'],
};

function formatValue(value: unknown, unit: string | undefined, t: Translate): string {
  if (typeof value === 'boolean') return value ? t('是', 'Yes') : t('否', 'No');
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return formatValue(value.join('、'), unit, t);
  const u = unit ? UNITS[unit] : undefined;
  if (unit === 'ratio' && typeof value === 'number') return `${(value * 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
  return `${String(value)}${u ? (t(u[0], u[1] ? ` ${u[1]}` : '')) : ''}`;
}

const FILTERS = ['orgId', 'q', 'local'] as const;

export function RulesPage() {
  const t = useT();
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const writable = can('rules.write');
  const f = useUrlFilters(FILTERS);
  const orgId = Number(f.values.orgId) || me!.org.id;
  const rules = useQuery({ queryKey: ['rules', orgId], queryFn: () => api.get<RuleView[]>(`/api/rules${qs({ orgId })}`) });
  const [editing, setEditing] = useState<RuleView | null>(null);
  const [form] = Form.useForm<{ value: unknown; note?: string }>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();

  const q = f.values.q?.toLowerCase();
  const rows = (rules.data ?? []).filter((r) => (!q || r.title.includes(q) || r.titleEn.toLowerCase().includes(q) || r.citation.includes(q) || r.id.includes(q))
    && (!f.values.local || String(r.localDefault) === f.values.local));

  const setValue = async (rule: RuleView, value: unknown, note: string | null) => {
    await api.put(`/api/rules/${encodeURIComponent(rule.id)}/orgs/${orgId}`, { value, note });
    await qc.invalidateQueries({ queryKey: ['rules'] });
  };

  const save = async (values: { value: unknown; note?: string }) => {
    if (!editing) return;
    setSaving(true);
    setFormError(undefined);
    try {
      const value = Array.isArray(editing.value) && Array.isArray(values.value) ? values.value.map(Number) : values.value;
      await setValue(editing, value, values.note?.trim() || null);
      message.success(t('已保存本机构的取值', 'Local value saved'));
      setEditing(null);
    } catch (err) {
      setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const reset = async (rule: RuleView) => {
    try {
      await setValue(rule, null, null);
      message.success(t('已恢复默认值', 'Reset to the default'));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const columns: ColumnsType<RuleView> = [
    {
      title: t('规则', 'Rule'), dataIndex: 'title',
      render: (_: string, r) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{t(r.title, r.titleEn)}</Typography.Text>
          <Space size={4} wrap>
            {r.localDefault
              ? <Tag color="gold" data-testid="local-default-tag">{t('地方默认值，可按本地规定调整', 'Local default; adjust to local rules')}</Tag>
              : <Tag>{t('法定，不可调整', 'Set by law')}</Tag>}
            {CONFIDENCE[r.confidence] && <Tag color={CONFIDENCE[r.confidence][2]}>{t(CONFIDENCE[r.confidence][0], CONFIDENCE[r.confidence][1])}</Tag>}
          </Space>
          {r.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.note}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('默认值', 'Default'), dataIndex: 'value', width: 120, render: (v: unknown, r) => formatValue(v, r.unit, t) },
    {
      title: t('本机构有效值', 'Effective here'), dataIndex: 'effectiveValue', width: 190,
      render: (v: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong={!!r.overriddenAt}>{formatValue(v, r.unit, t)}</Typography.Text>
          {r.overriddenAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.overriddenAt.orgId === orgId ? t('本机构设置', 'Set here') : r.overriddenAt.orgId === null ? t('全局设置', 'Global setting') : t(`继承自 ${r.overriddenAt.orgName}`, `From ${r.overriddenAt.orgName}`)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('依据', 'Citation'), dataIndex: 'citation', width: 320, render: (c: string) => <Typography.Paragraph style={{ margin: 0, fontSize: 13 }} ellipsis={{ rows: 3, expandable: true, symbol: t('展开', 'more') }}>{c}</Typography.Paragraph> },
    ...(writable ? [{
      title: t('操作', 'Actions'), key: 'actions', width: 170,
      render: (_: unknown, r: RuleView) => !r.localDefault ? <Tooltip title={r.citation}><Typography.Text type="secondary">{t('由法律规定', 'Set by law')}</Typography.Text></Tooltip> : (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} data-testid={`rule-edit-${r.id}`} onClick={() => {
            setFormError(undefined);
            form.resetFields();
            form.setFieldsValue({ value: r.effectiveValue, note: '' });
            setEditing(r);
          }}>{t('调整', 'Adjust')}</Button>
          {r.overriddenAt?.orgId === orgId && (
            <Popconfirm title={t('恢复为默认值？', 'Reset to the default?')} description={t('删除本机构的设置，改用上级机构或平台默认值。', 'Removes this organisation’s value; the parent’s or the default applies.')}
              okText={t('恢复', 'Reset')} cancelText={t('取消', 'Cancel')} onConfirm={() => reset(r)}>
              <Button size="small" icon={<UndoOutlined />}>{t('恢复默认', 'Reset')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    }] : []),
  ];

  return (
    <div>
      <PageHeader
        title={t('规则参数', 'Rule parameters')}
        subtitle={t('平台使用的每一个法定数字及其依据。法律规定的不可修改；标为“地方默认值”的可按本地规定为本机构及下级机构调整。', 'Every figure the platform takes from the law, with its source. Figures set by law are fixed; local defaults may be adjusted per organisation.')}
      />
      <SearchBar
        value={f.values.q}
        onSearch={(x) => f.set({ q: x })}
        onReset={f.values.q || f.values.local || f.values.orgId ? f.reset : undefined}
        placeholder={t('规则名称或依据', 'Rule or citation')}
      >
        <OrgTreeSelect value={orgId} allowClear={false} onChange={(x) => f.set({ orgId: x === me!.org.id ? undefined : x })} style={{ width: 240 }} data-testid="rules-org" />
        <Select allowClear placeholder={t('类型', 'Type')} style={{ width: 150 }} value={f.values.local} onChange={(x) => f.set({ local: x })}
          options={[{ value: 'true', label: t('地方默认值', 'Local defaults') }, { value: 'false', label: t('法定', 'Set by law') }]} />
      </SearchBar>
      <ErrorAlert error={rules.error} onRetry={() => rules.refetch()} />
      <div data-testid="rules-table">
        <Table<RuleView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={rules.isLoading}
          pagination={false}
          locale={{ emptyText: <Empty description={t('没有符合条件的规则', 'No rule matches')} /> }}
        />
      </div>
      <Modal
        open={!!editing}
        title={editing ? t(`调整：${editing.title}`, `Adjust: ${editing.titleEn}`) : ''}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        {editing && (
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[
            { key: 'd', label: t('默认值', 'Default'), children: formatValue(editing.value, editing.unit, t) },
            { key: 'c', label: t('依据', 'Citation'), children: editing.citation },
          ]} />
        )}
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form name="rule" form={form} layout="vertical" onFinish={save}>
          <Form.Item name="value" label={t('本机构取值', 'Value for this organisation')} valuePropName={typeof editing?.value === 'boolean' ? 'checked' : 'value'}
            rules={[{ required: typeof editing?.value !== 'boolean', message: t('请输入取值', 'Enter a value') }]}
            extra={t('对本机构及其下级机构生效（下级机构另有设置的除外）。', 'Applies to this organisation and those below it, unless they set their own.')}>
            {typeof editing?.value === 'boolean' ? <Switch /> : Array.isArray(editing?.value)
              ? <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} style={{ width: 300 }} data-testid="rule-value-list"
                placeholder={t('输入数字后回车，可输入多个', 'Type a number and press Enter; several allowed')} />
              : typeof editing?.value === 'number'
              ? <InputNumber min={0} precision={['day', 'workday', 'count', 'month'].includes(editing?.unit ?? '') ? 0 : undefined} style={{ width: 200 }} data-testid="rule-value"
                addonAfter={editing?.unit && UNITS[editing.unit]?.[0] ? t(UNITS[editing.unit][0], UNITS[editing.unit][1]) : undefined} />
              : <Input maxLength={500} />}
          </Form.Item>
          <Form.Item name="note" label={t('调整依据（本地文件名称及文号）', 'Local basis (document and number)')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
