// Publication of the case's decision (执法公示): publish with the violation's severity
// (which sets the period under the rule in force at the decision date), see what the
// public sees, and withdraw it.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import type { CaseDetail } from './types';

const SEVERITIES: [string, string, string][] = [['minor', '轻微', 'Minor'], ['general', '一般', 'General'], ['serious', '严重', 'Serious']];
const REASONS: [string, string, string][] = [['credit_repair', '信用修复', 'Credit repair'], ['changed', '决定被依法变更', 'Decision changed'], ['revoked', '决定被依法撤销', 'Decision revoked'], ['unlawful', '决定被确认违法或者无效', 'Found unlawful or void']];

export function PublicationCard({ c, onDone }: { c: CaseDetail; onDone(next: CaseDetail): void }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [severity, setSeverity] = useState('general');
  const [withdrawing, setWithdrawing] = useState(false);
  const [form] = Form.useForm<{ reason: string; note: string }>();
  const p = c.publication;
  const decided = !!c.decided && c.decided.sanctions.length > 0;
  if (!decided && !p) return null;
  const call = async (url: string, body: unknown) => {
    try { onDone(await api.post<CaseDetail>(url, body)); return true; } catch (err) { message.error(errorMessage(err, t)); return false; }
  };
  return (
    <Card size="small" title={t('执法公示', 'Publication')} style={{ marginTop: 12 }} data-testid="publication">
      {!p ? (
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('行政处罚决定应在作出之日起7个工作日内公示，自然人信息按规则隐去。', 'Publish within 7 working days of the decision; personal data are masked.')}</Typography.Text>
          {can('cases.handle') && (
            <Space>
              <Select value={severity} onChange={setSeverity} style={{ width: 140 }} options={SEVERITIES.map(([v, zh, en]) => ({ value: v, label: t(`违法程度：${zh}`, en) }))} data-testid="publication-severity" />
              <Button type="primary" onClick={() => call(`/api/cases/${c.id}/publication`, { severity })} data-testid="publication-publish">{t('公示', 'Publish')}</Button>
            </Space>
          )}
        </Space>
      ) : (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            {p.public ? <Tag color="green">{t('公示中', 'Public')}</Tag> : <Tag>{p.withdrawnOn ? t('已撤下', 'Withdrawn') : t('公示期满', 'Period over')}</Tag>}
            {p.onTime ? <Tag color="blue">{t('按期公示', 'On time')}</Tag> : <Tag color="red">{t('超期公示', 'Late')}</Tag>}
          </Space>
          <Descriptions size="small" column={1} items={[
            { key: 'p', label: t('公示日期', 'Published'), children: `${p.publishedOn}（${t('期限', 'due')} ${p.dueOn}）` },
            { key: 'u', label: t('公示期', 'Public until'), children: t(`至${p.publicUntil}；${p.repairFrom}起可申请信用修复`, `until ${p.publicUntil}; credit repair from ${p.repairFrom}`) },
            ...(p.withdrawnOn ? [{ key: 'w', label: t('撤下', 'Withdrawn'), children: `${p.withdrawnOn} ${p.withdrawnReason ?? ''}` }] : []),
          ]} />
          <Typography.Link href="/portal/penalties" target="_blank">{t('查看公示网页', 'Open the public page')}</Typography.Link>
          {p.public && can('cases.approve') && <Button size="small" danger style={{ marginLeft: 12 }} onClick={() => setWithdrawing(true)}>{t('撤下', 'Withdraw')}</Button>}
        </>
      )}
      <Modal open={withdrawing} title={t('撤下公示', 'Withdraw')} onCancel={() => setWithdrawing(false)} onOk={() => form.submit()} destroyOnHidden>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('决定被依法变更、撤销、确认违法或无效的，应在3个工作日内撤下（《中华人民共和国行政处罚法》第四十八条）；信用修复须在最短公示期届满后。', 'A changed or revoked decision is withdrawn within 3 working days (art. 48); credit repair only after the minimum period.')} />
        <Form form={form} layout="vertical" onFinish={async (v) => { if (await call(`/api/cases/${c.id}/publication/withdraw`, v)) setWithdrawing(false); }}>
          <Form.Item name="reason" label={t('理由', 'Reason')} rules={[{ required: true, message: t('请选择理由', 'Choose a reason') }]}>
            <Select options={REASONS.map(([v, zh, en]) => ({ value: v, label: t(zh, en) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('说明（文书文号等）', 'Note')} rules={[{ required: true, message: t('请填写说明', 'Enter a note') }]}><Input maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
