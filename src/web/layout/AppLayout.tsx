import { useMemo, useState } from 'react';
import { Link, Outlet, matchPath, useLocation, useNavigate } from 'react-router';
import { Layout, Menu, Dropdown, Button, Space, Typography, type MenuProps } from 'antd';
import { UserOutlined, GlobalOutlined, LogoutOutlined } from '@ant-design/icons';
import { useAuth, useMe } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import { api } from '../lib/api';
import { NAV, navAllowed } from '../nav';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const me = useMe();
  const { can, signOut } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo<MenuProps['items']>(() => {
    const visible = NAV.filter((n) => !n.hidden && navAllowed(n, can));
    const groups = new Map<string, NonNullable<MenuProps['items']>>();
    const top: NonNullable<MenuProps['items']> = [];
    for (const n of visible) {
      const entry = { key: n.path, icon: n.icon, label: <Link to={n.path}>{n.label(t)}</Link> };
      if (!n.group) { top.push(entry); continue; }
      const g = n.group(t);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push(entry);
    }
    return [...top, ...[...groups.entries()].map(([label, children]) => ({ type: 'group' as const, key: label, label, children }))];
  }, [can, t]);

  // The menu entry of the page shown, or of the page a detail/edit route belongs to.
  const selected = NAV.filter((n) => n.path !== '/' && [n.path, ...(n.children ?? []).map((c) => c.path)]
    .some((p) => matchPath({ path: p, end: false }, location.pathname))).map((n) => n.path);
  const switchLocale = () => {
    const next = locale === 'en' ? 'zh-CN' : 'en';
    setLocale(next);
    void api.put('/api/auth/locale', { locale: next }).catch(() => undefined);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 16px', fontWeight: 600, color: '#1f5fbf', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed ? t('法治', 'RoL') : t('卫生健康法治运行平台', 'Health Rule of Law')}
        </div>
        <Menu mode="inline" items={items} selectedKeys={selected.length ? selected : [location.pathname === '/' ? '/' : '']} />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text type="secondary">{me.org.name}</Typography.Text>
          <Space>
            <Button type="text" icon={<GlobalOutlined />} onClick={switchLocale} data-testid="switch-locale">
              {locale === 'en' ? '中文' : 'English'}
            </Button>
            <Dropdown menu={{ items: [
              { key: 'profile', icon: <UserOutlined />, label: t('个人信息与密码', 'Profile and password'), onClick: () => navigate('/profile') },
              { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Sign out'), onClick: async () => { await signOut(); navigate('/login'); } },
            ] }}>
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">{me.displayName}</Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
