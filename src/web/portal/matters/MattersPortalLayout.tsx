// The frame of the public pages for matters on a legal clock (portal/matters): filing a
// complaint or report (投诉举报), filing a request for disclosure of government
// information (政府信息公开申请) and following either with its 16-character tracking code
// (进度查询). The licensing portal's frame (PortalFrame) with these pages' links, and the
// pieces both forms share: the organisation picker, the text checks mirroring the server
// (src/modules/matters/schema.ts publicComplaint / publicDisclosure), the step that shows
// what will be submitted before it is, and the page that shows the tracking code once.
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Result, Select, Space, Steps, Typography } from 'antd';
import type { DescriptionsProps, FormInstance, FormRule } from 'antd';
import { CopyOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../lib/api';
import { useT, type Translate } from '../../lib/i18n';
import { showFieldErrors } from '../../lib/forms';
import { errorMessage } from '../../lib/format';
import { usePhone } from '../../layout/useScreen';
import { PORTAL_BLUE, PortalFrame } from '../licensing/LicensingPortalLayout';
import { proseProblem } from '../licensing/types';
import { MONO } from '../TrackingCodeForm';

export { MONO };



export function MattersPortalLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const links = [
    { to: '/portal/complaint', label: t('投诉举报', 'Complaints and reports'), testid: 'matters-nav-complaint' },
    { to: '/portal/disclosure', label: t('政府信息公开申请', 'Disclosure requests'), testid: 'matters-nav-disclosure' },
    { to: '/portal/matters/track', label: t('进度查询', 'Track'), testid: 'matters-nav-track' },
    { to: '/portal/service-guide', label: t('办事指南', 'Service guide'), testid: 'matters-nav-guide' },
    { to: '/portal/quiz', label: t('学法竞赛', 'Law quiz'), testid: 'matters-nav-quiz' },
  ];
  return (
    <PortalFrame links={links}
      title={t('卫生健康投诉举报和信息公开', 'Health complaints and disclosure requests')}
      subtitle={t('网上投诉举报 · 政府信息公开申请 · 凭查询码查询进度（无需注册登录）', 'Complain or report online · request government information · track with a code (no login)')}
      footer={t('卫生健康行政部门主办 · 投诉人、举报人和申请人的信息仅用于办理本事项，依法保密 · 进度查询页面中的个人信息已隐去',
        'Run by the health administration · filers’ data are used only for their matter and kept confidential · personal data are masked on the tracking page')}>
      {children}
    </PortalFrame>
  );
}

// ---------------------------------------------------------------------------------
// The public API's shapes (src/modules/matters/public.ts) and the server's checks.

/** POST /api/public/complaints and /api/public/disclosure-requests */
export interface Filed { matterNo: string; trackingCode: string }

/** The server's phone check (schema.ts `phone`). */
export const MATTER_PHONE_PATTERN = /^[0-9+\-() ]{5,20}$/;
/** The server's tracking-code check (schema.ts `trackingParam`). */
export const MATTER_TRACKING_PATTERN = /^[A-Z2-9]{16}$/;

export const phoneRule = (t: Translate): FormRule => ({
  pattern: MATTER_PHONE_PATTERN, transform: (v: string | undefined) => v?.trim(),
  message: t('联系电话格式不正确（5至20位，只能包含数字、+、-、括号和空格）', 'Not a phone number (5–20 characters: digits, +, -, brackets and spaces)'),
});

/** A text field's checks: required or not, at most `max` characters once trimmed (the server's text/optionalText). */
export function textRules(t: Translate, label: [string, string], max: number, required: boolean): FormRule[] {
  return [
    ...(required ? [{ required: true, whitespace: true, message: t(`请填写${label[0]}`, `${label[1]} is required`) }] : []),
    {
      validator: (_: unknown, value: string | undefined) => {
        const problem = proseProblem(value, max, label, t);
        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
      },
    },
  ];
}

/** A hint under a textarea with a character counter, kept clear of the counter (which sits at the right of the first line). */
export const counterHint = (text: string) => <span style={{ display: 'block', paddingRight: 96 }}>{text}</span>;

/** Trimmed, or null when empty (what the server stores for an optional field). */
export const trimmed = (v: string | undefined | null): string | null => v?.trim() || null;

/** The organisations the public may address (GET /api/public/matter-organizations). */
export function useMatterOrgs() {
  return useQuery({
    queryKey: ['public', 'matter-organizations'],
    queryFn: () => api.get<{ id: number; name: string }[]>('/api/public/matter-organizations'),
  });
}

/** The name of an organisation of that list (for the confirmation step). */
export function useOrgName(): (id: number) => string {
  const orgs = useMatterOrgs();
  return (id) => orgs.data?.find((o) => o.id === id)?.name ?? '';
}

/** The organisation addressed, as a required select; `extra` says which to choose. */
export function OrgField({ testid, extra }: { testid: string; extra: string }) {
  const t = useT();
  const orgs = useMatterOrgs();
  return (
    <Form.Item name="orgId" label={t('受理机关', 'Addressed to')} required
      rules={[{ required: true, message: t('请选择受理机关', 'Choose the body to address') }]}
      validateStatus={orgs.isError ? 'error' : undefined} help={orgs.isError ? errorMessage(orgs.error, t) : undefined}
      extra={extra}>
      <Select showSearch={{ optionFilterProp: 'label' }} loading={orgs.isLoading} data-testid={testid}
        placeholder={t('请选择', 'Choose')} options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
    </Form.Item>
  );
}

// ---------------------------------------------------------------------------------
// Fill in → check → tracking code

interface FilingProps<V> {
  form: FormInstance<V>;
  /** The data-testid prefix: `${prefix}-form`, `-submit`, `-review`, `-back`, `-confirm`, `-error`, `-done`. */
  prefix: string;
  url: string;
  initialValues?: Partial<V>;
  toBody: (v: V) => unknown;
  /** What will be submitted, as the confirmation step lists it. */
  review: (v: V) => NonNullable<DescriptionsProps['items']>;
  doneTitle: string;
  /** What the filer should know about following the matter (shown under the code). */
  doneNote?: (v: V) => ReactNode;
  children: ReactNode;
}

export function FilingFlow<V extends object>({ form, prefix, url, initialValues, toBody, review, doneTitle, doneNote, children }: FilingProps<V>) {
  const t = useT();
  const phone = usePhone();
  const [reviewing, setReviewing] = useState<V | null>(null);
  const [filed, setFiled] = useState<Filed | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const submit = useMutation({
    mutationFn: (body: unknown) => api.post<Filed>(url, body),
    onSuccess: (r) => { setFiled(r); window.scrollTo({ top: 0 }); },
    onError: (err) => {
      // A field the server refused is shown under that field, back in the form.
      if (showFieldErrors(form, err)) { setFailure(null); setReviewing(null); } else setFailure(err);
    },
  });

  if (filed && reviewing) {
    return <FiledView filed={filed} prefix={prefix} title={doneTitle} note={doneNote?.(reviewing)} />;
  }
  return (
    <>
      <Steps current={reviewing ? 1 : 0} size="small" responsive={false} style={{ marginBottom: 16, maxWidth: 560 }} data-testid={`${prefix}-steps`}
        items={[{ title: t('填写', 'Fill in') }, { title: t('核对', 'Check') }, { title: t('取得查询码', 'Tracking code') }]} />
      <div style={{ display: reviewing ? 'none' : undefined }}>
        <Form<V> form={form} layout="vertical" initialValues={initialValues} scrollToFirstError data-testid={`${prefix}-form`}
          requiredMark={(label, { required }) => <>{label}{required && <span style={{ color: '#cf1322', marginLeft: 2 }}>*</span>}</>}
          onFinish={(v) => { setFailure(null); setReviewing(v); window.scrollTo({ top: 0 }); }}>
          {children}
          <Space orientation={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined, marginBottom: 24 }}>
            <Button type="primary" htmlType="submit" size="large" block={phone} data-testid={`${prefix}-submit`}>
              {t('下一步：核对填写内容', 'Next: check what you entered')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('提交前会再请您核对一次；提交后生成查询码，凭查询码查询办理进度和答复。', 'You check everything once more before it is sent; a tracking code is then given to follow the matter.')}
            </Typography.Text>
          </Space>
        </Form>
      </div>
      {reviewing && (
        <Card size={phone ? 'small' : undefined} title={t('请核对以下内容，确认无误后提交', 'Check what will be submitted')} data-testid={`${prefix}-review`}>
          <Descriptions bordered size="small" column={1} styles={{ label: { width: phone ? 96 : 200 } }} items={review(reviewing)} style={{ marginBottom: 16 }} />
          {failure != null && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid={`${prefix}-error`}
              title={failure instanceof ApiError && failure.status === 429 ? t('提交过于频繁', 'Too many submissions') : t('未能提交', 'Not submitted')}
              description={errorMessage(failure, t)} />
          )}
          <Space orientation={phone ? 'vertical' : 'horizontal'} style={{ width: phone ? '100%' : undefined }}>
            <Button type="primary" size="large" block={phone} loading={submit.isPending} onClick={() => submit.mutate(toBody(reviewing))} data-testid={`${prefix}-confirm`}>
              {t('确认提交', 'Submit')}
            </Button>
            <Button size="large" block={phone} disabled={submit.isPending} onClick={() => { setFailure(null); setReviewing(null); }} data-testid={`${prefix}-back`}>
              {t('返回修改', 'Back to the form')}
            </Button>
          </Space>
        </Card>
      )}
    </>
  );
}

/** Long text in the confirmation step, line breaks kept. */
export const prose = (v: string | null) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{v ?? '—'}</span>;

function FiledView({ filed, prefix, title, note }: { filed: Filed; prefix: string; title: string; note?: ReactNode }) {
  const t = useT();
  const phone = usePhone();
  const { message } = App.useApp();
  const codeRef = useRef<HTMLDivElement>(null);
  const code = filed.trackingCode;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      message.success(t('查询码已复制', 'Tracking code copied'));
    } catch {
      // No clipboard access (a page not served over HTTPS): select the code for the reader to copy.
      const sel = window.getSelection();
      if (codeRef.current && sel) {
        sel.selectAllChildren(codeRef.current);
        if (document.execCommand('copy')) { message.success(t('查询码已复制', 'Tracking code copied')); return; }
      }
      message.info(t('查询码已选中，请手动复制', 'The code is selected: copy it by hand'));
    }
  };
  return (
    <Card data-testid={`${prefix}-done`}>
      <Result status="success" style={{ padding: phone ? '16px 0' : undefined }} title={title}
        subTitle={<span data-testid="tracking-matter-no">{t(`事项编号 ${filed.matterNo}`, `Matter no. ${filed.matterNo}`)}</span>}
        extra={(
          <div style={{ maxWidth: 600, margin: '0 auto' }}>
            <Typography.Text type="secondary">{t('您的查询码', 'Your tracking code')}</Typography.Text>
            <div ref={codeRef} data-testid="tracking-code"
              style={{ fontFamily: MONO, fontSize: phone ? 24 : 40, fontWeight: 700, letterSpacing: phone ? 2 : 6, color: PORTAL_BLUE, margin: '4px 0 12px', userSelect: 'all', wordBreak: 'break-all' }}>
              {code}
            </div>
            <Space wrap style={{ justifyContent: 'center', marginBottom: 16 }}>
              <Button icon={<CopyOutlined />} onClick={copy} data-testid="tracking-copy">{t('复制查询码', 'Copy the code')}</Button>
              <Link to={`/portal/matters/track/${code}`} data-testid="tracking-link">
                <Button type="primary" icon={<FileSearchOutlined />}>{t('查看办理进度', 'Follow the matter')}</Button>
              </Link>
            </Space>
            <Alert type="warning" showIcon style={{ textAlign: 'left' }} data-testid="tracking-keep"
              title={t('请立即抄写、截图或复制保存查询码：它只显示这一次，是查询办理进度和答复的唯一凭证', 'Write down, screenshot or copy the code now: it is shown only once and is the only way to follow the matter')}
              description={(
                <>
                  {t('查询码遗失后无法补发，也无法凭姓名或电话查询。请勿将查询码告诉他人，持有查询码的人都能看到办理进度和答复。',
                    'A lost code cannot be reissued, and the matter cannot be found by name or phone. Do not share it: anyone holding it sees the progress and the reply.')}
                  {note && <div style={{ marginTop: 4 }}>{note}</div>}
                </>
              )} />
          </div>
        )} />
    </Card>
  );
}
