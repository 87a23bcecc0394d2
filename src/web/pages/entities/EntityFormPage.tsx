import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Radio, Result, Row, Select, Skeleton, Space, Switch } from 'antd';
import { api, ApiError } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { CREDIT_GRADE_LABELS, ENTITY_CATEGORY_LABELS, RISK_CLASS_LABELS, optionsOf } from '../../lib/labels';
import type { EntityDetail, EntityInput, UsccResult } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { RegionSelect } from '../../components/RegionSelect';

/** GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z. */
const USCC_CHARS = /^[0-9A-HJ-NPQRTUWXY]+$/;

export function EntityFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntityInput>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const existing = useQuery({ queryKey: ['entity', id], queryFn: () => api.get<EntityDetail>(`/api/entities/${id}`), enabled: editing });
  useEffect(() => {
    if (existing.data) {
      const e = existing.data;
      form.setFieldsValue({
        uscc: e.uscc, name: e.name, category: e.category, regionCode: e.regionCode, address: e.address, orgId: e.orgId,
        legalRep: e.legalRep, riskClass: e.riskClass ?? 'low', creditGrade: e.creditGrade, blacklisted: e.blacklisted,
      });
    }
  }, [existing.data, form]);

  if (editing && existing.isLoading) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (editing && existing.error instanceof ApiError && existing.error.status === 404) {
    return <Result status="404" title={t('监管对象不存在或不在您的数据范围内', 'Entity not found or outside your data scope')}
      extra={<Button onClick={() => navigate('/entities')}>{t('返回名录', 'Back to the directory')}</Button>} />;
  }
  if (editing && existing.error) return <ErrorAlert error={existing.error} onRetry={() => existing.refetch()} />;

  const submit = async (values: EntityInput) => {
    setSaving(true);
    setError(undefined);
    const body: EntityInput = {
      ...values,
      uscc: values.uscc.trim().toUpperCase(),
      legalRep: values.legalRep?.trim() || null,
      creditGrade: values.creditGrade ?? null,
      blacklisted: !!values.blacklisted,
    };
    try {
      const saved = editing
        ? await api.put<EntityDetail>(`/api/entities/${id}`, body)
        : await api.post<EntityDetail>('/api/entities', body);
      qc.setQueryData(['entity', String(saved.id)], saved);
      await qc.invalidateQueries({ queryKey: ['entities'] });
      message.success(editing ? t('已保存修改', 'Changes saved') : t('已新增监管对象', 'Entity created'));
      navigate(`/entities/${saved.id}`);
    } catch (err) {
      // The USCC errors (invalid check character, already registered) belong under the code.
      const onField = showFieldErrors(form, err)
        || (err instanceof ApiError && err.code.startsWith('USCC') && (form.setFields([{ name: 'uscc', errors: [err.message] }]), true))
        || (err instanceof ApiError && err.code === 'ENTITY_ORG' && (form.setFields([{ name: 'orgId', errors: [err.message] }]), true));
      if (!onField) setError(err);
      else message.error(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <PageHeader
        back={editing ? `/entities/${id}` : '/entities'}
        title={editing ? t('修改监管对象', 'Edit entity') : t('新增监管对象', 'New entity')}
        subtitle={t('带 * 的为必填项。统一社会信用代码按 GB 32100-2015 校验，同一代码只能登记一个监管对象。',
          'Fields marked * are required. The code is checked against GB 32100-2015 and may be registered only once.')}
      />
      <Card>
        {error !== undefined && <Alert type="error" showIcon title={errorMessage(error, t)} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form<EntityInput>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ riskClass: 'low', blacklisted: false, orgId: me.org.id }}
          scrollToFirstError
          data-testid="entity-form"
        >
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name="uscc"
                label={t('统一社会信用代码', 'Unified social credit code')}
                validateTrigger="onBlur"
                normalize={(v: string) => v?.toUpperCase().replace(/\s/g, '')}
                rules={[
                  { required: true, message: t('请输入统一社会信用代码', 'Enter the unified social credit code') },
                  { len: 18, message: t('统一社会信用代码应为18位', 'The code has 18 characters') },
                  { pattern: USCC_CHARS, message: t('统一社会信用代码只能由数字和大写字母组成（不含 I、O、S、V、Z）', 'Only digits and capitals except I, O, S, V, Z') },
                  {
                    validator: async (_, value: string) => {
                      if (!value || value.length !== 18 || !USCC_CHARS.test(value)) return;
                      const r = await api.get<UsccResult>(`/api/validate/uscc/${encodeURIComponent(value)}`).catch(() => null);
                      if (r && !r.valid) throw new Error(r.message ?? t('统一社会信用代码不正确', 'Invalid code'));
                    },
                  },
                ]}
                extra={t('18位，字母须大写；离开输入框时自动校验。', '18 characters; checked when you leave the field.')}
              >
                <Input maxLength={18} placeholder="91330402MA2B3C4D5E" style={{ fontFamily: 'monospace' }} data-testid="entity-uscc" autoFocus={!editing} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请输入监管对象名称', 'Enter the name') }, { max: 200, message: t('名称不能超过200个字符', 'At most 200 characters') }]}>
                <Input maxLength={200} data-testid="entity-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="category" label={t('类别', 'Category')} rules={[{ required: true, message: t('请选择类别', 'Choose a category') }]}>
                <Select options={optionsOf(ENTITY_CATEGORY_LABELS, t)} placeholder={t('请选择', 'Choose')} data-testid="entity-category" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regionCode" label={t('行政区划', 'Region')} rules={[{ required: true, message: t('请选择行政区划', 'Choose a region') }]}>
                <RegionSelect currentName={existing.data?.regionName} data-testid="entity-region" allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label={t('地址', 'Address')} rules={[{ required: true, whitespace: true, message: t('请输入地址', 'Enter the address') }, { max: 300, message: t('地址不能超过300个字符', 'At most 300 characters') }]}>
                <Input maxLength={300} data-testid="entity-address" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="legalRep" label={t('法定代表人/负责人', 'Legal representative')} rules={[{ max: 50, message: t('不能超过50个字符', 'At most 50 characters') }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="orgId" label={t('监管机构', 'Supervising organisation')} rules={[{ required: true, message: t('请选择监管机构', 'Choose the organisation') }]}>
                <OrgTreeSelect allowClear={false} data-testid="entity-org" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="riskClass" label={t('风险等级', 'Risk class')} rules={[{ required: true, message: t('请选择风险等级', 'Choose a risk class') }]}>
                <Radio.Group optionType="button" options={optionsOf(RISK_CLASS_LABELS, t)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="creditGrade" label={t('信用等级', 'Credit grade')}>
                <Select allowClear options={optionsOf(CREDIT_GRADE_LABELS, t)} placeholder={t('未评级', 'Not graded')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="blacklisted" label={t('列入严重失信主体名单', 'Blacklisted')} valuePropName="checked"
                extra={t('列入名单的每年至少检查四次', 'Inspected at least four times a year')}>
                <Switch checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="entity-submit">{t('保存', 'Save')}</Button>
            <Button onClick={() => navigate(editing ? `/entities/${id}` : '/entities')}>{t('取消', 'Cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
