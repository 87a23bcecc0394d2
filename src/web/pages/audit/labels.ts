// Chinese names of the audit actions and object types; unknown codes show as they are.
import type { Translate } from '../../lib/i18n';
import { MATTER_SPECS } from '../../../core/matters/kinds';
import type { MatterKind } from '../../../core/matters/clocks';

const ACTIONS: Record<string, [string, string]> = {
  'auth.login': ['登录', 'Sign in'],
  'auth.logout': ['退出登录', 'Sign out'],
  'auth.change_password': ['修改本人密码', 'Change own password'],
  'user.create': ['新建用户', 'Create user'],
  'user.update': ['修改用户', 'Update user'],
  'user.reset_password': ['重置用户密码', 'Reset password'],
  'user.set_locale': ['切换界面语言', 'Set language'],
  'role.create': ['新建角色', 'Create role'],
  'role.update': ['修改角色', 'Update role'],
  'org.create': ['新建机构', 'Create organisation'],
  'org.update': ['修改机构', 'Update organisation'],
  'inspector.create': ['新增执法人员', 'Create inspector'],
  'inspector.update': ['修改执法人员', 'Update inspector'],
  'inspector.issue_certificate': ['核发/换发执法证', 'Issue certificate'],
  'entity.create': ['新增监管对象', 'Create entity'],
  'entity.update': ['修改监管对象', 'Update entity'],
  'uscc_exception.create': ['认可历史代码', 'Accept legacy code'],
  'uscc_exception.delete': ['撤销历史代码认可', 'Revoke legacy code'],
  'calendar.load_arrangement': ['加载节假日安排', 'Load holiday arrangement'],
  'calendar.set_day': ['修改工作日历', 'Set calendar day'],
  'rule.set': ['设置地方默认值', 'Set local value'],
  'rule.reset': ['恢复规则默认值', 'Reset local value'],
  'laws.create': ['新增法律法规', 'Add legal instrument'],
  'laws.version': ['新增法律法规版本', 'Add instrument version'],
  'seed.organizations': ['初始化机构', 'Seed organisations'],
  'seed.users': ['初始化用户', 'Seed users'],
  'seed.inspectors': ['初始化执法人员', 'Seed inspectors'],
  'seed.entities': ['初始化监管对象', 'Seed entities'],
  'seed.licensing': ['初始化行政许可演示数据', 'Seed licensing history'],
  'seed.matters': ['初始化法定期限事项演示数据', 'Seed matters'],
  'licensing.catalogue.create': ['新增政务服务事项', 'Add catalogue item'],
  'licensing.catalogue.update': ['修改政务服务事项（新版本）', 'Update catalogue item'],
  'licensing.catalogue.activate': ['启用政务服务事项', 'Reactivate catalogue item'],
  'licensing.catalogue.deactivate': ['停用政务服务事项', 'Deactivate catalogue item'],
  'licensing.catalogue.publish': ['发布到办事指南', 'Publish to service guide'],
  'licensing.catalogue.unpublish': ['从办事指南撤下', 'Withdraw from service guide'],
  'licensing.bundle.create': ['新建“一件事”套餐', 'Create bundle'],
  'licensing.application.submit': ['登记许可申请（收件）', 'Receive application'],
  'licensing.application.file.add': ['上传申请材料文件', 'Upload application material file'],
  'licensing.application.file.view': ['查看申请材料文件', 'View application material file'],
  'licensing.application.file.download': ['下载申请材料文件', 'Download application material file'],
  'licensing.application.request_correction': ['一次性告知补正', 'Request correction'],
  'licensing.application.resubmit': ['登记申请人已补正', 'Record correction'],
  'licensing.application.accept': ['受理申请', 'Accept application'],
  'licensing.application.accept_with_deficiency': ['容缺受理', 'Accept with materials owed'],
  'licensing.application.not_accept': ['不予受理', 'Refuse to accept'],
  'licensing.application.supplement': ['登记补齐容缺材料', 'Record owed materials supplied'],
  'licensing.application.approve': ['准予许可', 'Approve'],
  'licensing.application.refuse': ['不予许可', 'Refuse'],
  'licensing.application.record_filing': ['予以备案', 'Record filing'],
  'licensing.application.withdraw': ['申请人撤回申请', 'Withdraw application'],
  'licensing.application.applicant_supplement': ['申请人补正或补齐材料', 'Applicant supplied materials'],
  'licensing.application.rate': ['申请人评价办件', 'Applicant rated application'],
  'licensing.check.record': ['登记核查结论', 'Record check finding'],
  'licensing.reminders.run': ['发送证照到期提醒', 'Send expiry reminders'],
  'licence.change': ['变更电子证照', 'Change licence'],
  'licence.renew': ['延续电子证照', 'Renew licence'],
  'licence.reissue': ['补发电子证照', 'Re-issue licence'],
  'licence.cancel': ['注销电子证照', 'Cancel licence'],
  'licence.revoke': ['撤销电子证照', 'Revoke licence'],
  'matter.reminders.run': ['发送法定期限提醒', 'Send deadline reminders'],
  'matter.suggestion.create': ['登记司法建议或检察建议', 'Register a suggestion'],
  'matter.suggestion.answer': ['登记建议的答复', 'Record a suggestion\'s answer'],
  'report.generate': ['生成年度法治政府建设报告', 'Generate an annual report'],
  'report.regenerate': ['重新生成年度报告', 'Regenerate an annual report'],
  'report.edit': ['修改年度报告文字段落', 'Edit an annual report'],
  'report.finalise': ['年度报告定稿', 'Finalise an annual report'],
  'report.publish': ['公开年度报告', 'Publish an annual report'],
  'quiz.question.create': ['新增普法题目', 'Add quiz question'],
  'quiz.question.update': ['修改普法题目', 'Update quiz question'],
  'quiz.question.delete': ['删除普法题目', 'Delete quiz question'],
  'quiz.question.import': ['导入普法题目', 'Import quiz questions'],
  'quiz.create': ['新建网上学法竞赛', 'Create law quiz'],
  'quiz.update': ['修改网上学法竞赛', 'Update law quiz'],
  'quiz.delete': ['删除网上学法竞赛草稿', 'Delete law quiz draft'],
  'quiz.publish': ['发布网上学法竞赛', 'Publish law quiz'],
  'quiz.close': ['结束网上学法竞赛', 'Close law quiz'],
  'quiz.attempt.start': ['公众开始答题', 'Quiz attempt started'],
  'quiz.attempt.submit': ['公众交卷', 'Quiz attempt submitted'],
  'seed.quiz': ['初始化网上学法竞赛演示数据', 'Seed law quiz'],
  'seed.registers': ['初始化主动公开、培训学法、普法活动演示数据', 'Seed registers'],
  'register.publication.create': ['登记主动公开信息', 'Register a publication'],
  'register.publication.update': ['修改主动公开信息', 'Update a publication'],
  'register.publication.delete': ['删除主动公开信息', 'Delete a publication'],
  'register.training.create': ['登记培训学法', 'Register a training'],
  'register.training.update': ['修改培训学法记录', 'Update a training'],
  'register.training.delete': ['删除培训学法记录', 'Delete a training'],
  'register.activity.create': ['登记普法活动', 'Register a popularisation activity'],
  'register.activity.update': ['修改普法活动', 'Update a popularisation activity'],
  'register.activity.delete': ['删除普法活动', 'Delete a popularisation activity'],
  'register.duty.create': ['新增普法责任清单职责', 'Add a popularisation duty'],
  'register.duty.update': ['修改普法责任清单职责', 'Update a popularisation duty'],
  'register.duty.complete': ['登记普法职责完成情况', 'Record a duty as completed'],
  'register.duty.delete': ['删除普法责任清单职责', 'Delete a popularisation duty'],
  'workplan.create': ['新建工作要点', 'Create a work plan'],
  'workplan.update': ['修改工作要点', 'Edit a work plan'],
  'workplan.delete': ['删除工作要点', 'Delete a work plan'],
  'workplan.import': ['导入工作要点', 'Import a work plan'],
  'workplan.section.create': ['新增工作要点章节', 'Add a work-plan section'],
  'workplan.section.update': ['修改工作要点章节', 'Edit a work-plan section'],
  'workplan.section.delete': ['删除工作要点章节', 'Delete a work-plan section'],
  'workplan.section.reorder': ['调整工作要点章节顺序', 'Reorder work-plan sections'],
  'workplan.task.create': ['新增工作要点任务', 'Add a work-plan task'],
  'workplan.task.update': ['修改工作要点任务', 'Edit a work-plan task'],
  'workplan.task.delete': ['删除工作要点任务', 'Delete a work-plan task'],
  'workplan.task.reorder': ['调整工作要点任务顺序', 'Reorder work-plan tasks'],
  'workplan.task.units': ['设置任务牵头和配合单位', 'Set a task\'s units'],
  'workplan.target.create': ['新增工作要点目标', 'Add a work-plan target'],
  'workplan.target.update': ['修改工作要点目标', 'Edit a work-plan target'],
  'workplan.target.delete': ['删除工作要点目标', 'Delete a work-plan target'],
  'workplan.progress': ['填报任务季度进展', 'Report quarterly progress'],
  'seed.workplans': ['初始化工作要点演示数据', 'Seed work plan'],
  'legality.create': ['登记合法性审查事项', 'Register a legality-review item'],
  'legality.update': ['修改合法性审查事项', 'Edit a legality-review item'],
  'legality.delete': ['删除合法性审查事项', 'Delete a legality-review item'],
  'legality.review': ['登记合法性审查结果', 'Record a legality review'],
  'legality.fair_competition': ['登记公平竞争审查', 'Record a fair-competition review'],
  'legality.adopt': ['登记通过（签发）', 'Record adoption'],
  'legality.issue': ['登记公布（印发）', 'Record issue'],
  'legality.cleanup': ['登记规范性文件清理', 'Record a clean-up'],
  'seed.legality': ['初始化合法性审查演示数据', 'Seed legality reviews'],
};

const OBJECT_TYPES: Record<string, [string, string]> = {
  user: ['用户', 'User'],
  role: ['角色', 'Role'],
  organization: ['组织机构', 'Organisation'],
  annual_report: ['年度法治政府建设报告', 'Annual report'],
  inspector: ['执法人员', 'Inspector'],
  entity: ['监管对象', 'Entity'],
  uscc_exception: ['历史代码', 'Legacy code'],
  calendar_day: ['日历日期', 'Calendar day'],
  calendar_year: ['年度节假日安排', 'Calendar year'],
  rule: ['规则参数', 'Rule'],
  law: ['法律法规', 'Legal instrument'],
  import: ['数据导入', 'Import'],
  dataset: ['数据集', 'Dataset'],
  catalogue_item: ['政务服务事项', 'Catalogue item'],
  catalogue_bundle: ['“一件事”套餐', 'Bundle'],
  licence_application: ['许可办件', 'Licence application'],
  licence: ['电子证照', 'E-licence'],
  commitment_check: ['承诺核查', 'Commitment check'],
  licence_notifications: ['到期提醒', 'Expiry reminders'],
  matter: ['法定期限事项', 'Matter on a legal clock'],
  oversight_suggestion: ['司法建议、检察建议', 'Suggestion'],
  quiz_question: ['普法题目', 'Quiz question'],
  law_quiz: ['网上学法竞赛', 'Law quiz'],
  quiz_attempt: ['竞赛答题', 'Quiz attempt'],
  publication: ['主动公开信息', 'Publication'],
  training: ['培训学法', 'Training'],
  popularization_activity: ['普法活动', 'Popularisation activity'],
  popularization_duty: ['普法责任清单职责', 'Popularisation duty'],
  work_plan: ['工作要点', 'Work plan'],
  work_plan_section: ['工作要点章节', 'Work-plan section'],
  work_plan_task: ['工作要点任务', 'Work-plan task'],
  work_plan_target: ['工作要点目标', 'Work-plan target'],
  legality_item: ['合法性审查事项、规范性文件', 'Legality-review item'],
};

const DATASETS: Record<string, [string, string]> = {
  organizations: ['组织机构', 'organisations'],
  entities: ['监管对象', 'entities'],
  inspectors: ['执法人员', 'inspectors'],
  catalogue_items: ['政务服务事项', 'catalogue items'],
  licensing_catalogue: ['政务服务事项清单', 'the service-item catalogue'],
  applications: ['许可办件', 'licence applications'],
  licence_applications: ['许可办件', 'licence applications'],
  licences: ['电子证照', 'e-licences'],
  hotline_calls: ['12320热线记录', 'hotline records'],
  petitions: ['信访件', 'petitions'],
  disclosure_requests: ['依申请公开件', 'disclosure requests'],
  mediation_cases: ['医疗纠纷调解件', 'mediation cases'],
  reconsideration_cases: ['行政复议案件', 'reconsideration cases'],
  litigation_cases: ['行政诉讼案件', 'litigation cases'],
  proposals: ['建议提案', 'proposals'],
  publications: ['主动公开信息', 'publications'],
  trainings: ['培训学法记录', 'trainings'],
  popularization_activities: ['普法活动', 'popularisation activities'],
};

/** matter.<kind>.<step>: the kind's name and the step's label, from the kinds' declarations. */
function matterActionLabel(code: string, t: Translate): string | null {
  const [, kind, step] = code.split('.');
  const spec = MATTER_SPECS[kind as MatterKind];
  if (!spec || !step) return null;
  const extra: Record<string, [string, string]> = { register: ['登记', 'register'], reassign: ['改派承办人', 'reassign'] };
  const label = extra[step] ?? [spec.procedure.steps.find((x) => x.id === step)?.label ?? step, step];
  return t(`${spec.label}：${label[0]}`, `${kind}: ${label[1]}`);
}

export function actionLabel(code: string, t: Translate): string {
  const l = ACTIONS[code];
  if (l) return t(l[0], l[1]);
  if (code.startsWith('matter.')) return matterActionLabel(code, t) ?? code;
  const [verb, rest] = code.split('.', 2);
  if ((verb === 'import' || verb === 'export') && rest) {
    const d = DATASETS[rest];
    const what = d ? t(d[0], d[1]) : rest;
    return verb === 'import' ? t(`导入${what}`, `Import ${what}`) : t(`导出${what}`, `Export ${what}`);
  }
  return code;
}

export function objectTypeLabel(code: string, t: Translate): string {
  const l = OBJECT_TYPES[code];
  return l ? t(l[0], l[1]) : code;
}

export const OBJECT_TYPE_CODES = Object.keys(OBJECT_TYPES);
