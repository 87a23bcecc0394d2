import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { useUrlFilters } from '../../lib/urlState';
import type { UsccException } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';

const FILTERS = ['q'] as const;

export function UsccExceptionsPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const f = useUrlFilters(FILTERS);
  const list = useQuery({ queryKey: ['uscc-exceptions'], queryFn: () => api.get<UsccException[]>('/api/uscc-exceptions') });
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<{ code: string; reason: string }>();

  const rows = useMemo(() => {
    const q = f.values.q?.toUpperCase();
    return (list.data ?? []).filter((r) => !q || r.code.includes(q) || r.reason.toUpperCase().includes(q));
  }, [list.data, f.values.q]);

  const add = async (values: { code: string; reason: string }) => {
    setSaving(true);
    setFormError(undefined);
    try {
      await api.post<UsccException>('/api/uscc-exceptions', { code: values.code.trim().toUpperCase(), reason: values.reason.trim() });
      message.success(t('已认可该历史代码', 'Legacy code accepted'));
      setAdding(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['uscc-exceptions'] });
    } catch (err) {
      if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (code: string) => {
    try {
      await api.delete(`/api/uscc-exceptions/${encodeURIComponent(code)}`);
      message.success(t('已撤销认可', 'Acceptance revoked'));
      await qc.invalidateQueries({ queryKey: ['uscc-exceptions'] });
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const columns: ColumnsType<UsccException> = [
    { title: t('历史代码', 'Legacy code'), dataIndex: 'code', width: 200, render: (c: string) => <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{c}</Typography.Text> },
    {
      title: t('标准校验码', 'Expected check'), dataIndex: 'expectedCheck', width: 110,
      render: (c: string | null, r) => c ? <Tooltip title={t(`按 GB 32100-2015 第18位应为“${c}”，实为“${r.code.slice(-1)}”`, `GB 32100-2015 expects “${c}”, the code has “${r.code.slice(-1)}”`)}>{c}</Tooltip> : '—',
    },
    { title: t('认可理由', 'Reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('使用的监管对象', 'Entities using it'), dataIndex: 'entityCount', width: 130, align: 'right' },
    { title: t('认可人', 'Accepted by'), dataIndex: 'acceptedBy', width: 110, render: (u: string | null) => u ?? '—' },
    { title: t('认可时间', 'Accepted at'), dataIndex: 'acceptedAt', width: 160, render: formatDateTime },
    {
      title: t('操作', 'Actions'), key: 'actions', width: 110,
      render: (_, r) => r.entityCount > 0 ? (
        <Tooltip title={t('仍有监管对象使用该代码，须先更正其代码才能撤销', 'Still used by an entity; correct its code first')}>
          <Button size="small" danger disabled icon={<DeleteOutlined />}>{t('撤销', 'Revoke')}</Button>
        </Tooltip>
      ) : (
        <Popconfirm
          title={t('撤销对该历史代码的认可？', 'Revoke this legacy code?')}
          description={t('撤销后，使用该代码新增或导入监管对象将被拒绝。', 'New or imported entities with this code will then be refused.')}
          okText={t('撤销', 'Revoke')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: true }}
          onConfirm={() => remove(r.code)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} data-testid={`revoke-${r.code}`}>{t('撤销', 'Revoke')}</Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('历史代码认可', 'Accepted legacy codes')}
        subtitle={t('早期试点地区赋予的统一社会信用代码可能不符合 GB 32100-2015 校验规则；经逐个核实认可后，方可用于登记和导入监管对象。',
          'Codes issued in early pilot areas may fail the GB 32100-2015 check; each must be verified and accepted before it can be used.')}
      />
      <SearchBar
        value={f.values.q}
        onSearch={(q) => f.set({ q })}
        onReset={f.values.q ? f.reset : undefined}
        placeholder={t('代码或认可理由', 'Code or reason')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => { setFormError(undefined); setAdding(true); }} data-testid="exception-add">{t('认可历史代码', 'Accept a legacy code')}</Button>}
      />
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="exception-table">
        <Table<UsccException>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t(`共 ${n} 条`, `${n} in all`) }}
          locale={{ emptyText: <Empty description={f.values.q ? t('没有符合条件的历史代码', 'No code matches') : t('尚未认可任何历史代码', 'No legacy code accepted yet')} /> }}
        />
      </div>
      <Modal
        open={adding}
        title={t('认可历史代码', 'Accept a legacy code')}
        okText={t('确认认可', 'Accept')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon style={{ marginBottom: 16 }}
          title={t('只认可经核实确由登记机关赋予的代码。认可后，该代码可在全平台使用，操作记入审计日志。',
            'Only accept a code verified as issued by the registration authority. The acceptance is audited.')} />
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={add} preserve={false}>
          <Form.Item name="code" label={t('统一社会信用代码', 'Unified social credit code')} normalize={(v: string) => v?.toUpperCase().replace(/\s/g, '')}
            rules={[{ required: true, message: t('请输入代码', 'Enter the code') }, { len: 18, message: t('统一社会信用代码应为18位', 'The code has 18 characters') }]}>
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="exception-code" />
          </Form.Item>
          <Form.Item name="reason" label={t('认可理由', 'Reason')} rules={[{ required: true, whitespace: true, message: t('请说明认可理由（如核实依据）', 'Give the reason (e.g. how it was verified)') }, { max: 500, message: t('不能超过500个字符', 'At most 500 characters') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('例如：经核对营业执照原件，系2015年厦门试点赋码', 'e.g. verified against the original licence')} data-testid="exception-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
