import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Input, Row, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import type { IdNumberResult, UsccResult } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';

type State<R> = { busy: boolean; result?: R; error?: string; checked?: string };

function Verdict({ valid, children, testId }: { valid: boolean; children?: React.ReactNode; testId: string }) {
  const t = useT();
  return (
    <Alert
      data-testid={testId}
      data-valid={String(valid)}
      type={valid ? 'success' : 'error'}
      showIcon
      icon={valid ? <CheckCircleFilled /> : <CloseCircleFilled />}
      title={valid ? t('校验通过', 'Valid') : t('校验不通过', 'Invalid')}
      description={children}
    />
  );
}

function Checker<R extends { valid: boolean; message?: string }>({ title, explain, placeholder, endpoint, testId, render }: {
  title: string; explain: string; placeholder: string; endpoint: string; testId: string; render?: (r: R) => React.ReactNode;
}) {
  const t = useT();
  const [code, setCode] = useState('');
  const [s, setS] = useState<State<R>>({ busy: false });
  const check = async () => {
    const value = code.trim().toUpperCase();
    if (!value) { setS({ busy: false, error: t('请输入要校验的号码', 'Enter a code to check') }); return; }
    setS({ busy: true });
    try {
      const result = await api.get<R>(`${endpoint}/${encodeURIComponent(value)}`);
      setS({ busy: false, result, checked: value });
    } catch (err) {
      setS({ busy: false, error: errorMessage(err, t) });
    }
  };
  return (
    <Card title={title} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{explain}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input
          data-testid={`${testId}-input`}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={check}
          placeholder={placeholder}
          maxLength={64}
          allowClear
          style={{ fontFamily: 'monospace' }}
        />
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={s.busy} onClick={check} data-testid={`${testId}-submit`}>{t('校验', 'Check')}</Button>
      </Space.Compact>
      {s.error && <Alert type="error" showIcon title={s.error} />}
      {s.result && (
        <Verdict valid={s.result.valid} testId={`${testId}-result`}>
          <Space orientation="vertical" size={4}>
            <Typography.Text style={{ fontFamily: 'monospace' }}>{s.checked}</Typography.Text>
            {s.result.message && <span data-testid={`${testId}-message`}>{s.result.message}</span>}
            {render?.(s.result)}
          </Space>
        </Verdict>
      )}
    </Card>
  );
}

export function ValidatePage() {
  const t = useT();
  return (
    <div>
      <PageHeader
        title={t('代码校验', 'Code check')}
        subtitle={t('核对统一社会信用代码和公民身份号码是否符合国家标准，并指出错误所在。', 'Checks a unified social credit code or a resident ID number against the national standard and says what is wrong.')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Checker<UsccResult>
            title={t('统一社会信用代码', 'Unified social credit code')}
            explain={t('按 GB 32100-2015 校验：18位，登记管理部门代码、机构类别代码、登记管理机关行政区划码、主体标识码和校验码。', 'GB 32100-2015: 18 characters with authority, kind, region, organisation code and check character.')}
            placeholder="91330402MA2B3C4D5E"
            endpoint="/api/validate/uscc"
            testId="uscc"
            render={(r) => r.acceptedLegacy ? <Typography.Text type="warning">{t('校验码不符，但已由管理员认可为历史代码，可在平台中使用。', 'The check character fails, but an administrator accepted it as a legacy code.')}</Typography.Text> : null}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Checker<IdNumberResult>
            title={t('公民身份号码', 'Resident ID number')}
            explain={t('按 GB 11643-1999 校验：18位，地址码、出生日期码、顺序码和校验码；有效时显示出生日期和性别。号码不会被保存。', 'GB 11643-1999: 18 characters; when valid, shows the birth date and sex. The number is not stored.')}
            placeholder="330402199001011234"
            endpoint="/api/validate/id-number"
            testId="id-number"
            render={(r) => r.valid && (r.birthDate || r.sex) ? (
              <Descriptions size="small" column={1} items={[
                ...(r.birthDate ? [{ key: 'b', label: t('出生日期', 'Birth date'), children: r.birthDate }] : []),
                ...(r.sex ? [{ key: 's', label: t('性别', 'Sex'), children: r.sex === 'male' ? t('男', 'Male') : t('女', 'Female') }] : []),
              ]} />
            ) : null}
          />
        </Col>
      </Row>
    </div>
  );
}
