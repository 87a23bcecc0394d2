// 电子证照详情: the licence's particulars, the result of verifying its SM2 signatures, the
// QR code of its public verification page (and a link to it), 打印证照 (the Word
// document with the QR code), its history, the licences before and after it and the
// application it was issued on. The issuing body (licensing.decide) changes, renews or
// re-issues a valid licence (a new licence supersedes it), cancels or revokes it.
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Spin, Timeline, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import QRCode from 'qrcode';
import { Link, useNavigate, useParams } from 'react-router';
import { api, download, qs } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { useT, type Translate } from '../../../lib/i18n';
import { errorMessage, formatDateTime } from '../../../lib/format';
import { useServerToday } from '../../../lib/queries';
import type { Paged } from '../../../lib/types';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { CaseSummary } from '../../cases/types';
import { LICENCE_EVENT_NAMES, type LicenceDetail } from '../types';
import { LicenceStatusTag } from '../parts';

type Action = 'changed' | 'renewed' | 'reissued' | 'cancel' | 'revoke';

const ACTIONS: { id: Action; zh: string; en: string; testId: string; danger?: boolean }[] = [
  { id: 'changed', zh: '变更', en: 'Change', testId: 'licence-change' },
  { id: 'renewed', zh: '延续', en: 'Renew', testId: 'licence-renew' },
  { id: 'reissued', zh: '补发', en: 'Re-issue', testId: 'licence-reissue' },
  { id: 'cancel', zh: '注销', en: 'Cancel', testId: 'licence-cancel', danger: true },
  { id: 'revoke', zh: '撤销', en: 'Revoke', testId: 'licence-revoke', danger: true },
];

interface ActionForm { reason: string; holderName?: string; scope?: string; address?: string; validTo?: Dayjs; caseId?: number }

function actionText(a: Action, l: LicenceDetail, t: Translate): { title: string; intro: string; confirm: string } {
  switch (a) {
    case 'changed': return {
      title: t('变更证照', 'Change the licence'), intro: t('变更持证人名称、许可范围或地址：签发新证照，原证照标记为已换发。', 'Change the holder’s name, the scope or the address: a new licence is issued and supersedes this one.'),
      confirm: t('确认变更？将签发新证照，原证照同时失效。', 'Change it? A new licence is issued and this one is superseded.'),
    };
    case 'renewed': return {
      title: t('延续证照', 'Renew the licence'), intro: t(`延续有效期：新证照自原有效期届满次日（${dayjs(l.validTo).add(1, 'day').format('YYYY-MM-DD')}）或今天起算。`, 'The new licence runs from the day after this one ends (or today).'),
      confirm: t('确认延续？将签发新证照，原证照标记为已换发。', 'Renew it? A new licence is issued and this one is superseded.'),
    };
    case 'reissued': return {
      title: t('补发证照', 'Re-issue the licence'), intro: t('证照遗失或损毁的，以新编号补发，内容不变。', 'A lost or damaged licence is re-issued under a new number, unchanged.'),
      confirm: t('确认补发？将以新编号签发，原证照标记为已换发。', 'Re-issue it? A new number is issued and this one is superseded.'),
    };
    case 'cancel': return {
      title: t('注销证照', 'Cancel the licence'), intro: t('持证人申请注销、歇业或有效期届满未延续等，依法办理注销手续（《行政许可法》第七十条）。', 'Cancelled on the holder’s request, closure, or expiry without renewal (Administrative Licensing Law art. 70).'),
      confirm: t('确认注销？注销后证照失效，核验页面将显示“已注销”。此操作不能撤回。', 'Cancel it? The licence ends and the verification page says so. This cannot be undone.'),
    };
    default: return {
      title: t('撤销（吊销）证照', 'Revoke the licence'), intro: t('依据行政处罚决定吊销，或依法撤销行政许可（《行政许可法》第六十九条）。可关联据以作出的处罚案件。', 'Revoked by a penalty decision or under art. 69; the penalty case may be linked.'),
      confirm: t('确认撤销？证照立即失效，核验页面将显示“已撤销”。此操作不能撤回。', 'Revoke it? The licence ends at once and the verification page says so. This cannot be undone.'),
    };
  }
}

/** A decided penalty case of the holder, searched by case number or party. */
function CaseSelect({ holder, value, onChange, id }: { holder: string; value?: number; onChange?: (v: number | undefined) => void; id?: string }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const cases = useQuery({
    queryKey: ['cases', 'picker', search || holder],
    queryFn: () => api.get<Paged<CaseSummary>>(`/api/cases${qs({ q: search || holder, pageSize: 20 })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Select id={id} allowClear value={value} onChange={onChange} loading={cases.isFetching} data-testid="licence-action-case"
      showSearch={{ filterOption: false, onSearch: setSearch }} placeholder={t('输入案号或当事人查找（可不选）', 'Type a case no. or party (optional)')}
      notFoundContent={t('没有符合条件的案件', 'No matching case')}
      options={(cases.data?.rows ?? []).map((c) => ({ value: c.id, label: `${c.caseNo} ${c.partyName}（${c.stateName}）` }))} />
  );
}

function ActionModal({ action, l, onClose, onDone }: { action: Action; l: LicenceDetail; onClose(): void; onDone(next: LicenceDetail): void }) {
  const t = useT();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const [form] = Form.useForm<ActionForm>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const today = useServerToday().data;
  const text = actionText(action, l, t);
  const replace = action === 'changed' || action === 'renewed' || action === 'reissued';

  const send = async (v: ActionForm) => {
    setSaving(true);
    setError(undefined);
    try {
      const body = replace
        ? { kind: action, reason: v.reason, ...(action === 'changed' ? { holderName: v.holderName, scope: v.scope, address: v.address } : {}), ...(v.validTo ? { validTo: v.validTo.format('YYYY-MM-DD') } : {}) }
        : { reason: v.reason, ...(v.caseId ? { caseId: v.caseId } : {}) };
      onDone(await api.post<LicenceDetail>(`/api/licensing/licences/${l.id}/${replace ? 'replace' : action}`, body));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };
  const submit = (v: ActionForm) => modal.confirm({
    title: text.title, content: text.confirm, okText: t('确定', 'Confirm'), cancelText: t('取消', 'Cancel'),
    okButtonProps: { danger: action === 'cancel' || action === 'revoke', 'data-testid': 'licence-action-confirm' } as never,
    onOk: () => send(v),
  });
  const minRenewal = dayjs(l.validTo).add(1, 'day');
  return (
    <Modal open width={600} title={`${text.title} · ${l.licenceNo}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden
      okText={t('确定', 'Confirm')} cancelText={t('取消', 'Cancel')} okButtonProps={{ danger: action === 'cancel' || action === 'revoke', 'data-testid': 'licence-action-submit' } as never}>
      <Typography.Paragraph type="secondary">{text.intro}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="licence-action-error" />}
      <Form<ActionForm> form={form} layout="vertical" onFinish={submit}
        initialValues={action === 'changed' ? { holderName: l.holderName, scope: l.scope, address: l.address } : {}}>
        {action === 'changed' && (
          <>
            <Form.Item name="holderName" label={t('持证人名称', 'Holder')} rules={[{ required: true, whitespace: true, message: t('请填写持证人名称', 'Enter the holder') }]}>
              <Input maxLength={100} data-testid="licence-action-holder" />
            </Form.Item>
            <Form.Item name="scope" label={t('许可范围', 'Scope')}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="licence-action-scope" /></Form.Item>
            <Form.Item name="address" label={t('地址', 'Address')}><Input maxLength={200} data-testid="licence-action-address" /></Form.Item>
          </>
        )}
        {action === 'renewed' && (
          <Form.Item name="validTo" label={t('新的有效期至', 'New expiry date')} rules={[{ required: true, message: t('请选择新的有效期截止日期', 'Choose the new expiry date') }]}>
            <DatePicker disabledDate={(d) => !d.isAfter(today && dayjs(today).isAfter(minRenewal) ? dayjs(today) : minRenewal, 'day')} data-testid="licence-action-validTo" />
          </Form.Item>
        )}
        {action === 'revoke' && can('cases.read') && (
          <Form.Item name="caseId" label={t('据以撤销的行政处罚案件（可选）', 'The penalty case (optional)')}>
            <CaseSelect holder={l.holderName} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={replace ? t('办理理由', 'Reason') : t('理由', 'Reason')} rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Enter the reason') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount data-testid="licence-action-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function QrCard({ l }: { l: LicenceDetail }) {
  const t = useT();
  const url = `${window.location.origin}/portal/verify/licence/${l.verifyToken}`;
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { margin: 1, width: 200, errorCorrectionLevel: 'M' }).then((d) => { if (live) setSrc(d); }, () => { if (live) setSrc(undefined); });
    return () => { live = false; };
  }, [url]);
  return (
    <Card size="small" title={t('核验二维码', 'Verification QR code')} style={{ marginBottom: 12 }}
      extra={<Button icon={<PrinterOutlined />} onClick={() => download(`/api/licensing/licences/${l.id}/document`)} data-testid="licence-print">{t('打印证照', 'Print')}</Button>}>
      <Space orientation="vertical" align="center" style={{ width: '100%' }}>
        {src ? <img src={src} width={180} height={180} alt={t('电子证照核验二维码', 'QR code of the verification page')} data-testid="licence-qr" /> : <Spin />}
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>{t('扫码或打开下面的地址，核验证照真伪和当前状态', 'Scan or open the address to verify the licence and its status')}</Typography.Text>
        <Typography.Link href={url} target="_blank" rel="noopener" copyable={{ text: url }} style={{ wordBreak: 'break-all' }} data-testid="licence-verify-link">{url}</Typography.Link>
      </Space>
    </Card>
  );
}

export function LicenceDetailPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: ['licensing', 'licence', id], queryFn: () => api.get<LicenceDetail>(`/api/licensing/licences/${id}`) });
  const [action, setAction] = useState<Action>();
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data) return <Spin />;
  const l = detail.data;
  const done = (next: LicenceDetail) => {
    setAction(undefined);
    void qc.invalidateQueries({ queryKey: ['licensing'] });
    void qc.invalidateQueries({ queryKey: ['home', 'todos'] });
    if (next.id !== l.id) {
      message.success(t(`已签发新证照 ${next.licenceNo}`, `New licence ${next.licenceNo} issued`));
      navigate(`/licensing/licences/${next.id}`);
    } else {
      qc.setQueryData(['licensing', 'licence', id], next);
      message.success(t('已办理', 'Done'));
    }
  };
  const v = l.verification;
  // A valid licence may be changed, renewed, re-issued, cancelled or revoked; one past its
  // date is still valid in the register until dealt with: renewed, or cancelled (《行政许可法》第七十条第一项).
  const actions = l.status === 'valid' ? ACTIONS : l.status === 'expired' ? ACTIONS.filter((a) => a.id === 'renewed' || a.id === 'cancel') : [];

  return (
    <div>
      <PageHeader back="/licensing/licences"
        title={<span><span data-testid="licence-no">{l.licenceNo}</span> <Typography.Text type="secondary" style={{ fontSize: 16 }}>{l.licenceName}</Typography.Text></span>}
        subtitle={<Space wrap><LicenceStatusTag status={l.status} testId="licence-status" />{l.status === 'valid' && <span>{t(`有效期至${l.validTo}，剩${l.daysLeft}天`, `Valid to ${l.validTo}, ${l.daysLeft} days left`)}</span>}</Space>}
        extra={can('licensing.decide') && actions.length > 0 ? (
          <Space wrap>
            {actions.map((a) => <Button key={a.id} danger={a.danger} onClick={() => setAction(a.id)} data-testid={a.testId}>{t(a.zh, a.en)}</Button>)}
          </Space>
        ) : undefined} />
      {v.authentic ? (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="licence-verification" data-authentic="true"
          title={t('签名验证通过', 'Signatures verified')}
          description={t('证照数据和状态与签发机关SM2签名时一致。', 'The licence and its status are what the issuing body signed with SM2.')} />
      ) : (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="licence-verification" data-authentic="false"
          title={t('签名验证未通过：证照数据可能被篡改', 'Verification failed: the data may have been altered')}
          description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{v.problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('证照信息', 'Particulars')} style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'n', label: t('证照名称', 'Licence'), children: l.licenceName },
              { key: 'no', label: t('证照编号', 'Number'), children: l.licenceNo },
              { key: 'h', label: t('持证人', 'Holder'), children: <span data-testid="licence-holder">{l.entityId ? <Link to={`/entities/${l.entityId}`}>{l.holderName}</Link> : l.holderName}</span> },
              { key: 'u', label: t('统一社会信用代码', 'Credit code'), children: l.holderUscc ?? '—' },
              { key: 's', label: t('许可范围', 'Scope'), children: l.scope || '—', span: 'filled' as const },
              { key: 'a', label: t('地址', 'Address'), children: l.address || '—', span: 'filled' as const },
              { key: 'o', label: t('发证机关', 'Issued by'), children: l.orgName },
              { key: 'i', label: t('发证日期', 'Issued on'), children: l.issuedOn },
              { key: 'v', label: t('有效期', 'Valid'), children: `${l.validFrom} 至 ${l.validTo}` },
              { key: 'it', label: t('事项编码', 'Item'), children: l.itemCode ?? '—' },
              ...(l.status !== 'valid' && l.statusOn ? [{ key: 'st', label: t('状态变更', 'Status change'), children: `${l.statusOn} ${l.statusReason ?? ''}`, span: 'filled' as const }] : []),
            ]} />
            <Space wrap style={{ marginTop: 8 }}>
              {l.applicationId && <Link to={`/licensing/applications/${l.applicationId}`} data-testid="licence-application">{t('查看办件', 'The application')}</Link>}
              {l.previousId && <Link to={`/licensing/licences/${l.previousId}`} data-testid="licence-previous">{t('上一张证照（被本证替代）', 'Previous licence')}</Link>}
              {l.nextId && <Link to={`/licensing/licences/${l.nextId}`} data-testid="licence-next">{t('换发后的新证照', 'The licence that replaced it')}</Link>}
            </Space>
          </Card>
          <Card size="small" title={t('证照历史', 'History')} style={{ marginBottom: 12 }} data-testid="licence-events">
            <Timeline items={l.events.map((e, i) => {
              const [zh, en] = LICENCE_EVENT_NAMES[e.kind] ?? [e.kind, e.kind];
              return {
                key: i,
                color: e.kind === 'revoked' || e.kind === 'commitment_false' ? 'red' : e.kind === 'cancelled' ? 'gray' : 'blue',
                content: (
                  <span>
                    <b>{t(zh, en)}</b> · {e.onDate} · {e.actorName} · {formatDateTime(e.at)}
                    {e.reason && <Typography.Text type="secondary"> · {e.reason}</Typography.Text>}
                    {e.caseId && <> · <Link to={`/cases/${e.caseId}`}>{t('处罚案件', 'Penalty case')}</Link></>}
                  </span>
                ),
              };
            })} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <QrCard l={l} />
          <Card size="small" title={t('电子签名', 'Signature')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>{t('签名算法：SM2（国密）', 'Algorithm: SM2')}</Typography.Paragraph>
            <Typography.Paragraph style={{ fontFamily: 'monospace', fontSize: 11, wordBreak: 'break-all', marginBottom: 0 }} ellipsis={{ rows: 3, expandable: true }}>{l.signature}</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      {action && <ActionModal action={action} l={l} onClose={() => setAction(undefined)} onDone={done} />}
    </div>
  );
}
