// The payment of the fine: when it was due (art. 67), what was paid (the fine and the
// late-payment surcharge apart), the surcharge accrued with its days and article (art.
// 72), and an approved instalment plan instalment by instalment (art. 66).
import { Card, Descriptions, Table, Tag, Tooltip, Typography } from 'antd';
import { useT, type Translate } from '../../lib/i18n';
import { yuan } from '../discretion/types';
import type { CaseDetail, InstalmentProgress, PaymentState } from './types';

const STATUS: Record<InstalmentProgress['status'], [string, string, string]> = {
  paid: ['green', '已缴', 'Paid'], unpaid: ['default', '未到期', 'Not yet due'], overdue: ['red', '逾期', 'Overdue'],
};

function surchargeText(p: PaymentState, t: Translate): string {
  const s = p.surcharge;
  if (s.yuan === 0) return t('未逾期，不加处罚款', 'Not late: no surcharge');
  const capped = s.capped ? t('（已达罚款数额，不再增加）', ' (capped at the fine)') : '';
  return t(`${yuan(s.yuan)}（逾期${s.daysLate}天，每日${s.ratePercent}%）${capped}`, `${yuan(s.yuan)} (${s.daysLate} days late, ${s.ratePercent}% a day)${capped}`);
}

function PlanTable({ p, t }: { p: NonNullable<PaymentState['plan']>; t: Translate }) {
  return (
    <Table<InstalmentProgress> size="small" rowKey="no" pagination={false} dataSource={p.instalments} data-testid="instalment-plan" style={{ marginTop: 8 }}
      columns={[
        { title: t('期次', 'No.'), dataIndex: 'no', width: 60 },
        { title: t('缴纳期限', 'Due'), dataIndex: 'dueOn' },
        { title: t('金额', 'Amount'), dataIndex: 'amountYuan', render: (v: number) => yuan(v) },
        { title: t('已缴', 'Paid'), render: (_, i) => `${yuan(i.paidYuan)}${i.paidOn ? ` · ${i.paidOn}` : ''}` },
        { title: t('状态', 'Status'), render: (_, i) => <Tag color={STATUS[i.status][0]} data-testid={`instalment-${i.no}-status`}>{t(STATUS[i.status][1], STATUS[i.status][2])}</Tag> },
        { title: t('加处罚款', 'Surcharge'), render: (_, i) => (i.surchargeYuan > 0 ? t(`${yuan(i.surchargeYuan)}（${i.daysLate}天）`, `${yuan(i.surchargeYuan)} (${i.daysLate} days)`) : '—') },
      ]} />
  );
}

export function PaymentCard({ c }: { c: CaseDetail }) {
  const t = useT();
  const p = c.payment;
  if (!p) return null;
  return (
    <Card size="small" title={t('罚款缴纳', 'Payment of the fine')} style={{ marginTop: 12 }} data-testid="payment">
      <Descriptions size="small" column={1} items={[
        { key: 'f', label: t('罚款', 'Fine'), children: yuan(p.fineYuan) },
        { key: 'd', label: p.plan ? t('分期缴纳', 'Instalments') : t('缴纳期限', 'Due'), children: p.plan ? t(`${p.plan.approvedOn}批准，共${p.plan.instalments.length}期`, `approved ${p.plan.approvedOn}, ${p.plan.instalments.length} instalments`) : p.dueOn },
        { key: 'p', label: t('已缴罚款', 'Fine paid'), children: `${yuan(p.paidFineYuan)}${p.owedFineYuan > 0 ? t(`，尚欠${yuan(p.owedFineYuan)}`, `, ${yuan(p.owedFineYuan)} owed`) : ''}` },
        {
          key: 's', label: t('加处罚款', 'Late surcharge'),
          children: (
            <Tooltip title={t(`${p.surcharge.citation}：到期不缴纳罚款的，每日按罚款数额的${p.surcharge.ratePercent}%加处罚款，总额不超过罚款数额`, `${p.surcharge.citation}: ${p.surcharge.ratePercent}% of the fine a day, never above the fine`)}>
              <span data-testid="payment-surcharge">{surchargeText(p, t)}</span>
            </Tooltip>
          ),
        },
        ...(p.surcharge.paidYuan > 0 || p.surcharge.owedYuan > 0 ? [{ key: 'sp', label: t('加处罚款已缴', 'Surcharge paid'), children: t(`${yuan(p.surcharge.paidYuan)}，未缴${yuan(p.surcharge.owedYuan)}`, `${yuan(p.surcharge.paidYuan)}, ${yuan(p.surcharge.owedYuan)} unpaid`) }] : []),
      ]} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.surcharge.citation}</Typography.Text>
      {p.plan && <PlanTable p={p.plan} t={t} />}
    </Card>
  );
}
