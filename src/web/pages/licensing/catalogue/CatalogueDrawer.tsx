// One version of a catalogue item: its terms, materials and legal basis, and the history
// of its versions (each can be opened: applications keep the version they were made
// under). On the current version, staff who may change it edit it (a new version),
// publish it to the portal's service guide or withdraw it, and deactivate or reactivate
// it, each after a confirmation.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Space, Spin, Table, Tag, Timeline, Typography, type ButtonProps } from 'antd';
import { CheckCircleOutlined, CloudDownloadOutlined, CloudUploadOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { api } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import { errorMessage, formatDateTime } from '../../../lib/format';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { CATEGORY_LABELS, FIELD_LABELS, KIND_LABELS, LEVEL_LABELS, REPLACEABLE_LABELS, daysText, type CatalogueDetail, type Material } from './types';

interface Props {
  id: number | undefined;
  onOpen(id: number): void;
  onClose(): void;
  onEdit(item: CatalogueDetail): void;
  onChanged(): void;
}

export function CatalogueDrawer({ id, onOpen, onClose, onEdit, onChanged }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const detail = useQuery({
    queryKey: ['licensing', 'catalogue', 'detail', id],
    queryFn: () => api.get<CatalogueDetail>(`/api/licensing/catalogue/${id}`),
    enabled: id !== undefined,
  });
  const d = detail.data;
  const yes = (b: boolean) => (b ? <Tag color="green">{t('可以', 'Yes')}</Tag> : <Tag>{t('否', 'No')}</Tag>);

  const act = async (what: string, path: string, body: unknown, done: string) => {
    setBusy(what);
    try {
      await api.post(`/api/licensing/catalogue/${d!.id}/${path}`, body);
      message.success(done);
      await detail.refetch();
      onChanged();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(undefined);
    }
  };

  const materialColumns = [
    { title: t('编号', 'Code'), dataIndex: 'code', width: 70 },
    { title: t('材料名称', 'Material'), dataIndex: 'name' },
    { title: t('必需', 'Required'), dataIndex: 'required', width: 70, render: (r: boolean) => (r ? t('是', 'Yes') : t('否', 'No')) },
    {
      title: t('免提交', 'Not on paper'), dataIndex: 'replaceable', width: 200,
      render: (r: Material['replaceable'], m: Material) => (r
        ? <Tag color={r === 'e_licence' ? 'blue' : 'cyan'}>{t(...REPLACEABLE_LABELS[r])}{m.licenceName ? `：${m.licenceName}` : ''}</Tag>
        : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];

  return (
    <Drawer open={id !== undefined} width={900} onClose={onClose} destroyOnHidden
      title={d ? <span data-testid="cat-drawer-title">{d.itemCode} {d.name}</span> : t('事项', 'Catalogue item')}
      extra={d?.editable && (
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => onEdit(d)} data-testid="cat-edit">{t('修改（新版本）', 'Edit (new version)')}</Button>
          {d.active && (d.publishedAt
            ? (
              <Popconfirm title={t('从门户网站办事指南撤下该事项？', 'Withdraw it from the portal’s service guide?')} okText={t('撤下', 'Withdraw')} cancelText={t('取消', 'Cancel')}
                okButtonProps={{ 'data-testid': 'cat-unpublish-confirm' } as ButtonProps} onConfirm={() => act('publish', 'unpublish', {}, t('已从办事指南撤下', 'Withdrawn'))}>
                <Button icon={<CloudDownloadOutlined />} loading={busy === 'publish'} data-testid="cat-unpublish">{t('撤下', 'Withdraw')}</Button>
              </Popconfirm>
            )
            : (
              <Popconfirm title={t('将该事项发布到门户网站办事指南？公众即可查看其申请材料、办理时限和设定依据。', 'Publish it to the portal’s service guide?')}
                okText={t('发布', 'Publish')} cancelText={t('取消', 'Cancel')} okButtonProps={{ 'data-testid': 'cat-publish-confirm' } as ButtonProps}
                onConfirm={() => act('publish', 'publish', {}, t('已发布到办事指南', 'Published'))}>
                <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'publish'} data-testid="cat-publish">{t('发布到办事指南', 'Publish')}</Button>
              </Popconfirm>
            ))}
          {d.active
            ? (
              <Popconfirm title={t('停用该事项？停用后不再受理新的申请，并从办事指南撤下；已受理的办件不受影响。', 'Deactivate? No new applications; it leaves the guide.')}
                okText={t('停用', 'Deactivate')} okButtonProps={{ danger: true, 'data-testid': 'cat-deactivate-confirm' } as ButtonProps} cancelText={t('取消', 'Cancel')}
                onConfirm={() => act('active', 'active', { active: false }, t('已停用', 'Deactivated'))}>
                <Button danger icon={<StopOutlined />} loading={busy === 'active'} data-testid="cat-deactivate">{t('停用', 'Deactivate')}</Button>
              </Popconfirm>
            )
            : (
              <Popconfirm title={t('重新启用该事项？', 'Reactivate it?')} okText={t('启用', 'Reactivate')} cancelText={t('取消', 'Cancel')}
                okButtonProps={{ 'data-testid': 'cat-reactivate-confirm' } as ButtonProps} onConfirm={() => act('active', 'active', { active: true }, t('已重新启用', 'Reactivated'))}>
                <Button icon={<CheckCircleOutlined />} loading={busy === 'active'} data-testid="cat-reactivate">{t('重新启用', 'Reactivate')}</Button>
              </Popconfirm>
            )}
        </Space>
      )}
    >
      <div data-testid="cat-drawer">
        {detail.isError ? <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} /> : !d ? <Spin /> : (
          <>
            {!d.isCurrent && (
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="cat-old-version"
                title={t(`这是第${d.version}版（历史版本），仅供查阅；按此版本受理的办件 ${d.applications} 件。`, `Version ${d.version} (superseded), read only; ${d.applications} applications were made under it.`)}
                action={<Button size="small" onClick={() => onOpen(d.versions.find((v) => v.isCurrent)!.id)}>{t('查看现行版本', 'Current version')}</Button>} />
            )}
            {d.isCurrent && !d.active && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('该事项已停用', 'This item is deactivated')} data-testid="cat-inactive" />}
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }} items={[
              { key: 'code', label: t('事项编码', 'Code'), children: d.itemCode },
              { key: 'version', label: t('版本', 'Version'), children: <span data-testid="cat-version">{t(`第${d.version}版`, `version ${d.version}`)}{d.isCurrent ? t('（现行）', ' (current)') : ''}</span> },
              { key: 'cat', label: t('事项类别', 'Category'), children: t(...CATEGORY_LABELS[d.category]) },
              { key: 'kind', label: t('类型 / 层级', 'Kind / level'), children: `${t(...KIND_LABELS[d.kind])} · ${t(...LEVEL_LABELS[d.level])}` },
              { key: 'org', label: t('实施机构', 'Agency'), children: d.orgName },
              {
                key: 'status', label: t('状态', 'Status'), children: !d.isCurrent ? <Tag>{t('历史版本', 'Superseded')}</Tag> : (
                  <Space size={4} wrap>
                    {d.active ? <Tag color="green">{t('有效', 'Active')}</Tag> : <Tag>{t('已停用', 'Inactive')}</Tag>}
                    {d.publishedAt
                      ? <Tag color="blue" data-testid="cat-published">{t('已发布到办事指南', 'On the guide')}</Tag>
                      : <Tag data-testid="cat-unpublished">{t('未公开', 'Not published')}</Tag>}
                    {d.publishedAt && <Link to={`/portal/service-guide/${encodeURIComponent(d.itemCode)}`} target="_blank">{t('查看办事指南', 'Open the guide')}</Link>}
                  </Space>
                ),
              },
              { key: 'stat', label: t('法定办结时限', 'Statutory limit'), children: daysText(d.statutoryDays, t) },
              { key: 'prom', label: t('承诺办结时限', 'Promised time'), children: <span data-testid="cat-promised-text">{daysText(d.promisedDays, t)}</span> },
              { key: 'online', label: t('网上办理', 'Online'), children: yes(d.online) },
              { key: 'fee', label: t('收费', 'Fee'), children: d.fee },
              { key: 'commit', label: t('告知承诺', 'Commitment'), children: yes(d.commitmentAllowed) },
              { key: 'def', label: t('容缺受理', 'Deficiency acceptance'), children: yes(d.deficiencyAllowed) },
              { key: 'lic', label: t('发放证照', 'Licence'), children: d.licenceName ? `${d.licenceName}${d.licenceValidYears ? t(`（有效期${d.licenceValidYears}年）`, ` (${d.licenceValidYears} years)`) : t('（长期）', ' (no expiry)')}` : '—' },
              { key: 'rem', label: t('到期前提醒', 'Reminders'), children: d.licenceName ? d.reminderDays.map((n) => t(`${n}天`, `${n} days`)).join(t('、', ', ')) : '—' },
              { key: 'basis', label: t('设定依据', 'Legal basis'), span: 'filled' as const, children: <span data-testid="cat-basis-text">{d.legalBasis}</span> },
              ...(d.basis.length ? [{
                key: 'cites', label: t('关联条文', 'Articles'), span: 'filled' as const,
                children: d.basis.map((b, i) => <div key={i}>{b.citation ?? <Typography.Text type="warning">{t(`《${b.law}》第${b.article}条：法律法规库中已无现行有效条文`, `《${b.law}》 art. ${b.article}: not in force`)}</Typography.Text>}</div>),
              }] : []),
            ]} />

            <Typography.Title level={5}>{t('申请材料', 'Application materials')}</Typography.Title>
            <Table<Material> rowKey="code" size="small" pagination={false} columns={materialColumns} dataSource={d.materials} style={{ marginBottom: 16 }}
              locale={{ emptyText: t('无需提交材料', 'No materials') }} data-testid="cat-materials-table" />

            <Typography.Title level={5}>{t('版本记录', 'Versions')}</Typography.Title>
            <div data-testid="cat-versions">
              <Timeline items={d.versions.map((v) => ({
                key: v.id,
                color: v.isCurrent ? 'green' : 'gray',
                content: (
                  <span data-testid={`cat-version-${v.version}`}>
                    {v.id === d.id ? <Typography.Text strong>{t(`第${v.version}版`, `version ${v.version}`)}</Typography.Text>
                      : <Typography.Link onClick={() => onOpen(v.id)}>{t(`第${v.version}版`, `version ${v.version}`)}</Typography.Link>}
                    {v.isCurrent && <Tag color="green" style={{ marginInlineStart: 6 }}>{t('现行', 'current')}</Tag>}
                    {v.changedFields.length > 0 && `（${v.changedFields.map((f) => t(...(FIELD_LABELS[f] ?? [f, f]))).join(t('、', ', '))}）`}
                    {' · '}{v.createdBy ?? t('系统', 'system')} {formatDateTime(v.createdAt)}{v.changeNote ? ` · ${v.changeNote}` : ''}
                  </span>
                ),
              }))} />
            </div>
          </>
        )}
      </div>
    </Drawer>
  );
}
