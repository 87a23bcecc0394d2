// 法治建设 › 学法竞赛题库: the question bank the online law quiz draws from. Search (题干,
// 依据, 解析), filters (题型, 状态, 机构), pages, Excel export (the import's columns, so an
// export imports back), new and edit in a form that mirrors the server's checks, enable /
// disable, delete (confirmed; refused by the server for a question already drawn), and
// import from an XLSX or CSV file with every bad row listed.
import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, DownloadOutlined, EditOutlined, InboxOutlined, MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { api, ApiError, download, qs, upload } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import type { ImportRowError, Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { tablePagination } from '../../components/pagination';
import { kindNames, OPTION_KEYS, type Question, type QuestionKind } from './types';

type QuestionList = Paged<Question> & { bank: { active: number; all: number } };

export function QuestionListPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const f = useUrlFilters(['q', 'kind', 'active', 'orgId'] as const);
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const list = useQuery({
    queryKey: ['quiz', 'questions', f.query],
    queryFn: () => api.get<QuestionList>(`/api/quiz/questions${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['quiz'] });
  const kinds = kindNames(t);

  const toggle = async (q: Question) => {
    try {
      await api.put(`/api/quiz/questions/${q.id}`, { orgId: q.orgId, text: q.text, kind: q.kind, options: q.options, answer: q.answer, explanation: q.explanation, lawRef: q.lawRef, active: !q.active });
      message.success(q.active ? t('已停用', 'Disabled') : t('已启用', 'Enabled'));
      void refresh();
    } catch (e) { message.error(errorMessage(e, t)); }
  };
  const remove = async (q: Question) => {
    try {
      await api.delete(`/api/quiz/questions/${q.id}`);
      message.success(t('已删除', 'Deleted'));
      void refresh();
    } catch (e) { message.error(errorMessage(e, t)); }
  };

  const columns: ColumnsType<Question> = [
    { title: t('题型', 'Kind'), dataIndex: 'kind', width: 90, render: (k: QuestionKind) => <Tag>{kinds[k]}</Tag> },
    {
      title: t('题干', 'Question'), dataIndex: 'text',
      render: (text: string, q) => (
        <div>
          <div>{text}</div>
          {q.kind !== 'true_false' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{q.options.map((o) => `${o.key}. ${o.text}`).join('　')}</Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('答案', 'Answer'), dataIndex: 'answerText', width: 80, render: (a: string) => <Typography.Text strong>{a}</Typography.Text> },
    { title: t('依据', 'Legal basis'), dataIndex: 'lawRef', width: 220, render: (v: string | null) => v ?? '—' },
    { title: t('所属机构', 'Organisation'), dataIndex: 'orgName', width: 160 },
    {
      title: t('状态', 'Status'), dataIndex: 'active', width: 80,
      render: (a: boolean, q) => <Switch size="small" checked={a} onChange={() => void toggle(q)} data-testid={`question-active-${q.id}`} />,
    },
    {
      title: t('操作', 'Actions'), key: 'actions', width: 130,
      render: (_: unknown, q) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(q)} data-testid={`question-edit-${q.id}`}>{t('编辑', 'Edit')}</Button>
          <Popconfirm title={t('删除这道题？删除后不能恢复；已被抽取答题的题目只能停用。', 'Delete this question? This cannot be undone; a question already drawn can only be disabled.')}
            okText={t('删除', 'Delete')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: true, 'data-testid': 'question-delete-confirm' } as never} onConfirm={() => remove(q)}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} data-testid={`question-delete-${q.id}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('学法竞赛题库', 'Law quiz question bank')}
        subtitle={list.data
          ? t(`网上学法竞赛从主办机构及其下级机构的启用题目中随机抽题。数据范围内共 ${list.data.bank.all} 道题，启用 ${list.data.bank.active} 道。`,
            `Quizzes draw at random from the enabled questions of their organisation and below. ${list.data.bank.all} questions in your scope, ${list.data.bank.active} enabled.`)
          : t('网上学法竞赛从主办机构及其下级机构的启用题目中随机抽题。', 'Quizzes draw at random from the enabled questions of their organisation and below.')}
        extra={(
          <Space wrap>
            <ExportButton path="/api/quiz/questions/export" filters={f.query} testId="question-export" />
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="question-import">{t('导入题目', 'Import')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="question-create">{t('新增题目', 'New question')}</Button>
          </Space>
        )} />
      <SearchBar value={f.values.q} onSearch={(q) => f.set({ q })} onReset={Object.keys(f.values).length ? f.reset : undefined} placeholder={t('题干、依据或解析', 'Question, legal basis or explanation')}>
        <Select allowClear style={{ width: 120 }} placeholder={t('题型', 'Kind')} value={f.values.kind} onChange={(kind) => f.set({ kind })} data-testid="question-filter-kind"
          options={(Object.keys(kinds) as QuestionKind[]).map((k) => ({ value: k, label: kinds[k] }))} />
        <Select allowClear style={{ width: 110 }} placeholder={t('状态', 'Status')} value={f.values.active} onChange={(active) => f.set({ active })} data-testid="question-filter-active"
          options={[{ value: '1', label: t('启用', 'Enabled') }, { value: '0', label: t('停用', 'Disabled') }]} />
        <OrgTreeSelect style={{ width: 220 }} placeholder={t('所属机构', 'Organisation')} value={f.values.orgId ? Number(f.values.orgId) : undefined}
          onChange={(orgId) => f.set({ orgId })} data-testid="question-filter-org" />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<Question> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching} pagination={tablePagination(f, list.data, t)}
        locale={{ emptyText: <Empty description={Object.keys(f.values).length ? t('没有符合条件的题目', 'No matching questions') : t('题库还没有题目：新增或导入题目', 'No questions yet: add or import some')} /> }}
        data-testid="question-table" />
      {editing && <QuestionModal question={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void refresh(); message.success(t('已保存', 'Saved')); }} />}
      {importing && <ImportModal onClose={() => setImporting(false)} onDone={(n) => { setImporting(false); void refresh(); message.success(t(`已导入 ${n} 道题`, `${n} questions imported`)); }} />}
    </div>
  );
}

interface QuestionForm {
  orgId: number; text: string; kind: QuestionKind; options: { text: string }[]; single?: string; multiple?: string[]; truth?: string;
  explanation?: string; lawRef?: string; active: boolean;
}

function QuestionModal({ question, onClose, onSaved }: { question: Question | null; onClose(): void; onSaved(): void }) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<QuestionForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) ?? question?.kind ?? 'single';
  const options = (Form.useWatch('options', form) ?? []) as { text?: string }[];
  const kinds = kindNames(t);
  const keyed = options.map((o, i) => ({ value: OPTION_KEYS[i], label: `${OPTION_KEYS[i]}. ${o?.text ?? ''}` }));
  const initial: QuestionForm = question
    ? {
      orgId: question.orgId, text: question.text, kind: question.kind, options: question.kind === 'true_false' ? [{ text: '' }, { text: '' }, { text: '' }, { text: '' }] : question.options.map((o) => ({ text: o.text })),
      single: question.kind === 'single' ? question.answer[0] : undefined, multiple: question.kind === 'multiple' ? question.answer : undefined,
      truth: question.kind === 'true_false' ? question.answer[0] : undefined, explanation: question.explanation ?? undefined, lawRef: question.lawRef ?? undefined, active: question.active,
    }
    : { orgId: (me.scope.rootOrgIds[0] ?? me.org.id), text: '', kind: 'single', options: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }], active: true };

  const save = async () => {
    const v = await form.validateFields();
    const opts = v.kind === 'true_false' ? [] : (v.options ?? []).map((o, i) => ({ key: OPTION_KEYS[i], text: o.text.trim() }));
    const answer = v.kind === 'single' ? [v.single!] : v.kind === 'multiple' ? [...(v.multiple ?? [])].sort() : [v.truth!];
    const body = { orgId: v.orgId, text: v.text, kind: v.kind, options: opts, answer, explanation: v.explanation || null, lawRef: v.lawRef || null, active: v.active };
    setBusy(true);
    setError(null);
    try {
      if (question) await api.put(`/api/quiz/questions/${question.id}`, body);
      else await api.post('/api/quiz/questions', body);
      onSaved();
    } catch (e) {
      if (!showFieldErrors(form, e)) setError(errorMessage(e, t));
    } finally { setBusy(false); }
  };

  return (
    <Modal open title={question ? t('编辑题目', 'Edit question') : t('新增题目', 'New question')} onCancel={onClose} onOk={() => void save()} confirmLoading={busy}
      okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} width={720} destroyOnHidden okButtonProps={{ 'data-testid': 'question-form-submit' } as never}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="question-form-error" />}
      {question?.drawn ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(`该题已被抽取答题 ${question.drawn} 次，修改后已交卷的成绩不变。`, `Drawn ${question.drawn} times; submitted scores stay as they are.`)} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="question-form">
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="orgId" label={t('所属机构', 'Organisation')} rules={[{ required: true, message: t('请选择所属机构', 'Choose the organisation') }]} style={{ flex: 1 }}>
            <OrgTreeSelect allowClear={false} data-testid="question-form-org" />
          </Form.Item>
          <Form.Item name="kind" label={t('题型', 'Kind')} rules={[{ required: true }]} style={{ width: 160 }}>
            <Select data-testid="question-form-kind" options={(Object.keys(kinds) as QuestionKind[]).map((k) => ({ value: k, label: kinds[k] }))}
              onChange={() => form.setFieldsValue({ single: undefined, multiple: undefined, truth: undefined })} />
          </Form.Item>
        </div>
        <Form.Item name="text" label={t('题干', 'Question')} rules={[{ required: true, whitespace: true, message: t('请填写题干', 'Enter the question') }, { max: 1000, message: t('题干不能超过1000个字符', 'At most 1000 characters') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="question-form-text" />
        </Form.Item>
        {kind !== 'true_false' && (
          <Form.List name="options" rules={[{
            validator: async (_, value: unknown[]) => {
              if (!value || value.length < 2) throw new Error(t('至少应有2个选项', 'At least 2 options'));
            },
          }]}>
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t('选项', 'Options')} required>
                {fields.map((field, i) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Typography.Text strong style={{ width: 20, display: 'inline-block' }}>{OPTION_KEYS[i]}</Typography.Text>
                    <Form.Item name={[field.name, 'text']} rules={[{ required: true, whitespace: true, message: t(`请填写选项${OPTION_KEYS[i]}`, `Option ${OPTION_KEYS[i]} is empty`) }, { max: 300, message: t('选项不能超过300个字符', 'At most 300 characters') }]}
                      style={{ marginBottom: 8, width: 560 }}>
                      <Input maxLength={300} data-testid={`question-form-option-${OPTION_KEYS[i]}`} />
                    </Form.Item>
                    {fields.length > 2 && i === fields.length - 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('删除选项', 'Remove option')} />}
                  </Space>
                ))}
                {fields.length < OPTION_KEYS.length && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })} data-testid="question-form-add-option">{t('添加选项', 'Add option')}</Button>
                )}
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        )}
        {kind === 'single' && (
          <Form.Item name="single" label={t('正确答案', 'Correct answer')} rules={[{ required: true, message: t('请选择正确答案', 'Choose the correct answer') }]}>
            <Select options={keyed} data-testid="question-form-answer" />
          </Form.Item>
        )}
        {kind === 'multiple' && (
          <Form.Item name="multiple" label={t('正确答案（两个或以上）', 'Correct answers (two or more)')}
            rules={[{ required: true, message: t('请选择正确答案', 'Choose the correct answers') }, { type: 'array', min: 2, message: t('多选题应有两个或两个以上正确答案', 'A multiple-choice question has two or more correct answers') }]}>
            <Select mode="multiple" options={keyed} data-testid="question-form-answer" />
          </Form.Item>
        )}
        {kind === 'true_false' && (
          <Form.Item name="truth" label={t('正确答案', 'Correct answer')} rules={[{ required: true, message: t('请选择“正确”或“错误”', 'Choose true or false') }]}>
            <Select options={[{ value: 'A', label: t('正确', 'True') }, { value: 'B', label: t('错误', 'False') }]} data-testid="question-form-answer" />
          </Form.Item>
        )}
        <Form.Item name="explanation" label={t('解析（交卷后向答题人展示）', 'Explanation (shown after submission)')} rules={[{ max: 2000, message: t('解析不能超过2000个字符', 'At most 2000 characters') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="question-form-explanation" />
        </Form.Item>
        <Form.Item name="lawRef" label={t('依据', 'Legal basis')} extra={t('如：《中华人民共和国行政处罚法》第四十四条', 'E.g. Administrative Penalty Law, article 44')} rules={[{ max: 200, message: t('依据不能超过200个字符', 'At most 200 characters') }]}>
          <Input maxLength={200} data-testid="question-form-lawref" />
        </Form.Item>
        <Form.Item name="active" label={t('启用（可被抽取）', 'Enabled (may be drawn)')} valuePropName="checked">
          <Switch data-testid="question-form-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ImportModal({ onClose, onDone }: { onClose(): void; onDone(n: number): void }) {
  const t = useT();
  const me = useMe();
  const [orgId, setOrgId] = useState<number>((me.scope.rootOrgIds[0] ?? me.org.id));
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[]>([]);
  const send = async () => {
    if (!file) { setFailure(t('请选择要导入的文件', 'Choose a file')); return; }
    setBusy(true);
    setFailure(null);
    setRowErrors([]);
    try {
      const r = await upload<{ inserted: number }>(`/api/quiz/questions/import${qs({ orgId })}`, file, () => {});
      onDone(r.inserted);
    } catch (e) {
      setFailure(errorMessage(e, t));
      if (e instanceof ApiError && e.status === 422 && Array.isArray(e.details)) setRowErrors(e.details as ImportRowError[]);
    } finally { setBusy(false); }
  };
  return (
    <Modal open title={t('导入题目', 'Import questions')} onCancel={onClose} onOk={() => void send()} confirmLoading={busy} width={760} destroyOnHidden
      okText={t('开始导入', 'Import')} cancelText={t('取消', 'Cancel')} okButtonProps={{ 'data-testid': 'question-import-submit' } as never}>
      <Typography.Paragraph type="secondary">
        {t('文件的列：题干、题型（单选题/多选题/判断题）、选项A至选项F、答案（如 B、ACD 或 正确/错误）、解析、依据。整个文件检查无误才导入，有错误的行全部列出、不导入任何题目。',
          'Columns: 题干, 题型, 选项A–选项F, 答案, 解析, 依据. The whole file is checked first: if any row is wrong, every problem is listed and nothing is imported.')}
        <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => download('/api/quiz/questions/template')} data-testid="question-template">{t('下载模板', 'Template')}</Button>
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('导入到机构题库', 'Into the bank of')} required>
          <OrgTreeSelect allowClear={false} value={orgId} onChange={(v) => setOrgId(v)} data-testid="question-import-org" />
        </Form.Item>
        <Upload.Dragger accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => { setFile(f); setFailure(null); setRowErrors([]); return false; }}
          onRemove={() => setFile(null)} fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []} data-testid="question-import-file">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('点击或将 XLSX / CSV 文件拖到此处', 'Click or drop an XLSX or CSV file here')}</p>
        </Upload.Dragger>
      </Form>
      {failure && <Alert type="error" showIcon style={{ marginTop: 12 }} title={failure} data-testid="question-import-error" />}
      {rowErrors.length > 0 && (
        <Table<ImportRowError> size="small" style={{ marginTop: 12 }} rowKey={(e) => `${e.row}-${e.column}-${e.message}`} dataSource={rowErrors} data-testid="question-import-errors"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('行', 'Row'), dataIndex: 'row', width: 60 },
            { title: t('列', 'Column'), dataIndex: 'column', width: 90, render: (c: string | null) => c ?? '—' },
            { title: t('内容', 'Value'), dataIndex: 'value', width: 160, ellipsis: true, render: (v: string | null) => v ?? '' },
            { title: t('问题', 'Problem'), dataIndex: 'message' },
          ]} />
      )}
    </Modal>
  );
}
