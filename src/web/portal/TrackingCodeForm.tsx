// The card where a filer or an applicant types the tracking code they were given (办件查询,
// 进度查询): uppercased and stripped of spaces as typed, checked against the code's
// pattern as the server checks it, then opened at `${basePath}/${code}`.
import { Button, Card, Form, Input, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../lib/i18n';
import { usePhone } from '../layout/useScreen';

/** The monospace stack tracking codes and numbers are shown in. */
export const MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

interface Props {
  /** The code in the URL, if any (pre-filled). */
  code?: string;
  title: ReactNode;
  intro: ReactNode;
  /** Number of characters of a code, and the pattern a whole code matches. */
  length: number;
  pattern: RegExp;
  /** Where a code opens: `${basePath}/${code}`. */
  basePath: string;
  inputTestId: string;
}

export function TrackingCodeForm({ code, title, intro, length, pattern, basePath, inputTestId }: Props) {
  const t = useT();
  const phone = usePhone();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Card style={{ marginBottom: 16 }} data-testid="track-form-card">
      <Typography.Title level={phone ? 4 : 3} style={{ marginTop: 0 }}>{title}</Typography.Title>
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      <Form form={form} layout={phone ? 'vertical' : 'inline'} initialValues={{ code: code?.toUpperCase() ?? '' }}
        onFinish={(v) => navigate(`${basePath}/${v.code}`)}>
        <Form.Item name="code" style={{ flex: phone ? undefined : `0 1 ${Math.max(360, length * 26)}px`, marginBottom: phone ? 12 : 0 }}
          normalize={(v: string) => v.toUpperCase().replace(/\s+/g, '')}
          rules={[{ required: true, message: t('请输入查询码', 'Enter the tracking code') },
            { pattern, message: t(`查询码应为${length}位字母和数字`, `The code has ${length} letters and digits`) }]}>
          <Input size="large" maxLength={length + 8} autoComplete="off" spellCheck={false} placeholder={t(`${length}位查询码`, `${length}-character code`)}
            style={{ fontFamily: MONO, letterSpacing: 2 }} data-testid={inputTestId} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" size="large" htmlType="submit" block={phone} data-testid="track-submit">{t('查询', 'Look up')}</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
