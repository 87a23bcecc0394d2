// The licence application procedure (《行政许可法》2019) declared as data for the
// procedure engine: receipt, the one complete correction notice (一次性告知), acceptance
// (with materials outstanding, 容缺受理, where the item allows it), refusal to accept,
// the decision (approve, refuse with reasons and remedies), withdrawal, and filing
// (备案: accepted on submission, verified afterwards). Under notification and commitment
// (告知承诺) materials may be owed and the decision made before they arrive. Guards read
// the facts the licensing module gathers; each refusal cites its article.
import { RULES } from '../law/rules';
import type { ClockSpec, Guard, Procedure, Refusal } from './engine';

export const APPLICATION_STATES = ['submitted', 'correction_requested', 'accepted', 'not_accepted', 'approved', 'refused', 'withdrawn'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_OUTCOMES = ['approved', 'refused', 'withdrawn'] as const;
export type ApplicationOutcome = (typeof APPLICATION_OUTCOMES)[number];

export const LICENSING_LAW = '《中华人民共和国行政许可法》';

export interface OwedMaterial { name: string; dueOn: string }

export interface ApplicationFacts {
  itemKind: 'licence' | 'filing';
  commitmentAllowed: boolean;
  deficiencyAllowed: boolean;
  /** The applicant chose notification-and-commitment (告知承诺). */
  commitment: boolean;
  /** A correction notice was already given (it is given once, completely). */
  correctionRequested: boolean;
  /** Required materials neither provided nor replaced by an e-licence or a data check. */
  missingMaterials: string[];
  /** Materials owed under acceptance with materials outstanding, not yet supplied. */
  owedMaterials: string[];
  /** The step's input. */
  reason?: string;
  remedies?: string;
  owed?: OwedMaterial[];
  today: string;
}

const refuse = (code: string, message: string, citation?: string): Refusal => ({ code, message, ...(citation ? { citation } : {}) });

const reasonGiven = (what: string): Guard<ApplicationFacts> => (f) =>
  (f.reason && f.reason.trim().length >= 2 ? null : refuse('REASON_REQUIRED', `请写明${what}`));

const isLicence: Guard<ApplicationFacts> = (f) =>
  (f.itemKind === 'licence' ? null : refuse('FILING_ITEM', '备案事项收到材料即予备案，不经受理和审查决定，请办理“予以备案”'));

const isFiling: Guard<ApplicationFacts> = (f) =>
  (f.itemKind === 'filing' ? null : refuse('LICENCE_ITEM', '该事项为行政许可，须经受理和审查后作出决定'));

const notCorrectedBefore: Guard<ApplicationFacts> = (f) => (f.correctionRequested
  ? refuse('CORRECTION_ONCE', '已一次性告知过需要补正的全部内容，不得再次要求补正：材料仍不齐全的，可以不予受理或者容缺受理', `${LICENSING_LAW}第三十二条第一款第（四）项`)
  : null);

const materialsComplete: Guard<ApplicationFacts> = (f) => (f.missingMaterials.length > 0
  ? refuse('MATERIALS_MISSING', `申请材料不齐全（缺少：${f.missingMaterials.join('、')}）：请一次性告知补正，或在事项允许时容缺受理`, `${LICENSING_LAW}第三十二条第一款第（五）项`)
  : null);

/**
 * Under notification and commitment (告知承诺) the applicant has committed in writing to
 * meet the conditions and to hand in the materials named by the agreed date: acceptance
 * and the decision need not wait for them, and the verification afterwards (核查) checks
 * they came (RULES.licensingCommitmentCheckMonths cites 国办发〔2020〕42号).
 */
const underCommitment = (f: ApplicationFacts) => f.commitment && f.commitmentAllowed;

const deficiencyAllowed: Guard<ApplicationFacts> = (f) => (f.deficiencyAllowed || underCommitment(f)
  ? null : refuse('DEFICIENCY_NOT_ALLOWED', '该事项不适用容缺受理，申请人也未选择告知承诺'));

const owedListed: Guard<ApplicationFacts> = (f) => {
  const owed = f.owed ?? [];
  if (owed.length === 0) return refuse('OWED_REQUIRED', '请列出容缺的材料及补齐期限');
  const bad = owed.find((o) => !o.name.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(o.dueOn));
  if (bad) return refuse('OWED_INVALID', '每项容缺材料须写明名称和补齐日期');
  const past = owed.find((o) => o.dueOn < f.today);
  if (past) return refuse('OWED_PAST', `容缺材料“${past.name}”的补齐日期不能早于今天`);
  return null;
};

const nothingOwed: Guard<ApplicationFacts> = (f) => (f.owedMaterials.length > 0 && !underCommitment(f)
  ? refuse('MATERIALS_OWED', `容缺受理的材料尚未补齐（${f.owedMaterials.join('、')}），补齐后方可作出准予许可的决定（选择告知承诺的，可先行作出决定，事后核查）`)
  : null);

const somethingOwed: Guard<ApplicationFacts> = (f) => (f.owedMaterials.length === 0
  ? refuse('NOTHING_OWED', '本件没有待补齐的容缺材料') : null);

const remediesGiven: Guard<ApplicationFacts> = (f) => (f.remedies && f.remedies.trim().length >= 2
  ? null : refuse('REMEDIES_REQUIRED', '不予行政许可的决定应当告知申请人依法申请行政复议或者提起行政诉讼的权利', `${LICENSING_LAW}第三十八条第二款`));

const commitmentAllowed: Guard<ApplicationFacts> = (f) => (!f.commitment || f.commitmentAllowed
  ? null : refuse('COMMITMENT_NOT_ALLOWED', '该事项不适用告知承诺制'));

export const LICENCE_APPLICATION: Procedure<ApplicationState, ApplicationFacts> = {
  name: 'licence_application',
  subject: '申请',
  initial: 'submitted',
  states: {
    submitted: { label: '已收件，待受理' },
    correction_requested: { label: '已一次性告知补正' },
    accepted: { label: '已受理，审查中' },
    not_accepted: { label: '不予受理', final: true },
    approved: { label: '准予许可（备案）', final: true },
    refused: { label: '不予许可', final: true },
    withdrawn: { label: '申请人撤回', final: true },
  },
  steps: [
    { id: 'request_correction', label: '一次性告知补正', from: ['submitted'], to: 'correction_requested', permission: 'licensing.handle', guards: [isLicence, notCorrectedBefore], inputGuards: [reasonGiven('需要补正的全部内容')], citation: `${LICENSING_LAW}第三十二条第一款第（四）项` },
    { id: 'resubmit', label: '申请人已补正', from: ['correction_requested'], to: 'submitted', permission: 'licensing.handle' },
    { id: 'accept', label: '受理', from: ['submitted'], to: 'accepted', permission: 'licensing.handle', guards: [isLicence, commitmentAllowed, materialsComplete], citation: `${LICENSING_LAW}第三十二条第一款第（五）项` },
    { id: 'accept_with_deficiency', label: '容缺受理', from: ['submitted'], to: 'accepted', permission: 'licensing.handle', guards: [isLicence, commitmentAllowed, deficiencyAllowed], inputGuards: [owedListed] },
    { id: 'not_accept', label: '不予受理', from: ['submitted', 'correction_requested'], to: 'not_accepted', permission: 'licensing.handle', inputGuards: [reasonGiven('不予受理的理由')], citation: `${LICENSING_LAW}第三十二条` },
    { id: 'supplement', label: '登记补齐容缺材料', from: ['accepted'], to: 'accepted', permission: 'licensing.handle', guards: [somethingOwed] },
    { id: 'approve', label: '准予许可', from: ['accepted'], to: 'approved', permission: 'licensing.decide', guards: [nothingOwed], citation: `${LICENSING_LAW}第三十八条第一款、第四十二条` },
    { id: 'refuse', label: '不予许可', from: ['accepted'], to: 'refused', permission: 'licensing.decide', inputGuards: [reasonGiven('不予许可的理由'), remediesGiven], citation: `${LICENSING_LAW}第三十八条第二款` },
    { id: 'record_filing', label: '予以备案', from: ['submitted'], to: 'approved', permission: 'licensing.handle', guards: [isFiling, materialsComplete] },
    { id: 'withdraw', label: '申请人撤回申请', from: ['submitted', 'correction_requested', 'accepted'], to: 'withdrawn', permission: 'licensing.handle', inputGuards: [reasonGiven('撤回的情况')] },
  ],
};

/** The clocks of an application: the correction notice (statutory) and the decision (the item's promised limit). */
export const APPLICATION_CLOCKS = {
  correction: { id: 'correction', label: '一次性告知补正', amount: RULES.licensingCorrectionNotice.value, unit: 'workday', citation: RULES.licensingCorrectionNotice.citation },
  publication: { id: 'publication', label: '公示许可决定', amount: RULES.licensingPublicationPeriod.value, unit: 'workday', citation: RULES.licensingPublicationPeriod.citation },
} satisfies Record<string, ClockSpec>;

/** The decision clock runs the item's promised limit (≤ the statutory one) from acceptance. */
export function decisionClock(promisedDays: number, statutoryDays: number): ClockSpec {
  return {
    id: 'decision', label: `作出许可决定（承诺${promisedDays}个工作日，法定${statutoryDays}个工作日）`, amount: promisedDays, unit: 'workday',
    citation: `${RULES.licensingDecisionPeriod.citation}；本机关承诺时限`,
  };
}
