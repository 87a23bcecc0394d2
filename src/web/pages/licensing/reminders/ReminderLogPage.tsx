// 行政许可 › 到期提醒记录: every expiry reminder sent to a licence holder within the user's
// data scope (the daily job's and those run by hand), newest first: when, which licence
// (linked to its page), how many days ahead, by which channel to whom, sent or failed
// (with the error), and the message itself (expand the row). Searched by licence number,
// filtered by status and channel, exported to Excel with the filters. Whoever holds
// licensing.decide runs today's reminders now (立即发送今日提醒): reminders already sent
// today are not sent again, failed ones are retried; the counts are shown afterwards.
import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Popconfirm, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { MessageOutlined, SendOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, qs } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { useT, type Translate } from '../../../lib/i18n';
import { errorMessage } from '../../../lib/format';
import { useUrlFilters } from '../../../lib/urlState';
import type { Paged } from '../../../lib/types';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBar } from '../../../components/SearchBar';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ExportButton } from '../../../components/ExportButton';
import { tablePagination } from '../../../components/pagination';
import {
  CHANNELS, STATUSES, channelLabel, sentAtText, statusLabel,
  type NotificationChannel, type NotificationRow, type NotificationStatus, type ReminderCounts,
} from './labels';

const FILTERS = ['licenceNo', 'status', 'channel'] as const;

/** 应提醒 N 件，已发送 N，失败 N，无联系方式 N，今日已发送过 N */
export function countsText(c: ReminderCounts, t: Translate): string {
  return t(`应提醒 ${c.due} 件，已发送 ${c.sent}，失败 ${c.failed}，无联系方式 ${c.noContact}，今日已发送过 ${c.alreadySent}`,
    `${c.due} due, ${c.sent} sent, ${c.failed} failed, ${c.noContact} without contact details, ${c.alreadySent} already sent today`);
}

function RunButton({ onDone }: { onDone(counts: ReminderCounts): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    try {
      const counts = await api.post<ReminderCounts>('/api/licensing/reminders/run');
      onDone(counts);
      if (counts.failed > 0) message.warning(t(`有 ${counts.failed} 条提醒发送失败，下次发送时将重试`, `${counts.failed} reminders failed; they are retried next time`));
      else if (counts.sent > 0) message.success(t(`已发送 ${counts.sent} 条到期提醒`, `${counts.sent} reminders sent`));
      else message.info(t('没有需要发送的提醒（今天已发送过的不再重复发送）', 'Nothing to send (reminders already sent today are not sent again)'));
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Popconfirm
      title={t('立即发送今日到期提醒？', 'Send today’s expiry reminders now?')}
      description={(
        <div style={{ maxWidth: 320 }}>
          {t('向您管理范围内今天应提醒的证照持证人发送到期提醒。今天已经发送过的提醒不会重复发送，发送失败的将重试。',
            'Holders of the licences in your scope that are due a reminder today are sent one. Reminders already sent today are not sent again; failed ones are retried.')}
        </div>
      )}
      okText={t('发送', 'Send')} cancelText={t('取消', 'Cancel')}
      okButtonProps={{ 'data-testid': 'reminder-run-confirm' } as never}
      onConfirm={run} disabled={running}>
      <Button type="primary" icon={<SendOutlined />} loading={running} data-testid="reminder-run">
        {t('立即发送今日提醒', 'Send today’s reminders now')}
      </Button>
    </Popconfirm>
  );
}

export function ReminderLogPage() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const list = useQuery({
    queryKey: ['licensing', 'notifications', f.query],
    queryFn: () => api.get<Paged<NotificationRow>>(`/api/licensing/notifications${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const [result, setResult] = useState<ReminderCounts>();
  const filtered = Object.keys(v).length > 0;

  const columns: ColumnsType<NotificationRow> = [
    { title: t('发送时间', 'Sent at'), dataIndex: 'sentAt', width: 140, render: (at: string) => sentAtText(at) },
    {
      title: t('证照编号', 'Licence no.'), dataIndex: 'licenceNo', width: 190,
      render: (no: string, r) => <Link to={`/licensing/licences/${r.licenceId}`} data-testid={`reminder-licence-${r.id}`}>{no}</Link>,
    },
    { title: t('证照名称', 'Licence'), dataIndex: 'licenceName', width: 160, ellipsis: true },
    { title: t('持证人', 'Holder'), dataIndex: 'holderName', width: 200, ellipsis: true },
    { title: t('有效期至', 'Valid to'), dataIndex: 'validTo', width: 110 },
    {
      title: <Tooltip title={t('按到期前多少天的提醒发送（事项设置的提醒天数；错过的按当时应发的一档补发）', 'The reminder threshold it was sent for (the item’s reminder days; a missed one is sent late at the current threshold)')}>{t('提前天数', 'Days ahead')}</Tooltip>,
      dataIndex: 'daysBefore', width: 90, align: 'right', render: (d: number) => t(`${d}天`, `${d} days`),
    },
    { title: t('渠道', 'Channel'), dataIndex: 'channel', width: 90, render: (c: string) => channelLabel(c, t) },
    { title: t('接收方', 'Recipient'), dataIndex: 'recipient', width: 150, ellipsis: true },
    { title: t('发证机关', 'Issued by'), dataIndex: 'orgName', width: 180, ellipsis: true },
    {
      title: t('状态', 'Status'), dataIndex: 'status', width: 150, fixed: 'right',
      render: (s: NotificationStatus, r) => (
        <span data-testid="reminder-status" data-status={s}>
          <Tag color={STATUSES[s]?.[2]}>{statusLabel(s, t)}</Tag>
          {r.error && <div><Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="reminder-error">{r.error}</Typography.Text></div>}
        </span>
      ),
    },
  ];

  return (
    <div>
      <PageHeader title={t('到期提醒记录', 'Expiry reminders')}
        subtitle={t('每日任务在证照到期前按事项设置的提醒天数（事项未设置的，按规则参数“许可证有效期届满前提醒持证人的天数”）向持证人发送的到期提醒，以及手动发送的记录；同一提醒只发送一次，发送失败的下次重试。',
          'The expiry reminders sent to licence holders before expiry (by the item’s reminder days, or the rule parameter where the item sets none), daily or by hand; each reminder is sent once, failed ones are retried.')}
        extra={<>
          <ExportButton path="/api/licensing/notifications/export" filters={f.query} testId="reminder-export" />
          {can('licensing.decide') && <RunButton onDone={(c) => {
            setResult(c);
            void qc.invalidateQueries({ queryKey: ['licensing', 'notifications'] });
          }} />}
        </>} />
      {result && (
        <Alert style={{ marginBottom: 16 }} showIcon closable onClose={() => setResult(undefined)} data-testid="reminder-run-result"
          type={result.failed > 0 ? 'warning' : 'success'}
          title={t(`${result.day} 到期提醒发送完成`, `Reminders of ${result.day} sent`)}
          description={<span data-testid="reminder-run-counts">{countsText(result, t)}</span>} />
      )}
      <SearchBar value={v.licenceNo} onSearch={(licenceNo) => f.set({ licenceNo })} onReset={filtered ? () => f.reset() : undefined}
        placeholder={t('证照编号', 'Licence no.')}>
        <Select allowClear style={{ width: 140 }} placeholder={t('状态', 'Status')} value={v.status} onChange={(status) => f.set({ status })} data-testid="filter-reminder-status"
          options={(Object.keys(STATUSES) as NotificationStatus[]).map((s) => ({ value: s, label: statusLabel(s, t) }))} />
        <Select allowClear style={{ width: 140 }} placeholder={t('渠道', 'Channel')} value={v.channel} onChange={(channel) => f.set({ channel })} data-testid="filter-reminder-channel"
          options={(Object.keys(CHANNELS) as NotificationChannel[]).map((c) => ({ value: c, label: channelLabel(c, t) }))} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <Table<NotificationRow> rowKey="id" size="middle" columns={columns} dataSource={list.data?.rows} loading={list.isFetching}
        pagination={tablePagination(f, list.data, t)} data-testid="reminder-table" scroll={{ x: 1500 }}
        // The message sent: expand the row (the + before it) to read it.
        expandable={{
          columnTitle: <Tooltip title={t('展开查看提醒内容', 'Expand to read the message')}><MessageOutlined /></Tooltip>,
          expandedRowRender: (r) => (
            <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} copyable data-testid={`reminder-message-${r.id}`}>{r.message}</Typography.Paragraph>
          ),
        }}
        locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的提醒记录，请调整查询条件', 'No reminder matches; change the search')
          : t('还没有到期提醒记录：证照进入到期提醒期后，每日任务会自动向持证人发送提醒', 'No reminders yet: holders are reminded daily once their licences near expiry')} /> }} />
    </div>
  );
}
