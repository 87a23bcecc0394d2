// What the registers pages show of each register: names, field names of the API, the
// channel or kind codes (the server's code tables in modules/registers/schema.ts).
export type RegisterKind = 'publications' | 'trainings' | 'activities';

export interface RegisterRecord {
  id: number; no: string; orgId: number; orgName: string; orgCode: string; date: string; type: string; typeName: string; title: string;
  url: string | null; participants: number | null; source: 'platform' | 'import'; quizLinked: boolean;
}

type Pair = [string, string];

interface RegisterPage {
  label: Pair; subtitle: Pair; dateLabel: Pair; typeLabel: Pair; titleLabel: Pair;
  prefix: string;
  /** The API's names of the number, date and channel/kind fields. */
  fields: { no: string; date: string; type: string };
  types: Record<string, Pair>;
  url: boolean;
  participants: boolean;
}

export const REGISTER_PAGES: Record<RegisterKind, RegisterPage> = {
  publications: {
    label: ['主动公开信息', 'Proactive publications'],
    subtitle: ['门户网站、政务微博、政务微信和政府信息公开目录主动公开的信息，计入“主动公开信息条数”。', 'Items published on the website, Weibo, WeChat and the disclosure catalogue.'],
    dateLabel: ['发布日期', 'Published on'], typeLabel: ['发布渠道', 'Channel'], titleLabel: ['标题', 'Title'], prefix: 'GK',
    fields: { no: 'publicationNo', date: 'publishedOn', type: 'channel' },
    types: { website: ['门户网站', 'Website'], weibo: ['政务微博', 'Weibo'], wechat: ['政务微信', 'WeChat'], catalogue: ['政府信息公开目录', 'Disclosure catalogue'], other: ['其他渠道', 'Other'] },
    url: true, participants: false,
  },
  trainings: {
    label: ['培训学法', 'Trainings and law study'],
    subtitle: ['业务培训、领导干部集体学法、宪法宣誓和专家讲座，计入“培训场次”。', 'Trainings, leaders’ collective law study, constitutional oaths and expert lectures.'],
    dateLabel: ['举办日期', 'Held on'], typeLabel: ['培训类型', 'Kind'], titleLabel: ['主题', 'Subject'], prefix: 'PX',
    fields: { no: 'trainingNo', date: 'heldOn', type: 'kind' },
    types: { training: ['业务培训', 'Training'], law_study: ['集体学法', 'Collective law study'], constitution_oath: ['宪法宣誓', 'Constitutional oath'], expert_lecture: ['专家讲座', 'Expert lecture'] },
    url: false, participants: true,
  },
  activities: {
    label: ['普法活动', 'Law-popularisation activities'],
    subtitle: ['主题宣传、知识竞赛、法治讲座、媒体宣传和法律服务，计入“普法活动数”和“普法参与人次”。', 'Campaigns, quizzes, lectures, media and legal services.'],
    dateLabel: ['举办日期', 'Held on'], typeLabel: ['活动类型', 'Kind'], titleLabel: ['活动名称', 'Name'], prefix: 'PF',
    fields: { no: 'activityNo', date: 'heldOn', type: 'kind' },
    types: { campaign: ['主题宣传', 'Campaign'], quiz: ['知识竞赛', 'Quiz'], lecture: ['法治讲座', 'Lecture'], media: ['媒体宣传', 'Media'], service: ['法律服务', 'Legal service'] },
    url: false, participants: true,
  },
};

export interface Duty {
  id: number; orgId: number; orgName: string; year: number; duty: string; measure: string | null; target: string | null; dueOn: string | null;
  completedOn: string | null; completionNote: string | null; status: 'done' | 'overdue' | 'open';
}

export interface DutyProgress { orgId: number; orgName: string; total: number; done: number; overdue: number }
