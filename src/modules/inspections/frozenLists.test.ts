// The frozen lists as stored: what is packed is what the draw and the public record read back.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packLists, unpackLists, type FrozenLists } from './frozenLists';
import { inputDigests, type DrawCandidate } from '../../core/draw/draw';

const risks = [null, 'low', 'medium', 'high'] as const;
const grades = [null, 'A', 'B', 'C', 'D'] as const;

function lists(): FrozenLists {
  const candidates: DrawCandidate[] = Array.from({ length: 400 }, (_, i) => ({
    uscc: `91330402MA${String(i).padStart(7, '0')}X`,
    category: ['public_place', 'medical_institution', 'school'][i % 3],
    riskClass: risks[i % 4], creditGrade: grades[i % 5], blacklisted: i % 11 === 0,
    lastPlanInspectionOn: i % 7 === 0 ? `2026-0${1 + (i % 5)}-1${i % 10}` : null,
    inspectionsThisYear: i % 13 === 0 ? i % 4 : 0,
  }));
  return {
    candidates,
    inspectors: [
      { staffNo: 'NH-001', active: true, certificateNo: 'ZJ001', certificateValidTo: '2028-06-30', specialties: ['public_place', 'school'], openTasks: 3 },
      { staffNo: 'NH-002', active: false, certificateNo: null, certificateValidTo: null, specialties: [], openTasks: 0 },
    ],
    recusals: [
      { staffNo: 'NH-001', uscc: candidates[5].uscc, reason: 'conflict' },
      { staffNo: 'NH-002', uscc: candidates[9].uscc, reason: 'previous_plan' },
    ],
  };
}

describe('frozen lists as stored', () => {
  it('read back exactly as frozen: every field of every entry, in order, so the digests agree', () => {
    const frozen = lists();
    const back = unpackLists(packLists(frozen));
    expect(back).toEqual(frozen);
    expect(inputDigests(back)).toEqual(inputDigests(frozen));
  });

  it('are stored by column, far smaller than one object per candidate', () => {
    const frozen = lists();
    const byObject = gzipSync(JSON.stringify(frozen), { level: 6 });
    expect(packLists(frozen).length).toBeLessThan(byObject.length * 0.7);
  });

  it('stored before the columns (one object per entry) are still read', () => {
    const frozen = lists();
    expect(unpackLists(gzipSync(JSON.stringify(frozen)))).toEqual(frozen);
  });

  it('a value the layout cannot hold is refused when packing, not stored wrong', () => {
    const frozen = lists();
    const bad = { ...frozen, candidates: [{ ...frozen.candidates[0], riskClass: 'extreme' as never }] };
    expect(() => packLists(bad)).toThrow('risk class extreme');
    const badGrade = { ...frozen, candidates: [{ ...frozen.candidates[0], creditGrade: 'toString' as never }] };
    expect(() => packLists(badGrade)).toThrow('credit grade toString');
    expect(() => unpackLists(gzipSync(JSON.stringify({ format: 99 })))).toThrow('unknown format 99');
  });
});
