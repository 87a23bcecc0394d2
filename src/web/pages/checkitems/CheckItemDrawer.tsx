// One check item: what and how to check, each article of its legal basis with the text
// in force (the cited 款/项 marked), the provision that applies if it fails, and its
// revisions. Staff who may change it edit, deactivate (after a confirmation) or reactivate.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Input, Space, Spin, Tag, Timeline, Tooltip, Typography, type ButtonProps } from 'antd';
import { CheckCircleOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { summaryWarning } from '../laws/labels';
import { articleAnchor } from '../laws/types';
import { CHANGE_LABELS, FIELD_LABELS, type CheckItemDetail } from './types';

type Basis = CheckItemDetail['basis'][number];

function BasisCard({ b }: { b: Basis }) {
  const t = useT();
  if (!b.text) {
    return (
      <Alert type="warning" showIcon style={{ marginBottom: 8 }}
        title={t(`《${b.law}》第${b.article}条：法律法规库中已无现行有效的该条文，请核对并修改法律依据`, `《${b.law}》 art. ${b.article}: no longer in force in the library; check the legal basis`)} />
    );
  }
  const a = b.text;
  const link = `/laws/${a.instrumentId}${qs({ version: a.versionId })}#${articleAnchor(a.article, 0)}`;
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`basis-${b.law}-${b.article}`}
      title={<Space size={4} wrap><Link to={link} data-testid="basis-citation">{b.citation}</Link>
        {a.textStatus === 'summary' && <Tooltip title={summaryWarning(t)}><Tag color="warning">{t('条文摘要', 'Summary')}</Tag></Tooltip>}</Space>}
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`${a.versionDate} 公布的现行版本`, `version of ${a.versionDate}, in force`)}</Typography.Text>}
    >
      <div data-testid="article-text">
        <Typography.Text strong>{a.label}</Typography.Text>{' '}
        {a.paragraphs.map((p) => (
          <Typography.Paragraph key={p.no} style={{ marginBottom: 4 }}>
            {b.paragraph === p.no ? <mark style={{ background: '#ffe58f', padding: 0 }} data-testid="cited-line">{p.text}</mark> : p.text}
          </Typography.Paragraph>
        ))}
      </div>
    </Card>
  );
}

interface Props {
  id: number | undefined;
  onClose(): void;
  onEdit(item: CheckItemDetail): void;
  onChanged(): void;
}

export function CheckItemDrawer({ id, onClose, onEdit, onChanged }: Props) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const detail = useQuery({
    queryKey: ['checkitems', 'detail', id],
    queryFn: () => api.get<CheckItemDetail>(`/api/checkitems/${id}`),
    enabled: id !== undefined,
  });
  const d = detail.data;

  const setActive = async (active: boolean, note: string | null) => {
    setBusy(true);
    try {
      await api.post(`/api/checkitems/${d!.id}/${active ? 'reactivate' : 'deactivate'}`, { revision: d!.revision, note });
      message.success(active ? t('已重新启用', 'Reactivated') : t('已停用', 'Deactivated'));
      await detail.refetch();
      onChanged();
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const confirmDeactivate = () => {
    let note = '';
    modal.confirm({
      title: t(`停用检查事项 ${d!.code}？`, `Deactivate ${d!.code}?`),
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('停用后不再列入新的检查和抽查计划；已有检查记录仍引用该事项，可随时重新启用。', 'It is left out of new inspections and plans; records that cite it keep it, and it can be reactivated.')}</Typography.Text>
          <Input.TextArea placeholder={t('停用原因（可选）', 'Reason (optional)')} maxLength={500} onChange={(e) => { note = e.target.value; }} data-testid="deactivate-note" />
        </Space>
      ),
      okText: t('停用', 'Deactivate'),
      okButtonProps: { danger: true, 'data-testid': 'deactivate-confirm' } as ButtonProps,
      cancelText: t('取消', 'Cancel'),
      onOk: () => setActive(false, note.trim() || null),
    });
  };

  return (
    <Drawer open={id !== undefined} width={860} onClose={onClose} destroyOnHidden
      title={d ? <span data-testid="item-drawer-title">{d.code} {d.title}</span> : t('检查事项', 'Check item')}
      extra={d?.editable && (
        <Space>
          <Button icon={<EditOutlined />} onClick={() => onEdit(d)} data-testid="item-edit">{t('修改', 'Edit')}</Button>
          {d.active
            ? <Button danger icon={<StopOutlined />} loading={busy} onClick={confirmDeactivate} data-testid="item-deactivate">{t('停用', 'Deactivate')}</Button>
            : <Button icon={<CheckCircleOutlined />} loading={busy} onClick={() => setActive(true, null)} data-testid="item-reactivate">{t('重新启用', 'Reactivate')}</Button>}
        </Space>
      )}
    >
      <div data-testid="item-drawer">
        {detail.isError ? <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} /> : !d ? <Spin /> : (
          <>
            {!d.active && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('该检查事项已停用', 'This item is deactivated')} data-testid="item-inactive" />}
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }} items={[
              { key: 'code', label: t('事项编号', 'Code'), children: d.code },
              { key: 'cat', label: t('监管对象类别', 'Category'), children: d.categoryName },
              { key: 'random', label: t('随机抽查事项', 'Random list'), children: d.randomList ? <Tag color="blue">{t('是', 'Yes')}</Tag> : t('否（日常检查）', 'No (routine)') },
              { key: 'status', label: t('状态', 'Status'), children: d.active ? <Tag color="green">{t('有效', 'Active')}</Tag> : <Tag>{t('已停用', 'Inactive')}</Tag> },
              { key: 'org', label: t('所属机构', 'Organisation'), children: d.orgName },
              { key: 'rev', label: t('修订版本', 'Revision'), children: t(`第${d.revision}版`, `rev. ${d.revision}`) },
              { key: 'method', label: t('检查方法', 'How to check'), span: 'filled', children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="item-method-text">{d.method}</Typography.Paragraph> },
            ]} />

            <Typography.Title level={5}>{t('法律依据', 'Legal basis')}</Typography.Title>
            {d.basis.map((b, i) => <BasisCard key={i} b={b} />)}

            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('不合格时适用的处罚条款', 'Penalty provision if it fails')}</Typography.Title>
            {d.provision
              ? (
                <Card size="small" data-testid="item-provision-card">
                  <Descriptions size="small" column={1} items={[
                    { key: 'c', label: t('处罚条款', 'Provision'), children: <Link to={`/discretion/${encodeURIComponent(d.provision.code)}`}>{d.provision.code} {d.provision.title}</Link> },
                    { key: 'p', label: t('处罚依据', 'Penalty article'), children: d.provision.penaltyCitation },
                  ]} />
                </Card>
              )
              : <Typography.Text type="secondary">{t('未关联处罚条款', 'No provision linked')}</Typography.Text>}

            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('修订记录', 'Revisions')}</Typography.Title>
            <Timeline items={d.revisions.map((r) => ({
              key: r.revision,
              content: (
                <span>
                  {t(`第${r.revision}版`, `rev. ${r.revision}`)} · {t(...CHANGE_LABELS[r.change])}
                  {r.changedFields.length > 0 && `（${r.changedFields.map((f) => t(...(FIELD_LABELS[f] ?? [f, f]))).join(t('、', ', '))}）`}
                  {' · '}{r.changedBy ?? t('系统', 'system')} {formatDateTime(r.changedAt)}{r.note ? ` · ${r.note}` : ''}
                </span>
              ),
            }))} />
          </>
        )}
      </div>
    </Drawer>
  );
}
