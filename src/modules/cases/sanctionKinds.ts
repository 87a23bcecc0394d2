// The sanction kinds of metrics.md and data-exchange.md (警告, 罚款, 没收 …) and the
// platform's own sanctions (core/discretion/engine.ts SANCTIONS) that count in each. The
// platform's list is finer (没收违法所得 and 没收非法财物 are both 没收) and holds measures
// that are no kind of the report (责令改正, 责令停止执业活动, 责令关闭).
import type { Sanction } from '../../core/discretion/engine';

export const SANCTION_KINDS = {
  warning: ['warning'], fine: ['fine'], confiscation: ['confiscate_gains', 'confiscate_goods'], suspension: ['suspend'],
  licence_revoked: ['revoke_licence'], licence_cancelled: ['cancel_licence'], scope_revoked: ['revoke_scope'],
  practitioner_revoked: ['revoke_practice_certificate'],
} as const satisfies Record<string, readonly Sanction[]>;

export type SanctionKind = keyof typeof SANCTION_KINDS;
export const SANCTION_KIND_CODES = Object.keys(SANCTION_KINDS) as SanctionKind[];

export const SANCTION_KIND_NAMES: Record<SanctionKind, string> = {
  warning: '警告', fine: '罚款', confiscation: '没收违法所得、非法财物', suspension: '责令停业整顿', licence_revoked: '吊销许可证件',
  licence_cancelled: '注销许可证件', scope_revoked: '吊销诊疗科目', practitioner_revoked: '吊销执业证书',
};

/** The platform sanction an imported kind is recorded as (the first of its list). */
export const sanctionOfKind = (k: SanctionKind): Sanction => SANCTION_KINDS[k][0];

/** The kinds of a decision's sanctions, in the kinds' order; sanctions of no kind are left out. */
export function kindsOf(sanctions: readonly string[]): SanctionKind[] {
  return SANCTION_KIND_CODES.filter((k) => (SANCTION_KINDS[k] as readonly string[]).some((s) => sanctions.includes(s)));
}
