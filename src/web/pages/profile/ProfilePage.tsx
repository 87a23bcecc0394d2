import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage, today } from '../../lib/format';
import { SCOPE_MODE_LABELS, labelOf } from '../../lib/labels';
import { PASSWORD_HINT, confirmRules, passwordRules } from '../../lib/password';
import { useOrgs, usePermissions, useRoles } from '../../lib/queries';
import { api, ApiError } from '../../lib/api';
import { PageHeader } from '../../components/PageHeader';
import { CertificateTags, ownCertificateStatus } from '../../components/Tags';

interface PasswordForm { currentPassword: string; newPassword: string; confirm: string }

export function ProfilePage() {
  const me = useMe();
  const t = useT();
  const { message } = App.useApp();
  const roles = useRoles();
  const orgs = useOrgs();
  const permissions = usePermissions();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const roleName = (code: string) => { const r = roles.data?.find((x) => x.code === code); return r ? t(r.name, r.nameEn) : code; };
  const orgName = (id: number) => orgs.data?.find((o) => o.id === id)?.name ?? `#${id}`;
  const permName = (code: string) => permissions.data?.find((p) => p.code === code)?.name ?? code;

  const change = async (values: PasswordForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('密码已修改，下次登录请使用新密码', 'Password changed; use the new one next time'));
      form.resetFields();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WRONG_PASSWORD') form.setFields([{ name: 'currentPassword', errors: [err.message] }]);
      else setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const ins = me.inspector;
  return (
    <div>
      <PageHeader title={t('个人信息', 'My profile')} subtitle={t('您的机构、角色、数据范围和执法资格；可在此修改密码。', 'Your organisation, roles, data scope and enforcement status; change your password here.')} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('账号', 'Account')} style={{ marginBottom: 16 }} data-testid="profile-account">
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 150, whiteSpace: 'nowrap' } }} items={[
              { key: 'u', label: t('用户名', 'Username'), children: me.username },
              { key: 'n', label: t('姓名', 'Name'), children: me.displayName },
              { key: 'o', label: t('所属机构', 'Organisation'), children: me.org.name },
              { key: 'r', label: t('角色', 'Roles'), children: <Space size={[0, 4]} wrap>{me.roles.map((r) => <Tag key={r} color="blue">{roleName(r)}</Tag>)}</Space> },
              {
                key: 's', label: t('数据范围', 'Data scope'),
                children: <Space orientation="vertical" size={2}>
                  <span>{labelOf(SCOPE_MODE_LABELS, me.scope.mode, t)}</span>
                  <Typography.Text type="secondary">{me.scope.rootOrgIds.map(orgName).join('、')}{t(`，共 ${me.scope.orgIds.length} 个机构`, ` — ${me.scope.orgIds.length} organisations`)}</Typography.Text>
                </Space>,
              },
              { key: 'p', label: t('权限', 'Permissions'), children: <Space size={[0, 4]} wrap>{me.permissions.length ? me.permissions.map((p) => <Tag key={p}>{permName(p)}</Tag>) : t('（无）', '(none)')}</Space> },
            ]} />
          </Card>
          <Card title={t('执法资格', 'Enforcement status')} data-testid="profile-inspector">
            {ins ? (
              <Descriptions column={1} size="small" bordered styles={{ label: { width: 150, whiteSpace: 'nowrap' } }} items={[
                { key: 's', label: t('工号', 'Staff no.'), children: ins.staffNo },
                { key: 'c', label: t('执法证号', 'Certificate no.'), children: ins.certificateNo ?? t('未持证', 'None') },
                { key: 'v', label: t('有效期至', 'Valid to'), children: ins.certificateValidTo ?? '—' },
                {
                  key: 'e', label: t('能否从事执法活动', 'May take enforcement actions'),
                  children: <CertificateTags status={ownCertificateStatus(ins, today())} canEnforce={ins.canEnforce} reason={ins.reason} validTo={ins.certificateValidTo} />,
                },
              ]} />
            ) : (
              <Typography.Text type="secondary">{t('您的账号未关联执法人员记录，不从事现场执法。', 'Your account is not linked to an inspector record.')}</Typography.Text>
            )}
            {ins && !ins.canEnforce && (
              <Alert type="error" showIcon style={{ marginTop: 12 }}
                title={t('您目前不能从事执法活动（检查、调查取证、作出处罚）。请联系本单位执法证管理人员办理执法证。', 'You may not take enforcement actions now. Contact your certificate administrator.')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('修改密码', 'Change password')}>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
            <Form<PasswordForm> form={form} layout="vertical" onFinish={change} data-testid="password-form">
              <Form.Item name="currentPassword" label={t('当前密码', 'Current password')} rules={[{ required: true, message: t('请输入当前密码', 'Enter your current password') }]}>
                <Input.Password autoComplete="current-password" data-testid="password-current" />
              </Form.Item>
              <Form.Item name="newPassword" label={t('新密码', 'New password')} rules={[...passwordRules(t), ({ getFieldValue }) => ({
                validator: async (_, v: string) => { if (v && v === getFieldValue('currentPassword')) throw new Error(t('新密码不能与当前密码相同', 'Choose a different password')); },
              })]} extra={t(...PASSWORD_HINT)}>
                <Input.Password autoComplete="new-password" data-testid="password-new" />
              </Form.Item>
              <Form.Item name="confirm" label={t('确认新密码', 'Repeat the new password')} dependencies={['newPassword']} rules={confirmRules(t, 'newPassword')}>
                <Input.Password autoComplete="new-password" data-testid="password-confirm" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">{t('修改密码', 'Change password')}</Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
