// Actions on a case that are not steps of the procedure (the state stays): recording the
// party's statement and defence (art. 45) and the head extending the decision period
// (art. 60). Each posts with the case version and shows the server's refusal.
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { useServerToday } from '../../lib/queries';
import type { CaseDetail } from './types';

const OPEN_UNDECIDED = ['filed', 'case_review', 'legal_review', 'reviewed', 'notified', 'hearing_requested', 'hearing_scheduled', 'heard', 'collective', 'deliberated'];

/** A button that opens a form and posts it; the form's values are turned into the body by `body`. */
function ActionModal<V extends object>({ label, title, url, c, body, onDone, children, testId }: {
  label: string; title: string; url: string; c: CaseDetail; body(v: V): Record<string, unknown>; onDone(next: CaseDetail): void; children: ReactNode; testId: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<V>();
  const submit = async (v: V) => {
    try {
      onDone(await api.post<CaseDetail>(url, { version: c.version, ...body(v) }));
      setOpen(false);
      message.success(t('已记录', 'Recorded'));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid={testId}>{label}</Button>
      <Modal open={open} title={title} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden okButtonProps={{ 'data-testid': `${testId}-submit` } as never}>
        <Form form={form} layout="vertical" onFinish={submit}>{children}</Form>
      </Modal>
    </>
  );
}

interface StatementForm { statedOn: Dayjs; statement: string; adopted: boolean; reasons: string }

/** The handling inspector records what the party stated or argued, whether it was adopted and why. */
export function StatementButton({ c, onDone }: { c: CaseDetail; onDone(next: CaseDetail): void }) {
  const t = useT();
  const { can } = useAuth();
  const today = useServerToday();
  if (!can('cases.handle') || !['notified', 'heard'].includes(c.state)) return null;
  const max = today.data ? dayjs(today.data) : dayjs();
  return (
    <ActionModal<StatementForm> c={c} onDone={onDone} url={`/api/cases/${c.id}/statements`} testId="record-statement"
      label={t('记录陈述申辩', 'Record statement')} title={t('记录当事人的陈述、申辩', "Record the party's statement and defence")}
      body={(v) => ({ ...v, statedOn: v.statedOn.format('YYYY-MM-DD') })}>
      <Typography.Paragraph type="secondary">{t('行政机关必须充分听取当事人的意见，对当事人提出的事实、理由和证据进行复核；成立的应当采纳，不得因当事人陈述、申辩而给予更重的处罚（《中华人民共和国行政处罚法》第四十五条）。', 'The agency hears the party, reviews what it puts forward and adopts what is well-founded; defending never makes the penalty heavier (art. 45).')}</Typography.Paragraph>
      <Form.Item name="statedOn" label={t('陈述、申辩日期', 'Date')} initialValue={max} rules={[{ required: true, message: t('请填写日期', 'Enter the date') }]}>
        <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(max, 'day')} />
      </Form.Item>
      <Form.Item name="statement" label={t('当事人陈述、申辩的内容', 'What the party said')} rules={[{ required: true, message: t('请填写内容', 'Enter the statement') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} data-testid="statement-text" />
      </Form.Item>
      <Form.Item name="adopted" label={t('复核结果', 'Outcome')} rules={[{ required: true, message: t('请选择是否采纳', 'Choose') }]}>
        <Radio.Group options={[{ value: true, label: t('采纳', 'Adopted') }, { value: false, label: t('不予采纳', 'Not adopted') }]} data-testid="statement-adopted" />
      </Form.Item>
      <Form.Item name="reasons" label={t('采纳或者不予采纳的理由', 'Reasons')} rules={[{ required: true, message: t('请填写理由', 'Enter the reasons') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="statement-reasons" />
      </Form.Item>
    </ActionModal>
  );
}

/** The head extends the decision period of an open, undecided case before it runs out. */
export function ExtensionButton({ c, onDone }: { c: CaseDetail; onDone(next: CaseDetail): void }) {
  const t = useT();
  const { can } = useAuth();
  const x = c.decisionExtension;
  if (!can('cases.approve') || !x || c.decided || !OPEN_UNDECIDED.includes(c.state) || x.count >= x.max) return null;
  return (
    <ActionModal<{ reason: string }> c={c} onDone={onDone} url={`/api/cases/${c.id}/decision-extension`} testId="extend-decision"
      label={t('延长办案期限', 'Extend the period')} title={t('延长作出处罚决定的期限', 'Extend the decision period')} body={(v) => v}>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }}
        title={t(`每次延长${x.days}日，最多${x.max}次（已延长${x.count}次），须在期限届满前批准。天数和次数为本地设置：《卫生健康行政处罚程序规定》的延长条款尚待核实。`,
          `${x.days} days per extension, at most ${x.max} (${x.count} so far), approved before the period ends. Local settings until the health-sector rule's article is checked.`)} />
      <Typography.Paragraph type="secondary">{x.citation}</Typography.Paragraph>
      <Form.Item name="reason" label={t('延长的理由', 'Reason')} rules={[{ required: true, message: t('请填写理由', 'Enter the reason') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} data-testid="extension-reason" />
      </Form.Item>
    </ActionModal>
  );
}
