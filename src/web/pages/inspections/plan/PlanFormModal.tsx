// The random-inspection plan form (双随机抽查计划): a new draft, or changes to a draft.
// The server checks everything again (the draw's own parameter checks); its message lands
// under the field it names.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { errorMessage } from '../../../lib/format';
import { showFieldErrors } from '../../../lib/forms';
import { useT } from '../../../lib/i18n';
import { ENTITY_CATEGORY_LABELS } from '../../../lib/labels';
import { useServerToday } from '../../../lib/queries';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect';
import { PLAN_SOURCES } from '../types';
import { STRATA_MODES, type PlanSetup } from './types';
import { isHighRiskStratum, MAX_SAMPLE_COUNT, stratumKeys, type StrataMode } from '../../../../core/draw/draw';

export interface PlanFormValues {
  title: string; source: string; year: number; orgId?: number; description?: string | null; dueOn: Dayjs; categories: string[];
  regionCodes: string[]; by: 'ratio' | 'count'; basePercent?: number | null; sampleCount?: number | null; strata: string; includeRecent: boolean; teamSize: number; joint: boolean; jointDepartments?: string | null;
  highPercent?: number | null;
}

/**
 * The plan as the API takes it: a ratio or a count. By ratio, a high-risk/grade-D ratio
 * given by hand overrides the default multiplier in those strata; by count, the count is
 * shared out among the strata by the draw (no ratios of its own).
 */
function toBody(v: PlanFormValues) {
  const byCount = v.by === 'count';
  const stratumRatios: Record<string, number> = {};
  if (!byCount && v.highPercent !== undefined && v.highPercent !== null) {
    for (const key of stratumKeys(v.strata as StrataMode)) if (isHighRiskStratum(key)) stratumRatios[key] = v.highPercent / 100;
  }
  return {
    title: v.title, source: v.source, year: v.year, orgId: v.orgId, description: v.description || null, dueOn: v.dueOn.format('YYYY-MM-DD'),
    categories: v.categories ?? [], regionCodes: v.regionCodes ?? [], strata: v.strata, stratumRatios,
    baseRatio: byCount ? null : (v.basePercent ?? 0) / 100, sampleCount: byCount ? v.sampleCount : null,
    includeRecent: v.includeRecent, teamSize: v.teamSize, joint: v.joint, jointDepartments: v.joint ? v.jointDepartments || null : null,
  };
}

export function PlanFormModal({ open, onClose, plan }: {
  open: boolean; onClose: () => void;
  /** Editing this draft; a new plan otherwise. */
  plan?: { id: number; title: string; source: string; year: number; orgId: number; setup: PlanSetup };
}) {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanFormValues>();
  const today = useServerToday();
  const strata = Form.useWatch('strata', form);
  const joint = Form.useWatch('joint', form);
  const by = Form.useWatch('by', form);
  const save = useMutation({
    mutationFn: (v: PlanFormValues) => plan
      ? api.put(`/api/inspections/plans/${plan.id}`, toBody(v)).then(() => ({ id: plan.id }))
      : api.post<{ id: number; planNo: string }>('/api/inspections/plans', toBody(v)),
    onSuccess: (r) => {
      message.success(plan ? t('抽查计划已保存', 'Plan saved') : t('抽查计划已创建（草稿）', 'Draft plan created'));
      qc.invalidateQueries({ queryKey: ['inspections'] });
      onClose();
      if (!plan) navigate(`/inspections/plans/${r.id}`);
    },
    onError: (err) => {
      if (!showFieldErrors(form, err, { baseRatio: by === 'count' ? 'sampleCount' : 'basePercent', stratumRatios: 'highPercent' })) message.error(errorMessage(err, t));
    },
  });
  const s = plan?.setup;
  const highOwn = s ? Object.entries(s.stratumRatios).find(([k]) => isHighRiskStratum(k))?.[1] : undefined;
  const initial: Partial<PlanFormValues> = plan && s ? {
    title: plan.title, source: plan.source, year: plan.year, orgId: plan.orgId, description: s.description, dueOn: dayjs(s.dueOn ?? undefined),
    categories: s.categories, regionCodes: s.regionCodes, by: s.sampleCount ? 'count' : 'ratio', basePercent: s.baseRatio === null ? 5 : s.baseRatio * 100,
    sampleCount: s.sampleCount, strata: s.strata, includeRecent: s.includeRecent,
    teamSize: s.teamSize ?? 2, joint: s.joint, jointDepartments: s.jointDepartments, highPercent: highOwn === undefined ? null : highOwn * 100,
  } : {
    source: 'local', year: Number((today.data ?? dayjs().format('YYYY-MM-DD')).slice(0, 4)), orgId: me?.org.id, categories: [], regionCodes: [],
    by: 'ratio', basePercent: 5, strata: 'risk_credit', includeRecent: false, teamSize: 2, joint: false,
  };
  return (
    <Modal open={open} onCancel={onClose} title={plan ? t('修改抽查计划', 'Edit plan') : t('新建双随机抽查计划', 'New random-inspection plan')}
      okText={t('保存', 'Save')} confirmLoading={save.isPending} onOk={() => form.submit()} width={760} destroyOnHidden
      okButtonProps={{ 'data-testid': 'plan-form-save' } as never}>
      <Typography.Paragraph type="secondary">
        {t('保存后为草稿，可以修改。“公布承诺值”时冻结候选对象、执法人员和回避名单并公布随机种子的承诺值，此后计划不能再修改。',
          'A saved plan is a draft. Announcing it freezes the lists and publishes the seed’s commitment; the plan cannot change afterwards.')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} preserve={false}>
        <Form.Item name="title" label={t('计划名称', 'Title')} rules={[{ required: true, message: t('请填写计划名称', 'Required') }, { max: 100 }]}>
          <Input maxLength={100} data-testid="plan-title" placeholder={t('如：2026年公共场所卫生双随机抽查', 'e.g. 2026 public places')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="source" label={t('任务来源', 'Source')} rules={[{ required: true }]}>
              <Select options={PLAN_SOURCES.map(([v, zh, en]) => ({ value: v, label: t(zh, en) }))} data-testid="plan-source" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="plan-year" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="dueOn" label={t('完成期限', 'Due')} rules={[{ required: true, message: t('请选择完成期限', 'Required') }]}>
              <DatePicker style={{ width: '100%' }} data-testid="plan-due" disabledDate={(d) => !!today.data && d.isBefore(dayjs(today.data), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        {!plan && (
          <Form.Item name="orgId" label={t('组织机构（从本机构及下级机构的监管对象和执法人员中抽取）', 'Organisation (draws from its subtree)')} rules={[{ required: true }]}>
            <OrgTreeSelect data-testid="plan-org" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="categories" label={t('监管对象类别（不选为全部）', 'Entity categories (none: all)')}>
              <Select mode="multiple" allowClear data-testid="plan-categories"
                options={Object.entries(ENTITY_CATEGORY_LABELS).map(([v, [zh, en]]) => ({ value: v, label: t(zh, en) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCodes" label={t('行政区划代码（不填为全部）', 'Region codes (none: all)')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="330402" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="by" label={t('抽查方式', 'Sample by')}>
          <Radio.Group data-testid="plan-by" options={[
            { value: 'ratio', label: t('按比例', 'Ratio') },
            { value: 'count', label: t('按数量（如上级任务下达的抽查户数）', 'Count (e.g. a number set by the higher level)') },
          ]} />
        </Form.Item>
        <Row gutter={12}>
          {by === 'count' ? (
            <Col xs={12} md={6}>
              <Form.Item name="sampleCount" label={t('随机抽取数量（家）', 'Number drawn')} extra={t('必检对象另计', 'Mandatory ones on top')}
                rules={[{ required: true, message: t('请填写抽取数量', 'Required') }]}>
                <InputNumber min={1} max={MAX_SAMPLE_COUNT} precision={0} style={{ width: '100%' }} data-testid="plan-count" />
              </Form.Item>
            </Col>
          ) : (
            <Col xs={12} md={6}>
              <Form.Item name="basePercent" label={t('基础抽查比例（%）', 'Base ratio (%)')} rules={[{ required: true, message: t('请填写抽查比例', 'Required') }]}>
                <InputNumber min={0.01} max={100} step={1} style={{ width: '100%' }} data-testid="plan-ratio" />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={8}>
            <Form.Item name="strata" label={t('分层方式', 'Strata')}>
              <Select options={STRATA_MODES.map(([v, zh, en]) => ({ value: v, label: t(zh, en) }))} data-testid="plan-strata" />
            </Form.Item>
          </Col>
          <Col xs={12} md={10}>
            {by === 'count' ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 30 }}>
                {t('数量按各层可抽对象数分配，高风险和D级对象按规则倍数加权。', 'Shared out by pool size, high risk and grade D weighted by the rule\'s multiplier.')}
              </Typography.Paragraph>
            ) : (
              <Form.Item name="highPercent" label={t('高风险/D级比例（%，不填为基础比例×规则倍数）', 'High risk / grade D (%)')}>
                <InputNumber min={0} max={100} style={{ width: '100%' }} disabled={strata === 'none'} data-testid="plan-high" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item name="teamSize" label={t('每组执法人员', 'Inspectors per team')} rules={[{ required: true }]}>
              <InputNumber min={2} max={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="includeRecent" label={t('包括近期已被抽查的对象', 'Include recently inspected')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Space align="start">
              <Form.Item name="joint" label={t('联合抽查', 'Joint')} valuePropName="checked"><Switch data-testid="plan-joint" /></Form.Item>
              {joint && (
                <Form.Item name="jointDepartments" label={t('联合部门', 'With')} rules={[{ required: true, message: t('请写明联合的部门', 'Required') }]}>
                  <Input maxLength={200} placeholder={t('如：市场监督管理局', 'e.g. market regulation')} data-testid="plan-joint-departments" />
                </Form.Item>
              )}
            </Space>
          </Col>
        </Row>
        <Form.Item name="description" label={t('说明', 'Notes')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        {save.isError && !(save.error as { details?: unknown })?.details && <Alert type="error" showIcon title={errorMessage(save.error, t)} />}
      </Form>
    </Modal>
  );
}
