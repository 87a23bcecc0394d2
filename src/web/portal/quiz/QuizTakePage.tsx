// /portal/quiz/:id: taking a quiz. The rules and an optional name and phone; 开始答题 asks
// the server to draw the questions (without their answers) and fixes the deadline; the
// countdown runs on the server's clock (the offset between the server's and the browser's
// time is measured when the questions arrive) and hands the paper in by itself when time
// is up; 交卷 is confirmed, scored by the server, and the result shows the score and every
// question with the right answer, the explanation and the legal basis. The attempt's token
// is kept in the tab's session storage, so a reload returns to the same attempt.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Result, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, ClockCircleOutlined, CloseCircleTwoTone } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QuizPortalLayout, type AttemptResult, type PublicQuiz, type RunningAttempt } from './QuizPortalLayout';

const storageKey = (quizId: string) => `quiz-attempt-${quizId}`;
const readToken = (quizId: string) => { try { return sessionStorage.getItem(storageKey(quizId)); } catch { return null; } };
const writeToken = (quizId: string, token: string | null) => {
  try { if (token) sessionStorage.setItem(storageKey(quizId), token); else sessionStorage.removeItem(storageKey(quizId)); } catch { /* storage unavailable */ }
};

export function QuizTakePage() {
  const t = useT();
  const { id = '' } = useParams();
  const [token, setToken] = useState<string | null>(() => readToken(id));
  const quiz = useQuery({ queryKey: ['public', 'quiz', id], queryFn: () => api.get<PublicQuiz>(`/api/public/quizzes/${id}`) });
  const attempt = useQuery({
    queryKey: ['public', 'quiz-attempt', token],
    queryFn: () => api.get<RunningAttempt | AttemptResult>(`/api/public/quiz-attempts/${token}`),
    enabled: !!token, retry: false, staleTime: Infinity,
  });
  const forget = () => { writeToken(id, null); setToken(null); };
  // A token that no longer leads anywhere (another database, a typo) is dropped.
  useEffect(() => { if (attempt.error instanceof ApiError && attempt.error.status === 404) forget(); }, [attempt.error]); // eslint-disable-line react-hooks/exhaustive-deps

  let body;
  if (quiz.error) body = <ErrorAlert error={quiz.error} onRetry={() => quiz.refetch()} />;
  else if (!quiz.data || (token && attempt.isLoading)) body = <Spin />;
  else if (token && attempt.data?.submitted) body = <ResultView result={attempt.data} onAgain={forget} />;
  else if (token && attempt.data && !attempt.data.submitted) body = <Answering quizId={id} token={token} attempt={attempt.data} onRestart={forget} />;
  else body = <Intro quiz={quiz.data} onStarted={(tk) => { writeToken(id, tk); setToken(tk); }} />;
  return (
    <QuizPortalLayout>
      <div style={{ marginBottom: 12 }}><Link to="/portal/quiz" data-testid="portal-quiz-back">{t('‹ 全部竞赛', '‹ All quizzes')}</Link></div>
      {body}
    </QuizPortalLayout>
  );
}

function Intro({ quiz, onStarted }: { quiz: PublicQuiz; onStarted(token: string): void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name?: string; phone?: string }>();
  const start = useMutation({
    mutationFn: (v: { name?: string; phone?: string }) => api.post<RunningAttempt & { token: string }>(`/api/public/quizzes/${quiz.id}/attempts`, { name: v.name?.trim() || null, phone: v.phone?.trim() || null }),
    onSuccess: (r) => { qc.setQueryData(['public', 'quiz-attempt', r.token], { ...r, submitted: false }); onStarted(r.token); window.scrollTo({ top: 0 }); },
  });
  return (
    <Card title={quiz.title} data-testid="portal-quiz-intro">
      {quiz.description && <Typography.Paragraph>{quiz.description}</Typography.Paragraph>}
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16, maxWidth: 560 }} items={[
        { key: 'org', label: t('主办单位', 'Organiser'), children: quiz.orgName },
        { key: 'dates', label: t('竞赛时间', 'Dates'), children: `${quiz.opensOn} 至 ${quiz.closesOn}` },
        { key: 'rules', label: t('答题规则', 'Rules'), children: t(`随机抽取 ${quiz.questionCount} 道题，限时 ${quiz.timeLimitMinutes} 分钟，满分 100 分，${quiz.passScore} 分及格；时间到自动交卷，每次答题只能交卷一次。`,
          `${quiz.questionCount} random questions, ${quiz.timeLimitMinutes} minutes, pass mark ${quiz.passScore} of 100; handed in automatically when time is up; one submission per attempt.`) },
        { key: 'n', label: t('参与人次', 'Taken'), children: quiz.participants },
      ]} />
      {!quiz.open ? (
        <Alert type="info" showIcon data-testid="portal-quiz-not-open"
          title={quiz.closed ? t('本次竞赛已经结束', 'This quiz has closed') : t(`本次竞赛将于 ${quiz.opensOn} 开始`, `This quiz opens on ${quiz.opensOn}`)} />
      ) : (
        <Form form={form} layout="vertical" style={{ maxWidth: 420 }} onFinish={(v) => start.mutate(v)} data-testid="portal-quiz-start-form">
          <Form.Item name="name" label={t('姓名（选填）', 'Name (optional)')} rules={[{ max: 50, message: t('姓名不能超过50个字符', 'At most 50 characters') }]}>
            <Input maxLength={50} data-testid="portal-quiz-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('联系电话（选填）', 'Phone (optional)')}
            rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, transform: (v?: string) => v?.trim(), message: t('联系电话格式不正确（5至20位，只能包含数字、+、-、括号和空格）', 'Not a phone number') }]}>
            <Input maxLength={20} data-testid="portal-quiz-phone" />
          </Form.Item>
          {start.error != null && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(start.error, t)} data-testid="portal-quiz-start-error" />}
          <Button type="primary" size="large" htmlType="submit" loading={start.isPending} data-testid="portal-quiz-start">
            {t(`开始答题（限时 ${quiz.timeLimitMinutes} 分钟）`, `Start (${quiz.timeLimitMinutes} minutes)`)}
          </Button>
        </Form>
      )}
    </Card>
  );
}

const two = (n: number) => String(n).padStart(2, '0');

function Answering({ quizId, token, attempt, onRestart }: { quizId: string; token: string; attempt: RunningAttempt; onRestart(): void }) {
  const t = useT();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const [answers, setAnswers] = useState<Record<string, string[]>>(() => {
    try { return JSON.parse(sessionStorage.getItem(`${storageKey(quizId)}-answers`) ?? '{}'); } catch { return {}; }
  });
  useEffect(() => { try { sessionStorage.setItem(`${storageKey(quizId)}-answers`, JSON.stringify(answers)); } catch { /* storage unavailable */ } }, [answers, quizId]);
  // The server's clock: its time when the questions were sent, against the browser's then.
  const offset = useMemo(() => Date.parse(attempt.serverNow) - Date.now(), [attempt.serverNow]);
  const deadline = Date.parse(attempt.deadlineAt);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => { const h = setInterval(() => setNow(Date.now() + offset), 1000); return () => clearInterval(h); }, [offset]);
  const left = Math.max(0, Math.floor((deadline - now) / 1000));
  const submit = useMutation({
    mutationFn: () => api.post<AttemptResult>(`/api/public/quiz-attempts/${token}/submit`, { answers }),
    onSuccess: (r) => {
      try { sessionStorage.removeItem(`${storageKey(quizId)}-answers`); } catch { /* storage unavailable */ }
      qc.setQueryData(['public', 'quiz-attempt', token], r);
      void qc.invalidateQueries({ queryKey: ['public', 'quiz', quizId] });
      window.scrollTo({ top: 0 });
    },
  });
  // Time up: the paper is handed in as it stands (the server allows a few seconds' grace).
  const autoSent = useRef(false);
  useEffect(() => {
    if (left === 0 && !attempt.expired && !autoSent.current && !submit.isPending && !submit.isSuccess) { autoSent.current = true; submit.mutate(); }
  }, [left]); // eslint-disable-line react-hooks/exhaustive-deps

  const unanswered = attempt.questions.filter((q) => !(answers[String(q.id)]?.length)).length;
  const confirmSubmit = () => modal.confirm({
    title: t('确定交卷？', 'Hand in?'),
    content: unanswered ? t(`还有 ${unanswered} 道题未作答。交卷后不能修改答案。`, `${unanswered} questions unanswered. Answers cannot be changed afterwards.`) : t('交卷后不能修改答案。', 'Answers cannot be changed afterwards.'),
    okText: t('交卷', 'Hand in'), cancelText: t('继续答题', 'Keep going'), okButtonProps: { 'data-testid': 'portal-quiz-submit-confirm' } as never,
    onOk: () => submit.mutate(),
  });
  const timeUp = attempt.expired || (left === 0 && submit.isError);
  if (timeUp) {
    return (
      <Result status="warning" title={t('答题时间已到，答卷未能提交', 'Time is up: the paper was not handed in')} data-testid="portal-quiz-expired"
        subTitle={submit.error ? errorMessage(submit.error, t) : t(`本次答题限时 ${attempt.quiz.timeLimitMinutes} 分钟。`, `The time limit was ${attempt.quiz.timeLimitMinutes} minutes.`)}
        extra={<Button type="primary" onClick={onRestart} data-testid="portal-quiz-restart">{t('重新开始答题', 'Start again')}</Button>} />
    );
  }
  return (
    <div data-testid="portal-quiz-answering">
      <Card size="small" style={{ position: 'sticky', top: 0, zIndex: 2, marginBottom: 12 }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text strong>{attempt.quiz.title}</Typography.Text>
          <Space>
            <Tag icon={<ClockCircleOutlined />} color={left < 60 ? 'red' : 'blue'} style={{ fontSize: 16, padding: '4px 10px' }} data-testid="portal-quiz-countdown">
              {t('剩余', 'Left')} {two(Math.floor(left / 60))}:{two(left % 60)}
            </Tag>
            <Typography.Text type="secondary">{t(`已答 ${attempt.questions.length - unanswered}/${attempt.questions.length}`, `${attempt.questions.length - unanswered}/${attempt.questions.length} answered`)}</Typography.Text>
          </Space>
        </Space>
      </Card>
      {attempt.questions.map((q, i) => {
        const key = String(q.id);
        const options = q.options.map((o) => ({ value: o.key, label: q.kind === 'true_false' ? o.text : `${o.key}. ${o.text}` }));
        return (
          <Card key={q.id} size="small" style={{ marginBottom: 12 }} data-testid={`portal-quiz-question-${i + 1}`}>
            <Typography.Paragraph style={{ marginBottom: 8 }}><Tag>{q.kindName}</Tag>{i + 1}. {q.text}</Typography.Paragraph>
            {q.kind === 'multiple'
              ? <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={options} value={answers[key] ?? []}
                onChange={(v) => setAnswers((a) => ({ ...a, [key]: (v as string[]).slice().sort() }))} />
              : <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} options={options} value={answers[key]?.[0]}
                onChange={(e) => setAnswers((a) => ({ ...a, [key]: [e.target.value as string] }))} />}
          </Card>
        );
      })}
      {submit.error != null && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(submit.error, t)} data-testid="portal-quiz-submit-error" />}
      <Button type="primary" size="large" loading={submit.isPending} onClick={confirmSubmit} data-testid="portal-quiz-submit">{t('交卷', 'Hand in')}</Button>
    </div>
  );
}

function ResultView({ result, onAgain }: { result: AttemptResult; onAgain(): void }) {
  const t = useT();
  return (
    <div data-testid="portal-quiz-result">
      <Card style={{ marginBottom: 12 }}>
        <Result status={result.passed ? 'success' : 'info'}
          title={<span data-testid="portal-quiz-score">{t(`${result.score} 分`, `${result.score} points`)}</span>}
          subTitle={t(`答对 ${result.correct} / ${result.total} 题，${result.passed ? '成绩合格' : `未达到及格分 ${result.passScore} 分`}。感谢您参加${result.quiz.title}！`,
            `${result.correct} of ${result.total} right; ${result.passed ? 'passed' : `below the pass mark of ${result.passScore}`}. Thank you for taking part!`)}
          extra={result.quiz.open ? <Button onClick={onAgain} data-testid="portal-quiz-again">{t('再答一次', 'Take it again')}</Button> : undefined} />
      </Card>
      {result.questions.map((q, i) => (
        <Card key={q.id} size="small" style={{ marginBottom: 12 }} data-testid={`portal-quiz-review-${i + 1}`}>
          <Typography.Paragraph style={{ marginBottom: 6 }}>
            {q.correct ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />} <Tag>{q.kindName}</Tag>{i + 1}. {q.text}
          </Typography.Paragraph>
          {q.kind !== 'true_false' && <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>{q.options.map((o) => `${o.key}. ${o.text}`).join('　')}</Typography.Paragraph>}
          <Space wrap size={16}>
            <span>{t('您的答案：', 'Your answer: ')}<Typography.Text type={q.correct ? 'success' : 'danger'}>{q.chosen.length ? (q.kind === 'true_false' ? (q.chosen[0] === 'A' ? '正确' : '错误') : q.chosen.join('')) : t('未作答', 'none')}</Typography.Text></span>
            <span>{t('正确答案：', 'Correct answer: ')}<Typography.Text strong>{q.answerText}</Typography.Text></span>
          </Space>
          {q.explanation && <Typography.Paragraph style={{ marginTop: 6, marginBottom: 0 }}>{t('解析：', 'Explanation: ')}{q.explanation}</Typography.Paragraph>}
          {q.lawRef && <Typography.Text type="secondary">{t('依据：', 'Legal basis: ')}{q.lawRef}</Typography.Text>}
        </Card>
      ))}
    </div>
  );
}
