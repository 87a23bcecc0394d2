// Verifying an electronic licence (电子证照核验), no login. /portal/verify/licence/:token is
// the address in the licence's QR code; /portal/verify/licence looks a licence up by its
// number (?licenceNo= fills and runs the form). The server checks the issuer's SM2
// signature over the licence's data and over its current status; the page says it in
// one big line — 证照真实有效 (green) when authentic and valid; expired, cancelled or
// superseded (orange) or revoked (red) with the date and reason, and for a superseded
// licence the number of the one replacing it; 核验未通过 (red) with the problems when
// the data or the status do not match their signatures — then the particulars, the
// issuer, the algorithm and the signature (folded away).
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Form, Input, Result, Skeleton, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../lib/api';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { usePhone } from '../../layout/useScreen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LicensingPortalLayout } from './LicensingPortalLayout';
import type { PublicVerification } from './types';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' as const };

export function LicenceVerifyPage() {
  const { token } = useParams();
  return (
    <LicensingPortalLayout>
      {token ? <Verification key={token} token={token} /> : <Lookup />}
    </LicensingPortalLayout>
  );
}

function Lookup() {
  const t = useT();
  const phone = usePhone();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const given = params.get('licenceNo') ?? '';
  const [form] = Form.useForm<{ licenceNo: string }>();
  const find = useMutation({
    mutationFn: (licenceNo: string) => api.get<{ token: string }>(`/api/public/licences/lookup?licenceNo=${encodeURIComponent(licenceNo)}`),
    onSuccess: (r) => navigate(`/portal/verify/licence/${r.token}`),
  });
  const { mutate } = find;
  useEffect(() => { if (given.trim()) mutate(given.trim()); }, [given, mutate]);
  return (
    <Card data-testid="verify-lookup">
      <Typography.Title level={phone ? 4 : 3} style={{ marginTop: 0 }}>
        <SafetyCertificateOutlined style={{ color: '#1f5fbf', marginRight: 8 }} />{t('电子证照核验', 'Verify an electronic licence')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('扫描证照上的二维码即可直接核验；也可以输入证照编号查询。核验时验证发证机关的SM2电子签名，确认证照内容未被篡改，并显示证照当前状态（有效、过期、注销、撤销或换发）。',
          'Scan the QR code on the licence, or enter its number. The issuer’s SM2 signature is checked, so the data are known to be unaltered, and the licence’s current status is shown.')}
      </Typography.Paragraph>
      <Form form={form} layout={phone ? 'vertical' : 'inline'} initialValues={{ licenceNo: given }} onFinish={(v) => mutate(v.licenceNo.trim())}>
        <Form.Item name="licenceNo" style={{ flex: phone ? undefined : '0 1 420px', marginBottom: phone ? 12 : 0 }}
          rules={[{ required: true, whitespace: true, message: t('请输入证照编号', 'Enter the licence number') }, { max: 60, message: t('证照编号不能超过60个字符', 'At most 60 characters') }]}>
          <Input size="large" maxLength={60} placeholder={t('证照编号，如 JX-WJW-2026-000001', 'Licence number')} style={{ fontFamily: mono.fontFamily }} data-testid="verify-licence-no" />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" size="large" htmlType="submit" loading={find.isPending} block={phone} data-testid="verify-licence-submit">{t('核验', 'Verify')}</Button>
        </Form.Item>
      </Form>
      {find.error && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} data-testid="verify-lookup-error"
          title={errorMessage(find.error, t)}
          description={find.error instanceof ApiError && find.error.status === 404
            ? t('请核对证照编号。本平台只能核验由本平台签发或登记的电子证照。', 'Check the number. Only licences issued or registered on this platform can be verified here.') : undefined} />
      )}
    </Card>
  );
}

interface Verdict { tone: 'ok' | 'warn' | 'bad'; title: string; detail: string | null; facts: [string, string][] }

function verdictOf(v: PublicVerification, t: Translate): Verdict {
  if (!v.authentic) {
    return { tone: 'bad', title: t('核验未通过', 'Verification failed'), detail: t('证照数据或状态与发证机关的电子签名不符，可能被篡改。请勿采信本证照，并向发证机关核实。', 'The data or status do not match the issuer’s signature and may have been altered. Do not rely on this licence; ask the issuer.'), facts: [] };
  }
  const ended = (what: [string, string]): [string, string][] => [
    ...(v.statusOn ? [[t(`${what[0]}日期`, what[1]), v.statusOn] as [string, string]] : []),
    ...(v.statusReason ? [[t('原因', 'Reason'), v.statusReason] as [string, string]] : []),
  ];
  switch (v.status) {
    case 'valid':
      return { tone: 'ok', title: t('证照真实有效', 'Authentic and valid'), detail: t('发证机关的电子签名验证通过，证照内容未被篡改，当前有效。', 'The issuer’s signature verifies: the data are unaltered and the licence is in force.'), facts: [[t('有效期至', 'Valid until'), v.validTo]] };
    case 'expired':
      return { tone: 'warn', title: t('证照已过期', 'Expired'), detail: t('电子签名验证通过，但证照有效期已届满，不再有效。', 'The signature verifies, but the licence has expired.'), facts: [[t('有效期至', 'Valid until'), v.validTo]] };
    case 'revoked':
      return { tone: 'bad', title: t('证照已撤销', 'Revoked'), detail: t('电子签名验证通过，但证照已被发证机关撤销（吊销），不再有效。', 'The signature verifies, but the issuer revoked the licence: it is no longer in force.'), facts: ended(['撤销', 'Revoked on']) };
    case 'cancelled':
      return { tone: 'warn', title: t('证照已注销', 'Cancelled'), detail: t('电子签名验证通过，但证照已注销，不再有效。', 'The signature verifies, but the licence was cancelled: it is no longer in force.'), facts: ended(['注销', 'Cancelled on']) };
    case 'superseded':
      return {
        tone: 'warn', title: t('证照已换发', 'Replaced'),
        detail: t('电子签名验证通过，但本证已被新证照替代（变更、延续或补发），不再有效，请核验新证照。', 'The signature verifies, but the licence was replaced by a new one (changed, renewed or re-issued); verify the new one.'),
        facts: ended(['换发', 'Replaced on']),
      };
  }
}

const TONES = {
  ok: { color: '#389e0d', background: '#f6ffed', border: '#b7eb8f', icon: <CheckCircleFilled /> },
  warn: { color: '#d46b08', background: '#fff7e6', border: '#ffd591', icon: <ExclamationCircleFilled /> },
  bad: { color: '#cf1322', background: '#fff1f0', border: '#ffa39e', icon: <CloseCircleFilled /> },
} as const;

function Verification({ token }: { token: string }) {
  const t = useT();
  const phone = usePhone();
  const v = useQuery({
    queryKey: ['public', 'licence-verify', token],
    queryFn: () => api.get<PublicVerification>(`/api/public/licences/verify/${encodeURIComponent(token)}`),
    retry: false,
  });
  const again = <Link to="/portal/verify/licence" data-testid="verify-again">{t('按证照编号核验其他证照', 'Verify another licence by its number')}</Link>;
  if (v.isLoading) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (v.error instanceof ApiError && (v.error.status === 404 || v.error.status === 400)) {
    return (
      <Card>
        <Result status="error" data-testid="licence-verify-result" data-status="not_found"
          title={<span style={{ color: TONES.bad.color }}>{t('核验未通过：未找到该电子证照', 'Not found')}</span>}
          subTitle={v.error.status === 404 ? v.error.message : t('核验码不正确：二维码或链接有误', 'The verification code is malformed')}
          extra={again} />
      </Card>
    );
  }
  if (v.error || !v.data) return <ErrorAlert error={v.error} onRetry={() => v.refetch()} />;
  const d = v.data;
  const verdict = verdictOf(d, t);
  const tone = TONES[verdict.tone];
  return (
    <div data-testid="licence-verify">
      <div data-testid="licence-verify-result" data-status={d.authentic ? d.status : 'not_authentic'}
        style={{ background: tone.background, border: `1px solid ${tone.border}`, borderRadius: 8, padding: phone ? '20px 16px' : '28px 32px', marginBottom: 16, textAlign: 'center' }}>
        <div style={{ fontSize: phone ? 44 : 56, color: tone.color, lineHeight: 1 }}>{tone.icon}</div>
        <div style={{ fontSize: phone ? 26 : 32, fontWeight: 700, color: tone.color, margin: '12px 0 4px' }} data-testid="licence-verify-title">{verdict.title}</div>
        <div style={{ fontSize: 16, marginBottom: 8 }}>{d.licenceName} · <span style={{ fontFamily: mono.fontFamily, whiteSpace: 'nowrap' }}>{d.licenceNo}</span></div>
        {verdict.detail && <div style={{ color: '#595959', maxWidth: 680, margin: '0 auto' }} data-testid="licence-verify-detail">{verdict.detail}</div>}
        {verdict.facts.length > 0 && (
          <div style={{ marginTop: 8, fontSize: 15 }} data-testid="licence-verify-facts">
            {verdict.facts.map(([label, value]) => (
              <div key={label}><Typography.Text type="secondary">{label}：</Typography.Text><Typography.Text strong style={{ color: verdict.tone === 'ok' ? undefined : tone.color }}>{value}</Typography.Text></div>
            ))}
          </div>
        )}
        {d.authentic && d.status === 'superseded' && d.supersededBy && (
          <div style={{ marginTop: 8 }} data-testid="licence-verify-superseded-by">
            {t('新证照编号：', 'New licence: ')}
            <Link to={`/portal/verify/licence?licenceNo=${encodeURIComponent(d.supersededBy)}`} style={{ fontFamily: mono.fontFamily, fontWeight: 600 }}>{d.supersededBy}</Link>
            <Typography.Text type="secondary">{t('（点击核验新证照）', ' (verify it)')}</Typography.Text>
          </div>
        )}
        {!d.authentic && d.problems.length > 0 && (
          <ul style={{ display: 'inline-block', textAlign: 'left', margin: '12px 0 0', color: TONES.bad.color }} data-testid="licence-verify-problems">
            {d.problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
        )}
      </div>

      {!d.authentic && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('以下内容未通过签名验证，仅供核对，不能作为证照有效的依据。', 'The particulars below failed verification; shown for reference only.')} />
      )}
      <Card size={phone ? 'small' : undefined} title={t('证照信息', 'Particulars')} style={{ marginBottom: 16 }} data-testid="licence-verify-particulars">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={[
          { key: 'name', label: t('证照名称', 'Licence'), children: d.licenceName },
          { key: 'no', label: t('证照编号', 'Number'), children: <span style={{ fontFamily: mono.fontFamily }} data-testid="licence-verify-no">{d.licenceNo}</span> },
          { key: 'holder', label: t('持证人', 'Holder'), children: <span data-testid="licence-verify-holder">{d.holderName}</span> },
          { key: 'uscc', label: t('统一社会信用代码', 'Unified social credit code'), children: d.holderUscc ?? '—' },
          { key: 'scope', label: t('许可范围', 'Scope'), span: 2, children: d.scope || '—' },
          { key: 'addr', label: t('地址', 'Address'), span: 2, children: d.address || '—' },
          { key: 'issued', label: t('发证日期', 'Issued'), children: d.issuedOn },
          { key: 'valid', label: t('有效期', 'Valid'), children: t(`${d.validFrom} 至 ${d.validTo}`, `${d.validFrom} to ${d.validTo}`) },
          { key: 'issuer', label: t('发证机关', 'Issuer'), children: <span data-testid="licence-verify-issuer">{d.issuerName}</span> },
          {
            key: 'status', label: t('当前状态', 'Status'),
            children: <span style={{ color: d.authentic ? TONES[d.status === 'valid' ? 'ok' : d.status === 'revoked' ? 'bad' : 'warn'].color : TONES.bad.color }} data-testid="licence-verify-status">
              {d.statusName}{d.statusOn ? t(`（${d.statusOn}）`, ` (${d.statusOn})`) : ''}
            </span>,
          },
          ...(d.statusReason ? [{ key: 'reason', label: t('状态原因', 'Reason'), span: 2, children: d.statusReason }] : []),
        ]} />
      </Card>

      <Collapse style={{ marginBottom: 16, background: '#fff' }} data-testid="licence-verify-signature" items={[{
        key: 'sig',
        label: t('电子签名信息', 'The electronic signature'),
        children: (
          <Descriptions size="small" column={1} items={[
            { key: 'alg', label: t('签名算法', 'Algorithm'), children: <span data-testid="licence-verify-algorithm">{d.algorithm}{t('（国密SM2椭圆曲线数字签名，SM3杂凑）', ' (Chinese SM2 elliptic-curve signature with SM3)')}</span> },
            { key: 'signer', label: t('签名机关', 'Signed by'), children: d.issuerName },
            { key: 'result', label: t('验证结果', 'Result'), children: d.authentic ? t('签名有效：证照数据和状态与签名一致', 'Valid: data and status match the signatures') : t('签名验证未通过', 'Failed') },
            { key: 'sig', label: t('签名值', 'Signature'), children: <Typography.Text style={mono} copyable>{d.signature}</Typography.Text> },
            ...(d.publicKey ? [{ key: 'pk', label: t('发证机关公钥', 'Issuer’s public key'), children: <Typography.Text style={mono} copyable>{d.publicKey}</Typography.Text> }] : []),
          ]} />
        ),
      }]} />
      <Space>{again}</Space>
    </div>
  );
}
