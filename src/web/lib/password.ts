// The password policy (platform/auth/passwords.ts) as form rules, so the user learns it
// before the server refuses.
import type { FormRule } from 'antd';
import type { Translate } from './i18n';

export function passwordRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('请输入密码', 'Enter a password') },
    { min: 8, message: t('密码至少8位', 'At least 8 characters') },
    { max: 128, message: t('密码不能超过128位', 'At most 128 characters') },
    { validator: async (_, v: string) => { if (v && (!/[A-Za-z]/.test(v) || !/\d/.test(v))) throw new Error(t('密码须同时包含字母和数字', 'Use both letters and digits')); } },
  ];
}

/** "Repeat the password": must equal the field named `field`. */
export function confirmRules(t: Translate, field: string): FormRule[] {
  return [
    { required: true, message: t('请再次输入密码', 'Repeat the password') },
    ({ getFieldValue }) => ({
      validator: async (_, v: string) => { if (v && v !== getFieldValue(field)) throw new Error(t('两次输入的密码不一致', 'The passwords differ')); },
    }),
  ];
}

export const PASSWORD_HINT: [string, string] = ['至少8位，须同时包含字母和数字', 'At least 8 characters with letters and digits'];
