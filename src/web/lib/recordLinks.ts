// Where the records behind a metric are listed: the list page, filtered to the period and
// the organisation subtree (and, where the list can, to the records the metric counts).
// The dashboard and the annual report link every figure here. The list pages read
// `from`, `to` and `org` (an organisation code) from the URL (see useRecordLinkFilters in
// linkedFilters.ts) plus the page's own filters added below (channel, kind, overdue …).
// The paths are the routes of src/web/nav.tsx.

/** A metric's list page and the page filters that narrow it to the metric's records. */
interface Target {
  path: string;
  filters?: Record<string, string>;
  /** The list cannot filter by the date the metric reads (a payment, a transfer): link the organisation's list without the period. */
  noPeriod?: boolean;
}

const MATTER_FAMILIES: Record<string, string> = {
  hotline: 'hotline',
  petitions: 'petition',
  mediation: 'mediation',
  reconsideration: 'reconsideration',
  litigation: 'litigation',
  proposals: 'proposal',
};

/** Metrics whose records are narrower than the whole list, or on another page of the family. */
const BY_ID: Record<string, Target> = {
  // Licensing: applications, except the catalogue's items.
  'licensing.online.count': { path: '/licensing/applications', filters: { channel: 'online' } },
  // Random inspections: tasks and plans; other inspection figures are visits.
  // (tasks by their due date, or by their completion date for the figures of tasks completed).
  'inspection.random.tasks.assigned': { path: '/inspections/tasks' },
  'inspection.random.tasks.completion_rate': { path: '/inspections/tasks' },
  'inspection.joint_random_rate': { path: '/inspections/tasks', filters: { dateOf: 'completed' } },
  'inspection.results_published_on_time_rate': { path: '/inspections/tasks', filters: { dateOf: 'completed' } },
  'inspection.credit_applied_rate': { path: '/inspections/plans' },
  'inspection.random.entities': { path: '/inspections/visits', filters: { kind: 'random' } },
  // Penalty cases: the period reads the date the figure names (the list's dateOf filter).
  'enforcement.cases.opened': { path: '/cases', filters: { dateOf: 'filed' } },
  'enforcement.cases.closed': { path: '/cases', filters: { dateOf: 'closed' } },
  'enforcement.fines.collected': { path: '/cases', noPeriod: true },
  'enforcement.transfers': { path: '/cases', noPeriod: true },
  // As at the end of the period: the inspectors of the organisation, whatever the period.
  'staff.inspectors.active': { path: '/inspectors', noPeriod: true },
  'staff.inspectors.per10k': { path: '/inspectors', noPeriod: true },
  'staff.inspectors.gap': { path: '/inspectors', noPeriod: true },
  'licensing.catalogue.items': { path: '/licensing/catalogue', noPeriod: true },
  // Disclosure requests are matters; proactive publications are a register.
  'disclosure.proactive.count': { path: '/registers/publications' },
  'training.sessions': { path: '/registers/trainings' },
  // Legality review: the period reads the date the figure names (the list's dateField).
  // Coverage: the items of the mandatory kinds adopted in the period (the page notes the
  // major enforcement decisions, which are penalty cases); fair competition: the
  // market-touching items issued; normative documents issued, or revised, repealed or
  // declared invalid in a clean-up.
  'review.coverage': { path: '/legality/reviews', filters: { dateField: 'adopted', mandatory: '1' } },
  'review.fair_competition_rate': { path: '/legality/reviews', filters: { dateField: 'issued', touchesMarket: '1' } },
  'normative_docs.issued': { path: '/legality/normative-docs', filters: { dateField: 'issued' } },
  'normative_docs.cleaned': { path: '/legality/normative-docs', filters: { dateField: 'cleaned', cleanupAction: 'not_retained' } },
};

/**
 * Matter figures placed in the period by a date other than receipt: the list's dateOf
 * (accepted, concluded, due, hearing; see LIST_DATES in src/modules/matters/schema.ts).
 */
const MATTER_DATE_OF: Record<string, string> = {
  'petitions.on_time_rate': 'concluded',
  'petitions.satisfaction_rate': 'concluded',
  'mediation.withdrawn_after_explanation': 'concluded',
  'mediation.accepted': 'accepted',
  'mediation.concluded': 'concluded',
  'mediation.success_rate': 'concluded',
  'reconsideration.correction_rate': 'concluded',
  'litigation.loss_rate': 'concluded',
  'litigation.head_appearance_rate': 'hearing',
  'proposals.on_time_rate': 'concluded',
  'disclosure.requests.answer_rate': 'due',
  'disclosure.requests.on_time_rate': 'concluded',
};

function matterTarget(metricId: string, family: string): Target | null {
  const kind = metricId.startsWith('disclosure.requests.') ? 'disclosure' : MATTER_FAMILIES[family];
  if (!kind) return null;
  const dateOf = MATTER_DATE_OF[metricId];
  return dateOf ? { path: `/matters/${kind}`, filters: { dateOf } } : { path: `/matters/${kind}` };
}

function target(metricId: string): Target | null {
  const known = BY_ID[metricId];
  if (known) return known;
  const [family] = metricId.split('.');
  if (!family || metricId.split('.').length < 2) return null;
  const matter = matterTarget(metricId, family);
  if (matter) return matter;
  switch (family) {
    case 'licensing': return { path: '/licensing/applications' };
    case 'inspection': return { path: '/inspections/visits' };
    // Every other penalty figure is placed in the period by its decision date.
    case 'enforcement': return { path: '/cases', filters: { dateOf: 'decided' } };
    case 'oversight': return { path: '/matters/suggestions' };
    case 'staff': return { path: '/inspectors' };
    case 'popularization': return { path: '/registers/activities' };
    case 'review': return { path: '/legality/reviews' };
    case 'normative_docs': return { path: '/legality/normative-docs', filters: { dateField: 'issued' } };
    default: return null;
  }
}

/**
 * The URL of the list page showing the records behind a metric for the period [from, to]
 * and the organisation (code) with everything under it; null for a metric without one.
 */
export function recordsLink(metricId: string, q: { from: string; to: string; org: string }): string | null {
  const t = target(metricId);
  if (!t) return null;
  const params = new URLSearchParams(t.noPeriod ? { org: q.org, ...t.filters } : { from: q.from, to: q.to, org: q.org, ...t.filters });
  return `${t.path}?${params.toString()}`;
}
