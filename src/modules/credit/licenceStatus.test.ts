// The licence status the credit engine is given: from the entity's licences as they stood
// on the evaluation date, or presumed by category when the platform holds none.
import { describe, expect, it } from 'vitest';
import { licenceStatusOn, type LicenceFactRow } from './facts';

const on = '2026-06-30';
const row = (status: string, validTo: string, statusOn: string | null = null): LicenceFactRow => ({ entity_id: 1, status, status_on: statusOn, valid_to: validTo });

describe('the licence status for credit', () => {
  it('is presumed by category when the platform holds no licence', () => {
    expect(licenceStatusOn([], 'public_place', on)).toBe('valid');
    expect(licenceStatusOn([], 'school', on)).toBe('none');
  });
  it('is valid, expiring within the longest reminder window, or expired', () => {
    expect(licenceStatusOn([row('valid', '2027-06-30')], 'public_place', on)).toBe('valid');
    expect(licenceStatusOn([row('valid', '2026-07-20')], 'public_place', on)).toBe('expiring');
    expect(licenceStatusOn([row('valid', '2026-06-29')], 'public_place', on)).toBe('expired');
  });
  it('is revoked from the day of revocation, valid before it', () => {
    expect(licenceStatusOn([row('revoked', '2027-06-30', '2026-06-01')], 'public_place', on)).toBe('revoked');
    expect(licenceStatusOn([row('revoked', '2027-06-30', '2026-07-01')], 'public_place', on)).toBe('valid');
  });
  it('takes the renewed licence over the superseded one, and is none when the only licence was cancelled', () => {
    expect(licenceStatusOn([row('superseded', '2026-07-01', '2026-05-01'), row('valid', '2030-07-01')], 'public_place', on)).toBe('valid');
    expect(licenceStatusOn([row('cancelled', '2027-07-01', '2026-05-01')], 'public_place', on)).toBe('none');
  });
});
