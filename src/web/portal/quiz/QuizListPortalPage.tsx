// /portal/quiz: the law quizzes open today, each with its rules (questions, time limit,
// pass mark, dates) and how many have taken part, and a button to take it.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QuizPortalLayout, type PublicQuiz } from './QuizPortalLayout';

export function QuizListPortalPage() {
  const t = useT();
  const list = useQuery({ queryKey: ['public', 'quizzes'], queryFn: () => api.get<PublicQuiz[]>('/api/public/quizzes') });
  return (
    <QuizPortalLayout>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('正在进行的网上学法知识竞赛', 'Law quizzes open now')}</Typography.Title>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      {list.isLoading && <Spin />}
      {list.data && list.data.length === 0 && <Card><Empty description={t('目前没有正在进行的竞赛，欢迎稍后再来', 'No quiz is open now; come back later')} /></Card>}
      <Row gutter={[16, 16]} data-testid="portal-quiz-list">
        {(list.data ?? []).map((z) => (
          <Col key={z.id} xs={24} md={12}>
            <Card title={z.title} data-testid={`portal-quiz-${z.id}`}
              extra={<Tag color="blue">{t(`${z.participants} 人次参与`, `${z.participants} taken`)}</Tag>}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{z.orgName} · {z.opensOn} 至 {z.closesOn}</Typography.Text>
                {z.description && <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 0 }}>{z.description}</Typography.Paragraph>}
                <Typography.Text>{t(`每次随机抽取 ${z.questionCount} 道题，限时 ${z.timeLimitMinutes} 分钟，满分 100 分，${z.passScore} 分及格。`,
                  `${z.questionCount} random questions, ${z.timeLimitMinutes} minutes, pass mark ${z.passScore} of 100.`)}</Typography.Text>
                <Link to={`/portal/quiz/${z.id}`}><Button type="primary" data-testid={`portal-quiz-take-${z.id}`}>{t('参加竞赛', 'Take the quiz')}</Button></Link>
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
    </QuizPortalLayout>
  );
}
