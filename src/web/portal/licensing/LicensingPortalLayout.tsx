// The frame of the public licensing pages (政务服务): the portal's blue header with the
// links an applicant needs without logging in — the service guide (办事指南), following an
// application with its tracking code (办件查询), verifying an electronic licence (证照核验)
// and the published licensing decisions (许可公示), and the complaint and disclosure-request
// forms (portal/matters) — and a footer. On a phone the links wrap under the title and
// the page keeps the screen's width. PortalFrame is that frame with its own title, links
// and footer, for the other public pages drawn the same way.
import { Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useT } from '../../lib/i18n';
import { usePhone } from '../../layout/useScreen';

export const PORTAL_BLUE = '#1f5fbf';

export interface PortalLink { to: string; label: string; testid: string }

export function LicensingPortalLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const links = [
    { to: '/portal/service-guide', label: t('办事指南', 'Service guide'), testid: 'portal-nav-guide' },
    { to: '/portal/track', label: t('办件查询', 'Track an application'), testid: 'portal-nav-track' },
    { to: '/portal/verify/licence', label: t('证照核验', 'Verify a licence'), testid: 'portal-nav-verify-licence' },
    { to: '/portal/licensing-decisions', label: t('许可公示', 'Licensing decisions'), testid: 'portal-nav-decisions' },
    { to: '/portal/complaint', label: t('投诉举报', 'Complaints'), testid: 'portal-nav-complaint' },
    { to: '/portal/disclosure', label: t('信息公开申请', 'Disclosure requests'), testid: 'portal-nav-disclosure' },
    { to: '/portal/quiz', label: t('学法竞赛', 'Law quiz'), testid: 'portal-nav-quiz' },
  ];
  return (
    <PortalFrame links={links}
      title={t('卫生健康政务服务', 'Health licensing services')}
      subtitle={t('网上申请 · 办件查询 · 电子证照核验 · 许可公示（无需注册登录）', 'Apply online · track · verify licences · published decisions (no login)')}
      footer={t('卫生健康行政部门主办 · 申请人信息仅用于办理本事项 · 许可决定依法公示，自然人信息已按规定隐去',
        'Run by the health administration · applicants’ data are used only for their applications · decisions are published with personal data masked')}>
      {children}
    </PortalFrame>
  );
}

export function PortalFrame({ title, subtitle, links, footer, children }: { title: string; subtitle: string; links: PortalLink[]; footer: string; children: ReactNode }) {
  const phone = usePhone();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f3f6fb' }}>
      <Layout.Header
        style={{
          background: PORTAL_BLUE, color: '#fff', height: 'auto', lineHeight: 1.5, padding: phone ? '10px 16px' : '14px 32px',
          display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', rowGap: 8, columnGap: 24,
        }}>
        <div>
          <div style={{ fontSize: phone ? 17 : 20, fontWeight: 600, letterSpacing: 1 }}>{title}</div>
          <div style={{ fontSize: 12, opacity: 0.85 }}>{subtitle}</div>
        </div>
        <nav style={{ display: 'flex', flexWrap: 'wrap', gap: phone ? '4px 16px' : '4px 28px' }} data-testid="portal-nav">
          {links.map((l) => (
            <NavLink key={l.to} to={l.to} data-testid={l.testid}
              style={({ isActive }) => ({
                color: '#fff', fontSize: phone ? 14 : 15, paddingBottom: 2, whiteSpace: 'nowrap',
                borderBottom: isActive ? '2px solid #fff' : '2px solid transparent', fontWeight: isActive ? 600 : 400,
              })}>
              {l.label}
            </NavLink>
          ))}
        </nav>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 1100, width: '100%', margin: phone ? '16px auto' : '24px auto', padding: phone ? '0 12px' : '0 16px', boxSizing: 'border-box' }}>
        {children}
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: 'transparent', padding: phone ? '16px 12px' : '24px 16px' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{footer}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
