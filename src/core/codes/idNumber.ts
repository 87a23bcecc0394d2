// Resident identity number (公民身份号码), GB 11643-1999. See legal-rules.md, "Codes".

// Weight of position i (1-based, 1..17) is 2^(18-i) mod 11.
export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Σ mod 11 indexes this list to give the check character.
export const ID_CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

export interface IdNumberCheck {
  valid: boolean;
  number: string;
  message?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
}

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

export function checkIdNumber(input: string, today: Date = new Date()): IdNumberCheck {
  const number = (input ?? '').trim().toUpperCase();
  if (number === '') return { valid: false, number, message: '身份证号码不能为空' };
  if (number.length !== 18) return { valid: false, number, message: `身份证号码应为18位，当前为${number.length}位` };
  if (!/^\d{17}[\dX]$/.test(number)) {
    return { valid: false, number, message: '身份证号码前17位应为数字，第18位应为数字或 X' };
  }
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (y < 1800 || !isRealDate(y, m, d)) {
    return { valid: false, number, message: `出生日期“${birthDate}”不是有效日期（第7至14位）` };
  }
  if (birthDate > today.toISOString().slice(0, 10)) {
    return { valid: false, number, message: `出生日期“${birthDate}”晚于今天（第7至14位）` };
  }
  const expected = idCheckCharacter(number.slice(0, 17));
  if (number[17] !== expected) {
    return { valid: false, number, message: `校验码错误：第18位应为“${expected}”，实为“${number[17]}”` };
  }
  const sex = Number(number[16]) % 2 === 1 ? 'male' : 'female';
  return { valid: true, number, birthDate, sex };
}
