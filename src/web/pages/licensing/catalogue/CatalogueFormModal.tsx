// A new catalogue item, or an edit of one. An edit adds a version: the code and the
// implementing organisation stay, applications already made keep the version they were
// made under. The server checks the time limits and the cited articles again and names
// what it refuses.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Divider, Flex, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import { errorMessage } from '../../../lib/format';
import { showFieldErrors } from '../../../lib/forms';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect';
import { BasisPicker } from '../../checkitems/BasisPicker';
import {
  CATEGORY_LABELS, KIND_LABELS, LEVEL_LABELS, REPLACEABLE_LABELS, optionsOf,
  type BasisCite, type CatalogueCategory, type CatalogueDetail, type ItemKind, type ItemLevel, type Material, type Replaceable,
} from './types';

interface FormValues {
  itemCode?: string;
  orgId?: number | null;
  name?: string;
  category?: CatalogueCategory;
  kind: ItemKind;
  level: ItemLevel;
  legalBasis?: string;
  legalBasisCites: Partial<BasisCite>[];
  statutoryDays?: number;
  promisedDays?: number;
  online: boolean;
  commitmentAllowed: boolean;
  deficiencyAllowed: boolean;
  fee: string;
  materials: (Partial<Omit<Material, 'replaceable'>> & { replaceable?: Replaceable | 'none' | null })[];
  licenceName?: string | null;
  licenceValidYears?: number | null;
  reminderDays: string[];
  changeNote?: string;
}

interface Props {
  open: boolean;
  /** Absent: a new item; present: an edit (a new version) of it. */
  item?: CatalogueDetail;
  onClose(): void;
  onSaved(saved: CatalogueDetail): void;
}

export function CatalogueFormModal({ open, item, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    setFormError(undefined);
    form.resetFields();
    form.setFieldsValue(item
      ? {
        name: item.name, category: item.category, kind: item.kind, level: item.level, legalBasis: item.legalBasis,
        legalBasisCites: item.legalBasisCites.map((b) => ({ ...b })), statutoryDays: item.statutoryDays, promisedDays: item.promisedDays,
        online: item.online, commitmentAllowed: item.commitmentAllowed, deficiencyAllowed: item.deficiencyAllowed, fee: item.fee,
        materials: item.materials.map((m) => ({ ...m, replaceable: m.replaceable ?? 'none' })), licenceName: item.licenceName,
        licenceValidYears: item.licenceValidYears, reminderDays: item.reminderDays.map(String), changeNote: '',
      }
      : {
        kind: 'licence', level: 'municipal', legalBasisCites: [], online: true, commitmentAllowed: false,
        deficiencyAllowed: false, fee: '不收费', materials: [{ code: 'M01', required: true, replaceable: 'none' }], reminderDays: ['30', '7'],
      });
  }, [open, item, form]);

  const save = async (v: FormValues) => {
    setSaving(true);
    setFormError(undefined);
    const filing = v.kind === 'filing';
    const body = {
      name: v.name?.trim(), category: v.category, kind: v.kind, level: v.level,
      legalBasis: (v.legalBasis ?? '').replace(/\s*[\r\n]+\s*/g, '').trim(),
      legalBasisCites: (v.legalBasisCites ?? []).filter((b) => b.law && b.article)
        .map((b) => ({ law: b.law, article: b.article, ...(b.paragraph ? { paragraph: b.paragraph } : {}) })),
      // Empty: the server applies 行政许可法 art. 42 (RULES.licensingDecisionPeriod).
      ...(v.statutoryDays != null ? { statutoryDays: v.statutoryDays } : {}), promisedDays: v.promisedDays, online: v.online, commitmentAllowed: v.commitmentAllowed,
      deficiencyAllowed: v.deficiencyAllowed, fee: v.fee?.trim() || '不收费',
      materials: (v.materials ?? []).map((m) => {
        const replaceable = m.replaceable && m.replaceable !== 'none' ? m.replaceable : null;
        return { code: m.code?.trim(), name: m.name?.trim(), required: !!m.required, replaceable, licenceName: replaceable === 'e_licence' ? m.licenceName?.trim() || null : null };
      }),
      licenceName: filing ? null : v.licenceName?.trim() || null,
      licenceValidYears: filing ? null : v.licenceValidYears ?? null,
      reminderDays: [...new Set((v.reminderDays ?? []).map(Number))],
      changeNote: v.changeNote?.trim() || null,
    };
    try {
      const saved = item
        ? await api.put<CatalogueDetail>(`/api/licensing/catalogue/${item.id}`, body)
        : await api.post<CatalogueDetail>('/api/licensing/catalogue', { ...body, itemCode: v.itemCode?.trim(), orgId: v.orgId ?? null });
      message.success(item
        ? (saved.version > item.version ? t(`已保存为第${saved.version}版`, `Saved as version ${saved.version}`) : t('没有修改', 'Nothing changed'))
        : t('已新增事项', 'Item added'));
      onSaved(saved);
    } catch (err) {
      if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open} width={1000} onCancel={onClose} destroyOnHidden maskClosable={false}
      title={item ? t(`修改事项：${item.itemCode}（保存后生成第${item.version + 1}版）`, `Edit ${item.itemCode} (saved as version ${item.version + 1})`) : t('新增事项', 'New catalogue item')}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('取消', 'Cancel')}</Button>,
        <Button key="save" type="primary" loading={saving} onClick={() => form.submit()} data-testid="cat-save">{t('保存', 'Save')}</Button>,
      ]}
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={save} requiredMark data-testid="cat-form">
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="cat-form-error" />}
        {item && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }}
            title={t('修改不会覆盖原版本：保存后生成新版本，已受理的办件仍按其受理时的版本办理。', 'An edit never overwrites: it adds a version; applications keep the version they were made under.')} />
        )}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            {item
              ? <Form.Item label={t('事项编码', 'Code')}><Input value={item.itemCode} disabled /></Form.Item>
              : (
                <Form.Item name="itemCode" label={t('事项编码', 'Code')} tooltip={t('稳定编码，办件、导入和办事指南以此引用；保存后不能修改', 'A stable code; it cannot change')}
                  rules={[
                    { required: true, message: t('请填写事项编码', 'Enter the code') },
                    { pattern: /^[A-Z][A-Z0-9-]{1,39}$/, message: t('大写字母、数字和连字符，以字母开头，如 XK-GGCS-02', 'Capitals, digits and hyphens, e.g. XK-GGCS-02') },
                  ]}>
                  <Input data-testid="cat-code" placeholder="XK-GGCS-02" maxLength={40} />
                </Form.Item>
              )}
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('事项名称', 'Name')} rules={[{ required: true, whitespace: true, message: t('请填写事项名称', 'Enter the name') }, { max: 200 }]}>
              <Input data-testid="cat-name" maxLength={200} placeholder={t('如：公共场所卫生许可', 'e.g. public-place hygiene licence')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="category" label={t('事项类别', 'Category')} rules={[{ required: true, message: t('请选择类别', 'Choose the category') }]}>
              <Select data-testid="cat-category" options={optionsOf(CATEGORY_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="kind" label={t('事项类型', 'Kind')} rules={[{ required: true }]}>
              <Select data-testid="cat-kind" options={optionsOf(KIND_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="level" label={t('实施层级', 'Level')} rules={[{ required: true }]}>
              <Select data-testid="cat-level" options={optionsOf(LEVEL_LABELS, t)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            {item
              ? <Form.Item label={t('实施机构', 'Agency')}><Input value={item.orgName} disabled /></Form.Item>
              : (
                <Form.Item name="orgId" label={t('实施机构', 'Agency')} tooltip={t('留空则为您所在的卫生健康委（局）', 'Empty: the commission you work in')}>
                  <OrgTreeSelect placeholder={t('默认：本委（局）', 'Default: your commission')} />
                </Form.Item>
              )}
          </Col>
        </Row>

        <Form.Item name="legalBasis" label={t('设定依据', 'Legal basis')} rules={[{ required: true, whitespace: true, message: t('请填写设定依据', 'Enter the legal basis') }, { max: 2000 }]}>
          <Input.TextArea data-testid="cat-basis" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000}
            placeholder={t('如：《公共场所卫生管理条例》第四条、第八条', 'e.g. 《公共场所卫生管理条例》第四条、第八条')} />
        </Form.Item>
        <Typography.Text strong>{t('关联法律法规库条文', 'Articles of the library')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('可选：从法律法规库中选择设定依据所指的现行条文，办事指南中展示其原文。', 'Optional: the articles in force the basis names; the guide shows their text.')}
        </Typography.Paragraph>
        <Form.List name="legalBasisCites">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={field.name} style={{ flex: 1, marginBottom: 12 }}
                    rules={[{ validator: async (_, v?: Partial<BasisCite>) => { if (!v?.law || !v.article) throw new Error(t('请选择条文，或删除此行', 'Choose an article or remove the line')); } }]}>
                    <BasisPicker index={i} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('删除', 'Remove')} data-testid={`cat-cite-remove-${i}`} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 10} data-testid="cat-cite-add" style={{ marginBottom: 16 }}>
                {t('添加条文', 'Add an article')}
              </Button>
            </>
          )}
        </Form.List>

        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="statutoryDays" label={t('法定办结时限（工作日）', 'Statutory limit (working days)')}
              tooltip={t('法律、法规未另行规定的留空，按《行政许可法》第四十二条规定的期限', 'Empty unless a law sets its own limit: the Licensing Law art. 42 applies')}>
              <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} data-testid="cat-statutory" placeholder={t('按行政许可法', 'Licensing Law')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="promisedDays" label={t('承诺办结时限（工作日）', 'Promised time (working days)')} dependencies={['statutoryDays']}
              tooltip={t('0 表示即办', '0: on the spot')}
              rules={[
                { required: true, message: t('请填写承诺办结时限', 'Enter the promised time') },
                ({ getFieldValue }) => ({
                  validator: async (_, v?: number) => {
                    const s = getFieldValue('statutoryDays') as number | undefined;
                    if (v != null && s != null && v > s) throw new Error(t(`承诺办结时限不能超过法定办结时限（${s}个工作日）`, `Cannot exceed the statutory limit (${s})`));
                  },
                }),
              ]}>
              <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} data-testid="cat-promised" />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="online" label={t('网上办理', 'Online')} valuePropName="checked">
              <Switch data-testid="cat-online" checkedChildren={t('可', 'Yes')} unCheckedChildren={t('否', 'No')} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="commitmentAllowed" label={t('告知承诺', 'Commitment')} valuePropName="checked"
              tooltip={t('申请人书面承诺符合条件的，当场作出许可决定，事后核查', 'Decided on the applicant’s written commitment, verified later')}>
              <Switch data-testid="cat-commitment" checkedChildren={t('可', 'Yes')} unCheckedChildren={t('否', 'No')} />
            </Form.Item>
          </Col>
          <Col xs={8} md={4}>
            <Form.Item name="deficiencyAllowed" label={t('容缺受理', 'Deficiency')} valuePropName="checked"
              tooltip={t('次要材料欠缺的，先行受理，限期补齐', 'Accepted with minor materials owed, to be supplied later')}>
              <Switch data-testid="cat-deficiency" checkedChildren={t('可', 'Yes')} unCheckedChildren={t('否', 'No')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="fee" label={t('收费', 'Fee')} rules={[{ max: 200 }]}>
              <Input data-testid="cat-fee" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="licenceName" label={t('发放证照', 'Licence issued')} tooltip={t('备案事项和不发证的事项留空', 'Empty for filings and items that issue none')}>
              <Input data-testid="cat-licence" maxLength={100} disabled={kind === 'filing'} placeholder={t('如：公共场所卫生许可证', 'e.g. 公共场所卫生许可证')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="licenceValidYears" label={t('有效期（年）', 'Valid (years)')} tooltip={t('长期有效的留空', 'Empty: no expiry')}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} disabled={kind === 'filing'} data-testid="cat-valid-years" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="reminderDays" label={t('到期前提醒（天）', 'Remind (days before)')}
              rules={[{ validator: async (_, v?: string[]) => {
                if (!v?.length) throw new Error(t('请至少设置一个提醒天数', 'Set at least one'));
                if (v.some((d) => !/^\d+$/.test(d) || Number(d) < 1 || Number(d) > 365)) throw new Error(t('提醒天数应为 1～365 的整数', 'Whole days, 1–365'));
              } }]}>
              <Select mode="tags" data-testid="cat-reminders" tokenSeparators={[',', '，', ' ']} options={[{ value: '60' }, { value: '30' }, { value: '7' }]} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>{t('申请材料', 'Application materials')}</Divider>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <div data-testid="cat-materials">
              {fields.map((field, i) => (
                <MaterialRowEditor key={field.key} name={field.name} index={i} onRemove={() => remove(field.name)} />
              ))}
              <Button type="dashed" icon={<PlusOutlined />} data-testid="cat-material-add" disabled={fields.length >= 50}
                onClick={() => add({ code: `M${String(fields.length + 1).padStart(2, '0')}`, required: true, replaceable: 'none' })}>
                {t('添加申请材料', 'Add a material')}
              </Button>
            </div>
          )}
        </Form.List>

        {item && (
          <Form.Item name="changeNote" label={t('变更说明', 'What changed and why')} style={{ marginTop: 16 }} rules={[{ max: 500 }]}>
            <Input data-testid="cat-change-note" maxLength={500} placeholder={t('如：压缩承诺时限', 'e.g. shorter promised time')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function MaterialRowEditor({ name, index, onRemove }: { name: number; index: number; onRemove(): void }) {
  const t = useT();
  const replaceable = Form.useWatch(['materials', name, 'replaceable']);
  return (
    <Flex gap={8} align="flex-start" wrap data-testid={`cat-material-${index}`}>
      <Form.Item name={[name, 'code']} style={{ width: 90, marginBottom: 12 }}
        rules={[{ required: true, message: t('编号', 'Code') }, { pattern: /^[A-Za-z0-9_-]{1,20}$/, message: t('字母数字', 'Letters, digits') }]}>
        <Input placeholder="M01" maxLength={20} data-testid={`cat-material-code-${index}`} />
      </Form.Item>
      <Form.Item name={[name, 'name']} style={{ flex: '1 1 300px', marginBottom: 12 }}
        rules={[{ required: true, whitespace: true, message: t('请填写材料名称', 'Enter the material') }, { max: 200 }]}>
        <Input placeholder={t('材料名称，如：营业执照', 'Material, e.g. business licence')} maxLength={200} data-testid={`cat-material-name-${index}`} />
      </Form.Item>
      <Form.Item name={[name, 'required']} valuePropName="checked" style={{ marginBottom: 12, paddingTop: 4 }}>
        <Checkbox data-testid={`cat-material-required-${index}`}>{t('必需', 'Required')}</Checkbox>
      </Form.Item>
      <Form.Item name={[name, 'replaceable']} style={{ width: 170, marginBottom: 12 }}>
        <Select data-testid={`cat-material-replaceable-${index}`} options={[
          { value: 'none', label: t('须提交', 'Must be provided') },
          ...(Object.keys(REPLACEABLE_LABELS) as Replaceable[]).map((k) => ({ value: k, label: t(...REPLACEABLE_LABELS[k]) })),
        ]} />
      </Form.Item>
      {replaceable === 'e_licence' && (
        <Form.Item name={[name, 'licenceName']} style={{ width: 170, marginBottom: 12 }}
          rules={[{ required: true, whitespace: true, message: t('请填写电子证照名称', 'Name the licence') }]}>
          <Input placeholder={t('电子证照，如：营业执照', 'Licence, e.g. business licence')} maxLength={100} data-testid={`cat-material-licence-${index}`} />
        </Form.Item>
      )}
      <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('删除此材料', 'Remove')} data-testid={`cat-material-remove-${index}`} />
    </Flex>
  );
}
