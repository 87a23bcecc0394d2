// The frame of the public law-quiz pages (portal/quiz): the portal's blue header
// (PortalFrame) with the quiz and the other public services' links, and the shapes of
// the public quiz API (src/modules/quiz/public.ts).
import type { ReactNode } from 'react';
import { useT } from '../../lib/i18n';
import { PortalFrame } from '../licensing/LicensingPortalLayout';
import type { QuestionKind, QuizOption } from '../../pages/quiz/types';

export function QuizPortalLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const links = [
    { to: '/portal/quiz', label: t('网上学法竞赛', 'Law quiz'), testid: 'quiz-nav-quiz' },
    { to: '/portal/service-guide', label: t('办事指南', 'Service guide'), testid: 'quiz-nav-guide' },
    { to: '/portal/complaint', label: t('投诉举报', 'Complaints'), testid: 'quiz-nav-complaint' },
    { to: '/portal/disclosure', label: t('信息公开申请', 'Disclosure requests'), testid: 'quiz-nav-disclosure' },
  ];
  return (
    <PortalFrame links={links}
      title={t('卫生健康网上学法知识竞赛', 'Health law quiz')}
      subtitle={t('尊法学法守法用法 · 随机抽题、限时作答、交卷即出成绩（无需注册登录）', 'Random questions, timed, scored at once (no login)')}
      footer={t('卫生健康行政部门主办 · 姓名和电话选填，仅用于竞赛统计和联系获奖者', 'Run by the health administration · name and phone are optional and used only for the quiz')}>
      {children}
    </PortalFrame>
  );
}

/** GET /api/public/quizzes, /api/public/quizzes/:id */
export interface PublicQuiz {
  id: number; title: string; description: string | null; orgName: string; opensOn: string; closesOn: string;
  questionCount: number; timeLimitMinutes: number; passScore: number; open: boolean; closed: boolean; participants: number;
}

export interface PublicQuestion { id: number; kind: QuestionKind; kindName: string; text: string; options: QuizOption[] }

/** A running attempt (POST …/attempts, or GET /api/public/quiz-attempts/:token before submission). */
export interface RunningAttempt {
  submitted: false; token?: string; quiz: PublicQuiz; startedAt: string; deadlineAt: string; serverNow: string; expired?: boolean; questions: PublicQuestion[];
}

/** A submitted attempt's result. */
export interface AttemptResult {
  submitted: true; quiz: PublicQuiz; startedAt: string; submittedAt: string; score: number; correct: number; total: number; passed: boolean; passScore: number;
  questions: (PublicQuestion & { chosen: string[]; answer: string[]; answerText: string; correct: boolean; explanation: string | null; lawRef: string | null })[];
}
