// A proposal's co-handlers (会办单位): each with its co-handling period's clock, its opinion
// and who wrote it. Organisations on the platform write their own opinion here (the form
// shows only for that unit's users while the lead has not answered); a unit outside the
// platform has its opinion recorded by the lead with the step "登记协办意见". The lead
// unit may name one more co-handler before it answers ("增加会办单位"); its period runs
// from that day.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { api } from '../../lib/api';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
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

function AddCoHandler({ m, onDone }: { m: MatterDetail; onDone(next: MatterDetail): void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [orgId, setOrgId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The lead itself and the organisations already co-handling cannot be chosen again.
  const taken = useMemo(() => new Set([m.orgId, ...(m.coHandlers ?? []).flatMap((c) => (c.orgId === null ? [] : [c.orgId]))]), [m.orgId, m.coHandlers]);
  const close = () => { setOpen(false); setOrgId(null); setError(null); };
  const send = () => {
    if (!orgId) { setError(t('请选择会办单位', 'Choose the co-handling unit')); return; }
    modal.confirm({
      title: t('确定增加该会办单位？增加后不能撤销，主办单位须待其提出会办意见后答复。', 'Add this co-handling unit? It cannot be undone; the answer waits for its opinion.'),
      okText: t('确定', 'OK'), cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const next = await api.post<MatterDetail>(`/api/matters/proposal/${m.id}/co-handlers`, { orgId });
          close();
          onDone(next);
          message.success(t('已增加会办单位', 'Co-handling unit added'));
        } catch (e) { setError(errorMessage(e, t)); } finally { setBusy(false); }
      },
    });
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="co-handler-add">{t('增加会办单位', 'Add co-handling unit')}</Button>
      <Modal open={open} title={t('增加会办单位', 'Add co-handling unit')} onCancel={close} onOk={send} confirmLoading={busy}
        okText={t('增加', 'Add')} cancelText={t('取消', 'Cancel')} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('所选单位在平台上自行提出会办意见，会办期限自今日起计算。', 'The unit gives its own opinion on the platform; its period runs from today.')}</Typography.Text>
          {error && <Alert type="error" showIcon title={error} data-testid="co-handler-add-error" />}
          <OrgTreeSelect value={orgId} onChange={(v) => { setOrgId(v); setError(null); }} disabledIds={taken} allowClear={false}
            placeholder={t('选择会办单位', 'Choose the co-handling unit')} style={{ width: '100%' }} data-testid="co-handler-add-org" />
        </Space>
      </Modal>
    </>
  );
}

export function CoHandlersCard({ m, onDone }: { m: MatterDetail; onDone(next: MatterDetail): void }) {
  const t = useT();
  const list = m.coHandlers ?? [];
  if (list.length === 0 && m.role !== 'lead') return null;
  return (
    <Card size="small" title={t('会办单位', 'Co-handling units')} style={{ marginBottom: 12 }} data-testid="co-handlers"
      extra={m.mayAddCoHandler ? <AddCoHandler m={m} onDone={onDone} /> : undefined}>
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
