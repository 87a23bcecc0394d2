// The frame of the pages an inspector uses on the spot (我的检查任务, 现场检查记录): on a
// desktop the usual page header; on a phone (narrower than 768 px) the page fills the
// screen with its own title bar and back button, in one column. The application's side
// menu does not fold away on a phone (layout/AppLayout.tsx), so while such a page is
// shown on a phone it is hidden, and the page lies over the layout.
import { useSyncExternalStore, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { PageHeader } from '../../../components/PageHeader';

const PHONE_QUERY = '(max-width: 767.98px)';

function subscribe(onChange: () => void) {
  const mq = window.matchMedia(PHONE_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/** Whether the screen is a phone's (narrower than antd's md breakpoint), following rotation and resizing. */
export function usePhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(PHONE_QUERY).matches, () => false);
}

export function PhoneShell({ title, subtitle, back, extra, children }: {
  title: ReactNode; subtitle?: ReactNode; back?: string; extra?: ReactNode; children: ReactNode;
}) {
  const phone = usePhone();
  const navigate = useNavigate();
  const t = useT();
  if (!phone) {
    return (
      <div style={{ maxWidth: 920 }}>
        <PageHeader title={title} subtitle={subtitle} back={back} extra={extra} />
        {children}
      </div>
    );
  }
  return (
    <>
      {/* Scrolling to a field (the form's first error) stops below the title bar, not under it. */}
      <style>{'.ant-layout-sider, .ant-layout-sider-trigger { display: none !important; } html { scroll-padding-top: 64px; }'}</style>
      <div data-testid="phone-shell" style={{ position: 'absolute', top: 0, left: 0, width: '100%', minHeight: '100vh', background: '#f5f5f5', zIndex: 20 }}>
        <Flex align="center" gap={4} style={{ position: 'sticky', top: 0, zIndex: 5, height: 52, padding: '0 4px', background: '#1f5fbf', color: '#fff' }}>
          <Button type="text" icon={<ArrowLeftOutlined style={{ color: '#fff', fontSize: 18 }} />} style={{ width: 48, height: 48 }}
            aria-label={t('返回', 'Back')} data-testid="back" onClick={() => (back ? navigate(back) : navigate(-1))} />
          <div style={{ flex: 1, minWidth: 0, fontSize: 17, fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{title}</div>
          {extra}
        </Flex>
        <div style={{ padding: 12 }}>{children}</div>
      </div>
    </>
  );
}
