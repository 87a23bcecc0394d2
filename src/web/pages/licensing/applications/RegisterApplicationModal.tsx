// 登记申请: the window registers an application received at the counter, by post or at a
// kiosk: the catalogue item (or a “one thing” bundle of several, its staff registrations
// for the persons named), the applicant, the channel, notification-and-commitment where
// the item allows it, and how each material
// was provided. Saving shows the tracking code (查询码) the applicant follows the
// application with; the window then opens the application.
import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Col, Descriptions, Form, Input, Modal, Radio, Result, Row, Select, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api, qs } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import { errorMessage } from '../../../lib/format';
import { showFieldErrors } from '../../../lib/forms';
import type { Entity, Paged } from '../../../lib/types';
import { EntitySelect } from '../../../components/EntitySelect';
import { STAFF_CATEGORY, type BundleRow, type CatalogueRow } from '../catalogue/types';
import { CHANNELS, PROVISIONS, type Submitted } from '../types';
import { MaterialsInput, defaultChoices, materialsInput, materialsProblem, type MaterialChoices, type MaterialRow } from './MaterialsInput';

interface RegisterForm {
  target?: string;
  channel: 'window' | 'mail' | 'self_service';
  entityId?: number;
  applicantName: string;
  applicantUscc?: string;
  contactPhone?: string;
  contactEmail?: string;
  address?: string;
  scope?: string;
  commitment?: boolean;
  materials?: MaterialChoices;
  /** In a bundle, the person each staff registration is for (by item code), when not the applicant. */
  holders?: Record<string, string | undefined>;
}

interface Target {
  kind: 'item' | 'bundle';
  code: string;
  name: string;
  items: CatalogueRow[];
  materials: MaterialRow[];
  commitmentAllowed: boolean;
}

/** The target chosen: one item, or a bundle whose items each list their own materials (codes repeat across items, so rows are keyed by item). */
function targetOf(value: string | undefined, items: CatalogueRow[], bundles: BundleRow[]): Target | null {
  if (!value) return null;
  const [kind, code] = value.split(':', 2) as ['item' | 'bundle', string];
  if (kind === 'item') {
    const item = items.find((i) => i.itemCode === code);
    if (!item) return null;
    return { kind, code, name: item.name, items: [item], materials: item.materials.map((m) => ({ ...m })), commitmentAllowed: item.commitmentAllowed };
  }
  const bundle = bundles.find((b) => b.code === code);
  if (!bundle) return null;
  const members = bundle.itemCodes.map((c) => items.find((i) => i.itemCode === c)).filter((i): i is CatalogueRow => !!i);
  return {
    kind, code, name: bundle.name, items: members, commitmentAllowed: members.some((i) => i.commitmentAllowed),
    materials: members.flatMap((item) => item.materials.map((m) => ({
      ...m, code: `${item.itemCode}.${m.code}`, itemCode: item.itemCode, materialCode: m.code, items: [item.name],
    }))),
  };
}

export function RegisterApplicationModal({ onClose }: { onClose(): void }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<RegisterForm>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<Submitted>();
  const catalogue = useQuery({
    queryKey: ['licensing', 'catalogue', 'active'],
    queryFn: () => api.get<Paged<CatalogueRow>>(`/api/licensing/catalogue${qs({ active: 'true', pageSize: 100 })}`),
    staleTime: 60_000,
  });
  const bundles = useQuery({ queryKey: ['licensing', 'bundles'], queryFn: () => api.get<{ rows: BundleRow[] }>('/api/licensing/bundles'), staleTime: 60_000 });
  const items = useMemo(() => catalogue.data?.rows ?? [], [catalogue.data]);
  const activeBundles = useMemo(() => (bundles.data?.rows ?? []).filter((b) => b.active), [bundles.data]);
  const targetValue = Form.useWatch('target', form);
  const target = useMemo(() => targetOf(targetValue, items, activeBundles), [targetValue, items, activeBundles]);
  const staffItems = target?.kind === 'bundle' ? target.items.filter((i) => i.category === STAFF_CATEGORY) : [];

  const chooseTarget = (value: string | undefined) => {
    const next = targetOf(value, items, activeBundles);
    form.setFieldsValue({ materials: next ? defaultChoices(next.materials) : {}, commitment: false });
  };

  const fillFromEntity = (_: number | undefined, e?: Entity) => {
    if (e) form.setFieldsValue({ applicantName: e.name, applicantUscc: e.uscc, address: e.address });
  };

  const save = async (v: RegisterForm) => {
    setError(undefined);
    if (!target) return setError(t('请选择申请的事项', 'Choose the item'));
    const problem = materialsProblem(target.materials, v.materials);
    if (problem) return setError(problem);
    const holders = staffItems.map((i) => ({ itemCode: i.itemCode, name: (v.holders?.[i.itemCode] ?? '').trim() })).filter((h) => h.name);
    setSaving(true);
    try {
      const res = await api.post<Submitted>('/api/licensing/applications', {
        channel: v.channel,
        itemCode: target.kind === 'item' ? target.code : null,
        bundleCode: target.kind === 'bundle' ? target.code : null,
        applicantName: v.applicantName, applicantUscc: v.applicantUscc || null, contactPhone: v.contactPhone || null, contactEmail: v.contactEmail || null,
        address: v.address || null, scope: v.scope || null, commitment: target.commitmentAllowed && !!v.commitment,
        materials: materialsInput(target.materials, v.materials),
        ...(holders.length > 0 ? { holders } : {}),
      });
      void qc.invalidateQueries({ queryKey: ['licensing'] });
      void qc.invalidateQueries({ queryKey: ['home', 'todos'] });
      setDone(res);
    } catch (err) {
      if (!showFieldErrors(form, err, { itemCode: 'target', bundleCode: 'target' })) setError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  if (done) {
    const open = () => navigate(`/licensing/applications/${done.applications[0].id}`);
    return (
      <Modal open width={560} title={t('已登记申请', 'Application registered')} onCancel={onClose} destroyOnHidden
        footer={<Space><Button onClick={onClose}>{t('关闭', 'Close')}</Button><Button type="primary" onClick={open} data-testid="register-open">{t('查看办件', 'Open the application')}</Button></Space>}>
        <Result status="success" style={{ padding: '12px 0' }}
          title={<span>{t('查询码', 'Tracking code')}：<Typography.Text copyable strong style={{ fontSize: 22, fontFamily: 'monospace' }} data-testid="register-tracking-code">{done.trackingCode}</Typography.Text></span>}
          subTitle={t('请告知申请人凭查询码在门户网站查看办理进度、补正材料和办理结果。', 'Give the applicant the code: with it they follow the application on the portal, send corrections and read the result.')} />
        <Descriptions size="small" column={1} bordered items={done.applications.map((a) => ({
          key: a.id, label: a.applicationNo, children: <span>{a.itemCode} {a.itemName}</span>,
        }))} />
      </Modal>
    );
  }

  const loading = catalogue.isLoading || bundles.isLoading;
  return (
    <Modal open width={880} title={t('登记申请（窗口收件）', 'Register an application')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden
      okText={t('登记', 'Register')} confirmLoading={saving} okButtonProps={{ 'data-testid': 'register-save' } as never} data-testid="register-modal">
      {catalogue.isError && <Alert type="error" showIcon title={errorMessage(catalogue.error, t)} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="register-error" />}
      <Form<RegisterForm> form={form} layout="vertical" onFinish={save} initialValues={{ channel: 'window', materials: {} }}>
        <Form.Item name="target" label={t('申请事项或“一件事”套餐', 'Item or “one thing” bundle')} rules={[{ required: true, message: t('请选择申请的事项', 'Choose the item') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={loading} placeholder={t('输入事项编码或名称查找', 'Type the item code or name')} onChange={chooseTarget}
            data-testid="register-item"
            options={[
              { label: t('事项', 'Items'), title: 'items', options: items.map((i) => ({ value: `item:${i.itemCode}`, label: `${i.itemCode} ${i.name}` })) },
              ...(activeBundles.length ? [{ label: t('“一件事”套餐', '“One thing” bundles'), title: 'bundles', options: activeBundles.map((b) => ({ value: `bundle:${b.code}`, label: `${b.code} ${b.name}` })) }] : []),
            ]} />
        </Form.Item>
        {target && (
          <Space wrap style={{ marginTop: -12, marginBottom: 12 }} data-testid="register-item-terms">
            {target.items.map((i) => (
              <Tag key={i.itemCode}>{i.itemCode} · {t(`承诺${i.promisedDays}个工作日`, `${i.promisedDays} working days`)}{i.deficiencyAllowed ? t(' · 可容缺受理', ' · deficiency acceptance') : ''}{i.commitmentAllowed ? t(' · 可告知承诺', ' · commitment') : ''}</Tag>
            ))}
          </Space>
        )}
        <Form.Item name="channel" label={t('收件渠道', 'Channel')}>
          <Radio.Group data-testid="register-channel" options={CHANNELS.filter(([v]) => v !== 'online').map(([value, zh, en]) => ({ value, label: t(zh, en) }))} />
        </Form.Item>
        <Form.Item name="entityId" label={t('从监管对象名录带入申请人（可选）', 'Fill the applicant from the directory (optional)')}>
          <EntitySelect onChange={fillFromEntity} data-testid="register-entity" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="applicantName" label={t('申请人（单位名称或个人姓名）', 'Applicant')}
              rules={[{ required: true, whitespace: true, message: t('请填写申请人名称', 'Enter the applicant') }]}>
              <Input maxLength={100} data-testid="register-applicant" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="applicantUscc" label={t('统一社会信用代码（单位）', 'Credit code (organisation)')}>
              <Input maxLength={18} data-testid="register-uscc" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="contactPhone" label={t('联系电话', 'Phone')} extra={t('联系电话和电子邮箱至少填一项', 'A phone or an email at least')}>
              <Input maxLength={20} data-testid="register-phone" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="contactEmail" label={t('电子邮箱', 'Email')}>
              <Input maxLength={100} data-testid="register-email" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('地址（经营场所）', 'Address')}><Input maxLength={200} data-testid="register-address" /></Form.Item>
        <Form.Item name="scope" label={t('申请的许可范围（经营项目、诊疗科目等）', 'Scope applied for')}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="register-scope" /></Form.Item>
        {staffItems.map((i) => (
          <Form.Item key={i.itemCode} name={['holders', i.itemCode]} label={t(`${i.name}的执业人员（为申请人以外的人员注册时填写）`, `The person registered by ${i.name} (when not the applicant)`)}
            rules={[{ max: 50, message: t('执业人员姓名不能超过50个字符', 'At most 50 characters') }]}>
            <Input maxLength={50} placeholder={t('不填则为申请人本人', 'Empty: the applicant')} data-testid={`register-holder-${i.itemCode}`} />
          </Form.Item>
        ))}
        {target?.commitmentAllowed && (
          <Form.Item name="commitment" valuePropName="checked"
            extra={t('申请人书面承诺符合许可条件的，当场作出许可决定；许可后按期核查，承诺不实的依法撤销许可并记入信用记录。', 'The applicant promises in writing to meet the conditions; the licence is checked afterwards and revoked if the promise was false.')}>
            <Checkbox data-testid="register-commitment">{t('申请人选择告知承诺制', 'The applicant chooses notification and commitment')}</Checkbox>
          </Form.Item>
        )}
        {target && (
          <Form.Item name="materials" label={t(`申请材料（${target.materials.length}项）`, `Materials (${target.materials.length})`)}
            extra={t(`未提交的必交材料：可一次性告知补正，或在事项允许时容缺受理。${PROVISIONS.e_licence[0]}须填写证照编号。`, 'Required materials not provided: ask for the correction once, or accept with materials outstanding where the item allows it. A referenced e-licence needs its number.')}>
            <MaterialsInput rows={target.materials} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
