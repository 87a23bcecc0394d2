// Revising a provision's benchmark: each scenario's tiers (the circumstances that select
// them, and amounts where the local benchmark sets its own), the date the revision
// applies from and why. The statutory parts (articles, sanctions, fine) stay as they are:
// they change with the law, not with the benchmark.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { TIER_LABELS, fineText, type BenchmarkTier, type FineTier, type ProvisionDetail } from './types';

const FINE_TIERS: FineTier[] = ['lighter', 'ordinary', 'heavier'];

interface TierForm { circumstances: string; minYuan?: number | null; maxYuan?: number | null }
interface RevisionForm { effectiveFrom: Dayjs; note?: string; tiers: Record<string, Record<FineTier, TierForm>> }

function initialTiers(p: ProvisionDetail): RevisionForm['tiers'] {
  const out: RevisionForm['tiers'] = {};
  for (const s of p.definition.scenarios) {
    out[s.code] = {} as Record<FineTier, TierForm>;
    for (const tier of FINE_TIERS) {
      const row = s.tiers.find((x) => x.tier === tier);
      out[s.code][tier] = { circumstances: (row?.circumstances ?? []).join('\n'), minYuan: row?.amount?.minYuan ?? null, maxYuan: row?.amount?.maxYuan ?? null };
    }
  }
  return out;
}

function tiersOf(form: Record<FineTier, TierForm>): BenchmarkTier[] {
  return FINE_TIERS.map((tier) => {
    const f = form[tier];
    const circumstances = f.circumstances.split('\n').map((l) => l.trim()).filter(Boolean);
    const hasAmount = f.minYuan !== null && f.minYuan !== undefined && f.maxYuan !== null && f.maxYuan !== undefined;
    return { tier, circumstances, ...(hasAmount ? { amount: { minYuan: f.minYuan!, maxYuan: f.maxYuan! } } : {}) };
  });
}

export function RevisionDrawer({ provision, onClose, onSaved }: { provision: ProvisionDetail; onClose(): void; onSaved(): void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<RevisionForm>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const save = (v: RevisionForm) => {
    const { code: _code, ...rest } = provision.definition;
    const definition = {
      ...rest,
      scenarios: provision.definition.scenarios.map((s) => ({ ...s, tiers: s.fine.kind === 'none' ? [] : tiersOf(v.tiers[s.code]) })),
    };
    const effectiveFrom = v.effectiveFrom.format('YYYY-MM-DD');
    modal.confirm({
      title: t('确认发布修订？', 'Publish this revision?'),
      content: t(`修订自 ${effectiveFrom} 起施行，此前决定的案件仍适用原基准。修订发布后不能删除。`, `It applies from ${effectiveFrom}; cases decided before keep the earlier benchmark. A published revision cannot be deleted.`),
      onOk: async () => {
        setSaving(true);
        setError(undefined);
        try {
          await api.post(`/api/discretion/provisions/${encodeURIComponent(provision.code)}/revisions`, { effectiveFrom, note: v.note ?? null, definition });
          message.success(t('已发布修订', 'Revision published'));
          onSaved();
        } catch (err) {
          setError(errorMessage(err, t));
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Drawer open width={720} title={t(`修订裁量基准：${provision.code}`, `Revise benchmark: ${provision.code}`)} onClose={onClose}
      extra={<Space><Button onClick={onClose}>{t('取消', 'Cancel')}</Button><Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="revision-save">{t('发布修订', 'Publish')}</Button></Space>}>
      <Form<RevisionForm> form={form} layout="vertical" onFinish={save}
        initialValues={{ effectiveFrom: dayjs().add(1, 'day'), tiers: initialTiers(provision) }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="revision-error" />}
        <Space wrap>
          <Form.Item name="effectiveFrom" label={t('施行日期', 'Applies from')} rules={[{ required: true, message: t('请选择施行日期', 'Choose the date') }]}>
            <DatePicker allowClear={false} data-testid="revision-date" />
          </Form.Item>
          <Form.Item name="note" label={t('修订说明（依据的文件等）', 'Note (the document it follows)')} rules={[{ max: 500, message: t('不能超过500个字符', 'At most 500 characters') }]} style={{ width: 420 }}>
            <Input data-testid="revision-note" />
          </Form.Item>
        </Space>
        {provision.definition.scenarios.filter((s) => s.fine.kind !== 'none').map((s) => (
          <Card key={s.code} size="small" style={{ marginBottom: 12 }} title={s.label}>
            <Typography.Paragraph type="secondary">{t('法定罚款：', 'Statutory fine: ')}{fineText(s.fine, t)}{t('。档次金额留空则按“规则参数”中的比例划分；填写的金额须在法定幅度内。', '. Leave amounts empty to use the tier split; amounts must lie within the statutory range.')}</Typography.Paragraph>
            {FINE_TIERS.map((tier) => (
              <div key={tier}>
                <Typography.Text strong>{t(...TIER_LABELS[tier])}</Typography.Text>
                <Form.Item name={['tiers', s.code, tier, 'circumstances']} label={t('适用情节（每行一条）', 'Circumstances (one per line)')} style={{ marginBottom: 8 }}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`tier-${s.code}-${tier}`} />
                </Form.Item>
                {s.fine.kind === 'range' && (
                  <Space style={{ marginBottom: 12 }}>
                    <Form.Item name={['tiers', s.code, tier, 'minYuan']} label={t('下限（元）', 'From (yuan)')} style={{ marginBottom: 0 }}>
                      <InputNumber min={0} precision={2} />
                    </Form.Item>
                    <Form.Item name={['tiers', s.code, tier, 'maxYuan']} label={t('上限（元）', 'To (yuan)')} style={{ marginBottom: 0 }}>
                      <InputNumber min={0} precision={2} />
                    </Form.Item>
                  </Space>
                )}
              </div>
            ))}
          </Card>
        ))}
      </Form>
    </Drawer>
  );
}
