// The modules of the platform, in the order their routes are registered. A module owns
// its tables, routes and pages, and talks to another module only through its service.
import type { RouteModule } from '../platform/http/types';
import { authRoutes } from './auth/routes';
import { orgRoutes } from './orgs/routes';
import { userRoutes } from './users/routes';
import { inspectorRoutes } from './inspectors/routes';
import { calendarRoutes } from './calendar/routes';
import { ruleRoutes } from './rules/routes';
import { lawRoutes } from './laws/routes';
import { homeRoutes } from './home/routes';
import { entityRoutes } from './entities/routes';
import { regionRoutes } from './regions/routes';
import { validateRoutes } from './validate/routes';
import { auditRoutes } from './audit/routes';
import { metricRoutes } from './metrics/routes';
import { datasetRoutes } from './datasets/routes';
import { discretionRoutes } from './discretion/routes';
import { checkItemRoutes } from './checkitems/routes';
import { caseRoutes } from './cases/routes';
import { evidenceRoutes } from './evidence/routes';
import { inspectionRoutes } from './inspections/routes';
import { visitRoutes } from './inspections/visitRoutes';
import { drawRoutes } from './inspections/drawRoutes';
import { creditRoutes } from './credit/routes';
import { licensingPublicRoutes, licensingRoutes } from './licensing/routes';
import { catalogueRoutes } from './licensing/catalogueRoutes';
import { reminderRoutes } from './licensing/reminderRoutes';
import { matterPublicRoutes, matterRoutes } from './matters/routes';
import { matterFileRoutes } from './matters/fileRoutes';
import { legalityRoutes } from './legality/routes';
import { reportPublicRoutes, reportRoutes } from './reports/routes';
import { quizPublicRoutes, quizRoutes } from './quiz/routes';
import { registerRoutes } from './registers/routes';
import { dashboardRoutes } from './dashboard/routes';
import { workplanRoutes } from './workplans/routes';

export const MODULES: RouteModule[] = [
  authRoutes,
  orgRoutes,
  userRoutes,
  inspectorRoutes,
  calendarRoutes,
  ruleRoutes,
  lawRoutes,
  homeRoutes,
  entityRoutes,
  regionRoutes,
  validateRoutes,
  auditRoutes,
  metricRoutes,
  datasetRoutes,
  discretionRoutes,
  checkItemRoutes,
  caseRoutes,
  evidenceRoutes,
  inspectionRoutes,
  visitRoutes,
  drawRoutes,
  creditRoutes,
  licensingRoutes,
  licensingPublicRoutes,
  catalogueRoutes,
  reminderRoutes,
  matterRoutes,
  matterFileRoutes,
  matterPublicRoutes,
  legalityRoutes,
  reportRoutes,
  reportPublicRoutes,
  quizRoutes,
  quizPublicRoutes,
  registerRoutes,
  dashboardRoutes,
  workplanRoutes,
];
