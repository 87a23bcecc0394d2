// 法治建设 › 网上学法竞赛: the quizzes of the data scope — search by title, filters (状态,
// 年度, 机构), pages, Excel export, a new draft; each row opens the quiz's page (figures,
// publish, close, attempts). QuizFormModal is the draft's form, also used there.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { useServerToday } from '../../lib/queries';
import type { Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { tablePagination } from '../../components/pagination';
import { STATUS_COLORS, statusNames, type Quiz, type QuizStatus } from './types';

export function QuizListPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const f = useUrlFilters(['q', 'status', 'year', 'orgId'] as const);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['quiz', 'quizzes', f.query],
    queryFn: () => api.get<Paged<Quiz>>(`/api/quiz/quizzes${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const statuses = statusNames(t);
  const thisYear = dayjs().year();
  const columns: ColumnsType<Quiz> = [
    { title: t('竞赛名称', 'Title'), dataIndex: 'title', render: (title: string, z) => <Link to={`/quiz/quizzes/${z.id}`} data-testid={`quiz-link-${z.id}`}>{title}</Link> },
    { title: t('主办机构', 'Organisation'), dataIndex: 'orgName', width: 180 },
    { title: t('起止日期', 'Dates'), key: 'dates', width: 200, render: (_: unknown, z) => `${z.opensOn} 至 ${z.closesOn}` },
    { title: t('题量/时限', 'Questions / time'), key: 'limits', width: 130, render: (_: unknown, z) => t(`${z.questionCount}题 / ${z.timeLimitMinutes}分钟`, `${z.questionCount} / ${z.timeLimitMinutes} min`) },
    {
      title: t('状态', 'Status'), dataIndex: 'status', width: 110,
      render: (s: QuizStatus, z) => <Space size={4}><Tag color={STATUS_COLORS[s]}>{statuses[s]}</Tag>{z.open && <Tag color="blue">{t('进行中', 'Open')}</Tag>}</Space>,
    },
    { title: t('开始答题', 'Started'), dataIndex: 'started', width: 90, align: 'right' },
    { title: t('完成答题', 'Completed'), dataIndex: 'completed', width: 90, align: 'right' },
  ];
  return (
    <div>
      <PageHeader title={t('网上学法竞赛', 'Online law quizzes')}
        subtitle={t('在门户网站面向公众举办的学法知识竞赛：发布后自动登记为普法活动，每完成一次答题计一人次参与。',
          'Law quizzes for the public on the portal: publishing registers a popularisation activity; every completed attempt counts one participant.')}
        extra={(
          <Space>
            <ExportButton path="/api/quiz/quizzes/export" filters={f.query} testId="quiz-export" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="quiz-create">{t('新建竞赛', 'New quiz')}</Button>
          </Space>
        )} />
      <SearchBar value={f.values.q} onSearch={(q) => f.set({ q })} onReset={Object.keys(f.values).length ? f.reset : undefined} placeholder={t('竞赛名称或说明', 'Title or description')}>
        <Select allowClear style={{ width: 110 }} placeholder={t('状态', 'Status')} value={f.values.status} onChange={(status) => f.set({ status })} data-testid="quiz-filter-status"
          options={(Object.keys(statuses) as QuizStatus[]).map((s) => ({ value: s, label: statuses[s] }))} />
        <Select allowClear style={{ width: 100 }} placeholder={t('年度', 'Year')} value={f.values.year} onChange={(year) => f.set({ year })} data-testid="quiz-filter-year"
          options={[0, 1, 2, 3].map((d) => ({ value: String(thisYear - d), label: String(thisYear - d) }))} />
        <OrgTreeSelect style={{ width: 220 }} placeholder={t('主办机构', 'Organisation')} value={f.values.orgId ? Number(f.values.orgId) : undefined} onChange={(orgId) => f.set({ orgId })} data-testid="quiz-filter-org" />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<Quiz> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching} pagination={tablePagination(f, list.data, t)}
        locale={{ emptyText: <Empty description={t('没有竞赛：新建一次竞赛，发布后公众即可在门户网站答题', 'No quizzes: create one and publish it for the public')} /> }} data-testid="quiz-table" />
      {creating && (
        <QuizFormModal quiz={null} onClose={() => setCreating(false)}
          onSaved={(z) => { setCreating(false); void qc.invalidateQueries({ queryKey: ['quiz'] }); message.success(t('已保存草稿', 'Draft saved')); navigate(`/quiz/quizzes/${z.id}`); }} />
      )}
    </div>
  );
}

interface QuizFormValues {
  orgId: number; title: string; description?: string; dates: [Dayjs, Dayjs]; questionCount: number; timeLimitMinutes: number; passScore: number;
}

/** The draft's form (new or edit): the checks mirror the server's (schema.ts quizInput). */
export function QuizFormModal({ quiz, onClose, onSaved }: { quiz: Quiz | null; onClose(): void; onSaved(z: Quiz): void }) {
  const t = useT();
  const me = useMe();
  const today = useServerToday().data;
  const [form] = Form.useForm<QuizFormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = today ?? dayjs().format('YYYY-MM-DD');
  const initial: Partial<QuizFormValues> = quiz
    ? { orgId: quiz.orgId, title: quiz.title, description: quiz.description ?? undefined, dates: [dayjs(quiz.opensOn), dayjs(quiz.closesOn)], questionCount: quiz.questionCount, timeLimitMinutes: quiz.timeLimitMinutes, passScore: quiz.passScore }
    : { orgId: me.scope.rootOrgIds[0] ?? me.org.id, dates: [dayjs(start), dayjs(start).add(1, 'month')], questionCount: 10, timeLimitMinutes: 15, passScore: 60 };
  const save = async () => {
    const v = await form.validateFields();
    const body = {
      orgId: v.orgId, title: v.title, description: v.description || null, opensOn: v.dates[0].format('YYYY-MM-DD'), closesOn: v.dates[1].format('YYYY-MM-DD'),
      questionCount: v.questionCount, timeLimitMinutes: v.timeLimitMinutes, passScore: v.passScore,
    };
    setBusy(true);
    setError(null);
    try {
      onSaved(quiz ? await api.put<Quiz>(`/api/quiz/quizzes/${quiz.id}`, body) : await api.post<Quiz>('/api/quiz/quizzes', body));
    } catch (e) {
      if (!showFieldErrors(form, e, { opensOn: 'dates', closesOn: 'dates' })) setError(errorMessage(e, t));
    } finally { setBusy(false); }
  };
  return (
    <Modal open title={quiz ? t('编辑竞赛', 'Edit quiz') : t('新建竞赛', 'New quiz')} onCancel={onClose} onOk={() => void save()} confirmLoading={busy} width={640} destroyOnHidden
      okText={t('保存草稿', 'Save draft')} cancelText={t('取消', 'Cancel')} okButtonProps={{ 'data-testid': 'quiz-form-submit' } as never}>
      <Typography.Paragraph type="secondary">{t('保存为草稿；在竞赛页面发布后，公众即可在门户网站答题。', 'Saved as a draft; publish it from its page to open it to the public.')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="quiz-form-error" />}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="quiz-form">
        <Form.Item name="orgId" label={t('主办机构（从本机构及下级机构题库抽题）', 'Organisation (questions drawn from its bank and below)')} rules={[{ required: true, message: t('请选择主办机构', 'Choose the organisation') }]}>
          <OrgTreeSelect allowClear={false} data-testid="quiz-form-org" />
        </Form.Item>
        <Form.Item name="title" label={t('竞赛名称', 'Title')} rules={[{ required: true, whitespace: true, message: t('请填写竞赛名称', 'Enter the title') }, { max: 200, message: t('不能超过200个字符', 'At most 200 characters') }]}>
          <Input maxLength={200} data-testid="quiz-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('竞赛说明（门户网站展示）', 'Description (shown on the portal)')} rules={[{ max: 2000, message: t('不能超过2000个字符', 'At most 2000 characters') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="quiz-form-description" />
        </Form.Item>
        <Form.Item name="dates" label={t('开始和截止日期', 'Opens and closes')} rules={[{ required: true, message: t('请选择开始和截止日期', 'Choose the dates') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="quiz-form-dates" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="questionCount" label={t('每次抽题数量', 'Questions per attempt')} rules={[{ required: true, message: t('请填写题目数量', 'Required') }]}>
            <InputNumber min={1} max={100} precision={0} data-testid="quiz-form-count" />
          </Form.Item>
          <Form.Item name="timeLimitMinutes" label={t('答题时限（分钟）', 'Time limit (minutes)')} rules={[{ required: true, message: t('请填写答题时限', 'Required') }]}>
            <InputNumber min={1} max={240} precision={0} data-testid="quiz-form-time" />
          </Form.Item>
          <Form.Item name="passScore" label={t('及格分（满分100）', 'Pass mark (of 100)')} rules={[{ required: true, message: t('请填写及格分', 'Required') }]}>
            <InputNumber min={0} max={100} precision={0} data-testid="quiz-form-pass" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
