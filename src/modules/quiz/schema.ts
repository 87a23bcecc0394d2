// Request schemas of the quiz routes: the question bank and quizzes (staff, quiz.manage)
// and the portal's attempt (public).
import { z } from 'zod';
import { isoDate, optionalText, pagination, text } from '../../platform/http/schemas';
import { MAX_OPTIONS, OPTION_KEYS, QUESTION_KINDS, QUIZ_STATUSES, questionProblems } from './rules';

const id = z.number().int().positive().max(2_147_483_647);
const idQuery = z.coerce.number().int().positive().max(2_147_483_647);

export const anyObject = z.record(z.string(), z.unknown());

// ---------------------------------------------------------------------------------
// Questions

const kind = z.enum(QUESTION_KINDS, { message: '题型应为：单选题、多选题或判断题' });
const optionKey = z.enum(OPTION_KEYS, { message: `选项序号应为${OPTION_KEYS.join('、')}之一` });

export const questionInput = z.object({
  orgId: id,
  text: text(1000),
  kind,
  /** Ignored for a true/false question (always 正确 / 错误). */
  options: z.array(z.object({ key: optionKey, text: z.string().trim().max(300, '选项内容不能超过300个字符') }).strict())
    .max(MAX_OPTIONS, `选项不能超过${MAX_OPTIONS}个`).default([]),
  answer: z.array(optionKey).min(1, '请选择正确答案').max(MAX_OPTIONS),
  explanation: optionalText(2000),
  lawRef: optionalText(200),
  active: z.boolean().default(true),
}).strict().superRefine((v, ctx) => {
  for (const message of questionProblems(v.kind, v.options, v.answer)) {
    ctx.addIssue({ code: 'custom', path: [message.includes('答案') ? 'answer' : 'options'], message });
  }
});
export type QuestionInput = z.infer<typeof questionInput>;

export const questionFilters = z.object({
  q: optionalText(100),
  kind: kind.nullish(),
  active: z.enum(['1', '0']).nullish(),
  orgId: idQuery.nullish(),
});
export type QuestionFilters = z.infer<typeof questionFilters>;
export const questionListQuery = questionFilters.extend(pagination);
export type QuestionListQuery = z.infer<typeof questionListQuery>;

export const importQuery = z.object({ orgId: idQuery });

// ---------------------------------------------------------------------------------
// Quizzes

export const quizInput = z.object({
  orgId: id,
  title: text(200),
  description: optionalText(2000),
  opensOn: isoDate,
  closesOn: isoDate,
  questionCount: z.number().int('题目数量应为整数').min(1, '题目数量至少为1').max(100, '题目数量不能超过100'),
  timeLimitMinutes: z.number().int('答题时限应为整数分钟').min(1, '答题时限至少1分钟').max(240, '答题时限不能超过240分钟'),
  passScore: z.number().int('及格分应为整数').min(0, '及格分应在0至100之间').max(100, '及格分应在0至100之间'),
}).strict().superRefine((v, ctx) => {
  if (v.closesOn < v.opensOn) ctx.addIssue({ code: 'custom', path: ['closesOn'], message: '截止日期不能早于开始日期' });
});
export type QuizInput = z.infer<typeof quizInput>;

export const quizFilters = z.object({
  q: optionalText(100),
  status: z.enum(QUIZ_STATUSES, { message: '状态不正确' }).nullish(),
  orgId: idQuery.nullish(),
  year: z.coerce.number().int().min(2000).max(2100).nullish(),
});
export type QuizFilters = z.infer<typeof quizFilters>;
export const quizListQuery = quizFilters.extend(pagination);
export type QuizListQuery = z.infer<typeof quizListQuery>;

export const attemptListQuery = z.object({
  q: optionalText(50),
  completed: z.enum(['1', '0']).nullish(),
  ...pagination,
});
export type AttemptListQuery = z.infer<typeof attemptListQuery>;

// ---------------------------------------------------------------------------------
// Portal

export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{32}$/, '答题凭证不正确') });

const phone = z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式不正确');

export const startBody = z.object({
  name: optionalText(50),
  phone: phone.nullish().or(z.literal('')).transform((v) => v || null),
}).strict();

export const submitBody = z.object({
  /** Question id → the keys chosen; an unanswered question may be left out. */
  answers: z.record(z.string().regex(/^[0-9]{1,18}$/, '题目编号不正确'), z.array(optionKey).max(MAX_OPTIONS)),
}).strict();
export type SubmitBody = z.infer<typeof submitBody>;
