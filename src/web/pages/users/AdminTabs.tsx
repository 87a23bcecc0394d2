import { useNavigate } from 'react-router';
import { Tabs } from 'antd';
import { useT } from '../../lib/i18n';

/** 用户 / 角色 switch shared by /users and /roles. */
export function AdminTabs({ active }: { active: 'users' | 'roles' }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Tabs
      activeKey={active}
      onChange={(k) => navigate(k === 'users' ? '/users' : '/roles')}
      items={[
        { key: 'users', label: <span data-testid="tab-users">{t('用户', 'Users')}</span> },
        { key: 'roles', label: <span data-testid="tab-roles">{t('角色与权限', 'Roles and permissions')}</span> },
      ]}
      style={{ marginBottom: 8 }}
    />
  );
}
