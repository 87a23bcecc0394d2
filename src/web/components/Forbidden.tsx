import { useNavigate } from 'react-router';
import { Button, Result } from 'antd';
import { useT } from '../lib/i18n';

/** A page the signed-in role may not use. */
export function Forbidden() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      data-testid="forbidden"
      title={t('无权访问', 'No access')}
      subTitle={t('您的角色没有使用此功能的权限。如确需使用，请联系系统管理员。', 'Your role may not use this page. Ask an administrator if you need it.')}
      extra={<Button type="primary" onClick={() => navigate('/')}>{t('返回工作台', 'Back to the workbench')}</Button>}
    />
  );
}
