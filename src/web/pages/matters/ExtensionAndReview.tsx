// Two things on a matter's page that wait on someone other than its handler: an extension
// the handler asked for, waiting for the head's approval (who asked, when, for how long
// and why; the approve and refuse buttons are the declared steps in the next-steps card),
// and a petition's review (re-review), answered by the body one level up — or, when that
// body is not on the platform, recorded by the body that answered.
import { Alert, Card, Descriptions, Typography } from 'antd';
import { useT } from '../../lib/i18n';
import type { MatterDetail } from './types';

/** The unit an extension of the kind's main clock counts in (the clock's unit). */
export const EXTENSION_UNITS: Partial<Record<MatterDetail['kind'], [string, string]>> = {
  petition: ['日', 'days'], disclosure: ['个工作日', 'working days'], mediation: ['个工作日', 'working days'],
};

interface ExtensionRequest { amount: number; reason: string; requestedBy: string; on: string }
interface ExtensionRefused extends Partial<ExtensionRequest> { refusedBy: string; refusedOn: string; refusal: string }

const asObject = <T,>(v: unknown): T | null => (v !== null && typeof v === 'object' ? v as T : null);

export function PendingExtension({ m }: { m: MatterDetail }) {
  const t = useT();
  const d = m.details as Record<string, unknown>;
  const pending = asObject<ExtensionRequest>(d.extensionRequest);
  const refused = asObject<ExtensionRefused>(d.extensionRefused);
  const [zh, en] = EXTENSION_UNITS[m.kind] ?? ['日', 'days'];
  // Concluded before anyone decided (answered in time after all): nothing is waiting any more.
  if (pending && m.concludedOn === null) {
    const mayDecide = m.nextSteps.some((s) => s.id === 'approve_extension' && s.mine);
    return (
      <Card size="small" title={t('延长期限申请（待批准）', 'Extension asked for (awaiting approval)')} style={{ marginBottom: 12 }} data-testid="matter-extension-request">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'who', label: t('申请人', 'Asked by'), children: <span data-testid="extension-requested-by">{pending.requestedBy}</span> },
          { key: 'on', label: t('申请日期', 'Asked on'), children: pending.on },
          { key: 'amount', label: t('申请延长', 'Length'), children: <span data-testid="extension-amount">{t(`${pending.amount}${zh}`, `${pending.amount} ${en}`)}</span> },
          { key: 'due', label: t('现办理期限', 'Due now'), children: m.dueOn ?? '—' },
          { key: 'reason', label: t('理由', 'Reason'), children: <span data-testid="extension-reason" style={{ whiteSpace: 'pre-wrap' }}>{pending.reason}</span>, span: 'filled' },
        ]} />
        <Typography.Text type="secondary">
          {mayDecide
            ? t('请在右侧“下一步”中批准或不予批准；批准前期限不变。', 'Approve or refuse it under Next steps; the period stays as it is until approved.')
            : t('期限在负责人批准后延长。', 'The period is extended once the head approves.')}
        </Typography.Text>
      </Card>
    );
  }
  if (refused && !m.extended) {
    return (
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="matter-extension-refused"
        title={t(`${refused.refusedOn} ${refused.refusedBy}不予批准延长（${refused.requestedBy ?? ''}申请延长${refused.amount ?? ''}${zh}）：${refused.refusal}`,
          `${refused.refusedOn} extension refused by ${refused.refusedBy}: ${refused.refusal}`)} />
    );
  }
  return null;
}

const REVIEW_STATES = ['review_requested', 're_review_requested'];

/** Who answers the review (re-review), and what was asked and answered. */
export function ReviewCard({ m }: { m: MatterDetail }) {
  const t = useT();
  const d = m.details as Record<string, unknown>;
  if (m.kind !== 'petition' || !d.reviewRequestedOn) return null;
  const str = (k: string) => (typeof d[k] === 'string' && d[k] ? String(d[k]) : null);
  const reReview = Boolean(d.reReviewRequestedOn);
  const what = reReview ? t('复核', 're-review') : t('复查', 'review');
  const waiting = REVIEW_STATES.includes(m.state);
  const answerStep = m.nextSteps.find((s) => s.id === (m.state === 'review_requested' ? 'answer_review' : 'answer_re_review'));
  const body = (name: string | null) => name ?? t('上一级机关（不在本平台，由原办理机关登记其意见）', 'The higher body (not on the platform; the answering body records its opinion)');
  return (
    <Card size="small" title={t('复查、复核', 'Review and re-review')} style={{ marginBottom: 12 }} data-testid="matter-review">
      {waiting && (
        answerStep && !answerStep.mine && m.reviewOrgName
          ? <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="matter-review-waiting"
            title={t(`待上级机关（${m.reviewOrgName}）${what}`, `Awaiting the ${what} by ${m.reviewOrgName}`)} />
          : !m.reviewOrgId
            ? <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="matter-review-outside"
              title={t(`${what}机关不在本平台：收到其${what}意见后，由本机关登记`, `The ${what} body is not on the platform: record its opinion here when it arrives`)} />
            : null
      )}
      <Descriptions size="small" column={1} items={[
        { key: 'rb', label: t('复查机关', 'Review body'), children: <span data-testid="matter-review-body">{body(str('reviewOrgName'))}</span> },
        { key: 'rq', label: t('复查请求', 'Review asked'), children: `${str('reviewRequestedOn') ?? ''} ${str('reviewRequest') ?? ''}` },
        ...(str('reviewAnswer') ? [{ key: 'ra', label: t('复查意见', 'Review opinion'), children: `${str('reviewAnsweredOn') ?? ''} ${str('reviewAnswer')}` }] : []),
        ...(reReview ? [
          { key: 'xb', label: t('复核机关', 'Re-review body'), children: <span data-testid="matter-re-review-body">{body(str('reReviewOrgName'))}</span> },
          { key: 'xq', label: t('复核请求', 'Re-review asked'), children: `${str('reReviewRequestedOn') ?? ''} ${str('reReviewRequest') ?? ''}` },
        ] : []),
        ...(str('reReviewAnswer') ? [{ key: 'xa', label: t('复核意见', 'Re-review opinion'), children: `${str('reReviewAnsweredOn') ?? ''} ${str('reReviewAnswer')}` }] : []),
      ]} />
    </Card>
  );
}
