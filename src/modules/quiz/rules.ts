// The quiz's pure rules, shared by the staff forms, the import and the portal: the
// question kinds and their Chinese names, what makes a question well formed (options
// keyed A, B, C … in order; a single-choice question has one answer, a multiple-choice
// question two or more, a true/false question is 正确 or 错误), reading an answer as a
// person writes it in a spreadsheet ("AC", "A、C", "正确"), and scoring.

export const QUESTION_KINDS = ['single', 'multiple', 'true_false'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const QUESTION_KIND_NAMES: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', true_false: '判断题' };

export const QUIZ_STATUSES = ['draft', 'published', 'closed'] as const;
export type QuizStatus = (typeof QUIZ_STATUSES)[number];
export const QUIZ_STATUS_NAMES: Record<QuizStatus, string> = { draft: '草稿', published: '已发布', closed: '已结束' };

export interface QuizOption { key: string; text: string }

/** Option keys in order; a question has at most this many options. */
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const MAX_OPTIONS = OPTION_KEYS.length;

/** The two options of every true/false question. */
export const TRUE_FALSE_OPTIONS: QuizOption[] = [{ key: 'A', text: '正确' }, { key: 'B', text: '错误' }];

/** Seconds a submission may arrive after the deadline (the network, a slow phone). */
export const SUBMIT_GRACE_SECONDS = 10;

/** Score out of 100 for `correct` right answers out of `total` questions drawn. */
export function scoreOf(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((100 * correct) / total);
}

/** Keys sorted and without repeats (how answers are stored and compared). */
export function normalKeys(keys: readonly string[]): string[] {
  return [...new Set(keys.map((k) => k.trim().toUpperCase()))].filter(Boolean).sort();
}

/** A question is answered right when exactly its keys are chosen (no partial credit). */
export function isCorrect(answer: readonly string[], given: readonly string[] | undefined): boolean {
  if (!given) return false;
  const a = normalKeys(answer);
  const g = normalKeys(given);
  return a.length === g.length && a.every((k, i) => k === g[i]);
}

/**
 * The problems of a question, in Chinese (empty when it is well formed). The options
 * of a true/false question are not checked: they are always 正确 / 错误.
 */
export function questionProblems(kind: QuestionKind, options: readonly QuizOption[], answer: readonly string[]): string[] {
  const problems: string[] = [];
  const keys = kind === 'true_false' ? TRUE_FALSE_OPTIONS.map((o) => o.key) : options.map((o) => o.key);
  if (kind !== 'true_false') {
    if (options.length < 2) problems.push(`${QUESTION_KIND_NAMES[kind]}至少应有2个选项`);
    if (options.length > MAX_OPTIONS) problems.push(`选项不能超过${MAX_OPTIONS}个`);
    options.forEach((o, i) => {
      if (o.key !== OPTION_KEYS[i]) problems.push(`第${i + 1}个选项的序号应为${OPTION_KEYS[i] ?? '—'}`);
      if (!o.text.trim()) problems.push(`选项${o.key}的内容不能为空`);
    });
    const texts = options.map((o) => o.text.trim());
    if (new Set(texts).size !== texts.length) problems.push('选项内容不能重复');
  }
  const a = normalKeys(answer);
  if (a.length === 0) problems.push('请填写答案');
  const unknown = a.filter((k) => !keys.includes(k));
  if (unknown.length) problems.push(`答案${unknown.join('、')}不是该题的选项`);
  if (kind === 'single' && a.length > 1) problems.push('单选题只能有一个正确答案');
  if (kind === 'true_false' && a.length > 1) problems.push('判断题只能是“正确”或“错误”');
  if (kind === 'multiple' && a.length === 1) problems.push('多选题应有两个或两个以上正确答案');
  return problems;
}

/** 题型 as written in a spreadsheet: 单选、单选题、多选、多选题、判断、判断题 (or the codes). */
export function parseKind(text: string): QuestionKind | null {
  const s = text.trim().replace(/题$/, '');
  if (s === '单选' || s === '单项选择' || s === 'single') return 'single';
  if (s === '多选' || s === '多项选择' || s === 'multiple') return 'multiple';
  if (s === '判断' || s === 'true_false') return 'true_false';
  return null;
}

/**
 * 答案 as written in a spreadsheet: letters with or without separators ("AC", "A,C",
 * "A、C"); a true/false answer may also be 正确/错误, 对/错, √/×, 是/否.
 */
export function parseAnswer(kind: QuestionKind, text: string): string[] | null {
  const s = text.trim();
  if (kind === 'true_false') {
    if (['正确', '对', '√', '是', 'T', 'TRUE', 'A'].includes(s.toUpperCase())) return ['A'];
    if (['错误', '错', '×', '否', 'F', 'FALSE', 'B'].includes(s.toUpperCase())) return ['B'];
    return null;
  }
  const letters = s.toUpperCase().replace(/[\s,，、;；/]/g, '');
  if (!/^[A-Z]+$/.test(letters)) return null;
  return normalKeys([...letters]);
}

/** The answer as people read it: "A", "AC", or 正确/错误 for a true/false question. */
export function answerText(kind: QuestionKind, answer: readonly string[]): string {
  if (kind === 'true_false') return answer[0] === 'A' ? '正确' : '错误';
  return normalKeys(answer).join('');
}
