// The fields and guards a reconsideration decision or a judgment needs when it corrects the
// penalty decision of a case the matter names (core/procedure/challenge.ts says what each
// correction does to the case): the penalty an alteration (变更) or a partial revocation
// (部分撤销) leaves in force. Asked only for those outcomes (showWhen); required once the
// matter names a penalty case, since the case's decision in force is then rewritten.
import { SANCTION_NAMES, type Sanction } from '../discretion/engine';
import type { Guard } from '../procedure/engine';
import { refuse, type FieldSpec, type MatterFacts } from './procedure';

/** The form fields of the penalty left in force, asked when `field` holds one of `values`. */
export function penaltyInForceFields(field: string, values: readonly string[], what: string): FieldSpec[] {
  const showWhen = { field, values };
  return [
    {
      name: 'sanctions', label: `${what}后的处罚种类`, type: 'select', multiple: true, options: SANCTION_NAMES, showWhen,
      help: '按决定书（判决书）确定的、现行有效的处罚填写；涉及行政处罚案件的必填，案件的处罚决定随之调整',
    },
    { name: 'fineYuan', label: `${what}后的罚款金额（元）`, type: 'number', showWhen, help: '处罚种类含罚款的填写' },
  ];
}

/** The penalty in force the step's input names (null when none was given). */
export function penaltyInForce(f: MatterFacts): { sanctions: Sanction[]; fineYuan: number } | null {
  const sanctions = Array.isArray(f.input.sanctions) ? f.input.sanctions as Sanction[] : [];
  if (sanctions.length === 0) return null;
  return { sanctions, fineYuan: sanctions.includes('fine') ? Number(f.input.fineYuan ?? 0) : 0 };
}

/**
 * When `applies` (the outcome alters the decision) and the matter names a penalty case, the
 * penalty left in force is given: at least one sanction, a fine amount (to the fen) exactly
 * when a fine is among them.
 */
export function penaltyInForceGiven(applies: (f: MatterFacts) => boolean, what: string, citation: string): Guard<MatterFacts> {
  return (f) => {
    if (!applies(f) || f.row.case_id === null) return null;
    const sanctions = Array.isArray(f.input.sanctions) ? f.input.sanctions as string[] : [];
    if (sanctions.length === 0) return refuse('PENALTY_IN_FORCE_REQUIRED', `请填写${what}后的处罚种类：涉及的行政处罚案件的处罚决定将随之调整`, citation);
    const fine = f.input.fineYuan;
    if (sanctions.includes('fine')) {
      if (typeof fine !== 'number' || fine <= 0) return refuse('FINE_REQUIRED', `处罚种类含罚款的，请填写${what}后的罚款金额`);
      if (Math.round(fine * 100) !== fine * 100) return refuse('FINE_FEN', '罚款金额最多保留两位小数（到分）');
    } else if (typeof fine === 'number' && fine > 0) {
      return refuse('FINE_WITHOUT_SANCTION', '处罚种类不含罚款的，不应填写罚款金额');
    }
    return null;
  };
}
