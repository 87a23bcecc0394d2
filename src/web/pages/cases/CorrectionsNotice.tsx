// The case's decision as corrected on reconsideration or in court (modules/cases/corrections.ts),
// at the top of the case page: revoked and awaiting a new decision (a warning until it is
// made), altered (the original and the decision in force), found unlawful or a duty
// ordered; each names the reconsideration or suit (linked) and the article, and a
// follow-up still to do (a fine to return, remedies) has its button for the handler.
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { SANCTION_LABELS, yuan } from '../discretion/types';
import type { CaseDetail, Correction } from './types';

const KIND_NO: Record<Correction['matterKind'], [string, string]> = { reconsideration: ['复议编号', 'reconsideration'], litigation: ['应诉编号', 'suit'] };

function penaltyText(p: { sanctions: string[] | null; fineYuan: number | null }, t: Translate): string {
  const kinds = (p.sanctions ?? []).map((s) => t(...(SANCTION_LABELS[s] ?? [s, s]))).join('、') || t('不予处罚', 'No penalty');
  return (p.fineYuan ?? 0) > 0 ? `${kinds}（${t('罚款', 'fine')} ${yuan(p.fineYuan!)}）` : kinds;
}

function FollowUpButton({ c, x, onDone }: { c: CaseDetail; x: Correction; onDone(next: CaseDetail): void }) {
  const t = useT();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const submit = async ({ note }: { note: string }) => {
    try {
      onDone(await api.post<CaseDetail>(`/api/cases/${c.id}/correction-follow-up`, { version: c.version, correctionId: x.id, note }));
      setOpen(false);
      message.success(t('已记录', 'Recorded'));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid={`correction-follow-up-${x.id}`}>{t('记录落实情况', 'Record the follow-up')}</Button>
      <Modal open={open} title={t('记录纠错落实情况', 'Record the follow-up')} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden
        okButtonProps={{ 'data-testid': `correction-follow-up-${x.id}-submit` } as never}>
        <Typography.Paragraph type="secondary">{x.followUp}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="note" label={t('落实情况（返还罚款、补救措施、履行职责的时间和结果）', 'What was done')} rules={[{ required: true, message: t('请填写落实情况', 'Enter what was done') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="correction-follow-up-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function headline(c: CaseDetail, x: Correction, t: Translate): string {
  const no = `${t(...KIND_NO[x.matterKind])}${x.matterNo}`;
  if (x.effect === 'reopened') {
    return c.decided ? t(`原处罚决定已被${x.body}撤销（${no}），已重新作出决定`, `The original decision was revoked (${x.matterNo}); a new decision has been made`)
      : t(`本案处罚决定已被${x.body}撤销（${no}），需重新作出决定`, `The decision was revoked (${x.matterNo}): a new decision must be made`);
  }
  if (x.effect === 'adjusted') return t(`本案处罚决定已被${x.body}${x.correctionName}（${no}），现行决定为：${penaltyText(x.after!, t)}`, `The decision was altered (${x.matterNo})`);
  return t(`本案处罚决定被${x.body}${x.correctionName}（${no}）`, `The decision was ${x.correction} (${x.matterNo})`);
}

export function CorrectionsNotice({ c, onDone }: { c: CaseDetail; onDone(next: CaseDetail): void }) {
  const t = useT();
  const { can } = useAuth();
  if (c.corrections.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="corrections">
      {[...c.corrections].reverse().map((x) => {
        const pending = x.followUp !== null && x.followedUpOn === null;
        const current = (x.effect === 'reopened' && !c.decided) || pending;
        return (
          <Alert key={x.id} showIcon type={current ? 'warning' : 'info'} data-testid={`correction-${x.effect}`}
            title={<span data-testid="correction-title">{headline(c, x, t)}</span>}
            description={(
              <div>
                {x.before.decidedOn && (
                  <div>{t('原处罚决定：', 'Original decision: ')}{penaltyText(x.before, t)} · {x.before.decidedOn}</div>
                )}
                <div>
                  {t(`${x.body}日期：`, 'Date: ')}{x.decidedOn} · <Link to={`/matters/${x.matterKind}/${x.matterId}`}>{x.matterNo}</Link> · {t('依据：', 'Basis: ')}{x.citation}
                </div>
                {x.effect === 'reopened' && !c.decided && (
                  <Typography.Text type="secondary">
                    {t('案件已退回案件审核：需补充调查的退回调查，否则重新告知后作出决定。', 'The case is back in case review: return it for further investigation or notify the party again before deciding. ')}
                    {x.matterKind === 'reconsideration'
                      ? t('被责令重新作出的，不得以同一事实和理由作出与原决定相同或者基本相同的决定，以违反法定程序为由撤销的除外（《中华人民共和国行政复议法》第六十四条第二款）。',
                        'Ordered to decide anew, the same decision may not be made on the same facts and grounds unless it was revoked for a procedural fault.')
                      : t('判决重新作出的，不得以同一的事实和理由作出与原决定基本相同的决定（《中华人民共和国行政诉讼法》第七十一条）。',
                        'Ordered by the court to decide anew, essentially the same decision may not be made on the same facts and grounds.')}
                  </Typography.Text>
                )}
                {x.followUp && (
                  <div style={{ marginTop: 4 }} data-testid={`correction-follow-up-text-${x.id}`}>
                    {pending ? <Typography.Text strong>{t('待落实：', 'To do: ')}</Typography.Text> : <Typography.Text type="secondary">{t('纠错事项：', 'Follow-up: ')}</Typography.Text>}{x.followUp}
                    {!pending && <div>{t(`已于${x.followedUpOn}由${x.followedUpBy ?? ''}记录落实情况：`, `Done on ${x.followedUpOn}: `)}{x.followUpNote}</div>}
                  </div>
                )}
              </div>
            )}
            action={pending && (can('cases.handle') || can('cases.approve')) ? <FollowUpButton c={c} x={x} onDone={onDone} /> : undefined} />
        );
      })}
    </Space>
  );
}
