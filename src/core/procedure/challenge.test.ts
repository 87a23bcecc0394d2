import { describe, expect, it } from 'vitest';
import { JUDGMENT_EFFECTS, correctionOf } from './challenge';

describe('what a reconsideration decision or a judgment does to the penalty case', () => {
  it('revoked reopens, altered adjusts, unlawful and ordered-to-act leave a follow-up, each with its article', () => {
    expect(correctionOf('reconsideration', 'revoked')).toMatchObject({ effect: 'reopened', withdraw: 'revoked', citation: '《中华人民共和国行政复议法》第六十四条', followUp: null });
    expect(correctionOf('reconsideration', 'altered')).toMatchObject({ effect: 'adjusted', withdraw: 'changed', citation: '《中华人民共和国行政复议法》第六十三条' });
    expect(correctionOf('reconsideration', 'confirmed_illegal')).toMatchObject({ effect: 'follow_up', withdraw: 'unlawful' });
    expect(correctionOf('reconsideration', 'ordered_to_act')).toMatchObject({ effect: 'follow_up', withdraw: null });
    expect(correctionOf('litigation', 'lost', 'revoked')).toMatchObject({ effect: 'reopened', citation: '《中华人民共和国行政诉讼法》第七十条、第七十一条' });
    expect(correctionOf('litigation', 'lost', 'partly_revoked')).toMatchObject({ effect: 'adjusted', withdraw: 'changed' });
    expect(correctionOf('litigation', 'lost', 'altered')?.citation).toBe('《中华人民共和国行政诉讼法》第七十七条');
    for (const effect of Object.keys(JUDGMENT_EFFECTS)) expect(correctionOf('litigation', 'lost', effect)?.followUp === null, effect).toBe(!['confirmed_illegal', 'ordered_to_act'].includes(effect));
  });

  it('upheld, dismissed, withdrawn, won, or a judgment lost without saying what it did leave the case as it is', () => {
    for (const o of ['upheld', 'dismissed', 'withdrawn', 'pending']) expect(correctionOf('reconsideration', o)).toBeNull();
    expect(correctionOf('litigation', 'won', 'revoked')).toBeNull();
    expect(correctionOf('litigation', 'withdrawn')).toBeNull();
    expect(correctionOf('litigation', 'lost')).toBeNull();
    expect(correctionOf('litigation', 'lost', 'nonsense')).toBeNull();
  });
});
