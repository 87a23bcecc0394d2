// What a reconsideration decision or a judgment does to the penalty case it challenges
// (modules/cases, applyChallengeOutcome): revoked — the case is reopened and a new
// decision made; altered or partly revoked — the decision in force becomes the altered
// one; confirmed unlawful or ordered to act — the case handler follows up. A decision that
// is upheld, a dismissed application, a suit won or withdrawn leave the case as it is.
// Each correction cites the article it rests on. Pure: modules/cases applies it.

export type ChallengeKind = 'reconsideration' | 'litigation';

/** What a judgment lost by the commission did (the litigation judgment step asks for it). */
export const JUDGMENT_EFFECTS = {
  revoked: '撤销', partly_revoked: '部分撤销', altered: '变更', confirmed_illegal: '确认违法', ordered_to_act: '责令履行',
} as const;
export type Correction = keyof typeof JUDGMENT_EFFECTS;

/** Reopened: a new decision is made; adjusted: the decision in force changes; follow_up: the handler acts. */
export type CorrectionEffect = 'reopened' | 'adjusted' | 'follow_up';

export interface CorrectionPlan {
  correction: Correction;
  /** In Chinese: 撤销, 变更 ... */
  name: string;
  effect: CorrectionEffect;
  citation: string;
  /** What the handler must do, when the correction itself asks for something (remedies, the duty ordered). */
  followUp: string | null;
  /** Why a published decision is withdrawn (行政处罚法 art. 48), as the publication module names it; null: it stays. */
  withdraw: 'revoked' | 'changed' | 'unlawful' | null;
}

const REVIEW_LAW = '《中华人民共和国行政复议法》';
const SUIT_LAW = '《中华人民共和国行政诉讼法》';

/** 行政处罚法 art. 48 (2): a published decision changed, revoked or found unlawful is withdrawn within three days, with the reason. */
export const WITHDRAWAL_CITATION = '《中华人民共和国行政处罚法》第四十八条第二款';

/** 行政复议法 art. 72 (2): a fine revoked or altered on reconsideration is returned. */
export const REFUND_CITATION = `${REVIEW_LAW}第七十二条第二款`;

const CITATIONS: Record<ChallengeKind, Record<Correction, string>> = {
  reconsideration: {
    revoked: `${REVIEW_LAW}第六十四条`,
    partly_revoked: `${REVIEW_LAW}第六十四条`,
    altered: `${REVIEW_LAW}第六十三条`,
    confirmed_illegal: `${REVIEW_LAW}第六十五条、第七十二条第一款`,
    ordered_to_act: `${REVIEW_LAW}第六十六条`,
  },
  litigation: {
    revoked: `${SUIT_LAW}第七十条、第七十一条`,
    partly_revoked: `${SUIT_LAW}第七十条`,
    altered: `${SUIT_LAW}第七十七条`,
    confirmed_illegal: `${SUIT_LAW}第七十四条、第七十六条`,
    ordered_to_act: `${SUIT_LAW}第七十二条`,
  },
};

const FOLLOW_UPS: Partial<Record<Correction, string>> = {
  confirmed_illegal: '原处罚决定被确认违法（不撤销）：依法采取补救措施；给当事人造成损失的，依法承担赔偿责任',
  ordered_to_act: '被责令在一定期限内履行法定职责：在决定（判决）确定的期限内履行，并记录履行情况',
};

const EFFECTS: Record<Correction, { effect: CorrectionEffect; withdraw: CorrectionPlan['withdraw'] }> = {
  revoked: { effect: 'reopened', withdraw: 'revoked' },
  // The part not revoked stays in force: the decision in force is adjusted to it.
  partly_revoked: { effect: 'adjusted', withdraw: 'changed' },
  altered: { effect: 'adjusted', withdraw: 'changed' },
  confirmed_illegal: { effect: 'follow_up', withdraw: 'unlawful' },
  // A duty left undone is not the published decision: the publication stays.
  ordered_to_act: { effect: 'follow_up', withdraw: null },
};

/** Reconsideration outcomes (states.ts RECONSIDERATION_OUTCOMES) that correct the act. */
const RECONSIDERATION_CORRECTIONS: Partial<Record<string, Correction>> = {
  revoked: 'revoked', altered: 'altered', confirmed_illegal: 'confirmed_illegal', ordered_to_act: 'ordered_to_act',
};

/**
 * What the outcome does to the case: for a reconsideration its outcome, for a suit what the
 * judgment lost did. Null when the case stays as it is.
 */
export function correctionOf(kind: ChallengeKind, outcome: string, judgmentEffect?: string | null): CorrectionPlan | null {
  const correction = kind === 'reconsideration'
    ? RECONSIDERATION_CORRECTIONS[outcome]
    : outcome === 'lost' && judgmentEffect && judgmentEffect in JUDGMENT_EFFECTS ? judgmentEffect as Correction : undefined;
  if (!correction) return null;
  return { correction, name: JUDGMENT_EFFECTS[correction], ...EFFECTS[correction], citation: CITATIONS[kind][correction], followUp: FOLLOW_UPS[correction] ?? null };
}
