// A proposal's co-handlers (会办单位): each with its co-handling period's clock, its opinion
// and who wrote it. Organisations on the platform write their own opinion here (the form
// shows only for that unit's users while the lead has not answered); a unit outside the
// platform has its opinion recorded by the lead with the step "登记协办意见".
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { ClockTag } from '../licensing/parts';
import type { CoHandler, MatterDetail } from './types';

const OPINION_MAX = 5000;

function OpinionForm({ m, c, onDone }: { m: MatterDetail; c: CoHandler; onDone(next: MatterDetail): void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = () => {
    if (!text.trim()) { setError(t('请填写会办意见', 'Write the opinion')); return; }
    modal.confirm({
      title: t(`确定以${c.name}的名义提出会办意见？提交后不能修改。`, `Submit the opinion of ${c.name}? It cannot be changed afterwards.`),
      okText: t('确定', 'OK'), cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const next = await api.post<MatterDetail>(`/api/matters/proposal/${m.id}/co-opinions`, { orgId: c.orgId, opinion: text.trim() });
          setText('');
          onDone(next);
          message.success(t('会办意见已提交主办单位', 'Opinion sent to the lead unit'));
        } catch (e) { setError(errorMessage(e, t)); } finally { setBusy(false); }
      },
    });
  };
  return (
    <div style={{ width: '100%', marginTop: 8 }} data-testid="co-opinion-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="co-opinion-error" />}
      <Input.TextArea rows={4} maxLength={OPINION_MAX} showCount value={text} onChange={(e) => setText(e.target.value)}
        placeholder={t('本单位对该建议（提案）的办理意见，送主办单位吸收后答复代表（委员）', 'Your unit’s opinion for the lead unit')} data-testid="co-opinion-text" />
      <Button type="primary" loading={busy} onClick={send} style={{ marginTop: 8 }} data-testid="co-opinion-submit">{t('提交会办意见', 'Submit opinion')}</Button>
    </div>
  );
}

export function CoHandlersCard({ m, onDone }: { m: MatterDetail; onDone(next: MatterDetail): void }) {
  const t = useT();
  const list = m.coHandlers ?? [];
  if (list.length === 0 && m.role !== 'lead') return null;
  return (
    <Card size="small" title={t('会办单位', 'Co-handling units')} style={{ marginBottom: 12 }} data-testid="co-handlers">
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('本件没有会办单位', 'No co-handling unit')} />
      ) : (
        <List size="small" dataSource={list} rowKey={(c) => `${c.onPlatform ? 'o' : 'x'}-${c.orgId ?? c.name}`} renderItem={(c) => (
          <List.Item data-testid="co-handler" data-org={c.orgId ?? undefined} data-given={c.opinionOn !== null}>
            <Space orientation="vertical" style={{ width: '100%' }} size={4}>
              <Space wrap>
                <Typography.Text strong>{c.name}</Typography.Text>
                {c.onPlatform ? <Tag color="blue">{t('平台单位', 'On the platform')}</Tag> : <Tag>{t('平台外单位', 'Outside the platform')}</Tag>}
                <ClockTag k={c.clock} />
              </Space>
              {c.opinion ? (
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="co-handler-opinion">{c.opinion}</Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.onPlatform
                      ? t(`${c.opinionOn} ${c.authorName ?? ''}提出`, `${c.opinionOn}, by ${c.authorName ?? ''}`)
                      : t(`${c.opinionOn} ${c.authorName ?? ''}登记`, `${c.opinionOn}, recorded by ${c.authorName ?? ''}`)}
                  </Typography.Text>
                </>
              ) : (
                <Typography.Text type="secondary">
                  {m.state !== 'assigned' ? t('未提出会办意见', 'No opinion given')
                    : c.onPlatform ? t('尚未提出会办意见', 'Opinion not yet given') : t('尚未收到会办意见（由主办单位登记）', 'Not received yet (recorded by the lead unit)')}
                </Typography.Text>
              )}
              {c.mine && <OpinionForm m={m} c={c} onDone={onDone} />}
            </Space>
          </List.Item>
        )} />
      )}
    </Card>
  );
}
