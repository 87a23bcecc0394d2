import { useParams, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Result, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, ApiError } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { formatDateTime } from '../../lib/format';
import { ENTITY_CATEGORY_LABELS, labelOf } from '../../lib/labels';
import type { EntityDetail, HistoryEntry } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { BlacklistTag, CreditTag, RiskTag } from '../../components/Tags';
import { JsonBlock, changedKeys } from '../../components/JsonBlock';
import { DERIVED_FIELDS, entityActionLabel, entityFieldLabel, formatFieldValue } from './fields';
import { EntityVisitsCard } from '../inspections/EntityVisitsCard';
import { CreditCard } from './CreditCard';

export function EntityDetailPage() {
  const { id } = useParams();
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const entity = useQuery({ queryKey: ['entity', id], queryFn: () => api.get<EntityDetail>(`/api/entities/${id}`) });

  if (entity.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (entity.error instanceof ApiError && entity.error.status === 404) {
    return <Result status="404" title={t('监管对象不存在或不在您的数据范围内', 'Entity not found or outside your data scope')}
      extra={<Button onClick={() => navigate('/entities')}>{t('返回名录', 'Back to the directory')}</Button>} />;
  }
  if (entity.error || !entity.data) return <ErrorAlert error={entity.error} onRetry={() => entity.refetch()} />;
  const e = entity.data;

  const historyColumns: ColumnsType<HistoryEntry> = [
    { title: t('时间', 'Time'), dataIndex: 'at', width: 160, render: formatDateTime },
    { title: t('操作人', 'By'), dataIndex: 'username', width: 120 },
    { title: t('操作', 'Action'), dataIndex: 'action', width: 90, render: (a: string) => <Tag>{entityActionLabel(a, t)}</Tag> },
    {
      title: t('变更内容', 'Changes'), key: 'changes',
      render: (_, h) => {
        if (!h.before) return <Typography.Text type="secondary">{t('登记入库', 'Registered')}</Typography.Text>;
        const keys = changedKeys(h.before, h.after).filter((k) => !DERIVED_FIELDS.has(k));
        if (keys.length === 0) return <Typography.Text type="secondary">{t('无字段变化', 'No field changed')}</Typography.Text>;
        const b = h.before as Record<string, unknown>;
        const a = (h.after ?? {}) as Record<string, unknown>;
        return (
          <Space orientation="vertical" size={0}>
            {keys.map((k) => (
              <span key={k}>
                <Typography.Text strong>{entityFieldLabel(k, t)}</Typography.Text>：
                <Typography.Text delete type="secondary">{formatFieldValue(b[k], t)}</Typography.Text> → {formatFieldValue(a[k], t)}
              </span>
            ))}
          </Space>
        );
      },
    },
  ];

  return (
    <div>
      <PageHeader
        back="/entities"
        title={e.name}
        subtitle={<Space wrap><span>{t('统一社会信用代码', 'USCC')}：<Typography.Text copyable style={{ fontFamily: 'monospace' }}>{e.uscc}</Typography.Text></span>{e.legacyCode && <Tag color="gold">{t('历史代码（已认可）', 'Accepted legacy code')}</Tag>}</Space>}
        extra={can('entities.write') && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/entities/${e.id}/edit`)} data-testid="entity-edit">{t('修改', 'Edit')}</Button>
        )}
      />
      <Card title={t('基本信息', 'Details')} style={{ marginBottom: 16 }} data-testid="entity-detail">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          bordered
          size="small"
          items={[
            { key: 'name', label: t('名称', 'Name'), children: e.name },
            { key: 'uscc', label: t('统一社会信用代码', 'USCC'), children: <span style={{ fontFamily: 'monospace' }}>{e.uscc}</span> },
            { key: 'category', label: t('类别', 'Category'), children: labelOf(ENTITY_CATEGORY_LABELS, e.category, t) },
            { key: 'region', label: t('行政区划', 'Region'), children: <>{e.regionName ?? ''} <Typography.Text type="secondary">（{e.regionCode}）</Typography.Text></> },
            { key: 'address', label: t('地址', 'Address'), children: e.address, span: 2 },
            { key: 'legalRep', label: t('法定代表人/负责人', 'Legal representative'), children: e.legalRep ?? <Typography.Text type="secondary">{t('未登记', 'Not recorded')}</Typography.Text> },
            { key: 'org', label: t('监管机构', 'Supervising organisation'), children: e.orgName },
            { key: 'risk', label: t('风险等级', 'Risk class'), children: <RiskTag value={e.riskClass} /> },
            {
              key: 'credit', label: t('信用等级', 'Credit grade'),
              children: <Space size={0}><CreditTag value={e.creditGrade} /><BlacklistTag value={e.blacklisted} /></Space>,
            },
            {
              key: 'blacklisted', label: t('严重失信主体名单', 'Seriously untrustworthy list'),
              children: e.blacklisted
                ? <Tooltip title={t('列入名单的监管对象每年至少检查四次', 'Blacklisted entities are inspected at least four times a year')}><Tag color="red">{t('已列入', 'Listed')}</Tag></Tooltip>
                : t('未列入', 'Not listed'),
            },
            { key: 'created', label: t('登记时间', 'Registered'), children: formatDateTime(e.createdAt) },
            { key: 'updated', label: t('最近更新', 'Last updated'), children: formatDateTime(e.updatedAt) },
          ]}
        />
      </Card>
      <CreditCard entityId={e.id} />
      {can('inspections.read') && <EntityVisitsCard entityId={e.id} uscc={e.uscc} />}
      <Card title={t('变更记录', 'Change history')} extra={<Typography.Text type="secondary">{t('最近50条，来自审计日志', 'Latest 50, from the audit log')}</Typography.Text>} data-testid="entity-history">
        <Table<HistoryEntry>
          rowKey={(h) => `${h.at}-${h.action}`}
          size="small"
          columns={historyColumns}
          dataSource={e.history}
          pagination={e.history.length > 10 ? { pageSize: 10 } : false}
          expandable={{
            expandedRowRender: (h) => (
              <Space align="start" style={{ width: '100%' }} styles={{ item: { flex: 1, minWidth: 0 } }}>
                <div><Typography.Text type="secondary">{t('变更前', 'Before')}</Typography.Text><JsonBlock value={h.before} /></div>
                <div><Typography.Text type="secondary">{t('变更后', 'After')}</Typography.Text><JsonBlock value={h.after} /></div>
              </Space>
            ),
          }}
          locale={{ emptyText: <Empty description={t('暂无逐条变更记录。批量导入和初始化数据只在审计日志中整批记录。', 'No change recorded for this entity. Imports and the initial data are logged as whole batches in the audit log.')} /> }}
        />
      </Card>
    </div>
  );
}
