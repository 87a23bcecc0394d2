// How long a penalty decision stays public (legal-rules.md, "Publication"). The period
// depends on the rule in force on the decision date and on the violation's severity:
//   《失信行为纠正后的信用信息修复管理办法（试行）》(国家发展改革委令2023年第58号):
//     at least 3 months, at most 3 years, whatever the severity;
//   《信用修复管理办法》(in force from 2026-04-01): minor violations in principle not
//     published (at most 3 months), general 3 months to 1 year, serious 1 to 3 years.
// Counted from the decision date. After the minimum the party may apply for credit
// repair (early withdrawal); after the maximum publication stops by itself.
import { addMonths } from '../calendar/dates';

export const SEVERITIES = ['minor', 'general', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface PublicationRegime {
  from: string;
  citation: string;
  /** Months: the minimum before credit repair and the maximum, by severity. */
  months: Record<Severity, { min: number; max: number }>;
}

export const PUBLICATION_REGIMES: PublicationRegime[] = [
  {
    from: '2023-01-01',
    citation: '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令2023年第58号）',
    months: { minor: { min: 3, max: 36 }, general: { min: 3, max: 36 }, serious: { min: 3, max: 36 } },
  },
  {
    from: '2026-04-01',
    citation: '《信用修复管理办法》（2026年4月1日起施行）',
    months: { minor: { min: 0, max: 3 }, general: { min: 3, max: 12 }, serious: { min: 12, max: 36 } },
  },
];

/** The regime in force on the decision date (the earliest one for older decisions). */
export function regimeOn(decidedOn: string): PublicationRegime {
  const inForce = PUBLICATION_REGIMES.filter((r) => r.from <= decidedOn);
  return inForce.at(-1) ?? PUBLICATION_REGIMES[0];
}

export interface PublicationPeriod { repairFrom: string; publicUntil: string; citation: string }

export function publicationPeriod(decidedOn: string, severity: Severity): PublicationPeriod {
  const r = regimeOn(decidedOn);
  const m = r.months[severity];
  return { repairFrom: addMonths(decidedOn, m.min), publicUntil: addMonths(decidedOn, m.max), citation: r.citation };
}
