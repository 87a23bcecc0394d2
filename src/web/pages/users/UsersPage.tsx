import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Empty, Form, Input, Modal, Popconfirm, Radio, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { SCOPE_MODE_LABELS, labelOf, optionsOf } from '../../lib/labels';
import { PASSWORD_HINT, confirmRules, passwordRules } from '../../lib/password';
import { useOrgs, useRoles } from '../../lib/queries';
import { useUrlFilters } from '../../lib/urlState';
import type { Paged, User } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { tablePagination } from '../../components/pagination';
import { AdminTabs } from './AdminTabs';

interface UserForm {
  username: string; displayName: string; orgId: number; roles: string[]; scopeMode: 'own_subtree' | 'named'; scopeOrgIds: number[];
  phone?: string | null; email?: string | null; active: boolean; password?: string; passwordConfirm?: string;
}

const FILTERS = ['q', 'orgId', 'role'] as const;

export function UsersPage() {
  const t = useT();
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const writable = can('users.write');
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const list = useQuery({
    queryKey: ['users', f.query],
    queryFn: () => api.get<Paged<User>>(`/api/users${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const roles = useRoles();
  const orgs = useOrgs();
  const roleName = useMemo(() => new Map((roles.data ?? []).map((r) => [r.code, t(r.name, r.nameEn)])), [roles.data, t]);
  const orgName = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);

  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<UserForm>();
  const scopeMode = Form.useWatch('scopeMode', form);

  const [resetting, setResetting] = useState<User | null>(null);
  const [resetForm] = Form.useForm<{ password: string; passwordConfirm: string }>();
  const [resetBusy, setResetBusy] = useState(false);

  const open = (u: User | 'new') => {
    setFormError(undefined);
    setEditing(u);
    form.resetFields();
    if (u === 'new') form.setFieldsValue({ orgId: me?.org.id, roles: [], scopeMode: 'own_subtree', scopeOrgIds: [], active: true });
    else form.setFieldsValue({ ...u, phone: u.phone ?? '', email: u.email ?? '' });
  };

  const save = async (values: UserForm) => {
    if (!editing) return;
    setSaving(true);
    setFormError(undefined);
    const body = {
      username: values.username.trim(), displayName: values.displayName.trim(), orgId: values.orgId, roles: values.roles,
      scopeMode: values.scopeMode, scopeOrgIds: values.scopeMode === 'named' ? values.scopeOrgIds ?? [] : [],
      phone: values.phone?.trim() || null, email: values.email?.trim() || null, active: values.active,
      ...(editing === 'new' ? { password: values.password } : {}),
    };
    try {
      if (editing === 'new') await api.post<User>('/api/users', body);
      else await api.put<User>(`/api/users/${editing.id}`, body);
      message.success(editing === 'new' ? t('已新建用户', 'User created') : t('已保存', 'Saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['users'] });
    } catch (err) {
      if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const resetPassword = async ({ password }: { password: string }) => {
    if (!resetting) return;
    setResetBusy(true);
    try {
      await api.post(`/api/users/${resetting.id}/password`, { password });
      message.success(t(`已重置 ${resetting.displayName} 的密码，其登录会话已全部失效`, `Password of ${resetting.displayName} reset; their sessions ended`));
      setResetting(null);
    } catch (err) {
      if (!showFieldErrors(resetForm, err)) resetForm.setFields([{ name: 'password', errors: [errorMessage(err, t)] }]);
    } finally {
      setResetBusy(false);
    }
  };

  const columns: ColumnsType<User> = [
    { title: t('用户名', 'Username'), dataIndex: 'username', width: 130, render: (u: string) => <Typography.Text code>{u}</Typography.Text> },
    { title: t('姓名', 'Name'), dataIndex: 'displayName', width: 130 },
    { title: t('所属机构', 'Organisation'), dataIndex: 'orgName', ellipsis: true },
    { title: t('角色', 'Roles'), dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r} color="blue">{roleName.get(r) ?? r}</Tag>) },
    {
      title: t('数据范围', 'Data scope'), key: 'scope', width: 200,
      render: (_, u) => u.scopeMode === 'own_subtree' ? labelOf(SCOPE_MODE_LABELS, u.scopeMode, t)
        : <span title={u.scopeOrgIds.map((id) => orgName.get(id) ?? `#${id}`).join('、')}>{t('指定：', 'Named: ')}{u.scopeOrgIds.map((id) => orgName.get(id) ?? `#${id}`).join('、')}</span>,
    },
    { title: t('状态', 'Status'), dataIndex: 'active', width: 80, render: (a: boolean) => a ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('停用', 'Inactive')}</Tag> },
    { title: t('创建时间', 'Created'), dataIndex: 'createdAt', width: 150, render: formatDateTime },
    ...(writable ? [{
      title: t('操作', 'Actions'), key: 'actions', width: 190, fixed: 'right' as const,
      render: (_: unknown, u: User) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => open(u)} data-testid={`user-edit-${u.username}`}>{t('编辑', 'Edit')}</Button>
          <Popconfirm
            title={t(`重置 ${u.displayName} 的密码？`, `Reset the password of ${u.displayName}?`)}
            description={t('重置后该用户的所有登录会话立即失效，须用新密码重新登录。', 'All their sessions end at once; they must sign in with the new password.')}
            okText={t('继续', 'Continue')} cancelText={t('取消', 'Cancel')}
            onConfirm={() => { resetForm.resetFields(); setResetting(u); }}
          >
            <Button size="small" icon={<KeyOutlined />} data-testid={`user-reset-${u.username}`}>{t('重置密码', 'Reset password')}</Button>
          </Popconfirm>
        </Space>
      ),
    }] : []),
  ];

  const filtered = Object.keys(v).length > 0;
  return (
    <div>
      <PageHeader title={t('用户与角色', 'Users and roles')} subtitle={t('用户的角色决定能做什么，数据范围决定能看到哪些机构的数据。', 'Roles decide what a user may do; the data scope decides whose records they see.')} />
      <AdminTabs active="users" />
      <SearchBar
        value={v.q}
        onSearch={(q) => f.set({ q })}
        onReset={filtered ? f.reset : undefined}
        placeholder={t('用户名或姓名', 'Username or name')}
        extra={writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="user-new">{t('新建用户', 'New user')}</Button>}
      >
        <OrgTreeSelect value={v.orgId ? Number(v.orgId) : undefined} onChange={(x) => f.set({ orgId: x })} placeholder={t('所属机构（含下级）', 'Organisation (and below)')} style={{ width: 220 }} />
        <Select allowClear placeholder={t('角色', 'Role')} style={{ width: 150 }} value={v.role} popupMatchSelectWidth={false}
          options={(roles.data ?? []).map((r) => ({ value: r.code, label: t(r.name, r.nameEn) }))} onChange={(x) => f.set({ role: x })} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="user-table">
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows}
          loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)}
          scroll={{ x: 1200 }}
          locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的用户', 'No user matches') : t('暂无用户', 'No user')} /> }}
        />
      </div>

      <Drawer
        open={!!editing}
        title={editing === 'new' ? t('新建用户', 'New user') : editing ? t(`编辑用户：${editing.displayName}`, `Edit user: ${editing.displayName}`) : ''}
        size={560}
        onClose={() => setEditing(null)}
        forceRender
        extra={<Space>
          <Button onClick={() => setEditing(null)}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="user-submit">{t('保存', 'Save')}</Button>
        </Space>}
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form<UserForm> name="user" form={form} layout="vertical" onFinish={save}>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="username" label={t('用户名', 'Username')} rules={[
                { required: true, message: t('请输入用户名', 'Enter the username') },
                { min: 2, max: 40, message: t('用户名为2至40个字符', '2 to 40 characters') },
                { pattern: /^[A-Za-z][A-Za-z0-9_.-]*$/, message: t('须以字母开头，只能包含字母、数字、点、下划线和连字符', 'Start with a letter; letters, digits, . _ - only') },
              ]}>
                <Input maxLength={40} autoComplete="off" data-testid="user-username" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="displayName" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') }, { max: 50, message: t('不能超过50个字符', 'At most 50 characters') }]}>
                <Input maxLength={50} data-testid="user-displayname" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="orgId" label={t('所属机构', 'Organisation')} rules={[{ required: true, message: t('请选择所属机构', 'Choose the organisation') }]}>
            <OrgTreeSelect allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="roles" label={t('角色', 'Roles')} rules={[{ required: true, type: 'array', min: 1, message: t('至少选择一个角色', 'Choose at least one role') }]}>
            <Select mode="multiple" data-testid="user-roles" loading={roles.isLoading} showSearch={{ optionFilterProp: 'label' }}
              options={(roles.data ?? []).map((r) => ({ value: r.code, label: t(r.name, r.nameEn) }))} />
          </Form.Item>
          <Form.Item name="scopeMode" label={t('数据范围', 'Data scope')} rules={[{ required: true }]}>
            <Radio.Group options={optionsOf(SCOPE_MODE_LABELS, t)} />
          </Form.Item>
          {scopeMode === 'named' && (
            <Form.Item name="scopeOrgIds" label={t('指定机构（各含其下级机构）', 'Named organisations (each with those below)')}
              rules={[{ required: true, type: 'array', min: 1, message: t('请至少指定一个机构', 'Name at least one organisation') }]}>
              <OrgTreeSelect multiple style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="phone" label={t('电话', 'Phone')} rules={[{ max: 30, message: t('不能超过30个字符', 'At most 30 characters') }]}>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="email" label={t('邮箱', 'E-mail')} rules={[{ type: 'email', message: t('邮箱格式不正确', 'Not a valid e-mail address') }, { max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="active" label={t('状态', 'Status')} valuePropName="checked" extra={t('停用的用户不能登录', 'Inactive users cannot sign in')}>
            <Switch checkedChildren={t('启用', 'Active')} unCheckedChildren={t('停用', 'Inactive')} />
          </Form.Item>
          {editing === 'new' && (
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="password" label={t('初始密码', 'Initial password')} rules={passwordRules(t)} extra={t(...PASSWORD_HINT)}>
                  <Input.Password autoComplete="new-password" data-testid="user-password" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="passwordConfirm" label={t('确认密码', 'Repeat password')} dependencies={['password']} rules={confirmRules(t, 'password')}>
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Form>
      </Drawer>

      <Modal
        open={!!resetting}
        title={resetting ? t(`重置密码：${resetting.displayName}（${resetting.username}）`, `Reset password: ${resetting.displayName} (${resetting.username})`) : ''}
        okText={t('确认重置', 'Reset')}
        okButtonProps={{ danger: true, 'data-testid': 'reset-submit' }}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={resetBusy}
        onOk={() => resetForm.submit()}
        onCancel={() => setResetting(null)}
        forceRender
      >
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('请将新密码当面或通过安全渠道告知本人，并提醒其登录后修改。', 'Give the new password to the user in person and ask them to change it.')} />
        <Form name="reset-password" form={resetForm} layout="vertical" onFinish={resetPassword}>
          <Form.Item name="password" label={t('新密码', 'New password')} rules={passwordRules(t)} extra={t(...PASSWORD_HINT)}>
            <Input.Password autoComplete="new-password" data-testid="reset-password" />
          </Form.Item>
          <Form.Item name="passwordConfirm" label={t('确认新密码', 'Repeat the new password')} dependencies={['password']} rules={confirmRules(t, 'password')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
