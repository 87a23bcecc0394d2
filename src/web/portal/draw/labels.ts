// Chinese (and English) names of the draw's codes, for the public portal pages.
import type { Translate } from '../../lib/i18n';
import type { StrataMode } from '../../../core/draw/draw';
import { ENTITY_CATEGORY_LABELS, labelOf } from '../../lib/labels';
import type { EntityCategory } from '../../lib/types';

const PPM = 1_000_000;

/** A ratio in parts per million as a percentage: 50000 → 5%, 12345 → 1.2345%. */
export function ppmPercent(ppm: number): string {
  return `${(ppm / (PPM / 100)).toLocaleString('zh-CN', { maximumFractionDigits: 4, useGrouping: false })}%`;
}

/** A ratio 0…1 as a percentage, rounded to the ppm as the draw computes it. */
export function ratioPercent(ratio: number): string {
  return ppmPercent(Math.round(ratio * PPM));
}

const STRATA_MODES: Record<StrataMode, [string, string]> = {
  risk_credit: ['按风险等级 × 信用等级分层', 'By risk class × credit grade'],
  risk: ['按风险等级分层', 'By risk class'],
  credit: ['按信用等级分层', 'By credit grade'],
  none: ['不分层', 'No strata'],
};

export function strataModeLabel(mode: string, t: Translate): string {
  const l = STRATA_MODES[mode as StrataMode];
  return l ? t(l[0], l[1]) : mode;
}

const RISKS: Record<string, [string, string]> = {
  low: ['低风险', 'low risk'], medium: ['中风险', 'medium risk'], high: ['高风险', 'high risk'], '-': ['风险等级未评定', 'risk not rated'],
};
const CREDITS: Record<string, [string, string]> = {
  A: ['信用A级', 'credit A'], B: ['信用B级', 'credit B'], C: ['信用C级', 'credit C'], D: ['信用D级', 'credit D'], '-': ['信用等级未评定', 'credit not rated'],
};

/** A stratum key ('high/D', 'low/*', '-/B', '*\/*') in words. */
export function stratumLabel(key: string, t: Translate): string {
  const [risk, credit] = key.split('/');
  const parts: string[] = [];
  if (risk && risk !== '*') parts.push(RISKS[risk] ? t(RISKS[risk][0], RISKS[risk][1]) : risk);
  if (credit && credit !== '*') parts.push(CREDITS[credit] ? t(CREDITS[credit][0], CREDITS[credit][1]) : credit);
  return parts.length ? parts.join(' · ') : t('全部对象', 'All entities');
}

export const SOURCE_LABELS: Record<string, string> = { national: 'National', provincial: 'Provincial', municipal: 'Municipal', local: 'Local' };

const RESULTS: Record<string, [string, string]> = {
  compliant: ['Compliant', 'green'], non_compliant: ['Non-compliant', 'red'], closed_down: ['Closed down', 'default'], not_found: ['Not found', 'orange'],
};

export function resultLabel(result: string, resultName: string, t: Translate): string {
  return t(resultName, RESULTS[result]?.[0] ?? resultName);
}

export function resultColor(result: string): string {
  return RESULTS[result]?.[1] ?? 'default';
}

export function categoryLabel(c: string, t: Translate): string {
  return labelOf(ENTITY_CATEGORY_LABELS, c as EntityCategory, t);
}

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** A server timestamp in Beijing time (the draw date and the law's days are China's), e.g. 2026-03-05 14:07:09. */
export function beijingTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const part = Object.fromEntries(BEIJING.formatToParts(d).map((x) => [x.type, x.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** Which strata the high-risk multiplier applies to under a strata mode. */
export function multiplierScope(mode: string, t: Translate): string | null {
  switch (mode) {
    case 'risk_credit': return t('高风险及信用D级对象', 'high-risk and credit-D entities');
    case 'risk': return t('高风险对象', 'high-risk entities');
    case 'credit': return t('信用D级对象', 'credit-D entities');
    default: return null;
  }
}
