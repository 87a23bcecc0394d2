// Checking a unified social credit code or an identity number as it is typed, with a
// Chinese message saying exactly what is wrong (legal-rules.md, "Codes").
import type { Queryable } from '../../platform/db';
import { checkUscc } from '../../core/codes/uscc';
import { checkIdNumber } from '../../core/codes/idNumber';
import type { IdNumberResult, UsccResult } from './schema';

export async function validateUscc(db: Queryable, input: string): Promise<UsccResult> {
  const check = checkUscc(input);
  if (check.valid) return { valid: true };
  // Only a code of the right length and alphabet can be an accepted legacy code, so
  // nothing else reaches the database.
  if (check.problem === 'check_character') {
    const legacy = await db.one<{ reason: string }>('SELECT reason FROM uscc_exceptions WHERE code = $1', [check.code]);
    if (legacy) {
      return {
        valid: false,
        acceptedLegacy: true,
        message: `该代码的校验码不符合国家标准（第18位应为“${check.expectedCheck}”），但已由管理员认可为早期试点地区赋予的历史代码，可以使用（认可理由：${legacy.reason}）`,
      };
    }
  }
  return { valid: false, message: check.message };
}

export function validateIdNumber(input: string): IdNumberResult {
  const check = checkIdNumber(input);
  if (!check.valid) return { valid: false, message: check.message };
  return { valid: true, birthDate: check.birthDate, sex: check.sex };
}
