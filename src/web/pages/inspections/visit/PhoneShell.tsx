// The frame of the pages an inspector uses on the spot (我的检查任务, 现场检查记录): on a
// desktop the usual page header over a column of at most 920 px; on a phone (narrower
// than antd's md) one full-width column under a compact title row with a back button
// (the page's explanation is left out). The application's menu and header stay
// (layout/AppLayout.tsx folds the menu away on narrow screens).
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useT } from '../../../lib/i18n';
import { PageHeader } from '../../../components/PageHeader';
import { usePhone } from '../../../layout/useScreen';

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
    <div data-testid="phone-shell">
      <Flex align="center" gap={4} style={{ minHeight: 44, margin: '-4px 0 8px -8px' }}>
        <Button type="text" icon={<ArrowLeftOutlined style={{ fontSize: 18 }} />} style={{ width: 44, height: 44, flex: 'none' }}
          aria-label={t('返回', 'Back')} data-testid="back" onClick={() => (back ? navigate(back) : navigate(-1))} />
        <Typography.Title level={5} ellipsis style={{ flex: 1, minWidth: 0, margin: 0 }}>{title}</Typography.Title>
        {extra}
      </Flex>
      {children}
    </div>
  );
}
