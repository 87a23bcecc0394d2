// Applying online without an account (网上申请). At /portal/apply/:itemCode for one item
// of the service guide, at /portal/apply?bundle=CODE for a “one thing” bundle (一件事:
// several items applied for together, one tracking code). The page shows what the guide
// promises (time limits, fee, 告知承诺 and 容缺受理 where the item allows them), takes the
// applicant's particulars and, for each material, how it is provided: on paper, by
// referring to an electronic licence or by a data check where the material allows it, or
// not yet (the window then gives one complete correction notice, or accepts with the
// material owed). The checks mirror the server's (src/modules/licensing/schema.ts) with
// the same Chinese messages; the server's 400 and 429 answers are shown under the fields
// they name or above the button. After submitting, the tracking code (查询码) is shown
// once, big, with a copy button and the link to follow the application. A material
// provided may carry electronic files (PDF, JPG, PNG, OFD, up to 10 MB each, checked
// here as the server checks them): they are uploaded with the tracking code right after
// the application is received, and the result page says which arrived (any that did not
// can be uploaded again from the tracking page).
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import {
  Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Result, Skeleton, Space, Tag, Typography,
} from 'antd';
import { CopyOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError, upload } from '../../lib/api';
import { useT, type Translate } from '../../lib/i18n';
import { showFieldErrors } from '../../lib/forms';
import { errorMessage } from '../../lib/format';
import { usePhone } from '../../layout/useScreen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { STAFF_CATEGORY, daysText } from '../../pages/licensing/catalogue/types';
import { LicensingPortalLayout } from './LicensingPortalLayout';
import { MAX_FILES_PER_MATERIAL, PickFileButton, sizeText } from '../../pages/licensing/materialFiles';
import {
  EMAIL_PATTERN, PHONE_PATTERN, PROVISION_LABELS, defaultProvision, proseProblem, provisionsOf, usccProblem,
  type GuideBundle, type GuideItem, type GuideMaterial, type Provision, type Submitted,
} from './types';

const mono = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/** The files chosen for each material (by its form key), uploaded once the application is received. */
type ChosenFiles = Record<string, File[]>;
/** What became of the chosen files. */
interface UploadOutcome { sent: number; failed: string[] }

interface MaterialValue { provision: Provision; licenceNo?: string }
interface Values {
  applicantName: string; applicantUscc?: string; contactPhone?: string; contactEmail?: string; address?: string; scope?: string;
  commitment?: boolean; m: Record<string, MaterialValue>;
  /** In a bundle, the person each staff registration is for (by item code), when not the applicant. */
  holder?: Record<string, string | undefined>;
}

/** The form's key of a material: its code, prefixed by the item in a bundle (codes repeat across items). */
const keyOf = (itemCode: string, code: string, bundled: boolean) => (bundled ? `${itemCode}.${code}` : code);


/** A material as the form asks for it, and the items' materials it stands for. */
interface AskedMaterial { key: string; material: GuideMaterial; uses: { itemCode: string; itemName: string; code: string }[] }

/**
 * One set of materials for a bundle (一件事一次办): a paper that several of its items list
 * under the same name is asked for once and given to each of them. Staff registrations
 * keep their own, since each is a person's. Returns the shared ones and each item's own.
 */
function askedMaterials(items: GuideItem[], bundled: boolean): { shared: AskedMaterial[]; own: Map<string, AskedMaterial[]> } {
  const ownOf = (i: GuideItem, m: GuideMaterial): AskedMaterial => ({ key: keyOf(i.itemCode, m.code, bundled), material: m, uses: [{ itemCode: i.itemCode, itemName: i.name, code: m.code }] });
  const byName = new Map<string, AskedMaterial>();
  if (bundled) {
    for (const i of items.filter((x) => x.category !== STAFF_CATEGORY)) {
      for (const m of i.materials) {
        const seen = byName.get(m.name);
        if (!seen) byName.set(m.name, ownOf(i, m));
        else {
          seen.uses.push({ itemCode: i.itemCode, itemName: i.name, code: m.code });
          // Required for one is required; another way of providing it only where every item allows the same.
          const same = seen.material.replaceable === m.replaceable && seen.material.licenceName === m.licenceName;
          seen.material = { ...seen.material, required: seen.material.required || m.required, ...(same ? {} : { replaceable: null, licenceName: null }) };
        }
      }
    }
  }
  const shared = [...byName.values()].filter((a) => a.uses.length > 1);
  const sharedNames = new Set(shared.map((a) => a.material.name));
  const own = new Map(items.map((i) => [i.itemCode, i.materials
    .filter((m) => i.category === STAFF_CATEGORY || !sharedNames.has(m.name))
    .map((m) => ownOf(i, m))]));
  return { shared, own };
}

export function ApplyPage() {
  const { itemCode } = useParams();
  const [params] = useSearchParams();
  const bundle = params.get('bundle');
  return (
    <LicensingPortalLayout>
      {itemCode ? <ItemApply code={itemCode} /> : bundle ? <BundleApply code={bundle} /> : <NothingChosen />}
    </LicensingPortalLayout>
  );
}

function NothingChosen() {
  const t = useT();
  return (
    <Result status="info" title={t('请先在办事指南中选择要申请的事项', 'Choose an item in the service guide first')} data-testid="apply-nothing"
      extra={<Link to="/portal/service-guide"><Button type="primary">{t('前往办事指南', 'Open the service guide')}</Button></Link>} />
  );
}

function ItemApply({ code }: { code: string }) {
  const t = useT();
  const item = useQuery({
    queryKey: ['public', 'service-guide', 'item', code],
    queryFn: () => api.get<GuideItem>(`/api/public/service-guide/${encodeURIComponent(code)}`),
    retry: false,
  });
  if (item.isLoading) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (item.error instanceof ApiError && item.error.status === 404) {
    return (
      <Result status="404" title={item.error.message} data-testid="apply-missing"
        extra={<Link to="/portal/service-guide"><Button>{t('返回办事指南', 'Back to the service guide')}</Button></Link>} />
    );
  }
  if (item.error || !item.data) return <ErrorAlert error={item.error} onRetry={() => item.refetch()} />;
  return <ApplyForm items={[item.data]} bundle={null} />;
}

function BundleApply({ code }: { code: string }) {
  const t = useT();
  const bundles = useQuery({ queryKey: ['public', 'service-guide-bundles'], queryFn: () => api.get<{ rows: GuideBundle[] }>('/api/public/service-guide-bundles') });
  const bundle = bundles.data?.rows.find((b) => b.code === code);
  const items = useQueries({
    queries: (bundle?.items ?? []).map((i) => ({
      queryKey: ['public', 'service-guide', 'item', i.itemCode],
      queryFn: () => api.get<GuideItem>(`/api/public/service-guide/${encodeURIComponent(i.itemCode)}`),
      retry: false,
    })),
  });
  if (bundles.isLoading || items.some((q) => q.isLoading)) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (bundles.error) return <ErrorAlert error={bundles.error} onRetry={() => bundles.refetch()} />;
  if (!bundle) {
    return (
      <Result status="404" title={t('该“一件事”套餐不存在或已停用', 'No such bundle')} data-testid="apply-missing"
        extra={<Link to="/portal/service-guide"><Button>{t('返回办事指南', 'Back to the service guide')}</Button></Link>} />
    );
  }
  const failed = items.find((q) => q.error);
  if (failed) return <ErrorAlert error={failed.error} />;
  return <ApplyForm items={items.map((q) => q.data!)} bundle={bundle} />;
}

// ---------------------------------------------------------------------------------
// The form

function ApplyForm({ items, bundle }: { items: GuideItem[]; bundle: GuideBundle | null }) {
  const t = useT();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const [submitted, setSubmitted] = useState<(Submitted & { uploads: UploadOutcome }) | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [files, setFiles] = useState<ChosenFiles>({});
  const bundled = bundle !== null;
  const offline = items.filter((i) => !i.online);
  const commitmentItems = items.filter((i) => i.commitmentAllowed);
  const deficiencyItems = items.filter((i) => i.deficiencyAllowed);
  const title = bundle ? bundle.name : items[0].name;

  const asked = useMemo(() => askedMaterials(items, bundled), [items, bundled]);
  const allAsked = useMemo(() => [...asked.shared, ...[...asked.own.values()].flat()], [asked]);
  const staffItems = bundled ? items.filter((i) => i.category === STAFF_CATEGORY) : [];

  const initial = useMemo<Partial<Values>>(() => ({
    commitment: false,
    m: Object.fromEntries(allAsked.map((a) => [a.key, { provision: defaultProvision(a.material) }])),
  }), [allAsked]);

  const chosen = Form.useWatch('m', form) as Values['m'] | undefined;
  const missingRequired = allAsked.filter((a) => a.material.required && (chosen?.[a.key]?.provision ?? defaultProvision(a.material)) === 'missing')
    .map((a) => (bundled ? `${a.material.name}（${a.uses.map((u) => u.itemName).join('、')}）` : a.material.name));

  const submit = useMutation({
    mutationFn: async ({ body, toSend }: { body: unknown; toSend: { itemCode: string; code: string; files: File[] }[] }) => {
      const r = await api.post<Submitted>('/api/public/applications', body);
      // The application is in: a file that fails is reported, not a reason to fail the whole.
      const uploads: UploadOutcome = { sent: 0, failed: [] };
      for (const m of toSend) {
        const app = r.applications.find((x) => x.itemCode === m.itemCode) ?? r.applications[0];
        for (const f of m.files) {
          try {
            await upload(`/api/public/applications/${encodeURIComponent(r.trackingCode)}/files`, f, () => {}, { applicationNo: app.applicationNo, materialCode: m.code });
            uploads.sent++;
          } catch (err) {
            uploads.failed.push(`${f.name}：${err instanceof ApiError ? err.message : t('上传失败', 'upload failed')}`);
          }
        }
      }
      return { ...r, uploads };
    },
    onSuccess: (r) => { setSubmitted(r); window.scrollTo({ top: 0 }); },
    onError: (err) => { setFailure(showFieldErrors(form, err) ? null : err); },
  });

  const onFinish = (v: Values) => {
    setFailure(null);
    // Each material is sent with its item (a bundle's items repeat material codes); a shared one with each item that lists it.
    const givenOf = (a: AskedMaterial) => v.m?.[a.key] ?? { provision: defaultProvision(a.material) };
    const materials = allAsked.flatMap((a) => a.uses.map((u) => {
      const given = givenOf(a);
      const licenceNo = given.provision === 'e_licence' ? (given.licenceNo ?? '').trim() || null : null;
      return { itemCode: u.itemCode, code: u.code, provision: given.provision, licenceNo };
    }));
    // Files go with materials provided (a choice changed afterwards leaves them out).
    const toSend = allAsked.flatMap((a) => a.uses.map((u) => ({ itemCode: u.itemCode, code: u.code, files: givenOf(a).provision === 'paper' ? files[a.key] ?? [] : [] })))
      .filter((m) => m.files.length > 0);
    const holders = staffItems.map((i) => ({ itemCode: i.itemCode, name: (v.holder?.[i.itemCode] ?? '').trim() })).filter((h) => h.name);
    submit.mutate({ toSend, body: {
      ...(bundle ? { bundleCode: bundle.code } : { itemCode: items[0].itemCode }),
      applicantName: v.applicantName.trim(),
      applicantUscc: v.applicantUscc?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
      contactEmail: v.contactEmail?.trim() || null,
      address: v.address?.trim() || null,
      scope: v.scope?.trim() || null,
      commitment: commitmentItems.length > 0 && v.commitment === true,
      materials,
      ...(holders.length > 0 ? { holders } : {}),
    } });
  };

  if (submitted) return <SubmittedView submitted={submitted} title={title} />;

  const prose = (max: number, what: [string, string]) => ({
    validator: (_: unknown, value: string | undefined) => {
      const problem = proseProblem(value, max, what, t);
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  });

  return (
    <div data-testid="apply-page">
      <Typography.Title level={phone ? 4 : 3} style={{ marginTop: 0 }} data-testid="apply-title">
        {t('网上申请：', 'Apply online: ')}{title}
      </Typography.Title>
      <Summary items={items} bundle={bundle} />

      {offline.length > 0 ? (
        <Alert type="warning" showIcon data-testid="apply-offline"
          title={t(`${offline.map((i) => `“${i.name}”`).join('、')}不支持网上申请，请携带材料到窗口办理。`, `${offline.map((i) => i.name).join(', ')} cannot be applied for online; please apply at the window.`)} />
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} scrollToFirstError
          requiredMark={(label, { required }) => <>{label}{required && <span style={{ color: '#cf1322', marginLeft: 2 }}>*</span>}</>}
          onValuesChange={() => failure && setFailure(null)} data-testid="apply-form">
          <Card size={phone ? 'small' : undefined} title={t('申请人信息', 'The applicant')} style={{ marginBottom: 16 }}>
            <div style={{ display: 'grid', gridTemplateColumns: phone ? '1fr' : '1fr 1fr', columnGap: 24 }}>
              <Form.Item name="applicantName" label={t('申请人（单位名称或个人姓名）', 'Applicant (organisation or person)')} required
                rules={[{ required: true, whitespace: true, message: t('请填写申请人名称（单位名称或个人姓名）', 'Enter the applicant’s name') },
                  prose(100, ['申请人名称（单位名称或个人姓名）', 'Applicant'])]}>
                <Input maxLength={120} data-testid="apply-name" placeholder={t('如：嘉兴市南湖区某某宾馆有限公司', 'e.g. the company’s registered name')} />
              </Form.Item>
              <Form.Item name="applicantUscc" label={t('统一社会信用代码（单位申请人填写）', 'Unified social credit code (organisations)')}
                normalize={(v: string) => v.toUpperCase()}
                rules={[{ validator: (_, v: string | undefined) => { const p = usccProblem(v ?? '', t); return p ? Promise.reject(new Error(p)) : Promise.resolve(); } }]}>
                <Input maxLength={18} data-testid="apply-uscc" style={{ fontFamily: mono }} placeholder={t('18位，个人申请可不填', '18 characters; leave empty for a person')} />
              </Form.Item>
              <Form.Item name="contactPhone" label={t('联系电话', 'Phone')} dependencies={['contactEmail']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) => (!v?.trim() && !String(getFieldValue('contactEmail') ?? '').trim()
                      ? Promise.reject(new Error(t('请至少填写联系电话或电子邮箱，以便接收查询码和办理结果', 'Enter a phone number or an e-mail address to hear about the application')))
                      : Promise.resolve()),
                  }),
                  { pattern: PHONE_PATTERN, message: t('联系电话应为11位手机号码或带区号的固定电话', 'A phone number: 11-digit mobile or a landline with its area code') },
                ]}>
                <Input maxLength={20} inputMode="tel" data-testid="apply-phone" placeholder={t('手机号码或带区号的固定电话', 'Mobile or landline with area code')} />
              </Form.Item>
              <Form.Item name="contactEmail" label={t('电子邮箱', 'E-mail')}
                rules={[{ pattern: EMAIL_PATTERN, message: t('电子邮箱格式不正确', 'Not an e-mail address') }, { max: 100, message: t('电子邮箱不能超过100个字符', 'At most 100 characters') }]}>
                <Input maxLength={100} inputMode="email" data-testid="apply-email" />
              </Form.Item>
              <Form.Item name="address" label={t('地址（经营场所或住所）', 'Address (premises or residence)')} rules={[prose(200, ['地址', 'Address'])]}
                style={phone ? undefined : { gridColumn: '1 / span 2' }}>
                <Input maxLength={220} data-testid="apply-address" />
              </Form.Item>
              <Form.Item name="scope" label={t('申请的许可范围（经营项目、诊疗科目等）', 'What the licence is for (business, clinical subjects …)')}
                rules={[prose(500, ['申请的许可范围（经营项目、诊疗科目等）', 'Scope'])]} style={phone ? undefined : { gridColumn: '1 / span 2' }}>
                <Input.TextArea rows={2} maxLength={520} showCount data-testid="apply-scope" placeholder={t('如：住宿、美容美发、游泳场所', 'e.g. lodging, hairdressing, swimming pool')} />
              </Form.Item>
            </div>
          </Card>

          <Card size={phone ? 'small' : undefined} title={t('申请材料', 'Materials')} style={{ marginBottom: 16 }} data-testid="apply-materials"
            extra={phone ? undefined : <Typography.Text type="secondary">{t('请逐项选择提交方式', 'Choose for each material how it is provided')}</Typography.Text>}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('“已准备提交”的材料可在此上传电子文件（PDF、JPG、PNG、OFD格式，每个不超过10 MB），或按窗口告知的方式递交；标注可用电子证照替代的，填写证照编号即可；可数据核验的，由部门间数据共享核验，无需提交。',
                'Materials you provide may be uploaded here (PDF, JPG, PNG or OFD, up to 10 MB each) or handed in as the window tells you; where an electronic licence may replace a paper, give its number; data-checked materials need nothing from you.')}
            </Typography.Paragraph>
            {asked.shared.length > 0 && (
              <div style={{ marginBottom: 16 }} data-testid="apply-shared-materials">
                <Typography.Title level={5} style={{ marginTop: 8 }}>{t('共用材料（提交一次，用于所列各事项）', 'Shared materials (given once, for each item listed)')}</Typography.Title>
                {asked.shared.map((a, n) => (
                  <MaterialRow key={a.key} index={n + 1} material={a.material} field={a.key} testid={`apply-material-${a.uses[0].itemCode}-${a.uses[0].code}`}
                    usedBy={a.uses.map((u) => u.itemName)} files={files[a.key] ?? []} onFiles={(list) => setFiles((all) => ({ ...all, [a.key]: list }))} />
                ))}
              </div>
            )}
            {items.map((i) => {
              const own = asked.own.get(i.itemCode) ?? [];
              return (
                <div key={i.itemCode} style={{ marginBottom: bundled ? 16 : 0 }}>
                  {bundled && <Typography.Title level={5} style={{ marginTop: 8 }}>{i.name}<Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>（{i.itemCode}）</Typography.Text></Typography.Title>}
                  {staffItems.includes(i) && (
                    <Form.Item name={['holder', i.itemCode]} label={t('执业人员姓名（为申请人以外的人员注册时填写）', 'The person registered (when not the applicant)')}
                      rules={[prose(50, ['执业人员姓名', 'Name'])]} style={{ maxWidth: 420 }}>
                      <Input maxLength={60} data-testid={`apply-holder-${i.itemCode}`} placeholder={t('不填则为申请人本人', 'Empty: the applicant')} />
                    </Form.Item>
                  )}
                  {own.length === 0 && <Typography.Text type="secondary">{i.materials.length === 0 ? t('无需提交材料', 'No materials needed') : t('所需材料均在共用材料中', 'All its materials are among the shared ones')}</Typography.Text>}
                  {own.map((a, n) => (
                    <MaterialRow key={a.key} index={n + 1} material={a.material} field={a.key} testid={bundled ? `apply-material-${i.itemCode}-${a.material.code}` : `apply-material-${a.material.code}`}
                      files={files[a.key] ?? []} onFiles={(list) => setFiles((all) => ({ ...all, [a.key]: list }))} />
                  ))}
                </div>
              );
            })}
            {missingRequired.length > 0 && (
              <Alert type={deficiencyItems.length > 0 ? 'info' : 'warning'} showIcon style={{ marginTop: 12 }} data-testid="apply-missing-summary"
                title={t(`尚有${missingRequired.length}项必需材料未提交：${missingRequired.join('、')}`, `${missingRequired.length} required material(s) not provided: ${missingRequired.join(', ')}`)}
                description={deficiencyItems.length > 0
                  ? t('可以先提交申请。本事项可容缺受理：次要材料暂缺的，窗口可先行受理，您在约定期限内补齐；其他情况窗口将一次性告知需要补正的全部内容。',
                    'You may apply now. Minor materials may be owed (容缺受理) and supplied by an agreed date; otherwise the window tells you at once everything to add.')
                  : t('可以先提交申请，窗口将一次性告知需要补正的全部内容；补正齐全后受理。', 'You may apply now; the window tells you at once everything to add, and accepts once it is complete.')} />
            )}
          </Card>

          {commitmentItems.length > 0 && (
            <Card size={phone ? 'small' : undefined} title={t('告知承诺（可选）', 'Notification and commitment (optional)')} style={{ marginBottom: 16 }} data-testid="apply-commitment-card">
              <Typography.Paragraph>
                {t('本事项实行告知承诺制：申请人书面承诺符合许可条件并提交承诺书的，可当场或在较短时间内作出许可决定，事后核查。',
                  'This item may be decided on a written commitment: when you commit in writing that you meet the conditions, the decision is made at once and verified later.')}
                {bundled && commitmentItems.length < items.length && t(`（仅适用于：${commitmentItems.map((i) => i.name).join('、')}）`, ` (only for: ${commitmentItems.map((i) => i.name).join(', ')})`)}
              </Typography.Paragraph>
              <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: '12px 16px', marginBottom: 12 }} data-testid="apply-commitment-text">
                <Typography.Text strong>{t('申请人承诺：', 'I commit that:')}</Typography.Text>
                <ol style={{ margin: '8px 0 0', paddingLeft: 20 }}>
                  <li>{t('所填写的基本信息真实、准确；', 'the particulars I give are true and accurate;')}</li>
                  <li>{t('已经知晓行政机关告知的全部内容，包括许可条件、标准和技术要求；', 'I know everything the authority has told me, including the conditions, standards and technical requirements;')}</li>
                  <li>{t('能够满足告知的条件、标准和技术要求；', 'I meet those conditions, standards and requirements;')}</li>
                  <li>{t('能够在约定期限内提交告知的相关材料，并接受行政机关的核查；', 'I will provide the materials within the agreed time and accept the authority’s verification;')}</li>
                  <li>{t('愿意承担不实承诺、违反承诺的法律责任：承诺不实的，行政机关依法撤销许可，并记入信用记录；', 'I accept the legal consequences of a false or broken commitment: the licence is revoked and the matter entered in the credit record;')}</li>
                  <li>{t('所作承诺是申请人真实意思的表示。', 'this commitment is my true intention.')}</li>
                </ol>
              </div>
              <Form.Item name="commitment" valuePropName="checked" style={{ marginBottom: 0 }}>
                <Checkbox data-testid="apply-commitment">{t('我已阅读并同意上述承诺，选择以告知承诺方式办理', 'I have read and make this commitment, and apply under it')}</Checkbox>
              </Form.Item>
            </Card>
          )}

          {failure != null && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="apply-error"
              title={failure instanceof ApiError && failure.status === 429 ? t('提交过于频繁', 'Too many applications') : t('申请未能提交', 'The application was not submitted')}
              description={errorMessage(failure, t)} />
          )}
          <Space orientation={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined, marginBottom: 24 }}>
            <Button type="primary" htmlType="submit" size="large" loading={submit.isPending} block={phone} data-testid="apply-submit">
              {t('提交申请', 'Submit the application')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('提交后生成查询码，凭查询码查询进度、补正材料和评价。', 'A tracking code is given after submitting: use it to follow, supplement and rate the application.')}
            </Typography.Text>
          </Space>
        </Form>
      )}
    </div>
  );
}

function Summary({ items, bundle }: { items: GuideItem[]; bundle: GuideBundle | null }) {
  const t = useT();
  const flags = (i: GuideItem) => (
    <Space size={4} wrap>
      <Tag>{i.kindName}</Tag>
      {i.commitmentAllowed && <Tag color="gold">{t('可告知承诺', 'Commitment')}</Tag>}
      {i.deficiencyAllowed && <Tag color="orange">{t('可容缺受理', 'Deficiency acceptance')}</Tag>}
      {i.promisedDays === 0 && <Tag color="blue">{t('即办', 'On the spot')}</Tag>}
    </Space>
  );
  const guideLink = (i: GuideItem) => (
    <Link to={`/portal/service-guide/${encodeURIComponent(i.itemCode)}`} data-testid={`apply-guide-${i.itemCode}`}>{t('查看办事指南', 'Read the guide')}</Link>
  );
  if (!bundle) {
    const i = items[0];
    return (
      <Card size="small" style={{ marginBottom: 16 }} data-testid="apply-summary">
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { key: 'code', label: t('事项编码', 'Code'), children: i.itemCode },
          { key: 'agency', label: t('实施机构', 'Agency'), children: i.agency },
          { key: 'fee', label: t('收费', 'Fee'), children: i.fee },
          { key: 'prom', label: t('承诺办结时限', 'Promised time'), children: <span data-testid="apply-promised">{daysText(i.promisedDays, t)}</span> },
          { key: 'stat', label: t('法定办结时限', 'Statutory limit'), children: daysText(i.statutoryDays, t) },
          { key: 'result', label: t('办理结果', 'Result'), children: i.licenceName ? `${i.licenceName}${i.licenceValidYears ? t(`（有效期${i.licenceValidYears}年）`, ` (${i.licenceValidYears} years)`) : ''}` : i.kindName },
          { key: 'flags', label: t('办理方式', 'How'), span: 2, children: flags(i) },
          { key: 'guide', label: t('办事指南', 'Guide'), children: guideLink(i) },
        ]} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('时限自受理之日起按工作日计算，不含法定节假日。', 'Limits run in working days from acceptance, public holidays excluded.')}
        </Typography.Text>
      </Card>
    );
  }
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="apply-summary"
      title={t(`“一件事”联办：一次申请，${items.length}个事项同时办理`, `One application for ${items.length} items`)}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t(`${bundle.agency}；共用一个查询码，承诺${daysText(bundle.promisedDays, t)}内全部办结。`, `${bundle.agency}; one tracking code; all done within ${daysText(bundle.promisedDays, t)}.`)}
      </Typography.Paragraph>
      {items.map((i) => (
        <div key={i.itemCode} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }} data-testid={`apply-summary-${i.itemCode}`}>
          <Space wrap size={[8, 4]}>
            <Typography.Text strong>{i.name}</Typography.Text>
            {flags(i)}
          </Space>
          <div>
            <Typography.Text type="secondary">
              {t(`承诺${daysText(i.promisedDays, t)}（法定${daysText(i.statutoryDays, t)}）；收费：${i.fee}；`, `${daysText(i.promisedDays, t)} (statutory ${daysText(i.statutoryDays, t)}); fee: ${i.fee}; `)}
            </Typography.Text>
            {guideLink(i)}
          </div>
        </div>
      ))}
    </Card>
  );
}

function replaceHint(m: GuideMaterial, t: Translate): string | null {
  if (m.replaceable === 'e_licence') return t(`可引用电子证照${m.licenceName ? `（${m.licenceName}）` : ''}，免交纸质件`, `An electronic licence${m.licenceName ? ` (${m.licenceName})` : ''} may replace the paper`);
  if (m.replaceable === 'data_check') return t('可通过部门间数据共享核验，免于提交', 'Checked against shared data, nothing to hand in');
  return null;
}

function MaterialRow({ index, material: m, field, testid, usedBy, files, onFiles }: {
  index: number; material: GuideMaterial; field: string; testid: string; usedBy?: string[]; files: File[]; onFiles(list: File[]): void;
}) {
  const t = useT();
  const form = Form.useFormInstance<Values>();
  const provision = Form.useWatch(['m', field, 'provision'], form) as Provision | undefined;
  const hint = replaceHint(m, t);
  return (
    <div style={{ borderTop: index === 1 ? undefined : '1px solid #f0f0f0', padding: '12px 0' }} data-testid={testid} data-provision={provision}>
      <div style={{ marginBottom: 6 }}>
        <Typography.Text>{index}. {m.name}</Typography.Text>{' '}
        {m.required ? <Tag color="red" style={{ marginInlineEnd: 4 }}>{t('必需', 'Required')}</Tag> : <Tag>{t('按需提供', 'If applicable')}</Tag>}
        {hint && <Tag color="green">{hint}</Tag>}
        {usedBy && <div><Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testid}-used-by`}>{t(`用于：${usedBy.join('、')}`, `For: ${usedBy.join(', ')}`)}</Typography.Text></div>}
      </div>
      <Form.Item name={['m', field, 'provision']} style={{ marginBottom: provision === 'e_licence' ? 8 : 0 }}>
        <Radio.Group>
          <Space wrap size={[16, 4]}>
            {provisionsOf(m).map((p) => (
              <Radio key={p} value={p} data-testid={`${testid}-${p}`}>{t(...PROVISION_LABELS[p])}</Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      {provision === 'e_licence' && (
        <Form.Item name={['m', field, 'licenceNo']} style={{ marginBottom: 0, maxWidth: 420 }}
          rules={[{ required: true, whitespace: true, message: t(`请填写“${m.name}”所引用的电子证照编号`, `Enter the number of the electronic licence for “${m.name}”`) },
            { max: 60, message: t('电子证照编号不能超过60个字符', 'At most 60 characters') }]}>
          <Input maxLength={60} placeholder={t('电子证照编号', 'Electronic licence number')} data-testid={`${testid}-licence`} style={{ fontFamily: mono }} />
        </Form.Item>
      )}
      {provision === 'paper' && (
        <div style={{ marginTop: 8 }} data-testid={`${testid}-files`}>
          {files.map((f, i) => (
            <div key={`${f.name}-${i}`} style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }} data-testid={`${testid}-file-${i}`}>
              <Typography.Text ellipsis style={{ maxWidth: 280 }} title={f.name}>{f.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{sizeText(f.size)}</Typography.Text>
              <Button size="small" type="link" danger onClick={() => onFiles(files.filter((_, n) => n !== i))} data-testid={`${testid}-file-${i}-remove`}>{t('移除', 'Remove')}</Button>
            </div>
          ))}
          <PickFileButton testid={`${testid}-pick`} disabled={files.length >= MAX_FILES_PER_MATERIAL}
            label={files.length === 0 ? t('上传电子文件（选填）', 'Attach files (optional)') : t('再添加文件', 'Add another file')}
            onPick={(f) => onFiles([...files, f])} />
        </div>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------
// After submitting

function SubmittedView({ submitted, title }: { submitted: Submitted & { uploads: UploadOutcome }; title: string }) {
  const t = useT();
  const phone = usePhone();
  const { message } = App.useApp();
  const code = submitted.trackingCode;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      // No clipboard permission (or not a secure context): copy the selected text instead.
      const el = document.querySelector('[data-testid="apply-tracking-code"]');
      if (el) {
        const range = document.createRange();
        range.selectNodeContents(el);
        const sel = window.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
        document.execCommand('copy');
      }
    }
    message.success(t('查询码已复制', 'Tracking code copied'));
  };
  return (
    <Card data-testid="apply-done">
      <Result status="success" style={{ padding: phone ? '16px 0' : undefined }}
        title={t('申请已提交', 'Application submitted')}
        subTitle={(
          <span data-testid="apply-done-items">
            {submitted.applications.length === 1
              ? t(`${title}（办件编号 ${submitted.applications[0].applicationNo}）`, `${title} (no. ${submitted.applications[0].applicationNo})`)
              : <>{title}：{submitted.applications.map((a) => t(`${a.itemName}（${a.applicationNo}）`, `${a.itemName} (${a.applicationNo})`)).join(t('；', '; '))}</>}
          </span>
        )}
        extra={(
          <div style={{ maxWidth: 560, margin: '0 auto' }}>
            <Typography.Text type="secondary">{t('您的查询码', 'Your tracking code')}</Typography.Text>
            <div data-testid="apply-tracking-code"
              style={{ fontFamily: mono, fontSize: phone ? 30 : 44, fontWeight: 700, letterSpacing: phone ? 3 : 8, color: '#1f5fbf', margin: '4px 0 12px', userSelect: 'all' }}>
              {code}
            </div>
            <Space wrap style={{ justifyContent: 'center', marginBottom: 16 }}>
              <Button icon={<CopyOutlined />} onClick={copy} data-testid="apply-copy-code">{t('复制查询码', 'Copy the code')}</Button>
              <Link to={`/portal/track/${code}`} data-testid="apply-track-link">
                <Button type="primary" icon={<FileSearchOutlined />}>{t('查看办理进度', 'Follow the application')}</Button>
              </Link>
            </Space>
            {submitted.uploads.sent > 0 && (
              <Alert type="success" showIcon style={{ textAlign: 'left', marginBottom: 12 }} data-testid="apply-files-sent"
                title={t(`已上传${submitted.uploads.sent}个材料文件`, `${submitted.uploads.sent} material files uploaded`)} />
            )}
            {submitted.uploads.failed.length > 0 && (
              <Alert type="error" showIcon style={{ textAlign: 'left', marginBottom: 12 }} data-testid="apply-files-failed"
                title={t('以下文件未能上传，请在办件查询页面重新上传：', 'These files were not uploaded; upload them again from the tracking page:')}
                description={<ul style={{ margin: 0, paddingLeft: 20 }}>{submitted.uploads.failed.map((f) => <li key={f}>{f}</li>)}</ul>} />
            )}
            <Alert type="warning" showIcon style={{ textAlign: 'left' }} data-testid="apply-code-once"
              title={t('查询码只显示这一次，请立即抄写、截图或复制保存', 'The tracking code is shown only once: write it down, take a screenshot or copy it now')}
              description={t('凭查询码可随时查询办理进度、查看补正通知、补交材料、查看办理结果和评价服务。查询码遗失的，请携带身份证明到窗口查询。',
                'With it you can follow the application, read a correction notice, send materials, see the decision and rate the service. If you lose it, ask at the window with proof of identity.')} />
          </div>
        )} />
    </Card>
  );
}
