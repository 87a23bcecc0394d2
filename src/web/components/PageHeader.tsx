import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useT } from '../lib/i18n';

/** The title row of a page: title, one line of explanation, actions on the right. */
export function PageHeader({ title, subtitle, extra, back }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; back?: string }) {
  const navigate = useNavigate();
  const t = useT();
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Flex align="center" gap={8}>
          {back && <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} aria-label={t('返回', 'Back')} data-testid="back" />}
          <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
        </Flex>
        {subtitle && <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>{subtitle}</Typography.Text>}
      </div>
      {extra && <Flex gap={8} wrap>{extra}</Flex>}
    </Flex>
  );
}
