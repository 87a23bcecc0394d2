// The work plan's KPI targets for the report's year (modules/workplans), with their live
// values: the report lists the targets missed under 二、存在的不足和原因 and the report
// page compares every target with its value.
import type { Database, Queryable } from '../../platform/db';
import type { PlanTarget } from '../../core/reports/template';
import { planTargetsWithValues } from '../workplans/targets';

export async function planTargets(db: Queryable, orgId: number, year: number): Promise<PlanTarget[]> {
  // planTargetsWithValues only queries; inside the report's transaction it is given the
  // transaction, so the targets are read in the same snapshot as the figures.
  return planTargetsWithValues(db as Database, orgId, year);
}
