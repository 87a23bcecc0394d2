// Legacy unified social credit codes (early pilot areas such as Fujian and Xiamen)
// whose check character fails. They are invalid by the standard, so each one must be
// accepted individually by an administrator (legal-rules.md, "Codes"); the accepted
// ones are then allowed wherever a USCC is entered or imported.
import type { Queryable } from '../../platform/db';
import { checkUscc, type UsccCheck } from '../../core/codes/uscc';

export async function isAcceptedLegacyCode(db: Queryable, code: string): Promise<boolean> {
  return !!(await db.one('SELECT 1 FROM uscc_exceptions WHERE code = $1', [code]));
}

/** All accepted legacy codes, for validating a large import without a query per row. */
export async function acceptedLegacyCodes(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ code: string }>('SELECT code FROM uscc_exceptions');
  return new Set(rows.map((r) => r.code));
}

/**
 * The USCC rule applied to entities: valid by GB 32100-2015, or a code of the right
 * length and alphabet whose check character fails but which an administrator accepted.
 */
export function usccAcceptable(check: UsccCheck, accepted: Set<string>): boolean {
  return check.valid || (check.problem === 'check_character' && accepted.has(check.code));
}

export { checkUscc };
