import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Descriptions, Drawer, Empty, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, IdcardOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { CERTIFICATE_STATUS_LABELS, ENTITY_CATEGORY_LABELS, labelOf, optionsOf } from '../../lib/labels';
import { useUrlFilters } from '../../lib/urlState';
import { useRecordLinkFilters } from '../../lib/linkedFilters';
import type { EntityCategory, Inspector, Paged, User } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { CertificateTags } from '../../components/Tags';
import { tablePagination } from '../../components/pagination';

interface InspectorForm { staffNo: string; name: string; orgId: number; userId: number | null; specialties: EntityCategory[]; active: boolean }
interface CertificateForm { certificateNo: string; certificateValidTo: Dayjs }

const FILTERS = ['q', 'orgId', 'status'] as const;

/** Links an inspector to a login account; searched by username or name. */
function UserPicker({ value, onChange, current }: { value?: number | null; onChange?: (v: number | null) => void; current?: { id: number; username: string } | null }) {
  const t = useT();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const users = useQuery({
    queryKey: ['users', 'picker', q],
    queryFn: () => api.get<Paged<User>>(`/api/users${qs({ q, pageSize: 20 })}`),
    enabled: can('users.read'),
  });
  const options = (users.data?.rows ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.username });
  return (
    <Select
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={options}
      loading={users.isFetching}
      disabled={!can('users.read')}
      placeholder={can('users.read') ? t('搜索用户名或姓名（可不关联）', 'Search username or name (optional)') : t('无查看用户的权限', 'You cannot list users')}
      notFoundContent={t('没有匹配的用户', 'No user matches')}
    />
  );
}

export function InspectorsPage() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const writable = can('inspectors.write');
  const f = useUrlFilters(FILTERS);
  // Opened from a figure (dashboard, annual report): the link's period, organisation and overdue flag become this list's filters.
  const linking = useRecordLinkFilters({ from: null, to: null, orgId: 'orgId' });
  const v = f.values;
  const list = useQuery({
    queryKey: ['inspectors', f.query],
    queryFn: () => api.get<Paged<Inspector>>(`/api/inspectors${qs(f.query)}`),
    enabled: !linking,
    placeholderData: keepPreviousData,
  });

  const [editing, setEditing] = useState<Inspector | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<InspectorForm>();

  const [certFor, setCertFor] = useState<Inspector | null>(null);
  const [certForm] = Form.useForm<CertificateForm>();
  const [certError, setCertError] = useState<string>();

  const refresh = () => qc.invalidateQueries({ queryKey: ['inspectors'] });

  const open = (i: Inspector | 'new') => {
    setFormError(undefined);
    setEditing(i);
    form.resetFields();
    if (i === 'new') form.setFieldsValue({ specialties: [], active: true, userId: null });
    else form.setFieldsValue({ staffNo: i.staffNo, name: i.name, orgId: i.orgId, userId: i.userId, specialties: i.specialties, active: i.active });
  };

  const save = async (values: InspectorForm) => {
    if (!editing) return;
    setSaving(true);
    setFormError(undefined);
    const body = { ...values, staffNo: values.staffNo.trim(), name: values.name.trim(), userId: values.userId ?? null, specialties: values.specialties ?? [] };
    try {
      if (editing === 'new') await api.post<Inspector>('/api/inspectors', body);
      else await api.put<Inspector>(`/api/inspectors/${editing.id}`, body);
      message.success(editing === 'new' ? t('已新增执法人员', 'Inspector added') : t('已保存', 'Saved'));
      setEditing(null);
      await refresh();
    } catch (err) {
      if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const openCertificate = (i: Inspector) => {
    setCertError(undefined);
    certForm.resetFields();
    certForm.setFieldsValue({ certificateNo: i.certificateNo ?? '', certificateValidTo: i.certificateValidTo ? dayjs(i.certificateValidTo) : undefined });
    setCertFor(i);
  };

  const issue = (values: CertificateForm) => {
    if (!certFor) return;
    const validTo = values.certificateValidTo.format('YYYY-MM-DD');
    const renewing = !!certFor.certificateNo;
    modal.confirm({
      title: renewing ? t('确认换发执法证？', 'Renew the certificate?') : t('确认核发执法证？', 'Issue the certificate?'),
      content: t(`${certFor.name}：证号 ${values.certificateNo.trim()}，有效期至 ${validTo}。此操作记入审计日志。`,
        `${certFor.name}: number ${values.certificateNo.trim()}, valid to ${validTo}. The change is audited.`),
      okText: t('确认', 'Confirm'), cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          await api.put<Inspector>(`/api/inspectors/${certFor.id}/certificate`, { certificateNo: values.certificateNo.trim(), certificateValidTo: validTo });
          message.success(renewing ? t('已换发执法证', 'Certificate renewed') : t('已核发执法证', 'Certificate issued'));
          setCertFor(null);
          await refresh();
        } catch (err) {
          if (!showFieldErrors(certForm, err)) setCertError(errorMessage(err, t));
        }
      },
    });
  };

  const columns: ColumnsType<Inspector> = [
    { title: t('工号', 'Staff no.'), dataIndex: 'staffNo', width: 100 },
    { title: t('姓名', 'Name'), dataIndex: 'name', width: 100, render: (n: string, i) => <Space size={4}>{n}{!i.active && <Tag>{t('停用', 'Inactive')}</Tag>}</Space> },
    { title: t('所属机构', 'Organisation'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: t('执法证号', 'Certificate no.'), dataIndex: 'certificateNo', width: 160, render: (c: string | null) => c ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: t('有效期至', 'Valid to'), dataIndex: 'certificateValidTo', width: 110, render: (d: string | null) => d ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: t('执法资格', 'Enforcement status'), key: 'status', width: 240,
      render: (_, i) => <CertificateTags status={i.certificateStatus} canEnforce={i.canEnforce} reason={i.reason} validTo={i.certificateValidTo} />,
    },
    {
      title: t('专业类别', 'Specialties'), dataIndex: 'specialties', width: 200, ellipsis: true,
      render: (s: EntityCategory[]) => s.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : s.map((c) => labelOf(ENTITY_CATEGORY_LABELS, c, t)).join('、'),
    },
    { title: t('登录账号', 'Account'), dataIndex: 'username', width: 110, render: (u: string | null) => u ?? <Typography.Text type="secondary">{t('未关联', 'None')}</Typography.Text> },
    ...(writable ? [{
      title: t('操作', 'Actions'), key: 'actions', width: 210, fixed: 'right' as const,
      render: (_: unknown, i: Inspector) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => open(i)} data-testid={`inspector-edit-${i.staffNo}`}>{t('编辑', 'Edit')}</Button>
          <Button size="small" icon={<IdcardOutlined />} onClick={() => openCertificate(i)} data-testid={`inspector-certificate-${i.staffNo}`}>
            {i.certificateNo ? t('换发执法证', 'Renew') : t('核发执法证', 'Issue')}
          </Button>
        </Space>
      ),
    }] : []),
  ];

  const filtered = Object.keys(v).length > 0;
  return (
    <div>
      <PageHeader
        title={t('执法人员与执法证', 'Inspectors and certificates')}
        subtitle={t('执法人员须持有效行政执法证件方可从事执法活动（《行政处罚法》第四十二条、第五十五条）。', 'Only officers holding a valid certificate may take enforcement actions (Administrative Penalty Law arts. 42, 55).')}
      />
      <SearchBar
        value={v.q}
        onSearch={(q) => f.set({ q })}
        onReset={filtered ? f.reset : undefined}
        placeholder={t('姓名、工号或执法证号', 'Name, staff no. or certificate no.')}
        extra={<>
          {writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="inspector-new">{t('新增执法人员', 'New inspector')}</Button>}
          <ExportButton path="/api/exports/inspectors" filters={f.query} />
        </>}
      >
        <OrgTreeSelect value={v.orgId ? Number(v.orgId) : undefined} onChange={(x) => f.set({ orgId: x })} placeholder={t('所属机构（含下级）', 'Organisation (and below)')} style={{ width: 220 }} />
        <Select data-testid="filter-status" allowClear placeholder={t('执法证状态', 'Certificate status')} style={{ width: 140 }} value={v.status}
          options={optionsOf(CERTIFICATE_STATUS_LABELS, t)} onChange={(x) => f.set({ status: x })} />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="inspector-table">
        <Table<Inspector>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows}
          loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)}
          scroll={{ x: writable ? 1450 : 1240 }}
          locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的执法人员', 'No inspector matches') : t('暂无执法人员', 'No inspector')} /> }}
        />
      </div>

      <Drawer
        open={!!editing}
        title={editing === 'new' ? t('新增执法人员', 'New inspector') : editing ? t(`编辑执法人员：${editing.name}`, `Edit inspector: ${editing.name}`) : ''}
        size={520}
        onClose={() => setEditing(null)}
        forceRender
        extra={<Space>
          <Button onClick={() => setEditing(null)}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="inspector-submit">{t('保存', 'Save')}</Button>
        </Space>}
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="form-error" />}
        {editing === 'new' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('保存后，请在列表中为其“核发执法证”。', 'After saving, issue the certificate from the list.')} />}
        <Form<InspectorForm> name="inspector" form={form} layout="vertical" onFinish={save}>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="staffNo" label={t('工号', 'Staff no.')} rules={[
                { required: true, message: t('请输入工号', 'Enter the staff number') }, { max: 40, message: t('不能超过40个字符', 'At most 40 characters') },
                { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('工号只能包含字母、数字、点、下划线和连字符', 'Letters, digits, . _ - only') },
              ]}>
                <Input maxLength={40} data-testid="inspector-staffno" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') }, { max: 50 }]}>
                <Input maxLength={50} data-testid="inspector-name" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="orgId" label={t('所属机构', 'Organisation')} rules={[{ required: true, message: t('请选择所属机构', 'Choose the organisation') }]}>
            <OrgTreeSelect allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="userId" label={t('关联登录账号', 'Login account')} extra={t('关联后，本人登录可看到自己的执法资格。', 'Linked users see their own enforcement status.')}>
            <UserPicker current={editing && editing !== 'new' && editing.userId ? { id: editing.userId, username: editing.username ?? `#${editing.userId}` } : null} />
          </Form.Item>
          <Form.Item name="specialties" label={t('专业类别', 'Specialties')}>
            <Select mode="multiple" options={optionsOf(ENTITY_CATEGORY_LABELS, t)} placeholder={t('可多选', 'Choose any')} />
          </Form.Item>
          <Form.Item name="active" label={t('在岗状态', 'Status')} valuePropName="checked" extra={t('停用的执法人员不能从事执法活动', 'Inactive inspectors may not enforce')}>
            <Switch checkedChildren={t('在岗', 'Active')} unCheckedChildren={t('停用', 'Inactive')} />
          </Form.Item>
        </Form>
      </Drawer>

      <Modal
        open={!!certFor}
        title={certFor?.certificateNo ? t('换发执法证', 'Renew certificate') : t('核发执法证', 'Issue certificate')}
        okText={t('下一步', 'Next')}
        cancelText={t('取消', 'Cancel')}
        onOk={() => certForm.submit()}
        onCancel={() => setCertFor(null)}
        forceRender
      >
        {certFor && (
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[
            { key: 'n', label: t('执法人员', 'Inspector'), children: `${certFor.name}（${certFor.staffNo}）` },
            { key: 'o', label: t('所属机构', 'Organisation'), children: certFor.orgName },
            { key: 'c', label: t('现执法证', 'Current'), children: certFor.certificateNo ? `${certFor.certificateNo}，${t('有效期至', 'valid to')} ${certFor.certificateValidTo}` : t('未持证', 'None') },
          ]} />
        )}
        {certError && <Alert type="error" showIcon title={certError} style={{ marginBottom: 16 }} />}
        <Form<CertificateForm> name="certificate" form={certForm} layout="vertical" onFinish={issue}>
          <Form.Item name="certificateNo" label={t('执法证号', 'Certificate number')} rules={[
            { required: true, whitespace: true, message: t('请输入执法证号', 'Enter the certificate number') }, { max: 40, message: t('不能超过40个字符', 'At most 40 characters') },
          ]}>
            <Input maxLength={40} data-testid="certificate-no" />
          </Form.Item>
          <Form.Item name="certificateValidTo" label={t('有效期至', 'Valid to')} rules={[{ required: true, message: t('请选择有效期截止日', 'Choose the expiry date') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="certificate-valid-to" disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
