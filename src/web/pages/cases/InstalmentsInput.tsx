// The instalment (or deferral) plan of approve_instalment as a form control: a row per
// instalment with its due date and amount, and the sum against the fine (the server
// refuses a plan that does not cover the fine exactly, art. 66).
import { Button, DatePicker, InputNumber, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { Translate } from '../../lib/i18n';
import { yuan } from '../discretion/types';

export interface InstalmentRow { dueOn: Dayjs | null; amountYuan: number | null }

/** The rows as the API takes them. */
export const instalmentsInput = (rows: InstalmentRow[]) => rows.map((r) => ({ dueOn: r.dueOn?.format('YYYY-MM-DD'), amountYuan: r.amountYuan ?? 0 }));

export function InstalmentsInput({ value = [], onChange, fineYuan, today, t }: { value?: InstalmentRow[]; onChange?: (v: InstalmentRow[]) => void; fineYuan: number; today: Dayjs; t: Translate }) {
  const set = (i: number, patch: Partial<InstalmentRow>) => onChange?.(value.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const sumFen = value.reduce((s, r) => s + Math.round((r.amountYuan ?? 0) * 100), 0);
  const last = value.at(-1)?.dueOn ?? today;
  return (
    <div data-testid="step-plan">
      {value.map((r, i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 8 }}>
          <Typography.Text>{t(`第${i + 1}期`, `No. ${i + 1}`)}</Typography.Text>
          <DatePicker value={r.dueOn} onChange={(d) => set(i, { dueOn: d })} disabledDate={(d) => d.isBefore(today, 'day')} allowClear={false} data-testid={`step-plan-${i}-due`} />
          <InputNumber value={r.amountYuan} onChange={(v) => set(i, { amountYuan: v })} min={0.01} precision={2} style={{ width: 160 }} suffix={t('元', 'yuan')} data-testid={`step-plan-${i}-amount`} />
          {value.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => onChange?.(value.filter((_, n) => n !== i))} aria-label={t('删除', 'Remove')} />}
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange?.([...value, { dueOn: last.add(1, 'month'), amountYuan: null }])}>{t('增加一期', 'Add an instalment')}</Button>
      <Typography.Paragraph type={sumFen === Math.round(fineYuan * 100) ? 'secondary' : 'danger'} style={{ marginTop: 8, marginBottom: 0 }}>
        {t(`合计${yuan(sumFen / 100)}，应等于罚款${yuan(fineYuan)}；只有一期的即为暂缓缴纳。`, `Total ${yuan(sumFen / 100)}; must equal the fine ${yuan(fineYuan)}. One instalment is a deferral.`)}
      </Typography.Paragraph>
    </div>
  );
}
