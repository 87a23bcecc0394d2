// The frame of the random-inspection portal pages: the header bar of the public portal
// (as on 行政处罚信息公示) with links between the plan list and the verification page.
import { Layout, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../../lib/i18n';

export function PortalLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const link = { color: '#fff', fontSize: 14 };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#1f5fbf', color: '#fff', fontSize: 18, display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <span>{t('“双随机、一公开”抽查公示', 'Random inspections: published plans and draws')}</span>
        <Space size="large">
          <Link to="/portal/random-plans" style={link} data-testid="portal-nav-plans">{t('抽查计划', 'Plans')}</Link>
          <Link to="/portal/draw-verify" style={link} data-testid="portal-nav-verify">{t('验证抽取记录', 'Verify a record')}</Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 1100, width: '100%', margin: '24px auto', padding: '0 16px' }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}

