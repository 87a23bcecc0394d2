import { Link, useNavigate } from 'react-router';
import { Button, Result, Space } from 'antd';
import { useT } from '../lib/i18n';

/**
 * An address the platform does not have: a mistyped or outdated link (a bookmark, a link
 * copied into a spreadsheet) says so instead of dropping the user on another page
 * without a word. Inside the app it leads back to the workbench; on the public portal,
 * where visitors have no account, to the portal's public pages.
 */
export function NotFound({ portal = false }: { portal?: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const way = portal ? (
    <Space wrap size="large" data-testid="not-found-portal-links">
      <Link to="/portal/service-guide">{t('办事指南', 'Service guide')}</Link>
      <Link to="/portal/track">{t('办件查询', 'Track an application')}</Link>
      <Link to="/portal/verify/licence">{t('电子证照核验', 'Verify a licence')}</Link>
      <Link to="/portal/penalties">{t('行政处罚公示', 'Penalty decisions')}</Link>
      <Link to="/portal/random-plans">{t('双随机抽查公示', 'Random inspections')}</Link>
      <Link to="/portal/complaint">{t('投诉举报', 'Complaints')}</Link>
    </Space>
  ) : (
    <Button type="primary" onClick={() => navigate('/')} data-testid="not-found-home">{t('返回工作台', 'Back to the workbench')}</Button>
  );
  return (
    <Result
      status="404"
      data-testid="not-found"
      title={t('页面不存在', 'Page not found')}
      subTitle={t('您访问的地址不存在，可能是链接有误或页面已调整。', 'There is no page at this address: the link may be mistyped or out of date.')}
      extra={way}
    />
  );
}
