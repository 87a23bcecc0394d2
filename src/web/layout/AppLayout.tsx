// The staff application's frame: the side menu, the header (organisation, language,
// user) and the page. On a desktop the menu is a Sider that folds to its icons. Below
// antd's lg breakpoint (phones, tablets held upright) it folds away completely: the
// header's menu button slides it over the page (a mask behind it), and choosing an entry,
// tapping the mask or pressing Esc closes it again; the header drops the secondary labels
// and the page margin shrinks so that a page has the phone's whole width.
import { useEffect, useMemo, useState } from 'react';
import { Link, Outlet, matchPath, useLocation, useNavigate } from 'react-router';
import { Layout, Menu, Dropdown, Button, Space, Typography, type MenuProps } from 'antd';
import { UserOutlined, GlobalOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useAuth, useMe } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import { api } from '../lib/api';
import { NAV, navAllowed } from '../nav';
import { useBelow } from './useScreen';
import './narrow.css';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const me = useMe();
  const { can, signOut } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  /** Below lg: the menu folds away and slides over the page when opened. */
  const narrow = useBelow('lg');
  /** On a desktop: the menu folded to its icons (the Sider's own trigger). */
  const [collapsed, setCollapsed] = useState(false);
  /** On a narrow screen: the menu slid over the page. */
  const [menuOpen, setMenuOpen] = useState(false);
  const open = narrow && menuOpen;

  // A narrow screen's menu closes when a page is chosen (also by a link on the page, or
  // back and forward), when the screen widens, and on Esc.
  useEffect(() => setMenuOpen(false), [location.pathname, location.search, narrow]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setMenuOpen(false); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

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
  const folded = narrow ? !open : collapsed;

  return (
    <Layout style={{ minHeight: '100vh' }} className={narrow ? 'app-narrow' : undefined}>
      <Sider
        breakpoint="lg" collapsedWidth={narrow ? 0 : 80} width={220} theme="light"
        collapsible={!narrow} trigger={narrow ? null : undefined}
        collapsed={folded}
        // The breakpoint's own folding is the narrow layout's (useBelow); the desktop's
        // folded state changes only by its trigger.
        onCollapse={(value, type) => { if (type === 'clickTrigger') setCollapsed(value); }}
        // Folded away, the menu is out of the keyboard's and screen readers' way.
        inert={narrow && !open}
        data-testid="app-menu"
        style={narrow
          ? { position: 'fixed', top: 0, bottom: 0, insetInlineStart: 0, zIndex: 1001, height: '100vh', borderRight: open ? '1px solid #f0f0f0' : 'none', boxShadow: open ? '6px 0 16px rgba(0, 0, 0, 0.12)' : 'none' }
          : { borderRight: '1px solid #f0f0f0' }}
        styles={narrow ? { body: { overflowY: 'auto' } } : undefined}
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 16px', fontWeight: 600, color: '#1f5fbf', whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed && !narrow ? t('法治', 'RoL') : t('卫生健康法治运行平台', 'Health Rule of Law')}
        </div>
        <Menu mode="inline" items={items} selectedKeys={selected.length ? selected : [location.pathname === '/' ? '/' : '']}
          // Choosing the page already shown changes no location: close the menu here too.
          onClick={() => { if (narrow) setMenuOpen(false); }} />
      </Sider>
      {open && <div className="app-menu-mask" data-testid="app-menu-mask" onClick={() => setMenuOpen(false)} />}
      <Layout>
        {narrow ? (
          <Header style={{ background: '#fff', height: 56, lineHeight: '56px', padding: '0 4px', display: 'flex', alignItems: 'center', gap: 4, borderBottom: '1px solid #f0f0f0' }}>
            <Button type="text" icon={<MenuOutlined style={{ fontSize: 18 }} />} style={{ width: 44, height: 44, flex: 'none' }}
              onClick={() => setMenuOpen((o) => !o)} aria-label={t('菜单', 'Menu')} aria-expanded={open} data-testid="menu-toggle" />
            <Typography.Text type="secondary" ellipsis style={{ flex: 1, minWidth: 0 }}>{me.org.name}</Typography.Text>
            <Button type="text" icon={<GlobalOutlined />} onClick={switchLocale} data-testid="switch-locale" style={{ flex: 'none', paddingInline: 6 }}
              aria-label={locale === 'en' ? '中文' : 'English'}>
              {locale === 'en' ? '中文' : 'EN'}
            </Button>
            <Dropdown trigger={['click']} menu={{ items: [
              { key: 'me', label: me.displayName, disabled: true },
              { type: 'divider' },
              { key: 'profile', icon: <UserOutlined />, label: t('个人信息与密码', 'Profile and password'), onClick: () => navigate('/profile') },
              { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Sign out'), onClick: async () => { await signOut(); navigate('/login'); } },
            ] }}>
              <Button type="text" icon={<UserOutlined style={{ fontSize: 16 }} />} style={{ width: 44, height: 44, flex: 'none' }}
                aria-label={me.displayName} data-testid="user-menu" />
            </Dropdown>
          </Header>
        ) : (
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
        )}
        <Content style={{ margin: narrow ? 12 : 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
