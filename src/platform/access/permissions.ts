// Permission codes and the system roles. A route declares the one permission it needs;
// a role is a list of permissions (administrators may edit non-system roles and create
// new ones). The browser receives the user's permissions and only uses them to hide
// what cannot be done: the server checks every request again.

export const PERMISSIONS = {
  'orgs.read': '查看组织机构',
  'orgs.write': '管理组织机构',
  'users.read': '查看用户',
  'users.write': '管理用户、角色和数据范围',
  'inspectors.read': '查看执法人员',
  'inspectors.write': '管理执法人员和执法证',
  'entities.read': '查看监管对象',
  'entities.write': '新增和修改监管对象',
  'entities.legacy_codes': '认可历史统一社会信用代码',
  'imports.organizations': '导入组织机构',
  'imports.entities': '导入监管对象',
  'imports.inspectors': '导入执法人员',
  'imports.penalty_cases': '导入历史行政处罚案件',
  'imports.inspections': '导入历史双随机抽查计划、任务和监督检查记录',
  'inspections.read': '查看双随机抽查计划、任务和监督检查记录',
  'inspections.record': '记录本人参加的监督检查（现场检查记录、照片、当事人签名）',
  'inspections.record_any': '代为记录任何执法人员的监督检查',
  'inspections.plan': '制定双随机抽查计划（公布承诺值、抽取、重新抽取、调整检查人员、公示结果）',
  'inspections.conflicts': '申报和撤回执法人员回避事项',
  'calendar.write': '维护工作日历',
  'rules.write': '维护规则参数（地方默认值）',
  'audit.read': '查看审计日志',
  'metrics.read': '查看统计指标',
  'laws.write': '维护法律法规库（新增规章、地方性法规及新版本）',
  'discretion.write': '维护处罚依据与裁量基准',
  'checkitems.write': '维护检查事项清单（随机抽查事项及日常检查事项）',
  'cases.read': '查看行政处罚案件',
  'cases.handle': '办理行政处罚案件（登记线索、调查取证、告知、送达等）',
  'cases.review': '案件审核',
  'cases.legal_review': '法制审核',
  'cases.approve': '审批行政处罚案件（立案、决定、集体讨论、结案）',
  'credit.manage': '信用评价：重新计算信用等级和风险等级、人工调整、申请信用修复',
  'credit.approve': '审批信用修复申请',
  'licensing.read': '查看许可事项、办件和电子证照',
  'licensing.catalogue': '维护政务服务事项清单（办事指南）和“一件事”套餐',
  'licensing.handle': '受理行政许可申请（登记、一次性告知、受理、容缺受理、不予受理）',
  'licensing.decide': '作出行政许可决定并签发电子证照，办理证照变更、延续、补发、注销和撤销',
  'licensing.verify': '核查告知承诺和备案事项',
  'imports.licensing': '导入政务服务事项清单和历史办件',
  'matters.read': '查看12320热线、投诉举报、信访、依申请公开、医疗纠纷调解、行政复议、行政应诉和建议提案',
  'matters.approve': '批准延长办理期限，改派承办人',
  'hotline.handle': '登记12320热线来电，当场答复咨询，转办投诉举报',
  'complaints.handle': '核查和答复转办的投诉举报，转为案件线索',
  'petitions.handle': '办理信访事项（登记、受理、办理、复查复核）',
  'disclosure.handle': '办理政府信息公开申请',
  'mediation.handle': '办理医疗纠纷调解',
  'reconsideration.handle': '办理本机关作为被申请人的行政复议答复',
  'litigation.handle': '办理行政应诉，登记司法建议和检察建议',
  'proposals.handle': '办理人大代表建议和政协委员提案',
  'imports.matters': '导入历史热线、信访、依申请公开、调解、复议、应诉和建议提案记录',
  'registers.read': '查看主动公开信息、培训学法和普法活动登记及普法责任清单',
  'registers.write': '登记主动公开信息、培训学法和普法活动，维护“谁执法谁普法”责任清单',
  'imports.registers': '导入主动公开信息、培训学法和普法活动记录',
  'quiz.manage': '维护普法题库，发布网上学法知识竞赛，查看答题情况',
  'legality.read': '查看合法性审查、公平竞争审查和规范性文件登记',
  'legality.write': '登记合法性审查、公平竞争审查和规范性文件制发、清理',
  'workplans.read': '查看年度工作要点及其任务和目标',
  'workplans.write': '编写年度工作要点（章节、任务、牵头和配合单位、目标值），导入和导出',
  'workplans.progress': '填报本单位牵头或配合任务的季度进展',
  'reports.read': '查看年度法治政府建设报告',
  'reports.write': '生成、编辑、定稿和公开年度法治政府建设报告',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export interface SystemRole { code: string; name: string; nameEn: string; permissions: Permission[] }

const STAFF_BASE: Permission[] = ['entities.read', 'orgs.read'];

export const SYSTEM_ROLES: SystemRole[] = [
  { code: 'admin', name: '系统管理员', nameEn: 'Administrator', permissions: ALL_PERMISSIONS },
  { code: 'leader', name: '委领导', nameEn: 'Leader', permissions: [...STAFF_BASE, 'inspectors.read', 'users.read', 'metrics.read', 'audit.read', 'cases.read', 'cases.approve', 'inspections.read', 'credit.approve', 'licensing.read', 'licensing.decide', 'matters.read', 'matters.approve', 'registers.read', 'legality.read', 'workplans.read', 'reports.read'] },
  { code: 'legal', name: '政策法规处', nameEn: 'Legal division', permissions: [...STAFF_BASE, 'inspectors.read', 'metrics.read', 'rules.write', 'laws.write', 'discretion.write', 'checkitems.write', 'cases.read', 'cases.legal_review', 'imports.penalty_cases', 'imports.inspections', 'inspections.read', 'inspections.plan', 'inspections.conflicts', 'credit.manage', 'licensing.read', 'licensing.catalogue', 'matters.read', 'reconsideration.handle', 'litigation.handle', 'imports.matters', 'registers.read', 'registers.write', 'imports.registers', 'quiz.manage', 'legality.read', 'legality.write', 'workplans.read', 'workplans.write', 'workplans.progress', 'reports.read', 'reports.write'] },
  { code: 'reviewer', name: '法制审核人员', nameEn: 'Legal reviewer', permissions: [...STAFF_BASE, 'inspectors.read', 'cases.read', 'cases.review', 'cases.legal_review', 'workplans.read', 'workplans.progress'] },
  { code: 'window', name: '窗口工作人员', nameEn: 'Licensing window', permissions: [...STAFF_BASE, 'entities.write', 'imports.entities', 'metrics.read', 'licensing.read', 'licensing.handle', 'licensing.decide', 'licensing.verify', 'imports.licensing', 'workplans.read', 'workplans.progress'] },
  { code: 'office', name: '办公室', nameEn: 'Office', permissions: [...STAFF_BASE, 'metrics.read', 'matters.read', 'petitions.handle', 'disclosure.handle', 'proposals.handle', 'imports.matters', 'registers.read', 'registers.write', 'imports.registers', 'workplans.read', 'workplans.progress'] },
  { code: 'hotline', name: '12320话务员', nameEn: 'Hotline operator', permissions: [...STAFF_BASE, 'matters.read', 'hotline.handle', 'workplans.read', 'workplans.progress'] },
  { code: 'mediator', name: '医疗纠纷调解员', nameEn: 'Mediator', permissions: [...STAFF_BASE, 'matters.read', 'mediation.handle', 'workplans.read', 'workplans.progress'] },
  { code: 'inspector', name: '卫生监督员', nameEn: 'Inspector', permissions: [...STAFF_BASE, 'entities.write', 'inspectors.read', 'cases.read', 'cases.handle', 'inspections.read', 'inspections.record', 'inspections.conflicts', 'licensing.read', 'licensing.verify', 'matters.read', 'complaints.handle', 'workplans.read', 'workplans.progress'] },
];

export function isPermission(value: string): value is Permission {
  return value in PERMISSIONS;
}
