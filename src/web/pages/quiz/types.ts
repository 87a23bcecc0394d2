// The shapes of the quiz API (src/modules/quiz) as the staff pages and the portal read them.
import type { Translate } from '../../lib/i18n';

export type QuestionKind = 'single' | 'multiple' | 'true_false';
export type QuizStatus = 'draft' | 'published' | 'closed';

export interface QuizOption { key: string; text: string }

export interface Question {
  id: number; orgId: number; orgName: string; text: string; kind: QuestionKind; kindName: string; options: QuizOption[]; answer: string[];
  answerText: string; explanation: string | null; lawRef: string | null; active: boolean; updatedAt: string; drawn?: number;
}

export interface Quiz {
  id: number; orgId: number; orgName: string; title: string; description: string | null; opensOn: string; closesOn: string;
  questionCount: number; timeLimitMinutes: number; passScore: number; status: QuizStatus; statusName: string; open: boolean;
  activityId: number | null; activityNo: string | null; participants: number | null; publishedAt: string | null; closedAt: string | null;
  started?: number; completed?: number;
}

export interface QuizFigures {
  started: number; completed: number; expired: number; averageScore: number | null; passed: number; passRate: number | null;
  distribution: { from: number; to: number; count: number }[];
}

export interface QuizDetail extends Quiz { availableQuestions: number; figures: QuizFigures }

export interface Attempt {
  id: number; name: string | null; phone: string | null; startedAt: string; deadlineAt: string; submittedAt: string | null;
  questionTotal: number; correct: number | null; score: number | null; passed: boolean | null;
}

/** Option keys in order (the server's OPTION_KEYS). */
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export const kindNames = (t: Translate): Record<QuestionKind, string> => ({
  single: t('单选题', 'Single choice'), multiple: t('多选题', 'Multiple choice'), true_false: t('判断题', 'True or false'),
});

export const statusNames = (t: Translate): Record<QuizStatus, string> => ({
  draft: t('草稿', 'Draft'), published: t('已发布', 'Published'), closed: t('已结束', 'Closed'),
});

export const STATUS_COLORS: Record<QuizStatus, string> = { draft: 'default', published: 'green', closed: 'orange' };
