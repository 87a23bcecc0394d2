import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, InputNumber, Radio, Row, Select, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { CalculatorOutlined, EditOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RevisionDrawer } from './RevisionDrawer';
import { SANCTION_LABELS, TIER_LABELS, fineText, yuan, type Evaluation, type ProvisionDetail, type Scenario, type Tier } from './types';

interface CalcForm { scenario: string; illegalGainsYuan?: number; tier?: Tier; fineYuan?: number }

function ScenarioCard({ s, t }: { s: Scenario; t: (zh: string, en: string) => string }) {
  const rows = s.tiers.map((x) => ({ key: x.tier, ...x }));
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={<span>{s.label} <Typography.Text type="secondary">（{s.code}）</Typography.Text></span>}>
      <Descriptions size="small" column={1} items={[
        { key: 's', label: t('处罚种类', 'Sanctions'), children: <Space wrap>{s.sanctions.map((c) => <Tag key={c}>{t(...(SANCTION_LABELS[c] ?? [c, c]))}</Tag>)}</Space> },
        { key: 'f', label: t('法定罚款', 'Statutory fine'), children: <>{fineText(s.fine, t)}{s.fineOptional ? t('（可以并处）', ' (may be added)') : ''}</> },
      ]} />
      {rows.length > 0 && (
        <Table size="small" pagination={false} dataSource={rows} columns={[
          { title: t('档次', 'Tier'), dataIndex: 'tier', width: 100, render: (v: Tier) => t(...TIER_LABELS[v]) },
          { title: t('适用情节', 'Circumstances'), dataIndex: 'circumstances', render: (c: string[]) => c.join('；') || '—' },
          {
            title: t('罚款', 'Fine'), key: 'amount', width: 200,
            render: (_, r) => r.amount ? `${yuan(r.amount.minYuan)} – ${yuan(r.amount.maxYuan)}` : t('按档次比例划分', 'By the tier split'),
          },
        ]} />
      )}
    </Card>
  );
}

function ResultCard({ r, t }: { r: Evaluation; t: (zh: string, en: string) => string }) {
  const alertType = r.fineCheck?.status === 'within_tier' ? 'success' : r.fineCheck?.status === 'outside_tier' ? 'warning' : 'error';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="evaluation">
      {r.base && (
        <Typography.Text>
          {t(`违法所得 ${yuan(r.base.illegalGainsYuan)}`, `Illegal gains ${yuan(r.base.illegalGainsYuan)}`)}
          {r.base.floorApplied ? t(`，不足法定计算下限，按 ${yuan(r.base.countedYuan)} 计算`, `, below the floor: counted as ${yuan(r.base.countedYuan)}`) : ''}
        </Typography.Text>
      )}
      <Descriptions bordered size="small" column={1} items={[
        { key: 'st', label: t('法定罚款幅度', 'Statutory range'), children: <b data-testid="statutory-range">{r.statutory ? `${yuan(r.statutory.minYuan)} – ${yuan(r.statutory.maxYuan)}` : t('未规定罚款', 'No fine')}</b> },
        ...(r.tier ? [{ key: 'tier', label: t(...TIER_LABELS[r.tier.tier]), children: <b data-testid="tier-range">{`${yuan(r.tier.minYuan)} – ${yuan(r.tier.maxYuan)}`}</b> }] : []),
        { key: 'sanctions', label: t('处罚种类', 'Sanctions'), children: r.sanctions.map((s) => s.name).join('、') + (r.fineOptional ? t('（罚款为可以并处）', ' (fine optional)') : '') },
        { key: 'rev', label: t('适用基准', 'Benchmark'), children: t(`${r.provision.code} 第${r.revision.revision}版`, `${r.provision.code} rev. ${r.revision.revision}`) },
      ]} />
      {r.fineCheck && <Alert type={alertType} showIcon title={r.fineCheck.message} data-testid="fine-check" />}
      <Table size="small" pagination={false} rowKey="tier" dataSource={r.tiers} columns={[
        { title: t('档次', 'Tier'), dataIndex: 'name', width: 100 },
        { title: t('幅度', 'Range'), key: 'r', width: 210, render: (_, x) => `${yuan(x.minYuan)} – ${yuan(x.maxYuan)}` },
        { title: t('情节', 'Circumstances'), dataIndex: 'circumstances', render: (c: string[]) => c.join('；') || '—' },
      ]} />
      <div data-testid="citations">
        <Typography.Text strong>{t('依据', 'Basis')}：</Typography.Text>
        <ul style={{ margin: 0 }}>{r.citations.map((c) => <li key={c}>{c}</li>)}</ul>
      </div>
    </Space>
  );
}

export function ProvisionDetailPage() {
  const t = useT();
  const { can } = useAuth();
  const { code = '' } = useParams();
  const detail = useQuery({ queryKey: ['provision', code], queryFn: () => api.get<ProvisionDetail>(`/api/discretion/provisions/${encodeURIComponent(code)}`) });
  const [form] = Form.useForm<CalcForm>();
  const [result, setResult] = useState<Evaluation>();
  const [calcError, setCalcError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const scenarioCode = Form.useWatch('scenario', form);

  if (detail.isError) return <ErrorAlert error={detail.error} />;
  if (!detail.data) return <Spin />;
  const p = detail.data;
  const scenario = p.definition.scenarios.find((s) => s.code === scenarioCode) ?? p.definition.scenarios[0];

  const compute = async (v: CalcForm) => {
    setBusy(true);
    setCalcError(undefined);
    try {
      setResult(await api.post<Evaluation>('/api/discretion/evaluate', { provision: p.code, ...v }));
    } catch (err) {
      setResult(undefined);
      setCalcError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={`${p.code} ${p.title}`}
        back="/discretion"
        extra={can('discretion.write') && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="revise">{t('修订裁量基准', 'Revise benchmark')}</Button>}
      />
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={1} items={[
              { key: 'p', label: t('处罚依据', 'Penalty article'), children: p.citations.penalty },
              { key: 'v', label: t('违反条款', 'Violated'), children: p.citations.violated.join('；') },
              { key: 'r', label: t('现行基准', 'Benchmark in force'), children: t(`第${p.revision}版${p.effectiveFrom ? `，自${p.effectiveFrom}起施行` : '（平台内置）'}`, `rev. ${p.revision}${p.effectiveFrom ? ` from ${p.effectiveFrom}` : ' (bundled)'}`) },
            ]} />
          </Card>
          {p.definition.scenarios.map((s) => <ScenarioCard key={s.code} s={s} t={t} />)}
          <Card size="small" title={t('修订记录', 'Revisions')}>
            <Timeline items={p.revisions.map((r) => ({
              key: r.revision,
              content: <span>{t(`第${r.revision}版`, `rev. ${r.revision}`)} · {r.effectiveFrom ? t(`${r.effectiveFrom}起施行`, `from ${r.effectiveFrom}`) : t('平台内置', 'bundled')} · {r.createdBy ?? t('系统', 'system')} {formatDateTime(r.createdAt)}{r.note ? ` · ${r.note}` : ''}</span>,
            }))} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card title={t('罚款幅度计算', 'Fine range')} data-testid="calculator">
            <Form<CalcForm> form={form} layout="vertical" initialValues={{ scenario: p.definition.scenarios[0].code, tier: 'ordinary' }} onFinish={compute}>
              <Form.Item name="scenario" label={t('违法情形', 'Scenario')} rules={[{ required: true }]}>
                <Select options={p.definition.scenarios.map((s) => ({ value: s.code, label: s.label }))} data-testid="calc-scenario" />
              </Form.Item>
              {scenario.fine.kind === 'multiple' && (
                <Form.Item name="illegalGainsYuan" label={t('违法所得（元）', 'Illegal gains (yuan)')}
                  rules={[{ required: true, message: t('罚款按违法所得倍数计算，请填写违法所得（没有的填0）', 'Enter the illegal gains (0 if none)') }]}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="calc-gains" />
                </Form.Item>
              )}
              <Form.Item name="tier" label={t('裁量档次', 'Tier')}>
                <Radio.Group optionType="button" data-testid="calc-tier"
                  options={(['none', 'mitigated', 'lighter', 'ordinary', 'heavier'] as Tier[]).map((x) => ({ value: x, label: t(...TIER_LABELS[x]) }))} />
              </Form.Item>
              <Form.Item name="fineYuan" label={t('拟罚款金额（元，可选，用于校验）', 'Proposed fine (yuan, optional)')}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="calc-fine" />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="calc-submit">{t('计算', 'Compute')}</Button>
            </Form>
            <div style={{ marginTop: 16 }}>
              {calcError ? <ErrorAlert error={calcError} /> : result ? <ResultCard r={result} t={t} /> : <Empty description={t('填写事实后点击“计算”', 'Enter the facts and compute')} />}
            </div>
          </Card>
        </Col>
      </Row>
      {editing && <RevisionDrawer provision={p} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); void detail.refetch(); }} />}
    </div>
  );
}
