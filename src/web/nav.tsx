// The navigation: one entry per page a role may use. Pages register here with the
// permission that shows them (the server enforces the same permission on its routes).
import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, BarChartOutlined, CalculatorOutlined, CalendarOutlined, CloudUploadOutlined, ControlOutlined,
  BookOutlined, DatabaseOutlined, FileProtectOutlined, UnorderedListOutlined, HomeOutlined, ProfileOutlined, IdcardOutlined, SafetyCertificateOutlined, TeamOutlined, UserOutlined, FileDoneOutlined,
  ScheduleOutlined, CarryOutOutlined, FileSearchOutlined,
  SolutionOutlined, FormOutlined,
  StopOutlined, AppstoreOutlined,
  FileTextOutlined, ContainerOutlined, SecurityScanOutlined,
  PhoneOutlined, AlertOutlined, CommentOutlined, ReadOutlined, MedicineBoxOutlined, ReconciliationOutlined, BankOutlined, MessageOutlined,
} from '@ant-design/icons';
import { MatterListPage } from './pages/matters/MatterListPage';
import { ExceptionOutlined, SnippetsOutlined } from '@ant-design/icons';
import { LegalityListPage } from './pages/legality/LegalityListPage';
import { NormativeDocsPage } from './pages/legality/NormativeDocsPage';
import { MatterDetailPage } from './pages/matters/MatterDetailPage';
import { SuggestionListPage } from './pages/matters/SuggestionListPage';
import type { MatterKind } from './pages/matters/types';
import type { Translate } from './lib/i18n';
import { HomePage } from './pages/HomePage';
import { EntityListPage } from './pages/entities/EntityListPage';
import { EntityDetailPage } from './pages/entities/EntityDetailPage';
import { EntityFormPage } from './pages/entities/EntityFormPage';
import { UsccExceptionsPage } from './pages/entities/UsccExceptionsPage';
import { SafetyOutlined } from '@ant-design/icons';
import { RepairListPage } from './pages/credit/RepairListPage';
import { ImportPage } from './pages/imports/ImportPage';
import { OrgsPage } from './pages/orgs/OrgsPage';
import { UsersPage } from './pages/users/UsersPage';
import { RolesPage } from './pages/users/RolesPage';
import { InspectorsPage } from './pages/inspectors/InspectorsPage';
import { CalendarPage } from './pages/calendar/CalendarPage';
import { DeadlinePage } from './pages/tools/DeadlinePage';
import { ValidatePage } from './pages/tools/ValidatePage';
import { AuditPage } from './pages/audit/AuditPage';
import { RulesPage } from './pages/rules/RulesPage';
import { ProfilePage } from './pages/profile/ProfilePage';
import { MetricsPage } from './pages/metrics/MetricsPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { DashboardOutlined } from '@ant-design/icons';
import { LawsPage } from './pages/laws/LawsPage';
import { LawDetailPage } from './pages/laws/LawDetailPage';
import { ProvisionListPage } from './pages/discretion/ProvisionListPage';
import { CaseListPage } from './pages/cases/CaseListPage';
import { CaseDetailPage } from './pages/cases/CaseDetailPage';
import { ProvisionDetailPage } from './pages/discretion/ProvisionDetailPage';
import { CheckItemListPage } from './pages/checkitems/CheckItemListPage';
import { PlanListPage } from './pages/inspections/PlanListPage';
import { PlanDetailPage } from './pages/inspections/PlanDetailPage';
import { TaskListPage } from './pages/inspections/TaskListPage';
import { VisitListPage } from './pages/inspections/VisitListPage';
import { MyTasksPage } from './pages/inspections/MyTasksPage';
import { VisitFormPage } from './pages/inspections/VisitFormPage';
import { VisitRecordPage } from './pages/inspections/visit/VisitRecordPage';
import { ConflictListPage } from './pages/inspections/ConflictListPage';
import { CataloguePage } from './pages/licensing/catalogue/CataloguePage';
import { ApplicationListPage } from './pages/licensing/applications/ApplicationListPage';
import { ApplicationDetailPage } from './pages/licensing/applications/ApplicationDetailPage';
import { LicenceListPage } from './pages/licensing/licences/LicenceListPage';
import { LicenceDetailPage } from './pages/licensing/licences/LicenceDetailPage';
import { CheckListPage } from './pages/licensing/checks/CheckListPage';
import { ReminderLogPage } from './pages/licensing/reminders/ReminderLogPage';
import { WorkPlanListPage } from './pages/workplans/WorkPlanListPage';
import { WorkPlanPage } from './pages/workplans/WorkPlanPage';
import { FlagOutlined } from '@ant-design/icons';
import { GlobalOutlined, FundProjectionScreenOutlined, SoundOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { RegisterListPage } from './pages/registers/RegisterListPage';
import { DutiesPage } from './pages/registers/DutiesPage';
import { TrophyOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { BellOutlined } from '@ant-design/icons';
import { QuizListPage } from './pages/quiz/QuizListPage';
import { QuizDetailPage } from './pages/quiz/QuizDetailPage';
import { QuestionListPage } from './pages/quiz/QuestionListPage';
import { ReportListPage } from './pages/reports/ReportListPage';
import { ReportPage } from './pages/reports/ReportPage';

export interface NavChild {
  path: string;
  element: ReactNode;
  /** Needed in addition to the parent's permission (e.g. entities.write for the edit form). */
  permission?: string;
}

export interface NavItem {
  path: string;
  label: (t: Translate) => string;
  icon: ReactNode;
  /** Shown when the user holds this permission; undefined = every signed-in user. */
  permission?: string;
  /** Shown when the user holds any one of these permissions. */
  anyOf?: string[];
  /** Group heading in the side menu. */
  group?: (t: Translate) => string;
  /** A route without a menu entry (reached from elsewhere, e.g. the user menu). */
  hidden?: boolean;
  element: ReactNode;
  /** Routes under this page (detail, edit) that are not menu entries. */
  children?: NavChild[];
}

const G = {
  entities: (t: Translate) => t('监管对象', 'Regulated entities'),
  supervision: (t: Translate) => t('监督检查', 'Inspections'),
  enforcement: (t: Translate) => t('行政执法', 'Enforcement'),
  licensing: (t: Translate) => t('行政许可', 'Licensing'),
  matters: (t: Translate) => t('法定期限事项', 'Matters on a legal clock'),
  staff: (t: Translate) => t('执法队伍', 'Enforcement staff'),
  stats: (t: Translate) => t('统计分析', 'Statistics'),
  ruleOfLaw: (t: Translate) => t('法治建设', 'Rule-of-law work'),
  legal: (t: Translate) => t('法律依据', 'Legal basis'),
  tools: (t: Translate) => t('工具', 'Tools'),
  admin: (t: Translate) => t('系统管理', 'Administration'),
};

export const NAV: NavItem[] = [
  { path: '/', label: (t) => t('工作台', 'Workbench'), icon: <HomeOutlined />, element: <HomePage /> },

  {
    path: '/entities', label: (t) => t('监管对象名录', 'Entity directory'), icon: <DatabaseOutlined />, permission: 'entities.read', group: G.entities,
    element: <EntityListPage />,
    children: [
      { path: '/entities/new', element: <EntityFormPage />, permission: 'entities.write' },
      { path: '/entities/:id', element: <EntityDetailPage /> },
      { path: '/entities/:id/edit', element: <EntityFormPage />, permission: 'entities.write' },
    ],
  },
  { path: '/uscc-exceptions', label: (t) => t('历史代码认可', 'Legacy codes'), icon: <FileDoneOutlined />, permission: 'entities.legacy_codes', group: G.entities, element: <UsccExceptionsPage /> },
  { path: '/credit/repairs', label: (t) => t('信用修复审批', 'Credit repairs'), icon: <SafetyOutlined />, permission: 'credit.approve', group: G.entities, element: <RepairListPage /> },

  { path: '/checkitems', label: (t) => t('检查事项', 'Check items'), icon: <UnorderedListOutlined />, permission: 'entities.read', group: G.supervision, element: <CheckItemListPage /> },
  {
    path: '/inspections/plans', label: (t) => t('抽查计划', 'Random-inspection plans'), icon: <ScheduleOutlined />, permission: 'inspections.read', group: G.supervision,
    element: <PlanListPage />,
    children: [{ path: '/inspections/plans/:id', element: <PlanDetailPage /> }],
  },
  { path: '/inspections/tasks', label: (t) => t('抽查任务', 'Random-inspection tasks'), icon: <CarryOutOutlined />, permission: 'inspections.read', group: G.supervision, element: <TaskListPage /> },
  {
    path: '/inspections/visits', label: (t) => t('监督检查记录', 'Inspection records'), icon: <FileSearchOutlined />, permission: 'inspections.read', group: G.supervision,
    element: <VisitListPage />,
    children: [{ path: '/inspections/visits/:id/record', element: <VisitRecordPage /> }],
  },
  { path: '/inspections/my-tasks', label: (t) => t('我的检查任务', 'My inspection tasks'), icon: <SolutionOutlined />, permission: 'inspections.record', group: G.supervision, element: <MyTasksPage /> },
  { path: '/inspections/record', label: (t) => t('登记检查', 'Record an inspection'), icon: <FormOutlined />, permission: 'inspections.record', group: G.supervision, element: <VisitFormPage /> },
  { path: '/inspections/conflicts', label: (t) => t('回避申报', 'Conflicts of interest'), icon: <StopOutlined />, permission: 'inspections.read', group: G.supervision, element: <ConflictListPage /> },

  {
    path: '/cases', label: (t) => t('行政处罚案件', 'Penalty cases'), icon: <FileProtectOutlined />, permission: 'cases.read', group: G.enforcement,
    element: <CaseListPage />,
    children: [{ path: '/cases/:id', element: <CaseDetailPage /> }],
  },

  { path: '/licensing/catalogue', label: (t) => t('事项清单', 'Service catalogue'), icon: <AppstoreOutlined />, permission: 'licensing.read', group: G.licensing, element: <CataloguePage /> },
  {
    path: '/licensing/applications', label: (t) => t('办件管理', 'Applications'), icon: <FileTextOutlined />, permission: 'licensing.read', group: G.licensing,
    element: <ApplicationListPage />,
    children: [{ path: '/licensing/applications/:id', element: <ApplicationDetailPage /> }],
  },
  {
    path: '/licensing/licences', label: (t) => t('电子证照', 'E-licences'), icon: <ContainerOutlined />, permission: 'licensing.read', group: G.licensing,
    element: <LicenceListPage />,
    children: [{ path: '/licensing/licences/:id', element: <LicenceDetailPage /> }],
  },
  { path: '/licensing/checks', label: (t) => t('承诺核查', 'Commitment checks'), icon: <SecurityScanOutlined />, permission: 'licensing.read', group: G.licensing, element: <CheckListPage /> },
  { path: '/licensing/reminders', label: (t) => t('到期提醒记录', 'Expiry reminders'), icon: <BellOutlined />, permission: 'licensing.read', group: G.licensing, element: <ReminderLogPage /> },

  ...matterNav('hotline', (t) => t('12320热线与投诉举报', '12320 hotline and complaints'), <PhoneOutlined />, ['complaints.handle']),
  ...matterNav('petition', (t) => t('信访', 'Petitions'), <CommentOutlined />),
  ...matterNav('disclosure', (t) => t('依申请公开', 'Disclosure requests'), <ReadOutlined />),
  ...matterNav('mediation', (t) => t('医疗纠纷调解', 'Medical-dispute mediation'), <MedicineBoxOutlined />),
  ...matterNav('reconsideration', (t) => t('行政复议', 'Reconsideration'), <ReconciliationOutlined />),
  ...matterNav('litigation', (t) => t('行政应诉', 'Litigation'), <BankOutlined />),
  ...matterNav('proposal', (t) => t('建议提案', 'NPC/CPPCC proposals'), <MessageOutlined />),
  { path: '/matters/suggestions', label: (t) => t('司法建议与检察建议', 'Court and procuratorate suggestions'), icon: <AlertOutlined />, anyOf: ['matters.read', 'litigation.handle'], group: G.matters, element: <SuggestionListPage /> },

  { path: '/inspectors', label: (t) => t('执法人员与执法证', 'Inspectors'), icon: <IdcardOutlined />, permission: 'inspectors.read', group: G.staff, element: <InspectorsPage /> },

  { path: '/dashboard', label: (t) => t('领导驾驶舱', 'Dashboard'), icon: <DashboardOutlined />, permission: 'metrics.read', group: G.stats, element: <DashboardPage /> },
  { path: '/metrics', label: (t) => t('统计指标', 'Metrics'), icon: <BarChartOutlined />, permission: 'metrics.read', group: G.stats, element: <MetricsPage /> },

  {
    path: '/workplans', label: (t) => t('工作要点', 'Work plans'), icon: <FlagOutlined />, permission: 'workplans.read', group: G.ruleOfLaw,
    element: <WorkPlanListPage />,
    children: [{ path: '/workplans/:id', element: <WorkPlanPage /> }],
  },
  { path: '/legality/reviews', label: (t) => t('合法性审查', 'Legality review'), icon: <ExceptionOutlined />, permission: 'legality.read', group: G.ruleOfLaw, element: <LegalityListPage /> },
  { path: '/legality/normative-docs', label: (t) => t('规范性文件', 'Normative documents'), icon: <SnippetsOutlined />, permission: 'legality.read', group: G.ruleOfLaw, element: <NormativeDocsPage /> },
  { path: '/registers/publications', label: (t) => t('主动公开', 'Proactive publications'), icon: <GlobalOutlined />, permission: 'registers.read', group: G.ruleOfLaw, element: <RegisterListPage key="publications" kind="publications" /> },
  { path: '/registers/trainings', label: (t) => t('培训学法', 'Trainings and law study'), icon: <FundProjectionScreenOutlined />, permission: 'registers.read', group: G.ruleOfLaw, element: <RegisterListPage key="trainings" kind="trainings" /> },
  { path: '/registers/activities', label: (t) => t('普法活动', 'Popularisation activities'), icon: <SoundOutlined />, permission: 'registers.read', group: G.ruleOfLaw, element: <RegisterListPage key="activities" kind="activities" /> },
  { path: '/registers/duties', label: (t) => t('普法责任清单', 'Popularisation duties'), icon: <CheckSquareOutlined />, permission: 'registers.read', group: G.ruleOfLaw, element: <DutiesPage /> },
  {
    path: '/quiz/quizzes', label: (t) => t('网上学法竞赛', 'Online law quizzes'), icon: <TrophyOutlined />, permission: 'quiz.manage', group: G.ruleOfLaw,
    element: <QuizListPage />,
    children: [{ path: '/quiz/quizzes/:id', element: <QuizDetailPage /> }],
  },
  { path: '/quiz/questions', label: (t) => t('学法竞赛题库', 'Law quiz questions'), icon: <QuestionCircleOutlined />, permission: 'quiz.manage', group: G.ruleOfLaw, element: <QuestionListPage /> },
  {
    path: '/reports', label: (t) => t('年度报告', 'Annual reports'), icon: <FileTextOutlined />, permission: 'reports.read', group: G.ruleOfLaw,
    element: <ReportListPage />, children: [{ path: '/reports/:id', element: <ReportPage /> }],
  },

  {
    path: '/laws', label: (t) => t('法律法规库', 'Legal-basis library'), icon: <BookOutlined />, group: G.legal,
    element: <LawsPage />,
    children: [{ path: '/laws/:id', element: <LawDetailPage /> }],
  },
  {
    path: '/discretion', label: (t) => t('裁量基准', 'Discretion benchmarks'), icon: <ProfileOutlined />, group: G.legal,
    element: <ProvisionListPage />,
    children: [{ path: '/discretion/:code', element: <ProvisionDetailPage /> }],
  },

  { path: '/deadline', label: (t) => t('期限计算器', 'Deadline calculator'), icon: <CalculatorOutlined />, group: G.tools, element: <DeadlinePage /> },
  { path: '/calendar', label: (t) => t('工作日历', 'Working-day calendar'), icon: <CalendarOutlined />, group: G.tools, element: <CalendarPage /> },
  { path: '/validate', label: (t) => t('代码校验', 'Code check'), icon: <SafetyCertificateOutlined />, group: G.tools, element: <ValidatePage /> },

  { path: '/orgs', label: (t) => t('组织机构', 'Organisations'), icon: <ApartmentOutlined />, permission: 'orgs.read', group: G.admin, element: <OrgsPage /> },
  {
    path: '/users', label: (t) => t('用户与角色', 'Users and roles'), icon: <TeamOutlined />, permission: 'users.read', group: G.admin, element: <UsersPage />,
    children: [{ path: '/roles', element: <RolesPage /> }],
  },
  {
    path: '/imports', label: (t) => t('数据导入', 'Data import'), icon: <CloudUploadOutlined />, group: G.admin, element: <ImportPage />,
    anyOf: ['imports.organizations', 'imports.entities', 'imports.inspectors', 'imports.penalty_cases', 'imports.inspections', 'imports.licensing', 'imports.matters', 'imports.registers'],
  },
  { path: '/rules', label: (t) => t('规则参数', 'Rule parameters'), icon: <ControlOutlined />, group: G.admin, element: <RulesPage /> },
  { path: '/audit', label: (t) => t('审计日志', 'Audit log'), icon: <AuditOutlined />, permission: 'audit.read', group: G.admin, element: <AuditPage /> },

  { path: '/profile', label: (t) => t('个人信息', 'My profile'), icon: <UserOutlined />, hidden: true, element: <ProfilePage /> },
];

/** One kind of matter: its list and its detail page, shown to readers and to its handlers. */
function matterNav(kind: MatterKind, label: NavItem['label'], icon: ReactNode, alsoFor: string[] = []): NavItem[] {
  const handle = { hotline: 'hotline.handle', petition: 'petitions.handle', disclosure: 'disclosure.handle', mediation: 'mediation.handle', reconsideration: 'reconsideration.handle', litigation: 'litigation.handle', proposal: 'proposals.handle' }[kind];
  return [{
    path: `/matters/${kind}`, label, icon, anyOf: ['matters.read', handle, ...alsoFor], group: G.matters,
    element: <MatterListPage key={kind} kind={kind} />,
    children: [{ path: `/matters/${kind}/:id`, element: <MatterDetailPage key={kind} kind={kind} /> }],
  }];
}

/** Whether the user may open a page (the menu and the routes use the same test). */
export function navAllowed(item: { permission?: string; anyOf?: string[] }, can: (p: string) => boolean): boolean {
  if (item.permission && !can(item.permission)) return false;
  if (item.anyOf && !item.anyOf.some(can)) return false;
  return true;
}
