import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/urlState';
import type { AuditEntry, AuditVerify, Paged } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JsonBlock } from '../../components/JsonBlock';
import { tablePagination } from '../../components/pagination';
import { OBJECT_TYPE_CODES, actionLabel, objectTypeLabel } from './labels';

const FILTERS = ['from', 'to', 'username', 'action', 'objectType', 'objectId'] as const;

export function AuditPage() {
  const t = useT();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const list = useQuery({
    queryKey: ['audit', f.query],
    queryFn: () => api.get<Paged<AuditEntry>>(`/api/audit${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const actions = useQuery({ queryKey: ['audit', 'actions'], queryFn: () => api.get<string[]>('/api/audit/actions'), staleTime: 60_000 });
  const [objectId, setObjectId] = useState(v.objectId ?? '');
  const [verify, setVerify] = useState<{ busy: boolean; result?: AuditVerify; error?: string }>({ busy: false });

  const runVerify = async () => {
    setVerify({ busy: true });
    try {
      setVerify({ busy: false, result: await api.get<AuditVerify>('/api/audit/verify') });
    } catch (err) {
      setVerify({ busy: false, error: errorMessage(err, t) });
    }
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: t('编号', 'No.'), dataIndex: 'id', width: 80 },
    { title: t('时间', 'Time'), dataIndex: 'at', width: 150, render: formatDateTime },
    { title: t('操作人', 'User'), dataIndex: 'username', width: 110 },
    { title: t('所属机构', 'Organisation'), dataIndex: 'orgName', width: 180, ellipsis: true, render: (n: string | null) => n ?? '—' },
    { title: t('操作', 'Action'), dataIndex: 'action', width: 200, render: (a: string) => <Space size={4} orientation="vertical"><span>{actionLabel(a, t)}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a}</Typography.Text></Space> },
    { title: t('对象', 'Object'), key: 'object', width: 190, render: (_, e) => <span>{objectTypeLabel(e.objectType, t)}{e.objectId !== null && <Typography.Text code>{e.objectId}</Typography.Text>}</span> },
    { title: 'IP', dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
  ];

  const filtered = Object.keys(v).length > 0;
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null = v.from || v.to ? [v.from ? dayjs(v.from) : null, v.to ? dayjs(v.to) : null] : null;

  return (
    <div>
      <PageHeader
        title={t('审计日志', 'Audit log')}
        subtitle={t('每一次写操作都在同一事务中记入审计日志，各条记录以哈希链相连，任何篡改都能被发现。', 'Every change is logged in the same transaction; entries are hash-chained so any tampering shows.')}
        extra={<Button icon={<SafetyOutlined />} loading={verify.busy} onClick={runVerify} data-testid="audit-verify">{t('校验哈希链', 'Verify the hash chain')}</Button>}
      />
      {(verify.result || verify.error) && (
        <div data-testid="audit-verify-result" data-ok={verify.result ? String(verify.result.ok) : 'error'}>
          {verify.error ? <Alert type="error" showIcon closable title={verify.error} style={{ marginBottom: 16 }} /> : verify.result!.ok ? (
            <Alert type="success" showIcon closable style={{ marginBottom: 16 }}
              title={t(`哈希链完整：已校验 ${verify.result!.checked.toLocaleString('zh-CN')} 条记录，未发现篡改。`, `Chain intact: ${verify.result!.checked.toLocaleString('en')} entries checked, no tampering found.`)} />
          ) : (
            <Alert type="error" showIcon closable style={{ marginBottom: 16 }}
              title={t(`哈希链断裂：第一条异常记录编号 ${verify.result!.firstBroken?.id ?? '?'}`, `Chain broken: first bad entry no. ${verify.result!.firstBroken?.id ?? '?'}`)}
              description={<>
                <div>{verify.result!.firstBroken?.reason}</div>
                <div>{t(`已校验 ${verify.result!.checked} 条。请立即报告安全负责人，并保留数据库备份以便核查。`, `${verify.result!.checked} entries checked. Report it to the security officer and keep a database backup.`)}</div>
              </>}
            />
          )}
        </div>
      )}
      <SearchBar
        value={v.username}
        onSearch={(username) => f.set({ username, objectId: objectId.trim() })}
        onReset={filtered ? () => { setObjectId(''); f.reset(); } : undefined}
        placeholder={t('用户名（部分即可）', 'Username (part)')}
        width={180}
      >
        <DatePicker.RangePicker
          data-testid="audit-range"
          value={range}
          allowEmpty={[true, true]}
          onChange={(r) => f.set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('开始日期', 'From'), t('结束日期', 'To')]}
        />
        <Select data-testid="audit-action" allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('操作类型', 'Action')} style={{ width: 190 }} value={v.action} popupMatchSelectWidth={false}
          loading={actions.isLoading} options={(actions.data ?? []).map((a) => ({ value: a, label: `${actionLabel(a, t)}（${a}）` }))} onChange={(x) => f.set({ action: x })} />
        <Select allowClear placeholder={t('对象类型', 'Object type')} style={{ width: 140 }} value={v.objectType} popupMatchSelectWidth={false}
          options={OBJECT_TYPE_CODES.map((c) => ({ value: c, label: objectTypeLabel(c, t) }))} onChange={(x) => f.set({ objectType: x })} />
        <Input placeholder={t('对象编号', 'Object id')} style={{ width: 120 }} value={objectId} onChange={(e) => setObjectId(e.target.value)}
          onPressEnter={() => f.set({ objectId: objectId.trim() })} maxLength={100} allowClear data-testid="audit-object-id" />
      </SearchBar>
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
      <div data-testid="audit-table">
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.rows}
          loading={list.isFetching}
          pagination={tablePagination(f, list.data, t)}
          scroll={{ x: 1100 }}
          expandable={{
            expandedRowRender: (e) => (
              <div>
                <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
                  <div><Typography.Text type="secondary">{t('变更前', 'Before')}</Typography.Text><JsonBlock value={e.before} /></div>
                  <div><Typography.Text type="secondary">{t('变更后', 'After')}</Typography.Text><JsonBlock value={e.after} /></div>
                </div>
                <div style={{ marginTop: 8, fontSize: 12 }}>
                  <Tag>hash</Tag><Typography.Text code copyable style={{ fontSize: 12 }}>{e.hash}</Typography.Text><br />
                  <Tag>prev</Tag><Typography.Text code style={{ fontSize: 12 }}>{e.prevHash}</Typography.Text>
                </div>
              </div>
            ),
          }}
          locale={{ emptyText: <Empty description={filtered ? t('没有符合条件的记录', 'No entry matches') : t('暂无审计记录', 'No entry yet')} /> }}
        />
      </div>
    </div>
  );
}
