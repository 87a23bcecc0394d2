import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography, Space } from 'antd';
import { LockOutlined, UserOutlined, GlobalOutlined } from '@ant-design/icons';
import { api, ApiError } from '../lib/api';
import { useAuth, type Me } from '../lib/auth';
import { useI18n } from '../lib/i18n';

export function LoginPage() {
  const { signedIn } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const me = await api.post<Me>('/api/auth/login', values);
      setLocale(me.locale);
      signedIn(me);
      navigate('/', { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('登录失败', 'Sign-in failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg, #e8f0fb 0%, #f7f9fc 100%)' }}>
      <Card style={{ width: 380 }}>
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <div style={{ textAlign: 'center' }}>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>{t('卫生健康法治运行平台', 'Health Rule-of-Law Platform')}</Typography.Title>
            <Typography.Text type="secondary">{t('依法行政 · 全程留痕 · 报告自动生成', 'Lawful administration · full records · reports that write themselves')}</Typography.Text>
          </div>
          {error && <Alert type="error" showIcon message={error} data-testid="login-error" />}
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label={t('用户名', 'Username')} rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('密码', 'Password')} rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">{t('登录', 'Sign in')}</Button>
          </Form>
          <div style={{ display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('演示账号密码均为 Demo@2026', 'Demo accounts use the password Demo@2026')}</Typography.Text>
            <Button size="small" type="link" icon={<GlobalOutlined />} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
              {locale === 'en' ? '中文' : 'English'}
            </Button>
          </div>
        </Space>
      </Card>
    </div>
  );
}
