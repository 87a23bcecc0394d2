// 行政许可 › 承诺核查: the checks of notification-and-commitment approvals and of filings
// (核查), open ones first by due date (red once overdue). Whoever holds licensing.verify
// records the result: the commitment confirmed, or found false, which revokes the
// licence and stays on the holder's record.
import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { useT } from '../../../lib/i18n';
import { errorMessage } from '../../../lib/format';
import { useUrlFilters } from '../../../lib/urlState';
import type { Paged } from '../../../lib/types';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { tablePagination } from '../../../components/pagination';
import { CHECK_STATES, type CheckRow, type CheckState } from '../types';
import { CheckStateTag } from '../parts';

const FILTERS = ['state'] as const;

interface ResultForm { result: 'confirmed' | 'false_commitment'; finding: string }

function RecordModal({ check, onClose }: { check: CheckRow; onClose(): void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResultForm>();
  const result = Form.useWatch('result', form);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const send = async (v: ResultForm) => {
    setSaving(true);
    setError(undefined);
    try {
      await api.post<CheckRow>(`/api/licensing/checks/${check.id}`, v);
      message.success(v.result === 'confirmed' ? t('已登记：核查属实', 'Recorded: confirmed') : t('已登记承诺不实，许可已撤销', 'Recorded: false commitment; the licence is revoked'));
      void qc.invalidateQueries({ queryKey: ['licensing'] });
      void qc.invalidateQueries({ queryKey: ['home', 'todos'] });
      onClose();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };
  const submit = (v: ResultForm) => (v.result === 'false_commitment'
    ? modal.confirm({
      title: t('确认承诺不实？', 'Record a false commitment?'),
      content: t(`将依法撤销“${check.applicantName}”的许可${check.licenceNo ? `（证照${check.licenceNo}）` : ''}并记入信用记录。此操作不能撤回。`, 'The licence is revoked and the false commitment recorded against the holder. This cannot be undone.'),
      okText: t('确定', 'Confirm'), cancelText: t('取消', 'Cancel'), okButtonProps: { danger: true, 'data-testid': 'check-confirm' } as never,
      onOk: () => send(v),
    })
    : send(v));
  return (
    <Modal open width={600} title={t('登记核查结论', 'Record the check')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden
      okText={t('登记', 'Record')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: result === 'false_commitment', 'data-testid': 'check-submit' } as never}>
      <Typography.Paragraph>
        <Typography.Text strong>{check.applicantName}</Typography.Text> · {check.itemName} · <Link to={`/licensing/applications/${check.applicationId}`}>{check.applicationNo}</Link>
        {check.licenceNo && <> · {t('证照', 'Licence')} {check.licenceNo}</>}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="check-error" />}
      <Form<ResultForm> form={form} layout="vertical" onFinish={submit} initialValues={{ result: 'confirmed' }}>
        <Form.Item name="result" label={t('核查结论', 'Result')}>
          <Radio.Group data-testid="check-result" options={[
            { value: 'confirmed', label: t('属实（符合承诺的条件）', 'Confirmed (the conditions are met)') },
            { value: 'false_commitment', label: t('承诺不实', 'False commitment') },
          ]} />
        </Form.Item>
        {result === 'false_commitment' && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="check-false-warning"
            title={t('承诺不实的，依法撤销许可（签发的电子证照同时撤销，核验页面显示“已撤销”），并记入申请人的信用记录。', 'A false commitment revokes the licence (the verification page then says revoked) and is recorded against the applicant.')} />
        )}
        <Form.Item name="finding" label={t('核查情况', 'Findings')} rules={[{ required: true, whitespace: true, message: t('请填写核查情况', 'Enter the findings') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount data-testid="check-finding" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CheckListPage() {
  const t = useT();
  const { can } = useAuth();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  // Open checks unless another state (or all) is chosen.
  const state = v.state === 'all' ? undefined : (v.state ?? 'open');
  const query = { ...f.query, state };
  const list = useQuery({
    queryKey: ['licensing', 'checks', query],
    queryFn: () => api.get<Paged<CheckRow>>(`/api/licensing/checks${qs(query)}`),
    placeholderData: keepPreviousData,
  });
  const [recording, setRecording] = useState<CheckRow>();
  const columns: ColumnsType<CheckRow> = [
    {
      title: t('办件', 'Application'), dataIndex: 'applicationNo', width: 200,
      render: (no: string, r) => <span><Link to={`/licensing/applications/${r.applicationId}`}>{no}</Link>{r.licenceNo && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('证照', 'Licence')} {r.licenceNo}</Typography.Text></div>}</span>,
    },
    { title: t('申请人', 'Applicant'), dataIndex: 'applicantName' },
    { title: t('事项', 'Item'), dataIndex: 'itemName' },
    { title: t('机构', 'Organisation'), dataIndex: 'orgName', ellipsis: true, width: 160 },
    {
      title: t('核查期限', 'Due'), dataIndex: 'dueOn', width: 150,
      render: (due: string, r) => (r.overdue
        ? <Space size={4}><Typography.Text type="danger" strong>{due}</Typography.Text><Tag color="red">{t('已超期', 'Overdue')}</Tag></Space>
        : due),
    },
    {
      title: t('状态', 'State'), dataIndex: 'state', width: 260,
      render: (s: CheckState, r) => (
        <span>
          <CheckStateTag state={s} />
          {r.checkedOn && <div><Typography.Text type="secondary">{r.checkedOn}：{r.finding}</Typography.Text></div>}
        </span>
      ),
    },
    {
      title: t('操作', 'Actions'), key: 'actions', width: 120,
      render: (_, r) => (r.state === 'open' && can('licensing.verify')
        ? <Button size="small" type="primary" onClick={() => setRecording(r)} data-testid={`check-record-${r.id}`}>{t('登记结论', 'Record')}</Button>
        : null),
    },
  ];
  return (
    <div>
      <PageHeader title={t('承诺核查', 'Commitment checks')}
        subtitle={t('以告知承诺方式准予许可的事项和备案事项，在规定期限内核查申请人的承诺是否属实；承诺不实的依法撤销许可并记入信用记录。',
          'Approvals on notification and commitment, and filings, are checked within the set period; a false commitment revokes the licence and is recorded against the holder.')} />
      <Space style={{ marginBottom: 12 }}>
        <Select style={{ width: 140 }} value={v.state ?? 'open'} onChange={(s) => f.set({ state: s === 'open' ? undefined : s })} data-testid="filter-check-state"
          options={[
            ...(Object.keys(CHECK_STATES) as CheckState[]).map((s) => ({ value: s, label: t(CHECK_STATES[s][0], CHECK_STATES[s][1]) })),
            { value: 'all', label: t('全部', 'All') },
          ]} />
      </Space>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<CheckRow> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="check-table"
        locale={{ emptyText: <Empty description={state === 'open' ? t('没有待核查的任务', 'No check is open') : t('没有符合条件的核查任务', 'No check matches')} /> }} />
      {recording && <RecordModal check={recording} onClose={() => setRecording(undefined)} />}
    </div>
  );
}
