// 网上学法竞赛 › one quiz: its settings, the actions its state allows (edit or delete a
// draft, publish — which registers the popularisation activity — and close, each
// confirmed), its figures as the server computes them (attempts started and completed,
// average score, pass rate, score distribution; the activity's participants beside them)
// and the attempts, searchable, paged and exported.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Popconfirm, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleOutlined, DeleteOutlined, EditOutlined, GlobalOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { errorMessage, formatDateTime } from '../../lib/format';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { tablePagination } from '../../components/pagination';
import { QuizFormModal } from './QuizListPage';
import { STATUS_COLORS, statusNames, type Attempt, type QuizDetail } from './types';

export function QuizDetailPage() {
  const t = useT();
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const quiz = useQuery({ queryKey: ['quiz', 'quiz', id], queryFn: () => api.get<QuizDetail>(`/api/quiz/quizzes/${id}`) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['quiz'] });
  const act = async (what: 'publish' | 'close' | 'delete') => {
    try {
      if (what === 'delete') {
        await api.delete(`/api/quiz/quizzes/${id}`);
        message.success(t('草稿已删除', 'Draft deleted'));
        void refresh();
        navigate('/quiz/quizzes');
        return;
      }
      await api.post(`/api/quiz/quizzes/${id}/${what}`);
      message.success(what === 'publish' ? t('已发布，并已登记为普法活动', 'Published and registered as a popularisation activity') : t('竞赛已结束', 'Quiz closed'));
      void refresh();
    } catch (e) { message.error(errorMessage(e, t)); }
  };

  if (quiz.error) return <ErrorAlert error={quiz.error} onRetry={() => quiz.refetch()} />;
  const z = quiz.data;
  if (!z) return <Card loading />;
  const statuses = statusNames(t);
  const f = z.figures;
  const short = z.status === 'draft' && z.availableQuestions < z.questionCount;
  return (
    <div>
      <PageHeader back="/quiz/quizzes" title={<Space>{z.title}<Tag color={STATUS_COLORS[z.status]}>{statuses[z.status]}</Tag>{z.open && <Tag color="blue">{t('进行中', 'Open')}</Tag>}</Space>}
        subtitle={z.orgName}
        extra={(
          <Space wrap>
            {z.status === 'draft' && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="quiz-edit">{t('编辑', 'Edit')}</Button>}
            {z.status === 'draft' && (
              <Popconfirm title={t('删除这份草稿？', 'Delete this draft?')} okText={t('删除', 'Delete')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: true, 'data-testid': 'quiz-delete-confirm' } as never} onConfirm={() => act('delete')}>
                <Button danger icon={<DeleteOutlined />} data-testid="quiz-delete">{t('删除', 'Delete')}</Button>
              </Popconfirm>
            )}
            {z.status === 'draft' && (
              <Popconfirm title={t('发布后竞赛在门户网站公开，并登记为普法活动；发布后不能再修改。确定发布？', 'Once published the quiz is on the portal and registered as an activity, and can no longer be edited. Publish?')}
                okText={t('发布', 'Publish')} cancelText={t('取消', 'Cancel')} okButtonProps={{ 'data-testid': 'quiz-publish-confirm' } as never} onConfirm={() => act('publish')}>
                <Button type="primary" icon={<CheckCircleOutlined />} disabled={short} data-testid="quiz-publish">{t('发布', 'Publish')}</Button>
              </Popconfirm>
            )}
            {z.status === 'published' && (
              <Popconfirm title={t('结束后公众不能再答题，也不能再交卷，且不能恢复。确定结束？', 'Once closed nobody can take or submit the quiz, and it cannot be reopened. Close?')}
                okText={t('结束竞赛', 'Close')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: true, 'data-testid': 'quiz-close-confirm' } as never} onConfirm={() => act('close')}>
                <Button danger icon={<StopOutlined />} data-testid="quiz-close">{t('结束竞赛', 'Close')}</Button>
              </Popconfirm>
            )}
            {z.status !== 'draft' && <Button icon={<GlobalOutlined />} href={`/portal/quiz/${z.id}`} target="_blank" data-testid="quiz-portal-link">{t('门户网站页面', 'Portal page')}</Button>}
          </Space>
        )} />
      {short && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="quiz-short"
          title={t(`本机构及下级机构题库中启用的题目只有 ${z.availableQuestions} 道，少于每次抽题数量 ${z.questionCount} 道：请先补充题目或减少题量再发布。`,
            `Only ${z.availableQuestions} enabled questions in the bank, fewer than ${z.questionCount} per attempt: add questions or reduce the count before publishing.`)} />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="quiz-settings" items={[
          { key: 'dates', label: t('起止日期', 'Dates'), children: `${z.opensOn} 至 ${z.closesOn}` },
          { key: 'n', label: t('每次抽题', 'Questions per attempt'), children: t(`${z.questionCount} 道（题库可用 ${z.availableQuestions} 道）`, `${z.questionCount} (${z.availableQuestions} available)`) },
          { key: 'time', label: t('答题时限', 'Time limit'), children: t(`${z.timeLimitMinutes} 分钟`, `${z.timeLimitMinutes} min`) },
          { key: 'pass', label: t('及格分', 'Pass mark'), children: t(`${z.passScore} 分（满分100）`, `${z.passScore} of 100`) },
          { key: 'activity', label: t('普法活动', 'Activity'), children: z.activityNo ? t(`${z.activityNo}（参与 ${z.participants} 人次）`, `${z.activityNo} (${z.participants} participants)`) : t('发布时登记', 'Registered on publishing') },
          { key: 'published', label: t('发布时间', 'Published'), children: z.publishedAt ? formatDateTime(z.publishedAt) : '—' },
          ...(z.description ? [{ key: 'desc', label: t('说明', 'Description'), span: 3, children: z.description }] : []),
        ]} />
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="quiz-figures">
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('开始答题', 'Started')} value={f.started} suffix={t('人次', '')} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('完成答题', 'Completed')} value={f.completed} suffix={t('人次', '')} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('超时未交卷', 'Timed out')} value={f.expired} suffix={t('人次', '')} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('平均分', 'Average')} value={f.averageScore ?? '—'} precision={f.averageScore === null ? undefined : 1} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('及格人次', 'Passed')} value={f.passed} /></Card></Col>
        <Col xs={12} md={4}><Card size="small"><Statistic title={t('及格率', 'Pass rate')} value={f.passRate === null ? '—' : (f.passRate * 100).toFixed(2)} suffix={f.passRate === null ? undefined : '%'} /></Card></Col>
      </Row>
      <Card size="small" title={t('分数分布（已交卷）', 'Score distribution (submitted)')} style={{ marginBottom: 16 }} data-testid="quiz-distribution">
        {f.completed === 0
          ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('还没有人交卷', 'No submissions yet')} />
          : f.distribution.map((b) => (
            <Row key={b.from} align="middle" gutter={12} style={{ marginBottom: 6 }}>
              <Col flex="90px"><Typography.Text>{t(`${b.from}–${b.to}分`, `${b.from}–${b.to}`)}</Typography.Text></Col>
              <Col flex="auto"><Progress percent={Math.round((b.count / f.completed) * 1000) / 10} status="normal" strokeColor={b.from >= z.passScore ? '#52c41a' : b.to < z.passScore ? '#ff7a45' : '#1677ff'} /></Col>
              <Col flex="80px" style={{ textAlign: 'right' }}><Typography.Text data-testid={`quiz-band-${b.from}`}>{t(`${b.count} 人次`, `${b.count}`)}</Typography.Text></Col>
            </Row>
          ))}
      </Card>
      <Attempts quizId={z.id} />
      {editing && <QuizFormModal quiz={z} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); void refresh(); message.success(t('已保存', 'Saved')); }} />}
    </div>
  );
}

function Attempts({ quizId }: { quizId: number }) {
  const t = useT();
  const f = useUrlFilters(['q', 'completed'] as const);
  const list = useQuery({
    queryKey: ['quiz', 'attempts', quizId, f.query],
    queryFn: () => api.get<Paged<Attempt>>(`/api/quiz/quizzes/${quizId}/attempts${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<Attempt> = [
    { title: t('姓名', 'Name'), dataIndex: 'name', width: 120, render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('未留名', 'Anonymous')}</Typography.Text> },
    { title: t('联系电话', 'Phone'), dataIndex: 'phone', width: 140, render: (p: string | null) => p ?? '—' },
    { title: t('开始时间', 'Started'), dataIndex: 'startedAt', width: 160, render: formatDateTime },
    { title: t('交卷时间', 'Submitted'), dataIndex: 'submittedAt', width: 160, render: (s: string | null) => (s ? formatDateTime(s) : <Tag>{t('未交卷', 'Not submitted')}</Tag>) },
    { title: t('答对/题数', 'Right / total'), key: 'right', width: 110, render: (_: unknown, a) => (a.correct === null ? '—' : `${a.correct} / ${a.questionTotal}`) },
    { title: t('得分', 'Score'), dataIndex: 'score', width: 90, render: (s: number | null, a) => (s === null ? '—' : <Tag color={a.passed ? 'green' : 'orange'}>{s}</Tag>) },
  ];
  return (
    <Card size="small" title={t('答题记录', 'Attempts')} extra={<ExportButton path={`/api/quiz/quizzes/${quizId}/attempts/export`} filters={f.query} testId="attempt-export" />}>
      <SearchBar value={f.values.q} onSearch={(q) => f.set({ q })} onReset={Object.keys(f.values).length ? f.reset : undefined} placeholder={t('姓名或电话', 'Name or phone')}>
        <Select allowClear style={{ width: 120 }} placeholder={t('交卷情况', 'Submitted')} value={f.values.completed} onChange={(completed) => f.set({ completed })} data-testid="attempt-filter-completed"
          options={[{ value: '1', label: t('已交卷', 'Submitted') }, { value: '0', label: t('未交卷', 'Not submitted') }]} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<Attempt> rowKey="id" size="small" columns={columns} dataSource={list.data?.rows} loading={list.isFetching} pagination={tablePagination(f, list.data, t)}
        locale={{ emptyText: <Empty description={t('还没有人答题', 'No attempts yet')} /> }} data-testid="attempt-table" />
    </Card>
  );
}
