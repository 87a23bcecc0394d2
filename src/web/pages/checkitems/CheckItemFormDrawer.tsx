// New check item, or an edit of one (a new revision: the code and the owner stay). The
// legal basis is picked from the library's articles in force (and optionally one line,
// 款 or 项); the provision from the discretion module's penalty provisions. The server
// checks both again and names what it cannot find.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { ENTITY_CATEGORY_LABELS, optionsOf } from '../../lib/labels';
import type { EntityCategory, Paged } from '../../lib/types';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import type { ProvisionSummary } from '../discretion/types';
import { BasisPicker } from './BasisPicker';
import type { BasisCite, CheckItemDetail } from './types';

interface FormValues {
  code?: string;
  category?: EntityCategory;
  title?: string;
  method?: string;
  legalBasis: Partial<BasisCite>[];
  provisionCode?: string | null;
  randomList: boolean;
  sortOrder: number;
  orgId?: number | null;
}

export function useProvisionOptions() {
  return useQuery({
    queryKey: ['provisions', 'options'],
    queryFn: () => api.get<Paged<ProvisionSummary>>('/api/discretion/provisions?pageSize=100'),
    staleTime: 300_000,
    select: (d) => d.rows.map((p) => ({ value: p.code, label: `${p.code} ${p.title}` })),
  });
}

interface Props {
  open: boolean;
  /** Absent: a new item; present: an edit of it. */
  item?: CheckItemDetail;
  /** Category preselected for a new item (the list's filter). */
  category?: EntityCategory;
  onClose(): void;
  onSaved(saved: CheckItemDetail): void;
}

export function CheckItemFormDrawer({ open, item, category, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const provisions = useProvisionOptions();

  useEffect(() => {
    if (!open) return;
    setFormError(undefined);
    form.resetFields();
    form.setFieldsValue(item
      ? {
        category: item.category, title: item.title, method: item.method, legalBasis: item.legalBasis.map((b) => ({ ...b })),
        provisionCode: item.provisionCode, randomList: item.randomList, sortOrder: item.sortOrder,
      }
      : { category, legalBasis: [{}], randomList: false, sortOrder: 0, provisionCode: null });
  }, [open, item, category, form]);

  const save = async (v: FormValues) => {
    setSaving(true);
    setFormError(undefined);
    const body = {
      category: v.category, title: v.title?.trim(), method: v.method?.trim(), provisionCode: v.provisionCode ?? null,
      randomList: v.randomList, sortOrder: v.sortOrder ?? 0,
      legalBasis: v.legalBasis.map((b) => ({ law: b.law, article: b.article, ...(b.paragraph ? { paragraph: b.paragraph } : {}) })),
    };
    try {
      const saved = item
        ? await api.put<CheckItemDetail>(`/api/checkitems/${item.id}`, { ...body, revision: item.revision })
        : await api.post<CheckItemDetail>('/api/checkitems', { ...body, code: v.code?.trim(), orgId: v.orgId ?? null });
      message.success(item ? t('已保存修改', 'Saved') : t('已新增检查事项', 'Check item added'));
      onSaved(saved);
    } catch (err) {
      if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open} width={820} onClose={onClose} destroyOnHidden
      title={item ? t(`修改检查事项：${item.code}`, `Edit check item ${item.code}`) : t('新增检查事项', 'New check item')}
      extra={<Space>
        <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="item-save">{t('保存', 'Save')}</Button>
      </Space>}
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={save} requiredMark>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="item-form-error" />}
        <Row gutter={16}>
          <Col span={8}>
            {item
              ? <Form.Item label={t('事项编号', 'Code')}><Input value={item.code} disabled /></Form.Item>
              : (
                <Form.Item name="code" label={t('事项编号', 'Code')} tooltip={t('稳定编号，检查记录和抽查计划以此引用；保存后不能修改', 'A stable code that inspection records cite; it cannot change')}
                  rules={[
                    { required: true, message: t('请填写事项编号', 'Enter the code') },
                    { pattern: /^[A-Z][A-Z0-9-]{1,29}$/, message: t('大写字母、数字和连字符，以字母开头，如 GGCS-07', 'Capitals, digits and hyphens, e.g. GGCS-07') },
                  ]}>
                  <Input data-testid="item-code" placeholder="GGCS-07" maxLength={30} />
                </Form.Item>
              )}
          </Col>
          <Col span={8}>
            <Form.Item name="category" label={t('监管对象类别', 'Entity category')} rules={[{ required: true, message: t('请选择类别', 'Choose the category') }]}>
              <Select data-testid="item-category" options={optionsOf(ENTITY_CATEGORY_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            {item
              ? <Form.Item label={t('所属机构', 'Organisation')}><Input value={item.orgName} disabled /></Form.Item>
              : (
                <Form.Item name="orgId" label={t('所属机构', 'Organisation')} tooltip={t('留空则为您所在的卫生健康委（局）', 'Empty: the commission you work in')}>
                  <OrgTreeSelect placeholder={t('默认：本委（局）', 'Default: your commission')} />
                </Form.Item>
              )}
          </Col>
        </Row>
        <Form.Item name="title" label={t('检查事项', 'What is checked')} rules={[{ required: true, whitespace: true, message: t('请填写检查事项', 'Enter the title') }, { max: 200 }]}>
          <Input data-testid="item-title" maxLength={200} placeholder={t('如：从业人员健康合格证明', 'e.g. health certificates of the staff')} />
        </Form.Item>
        <Form.Item name="method" label={t('检查方法', 'How to check')} rules={[{ required: true, whitespace: true, message: t('请填写检查方法', 'Describe how to check') }, { max: 2000 }]}>
          <Input.TextArea data-testid="item-method" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount
            placeholder={t('查阅哪些材料、现场看什么、如何判定', 'Which documents to see, what to look at, how to judge')} />
        </Form.Item>

        <Typography.Text strong>{t('法律依据', 'Legal basis')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('从法律法规库中检索现行有效的条文；可进一步指定适用的款、项。', 'Search the articles in force in the library; optionally name the paragraph or item that applies.')}
        </Typography.Paragraph>
        <Form.List name="legalBasis" rules={[{ validator: async (_, list) => { if (!list?.length) throw new Error(t('请至少填写一条法律依据', 'Add at least one article')); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={field.name} style={{ flex: 1, marginBottom: 12 }}
                    rules={[{ validator: async (_, v?: Partial<BasisCite>) => { if (!v?.law || !v.article) throw new Error(t('请选择条文', 'Choose an article')); } }]}>
                    <BasisPicker index={i} />
                  </Form.Item>
                  {fields.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('删除此依据', 'Remove')} data-testid={`basis-remove-${i}`} />}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 10} data-testid="basis-add" style={{ marginBottom: 8 }}>
                {t('添加法律依据', 'Add an article')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>

        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={12}>
            <Form.Item name="provisionCode" label={t('不合格时适用的处罚条款', 'Penalty provision if it fails')}
              tooltip={t('“裁量基准”中的处罚条款；没有相应条款的可留空', 'A provision of the discretion benchmarks; may be empty')}>
              <Select data-testid="item-provision" allowClear showSearch={{ optionFilterProp: 'label' }} loading={provisions.isLoading}
                options={provisions.data} placeholder={t('选择处罚条款（可不选）', 'Choose a provision (optional)')} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="randomList" label={t('随机抽查事项', 'In the random list')} valuePropName="checked"
              tooltip={t('列入“双随机、一公开”随机抽查事项清单；否则仅用于日常监督检查', 'In the random-inspection list; otherwise for routine inspections only')}>
              <Switch data-testid="item-random" checkedChildren={t('是', 'Yes')} unCheckedChildren={t('否', 'No')} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sortOrder" label={t('排序号', 'Sort order')} tooltip={t('同一类别内由小到大排列', 'Ascending within the category')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} data-testid="item-sort" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
