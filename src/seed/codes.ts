// Generates valid codes for demo and benchmark data.
import { usccCheckCharacter } from '../core/codes/uscc';
import { idCheckCharacter } from '../core/codes/idNumber';

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** 9-character organisation code (GB 11714) from a serial number: 8 digits + check. */
export function orgCodeFromSerial(serial: number): string {
  const body = String(serial % 100_000_000).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * ORG_CODE_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/**
 * A valid unified social credit code. registrar+type: '91' enterprise, '92' individual
 * business, '12' public institution, '52' private non-enterprise unit.
 */
export function makeUscc(registrarType: string, regionCode: string, serial: number): string {
  const first17 = registrarType + regionCode + orgCodeFromSerial(serial);
  return first17 + usccCheckCharacter(first17);
}

/** A valid resident ID number for a birth date and sequence. */
export function makeIdNumber(regionCode: string, birth: string, sequence: number): string {
  const first17 = regionCode + birth.replace(/-/g, '') + String(sequence % 1000).padStart(3, '0');
  return first17 + idCheckCharacter(first17);
}
