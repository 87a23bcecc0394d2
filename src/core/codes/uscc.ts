// Unified social credit code (统一社会信用代码), GB 32100-2015. See legal-rules.md, "Codes".
import { isKnownRegionCode } from './region';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Weight of position i (1-based, 1..17) is 3^(i-1) mod 31.
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const LENGTH = 18;

export type UsccProblem =
  | 'empty'
  | 'length'
  | 'alphabet'
  | 'check_character';

export interface UsccCheck {
  valid: boolean;
  /** Normalised form (trimmed, upper case). */
  code: string;
  problem?: UsccProblem;
  /** Chinese message saying exactly what is wrong. */
  message?: string;
  /** The check character the first 17 characters require, when computable. */
  expectedCheck?: string;
  /** Region code embedded at positions 3–8, and whether it is a known GB/T 2260 code. */
  regionCode?: string;
  regionKnown?: boolean;
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  const value = 31 - (sum % 31);
  return USCC_ALPHABET[value === 31 ? 0 : value];
}

export function checkUscc(input: string): UsccCheck {
  const code = (input ?? '').trim().toUpperCase();
  if (code === '') return { valid: false, code, problem: 'empty', message: '统一社会信用代码不能为空' };
  if (code.length !== LENGTH) {
    return { valid: false, code, problem: 'length', message: `统一社会信用代码应为18位，当前为${code.length}位` };
  }
  for (let i = 0; i < LENGTH; i++) {
    if (!USCC_ALPHABET.includes(code[i])) {
      return {
        valid: false, code, problem: 'alphabet',
        message: `第${i + 1}位字符“${code[i]}”不允许出现在统一社会信用代码中（不使用 I、O、S、V、Z 及其他符号）`,
      };
    }
  }
  const regionCode = code.slice(2, 8);
  const expectedCheck = usccCheckCharacter(code.slice(0, 17));
  const regionKnown = isKnownRegionCode(regionCode);
  if (code[17] !== expectedCheck) {
    return {
      valid: false, code, problem: 'check_character', expectedCheck, regionCode, regionKnown,
      message: `校验码错误：第18位应为“${expectedCheck}”，实为“${code[17]}”（请核对代码是否录入有误；早期试点地区赋予的历史代码须经管理员逐个认可）`,
    };
  }
  return { valid: true, code, expectedCheck, regionCode, regionKnown };
}
