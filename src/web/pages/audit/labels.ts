// Chinese names of the audit actions and object types; unknown codes show as they are.
import type { Translate } from '../../lib/i18n';

const ACTIONS: Record<string, [string, string]> = {
  'auth.login': ['登录', 'Sign in'],
  'auth.logout': ['退出登录', 'Sign out'],
  'auth.change_password': ['修改本人密码', 'Change own password'],
  'user.create': ['新建用户', 'Create user'],
  'user.update': ['修改用户', 'Update user'],
  'user.reset_password': ['重置用户密码', 'Reset password'],
  'user.set_locale': ['切换界面语言', 'Set language'],
  'role.create': ['新建角色', 'Create role'],
  'role.update': ['修改角色', 'Update role'],
  'org.create': ['新建机构', 'Create organisation'],
  'org.update': ['修改机构', 'Update organisation'],
  'inspector.create': ['新增执法人员', 'Create inspector'],
  'inspector.update': ['修改执法人员', 'Update inspector'],
  'inspector.issue_certificate': ['核发/换发执法证', 'Issue certificate'],
  'entity.create': ['新增监管对象', 'Create entity'],
  'entity.update': ['修改监管对象', 'Update entity'],
  'uscc_exception.create': ['认可历史代码', 'Accept legacy code'],
  'uscc_exception.delete': ['撤销历史代码认可', 'Revoke legacy code'],
  'calendar.load_arrangement': ['加载节假日安排', 'Load holiday arrangement'],
  'calendar.set_day': ['修改工作日历', 'Set calendar day'],
  'rule.set': ['设置地方默认值', 'Set local value'],
  'rule.reset': ['恢复规则默认值', 'Reset local value'],
  'laws.create': ['新增法律法规', 'Add legal instrument'],
  'laws.version': ['新增法律法规版本', 'Add instrument version'],
  'seed.organizations': ['初始化机构', 'Seed organisations'],
  'seed.users': ['初始化用户', 'Seed users'],
  'seed.inspectors': ['初始化执法人员', 'Seed inspectors'],
  'seed.entities': ['初始化监管对象', 'Seed entities'],
};

const OBJECT_TYPES: Record<string, [string, string]> = {
  user: ['用户', 'User'],
  role: ['角色', 'Role'],
  organization: ['组织机构', 'Organisation'],
  inspector: ['执法人员', 'Inspector'],
  entity: ['监管对象', 'Entity'],
  uscc_exception: ['历史代码', 'Legacy code'],
  calendar_day: ['日历日期', 'Calendar day'],
  calendar_year: ['年度节假日安排', 'Calendar year'],
  rule: ['规则参数', 'Rule'],
  law: ['法律法规', 'Legal instrument'],
  import: ['数据导入', 'Import'],
  dataset: ['数据集', 'Dataset'],
};

const DATASETS: Record<string, [string, string]> = {
  organizations: ['组织机构', 'organisations'],
  entities: ['监管对象', 'entities'],
  inspectors: ['执法人员', 'inspectors'],
};

export function actionLabel(code: string, t: Translate): string {
  const l = ACTIONS[code];
  if (l) return t(l[0], l[1]);
  const [verb, rest] = code.split('.', 2);
  if ((verb === 'import' || verb === 'export') && rest) {
    const d = DATASETS[rest];
    const what = d ? t(d[0], d[1]) : rest;
    return verb === 'import' ? t(`导入${what}`, `Import ${what}`) : t(`导出${what}`, `Export ${what}`);
  }
  return code;
}

export function objectTypeLabel(code: string, t: Translate): string {
  const l = OBJECT_TYPES[code];
  return l ? t(l[0], l[1]) : code;
}

export const OBJECT_TYPE_CODES = Object.keys(OBJECT_TYPES);
