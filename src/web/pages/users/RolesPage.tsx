import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, Empty, Form, Input, Modal, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, EyeOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { usePermissions, useRoles } from '../../lib/queries';
import { useUrlFilters } from '../../lib/urlState';
import type { Role } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AdminTabs } from './AdminTabs';

interface RoleForm { code: string; name: string; nameEn: string; permissions: string[] }
type Editing = { mode: 'new' } | { mode: 'edit' | 'view'; role: Role };

const FILTERS = ['q', 'permission'] as const;

export function RolesPage() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const writable = can('users.write');
  const roles = useRoles();
  const permissions = usePermissions();
  const f = useUrlFilters(FILTERS);
  const permName = useMemo(() => new Map((permissions.data ?? []).map((p) => [p.code, p.name])), [permissions.data]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<RoleForm>();

  const rows = useMemo(() => {
    const q = f.values.q?.toLowerCase();
    return (roles.data ?? []).filter((r) => (!q || r.code.includes(q) || r.name.includes(q) || r.nameEn.toLowerCase().includes(q))
      && (!f.values.permission || r.permissions.includes(f.values.permission)));
  }, [roles.data, f.values]);

  const open = (e: Editing) => {
    setFormError(undefined);
    setEditing(e);
    form.resetFields();
    if (e.mode !== 'new') form.setFieldsValue({ code: e.role.code, name: e.role.name, nameEn: e.role.nameEn, permissions: e.role.permissions });
    else form.setFieldsValue({ permissions: [] });
  };

  const save = async (values: RoleForm) => {
    if (!editing || editing.mode === 'view') return;
    setSaving(true);
    setFormError(undefined);
    try {
      const body = { name: values.name.trim(), nameEn: values.nameEn.trim(), permissions: values.permissions ?? [] };
      if (editing.mode === 'new') await api.post<Role>('/api/roles', { code: values.code.trim(), ...body });
      else await api.put<Role>(`/api/roles/${editing.role.code}`, body);
      message.success(t('已保存角色', 'Role saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['roles'] });
    } catch (err) {
      if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<Role> = [
    {
      title: t('角色', 'Role'), dataIndex: 'name', width: 200,
      render: (_: string, r) => <Space orientation="vertical" size={0}>
        <Space size={4}><Typography.Text strong>{t(r.name, r.nameEn)}</Typography.Text>{r.system && <Tooltip title={t('系统内置角色，不能修改', 'Built-in role; read-only')}><Tag icon={<LockOutlined />}>{t('系统', 'System')}</Tag></Tooltip>}</Space>
        <Typography.Text type="secondary" code>{r.code}</Typography.Text>
      </Space>,
    },
    { title: t('用户数', 'Users'), dataIndex: 'users', width: 80, align: 'right' },
    {
      title: t('权限', 'Permissions'), dataIndex: 'permissions',
      render: (ps: string[]) => ps.length === 0 ? <Typography.Text type="secondary">{t('（无权限）', '(none)')}</Typography.Text>
        : <Space size={[0, 4]} wrap>{ps.map((p) => <Tooltip key={p} title={p}><Tag>{permName.get(p) ?? p}</Tag></Tooltip>)}</Space>,
    },
    {
      title: t('操作', 'Actions'), key: 'actions', width: 100,
      render: (_, r) => r.system || !writable
        ? <Button size="small" icon={<EyeOutlined />} onClick={() => open({ mode: 'view', role: r })}>{t('查看', 'View')}</Button>
        : <Button size="small" icon={<EditOutlined />} onClick={() => open({ mode: 'edit', role: r })} data-testid={`role-edit-${r.code}`}>{t('编辑', 'Edit')}</Button>,
    },
  ];

  const readOnly = editing?.mode === 'view';
  return (
    <div>
      <PageHeader title={t('用户与角色', 'Users and roles')} subtitle={t('系统内置角色按岗位配置，只读；可新建自定义角色并勾选其权限。', 'Built-in roles are read-only; create custom roles with the permissions they need.')} />
      <AdminTabs active="roles" />
      <SearchBar
        value={f.values.q}
        onSearch={(q) => f.set({ q })}
        onReset={Object.keys(f.values).length ? f.reset : undefined}
        placeholder={t('角色名称或代码', 'Role name or code')}
        extra={writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ mode: 'new' })} data-testid="role-new">{t('新建自定义角色', 'New custom role')}</Button>}
      >
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 200 }} popupMatchSelectWidth={false}
          value={f.values.permission} onChange={(p) => f.set({ permission: p })} placeholder={t('含某项权限', 'Has permission')}
          options={(permissions.data ?? []).map((p) => ({ value: p.code, label: p.name }))} />
      </SearchBar>
      <ErrorAlert error={roles.error} onRetry={() => roles.refetch()} />
      <div data-testid="role-table">
        <Table<Role>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={roles.isLoading}
          pagination={false}
          locale={{ emptyText: <Empty description={t('没有符合条件的角色', 'No role matches')} /> }}
        />
      </div>
      <Modal
        open={!!editing}
        title={editing?.mode === 'new' ? t('新建自定义角色', 'New custom role') : editing ? `${readOnly ? t('查看角色', 'Role') : t('编辑角色', 'Edit role')}：${t(editing.role.name, editing.role.nameEn)}` : ''}
        width={720}
        onCancel={() => setEditing(null)}
        forceRender
        footer={readOnly ? <Button onClick={() => setEditing(null)}>{t('关闭', 'Close')}</Button> : <Space>
          <Button onClick={() => setEditing(null)}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="role-submit">{t('保存', 'Save')}</Button>
        </Space>}
      >
        {readOnly && editing?.role.system && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('系统内置角色不能修改。需要不同的权限组合时，请新建自定义角色。', 'Built-in roles cannot be changed; create a custom role instead.')} />}
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form<RoleForm> name="role" form={form} layout="vertical" onFinish={save} disabled={readOnly}>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="code" label={t('角色代码', 'Code')} rules={[
                { required: true, message: t('请输入角色代码', 'Enter the code') },
                { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('2至40位，以小写字母开头，只能包含小写字母、数字和下划线', '2–40 lower-case letters, digits, _; start with a letter') },
              ]}>
                <Input maxLength={40} disabled={editing?.mode !== 'new'} data-testid="role-code" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="name" label={t('中文名称', 'Chinese name')} rules={[{ required: true, whitespace: true, message: t('请输入中文名称', 'Enter the Chinese name') }, { max: 40 }]}>
                <Input maxLength={40} data-testid="role-name" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="nameEn" label={t('英文名称', 'English name')} rules={[{ required: true, whitespace: true, message: t('请输入英文名称', 'Enter the English name') }, { max: 60 }]}>
                <Input maxLength={60} data-testid="role-name-en" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="permissions" label={t('权限', 'Permissions')}>
            <Checkbox.Group style={{ width: '100%' }}>
              <Row gutter={[8, 8]}>
                {(permissions.data ?? []).map((p) => (
                  <Col span={12} key={p.code}>
                    <Checkbox value={p.code}>{p.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.code}</Typography.Text></Checkbox>
                  </Col>
                ))}
              </Row>
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

