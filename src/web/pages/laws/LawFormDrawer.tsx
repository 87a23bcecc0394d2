// The form for a new instrument (department rule, local regulation, normative document)
// with its first version, or for a new version of an existing one. The text is pasted or
// read from a UTF-8 .md/.txt file; the server parses it and names the line it cannot place.
import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select, Space, Typography, Upload } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { LAW_KIND_LABELS, STAFF_KINDS } from './labels';
import type { LawDetail, LawKind } from './types';

interface FormValues {
  name?: string;
  title?: string;
  kind?: LawKind;
  issuer?: string;
  versionDate: Dayjs;
  effectiveFrom: Dayjs;
  text: string;
}

/** Same bound as the server (UTF-8 bytes). */
const MAX_TEXT_BYTES = 2 * 1024 * 1024;
const ARTICLE = /(^|\n)\s*第[一二三四五六七八九十百千零〇]+条/;

const EXAMPLE = `# 某某卫生监督管理办法
2024年1月1日 某部令第1号公布
<!-- INFO END -->
## 第一章 总则
第一条 为了……，制定本办法。
第二条 ……
## 第二章 法律责任
第三条 违反本办法规定，有下列情形之一的，……：
（一）……；
（二）……。`;

interface Props {
  open: boolean;
  /** Absent: a new instrument; present: a new version of it. */
  law?: Pick<LawDetail, 'id' | 'name'>;
  onClose(): void;
  onSaved(saved: LawDetail): void;
}

export function LawFormDrawer({ open, law, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();

  const close = () => { setFormError(undefined); form.resetFields(); onClose(); };

  const save = async (v: FormValues) => {
    setSaving(true);
    setFormError(undefined);
    const version = { versionDate: v.versionDate.format('YYYY-MM-DD'), effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), text: v.text };
    try {
      const saved = law
        ? await api.post<LawDetail>(`/api/laws/${law.id}/versions`, version)
        : await api.post<LawDetail>('/api/laws', { ...version, name: v.name!.trim(), title: v.title!.trim(), kind: v.kind, issuer: v.issuer?.trim() || null });
      message.success(law ? t('已新增版本', 'Version added') : t('已收录', 'Added to the library'));
      form.resetFields();
      onSaved(saved);
    } catch (err) {
      if (!showFieldErrors(form, err)) setFormError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const readFile = async (file: File) => {
    const text = await file.text();
    form.setFieldsValue({ text });
    await form.validateFields(['text']).catch(() => undefined);
  };

  return (
    <Drawer
      open={open}
      title={law ? t(`新增版本：${law.name}`, `New version: ${law.name}`) : t('新增规章、地方性法规或规范性文件', 'New rule, local regulation or normative document')}
      size={720}
      onClose={close}
      forceRender
      extra={<Space>
        <Button onClick={close}>{t('取消', 'Cancel')}</Button>
        <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="law-submit">{t('保存', 'Save')}</Button>
      </Space>}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="law-form-error" />}
      {law && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('原有版本保留不变；依原版本作出的决定仍引用原版本。新版本自施行日期起用于检索和引用。', 'Earlier versions stay as they are: decisions made under them keep citing them. The new version is searched and cited from its effective date.')} />}
      <Form<FormValues> name="law" form={form} layout="vertical" onFinish={save}>
        {!law && <>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="name" label={t('简称', 'Short name')} extra={t('不含“中华人民共和国”，引用和检索时使用', 'Without 中华人民共和国; used in citations and searches')} rules={[
                { required: true, whitespace: true, message: t('请输入简称', 'Enter the short name') }, { max: 100, message: t('不能超过100个字符', 'At most 100 characters') },
                { validator: (_, v?: string) => (v?.trim().startsWith('中华人民共和国') ? Promise.reject(new Error(t('简称不含“中华人民共和国”', 'Leave out 中华人民共和国'))) : Promise.resolve()) },
              ]}>
                <Input maxLength={100} data-testid="law-name" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="kind" label={t('类别', 'Kind')} rules={[{ required: true, message: t('请选择类别', 'Choose the kind') }]}>
                <Select data-testid="law-kind" options={STAFF_KINDS.map((k) => ({ value: k, label: t(LAW_KIND_LABELS[k][0], LAW_KIND_LABELS[k][1]) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="title" label={t('标题（全称）', 'Full title')} rules={[
            { required: true, whitespace: true, message: t('请输入标题', 'Enter the title') }, { max: 200, message: t('不能超过200个字符', 'At most 200 characters') },
          ]}>
            <Input maxLength={200} data-testid="law-title" />
          </Form.Item>
          <Form.Item name="issuer" label={t('制定机关', 'Issuer')} rules={[{ max: 100, message: t('不能超过100个字符', 'At most 100 characters') }]}>
            <Input maxLength={100} placeholder={t('例如：国家卫生健康委员会、浙江省人民代表大会常务委员会', 'e.g. the National Health Commission')} data-testid="law-issuer" />
          </Form.Item>
        </>}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="versionDate" label={t('公布或修订日期', 'Published or revised on')} rules={[{ required: true, message: t('请选择公布日期', 'Choose the publication date') }]}>
              <DatePicker style={{ width: '100%' }} data-testid="law-version-date" disabledDate={(d) => d.isAfter(dayjs().endOf('day'))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="effectiveFrom" label={t('施行日期', 'In force from')} dependencies={['versionDate']} rules={[
              { required: true, message: t('请选择施行日期', 'Choose the effective date') },
              ({ getFieldValue }) => ({
                validator: (_, v?: Dayjs) => {
                  const published = getFieldValue('versionDate') as Dayjs | undefined;
                  return v && published && v.isBefore(published, 'day')
                    ? Promise.reject(new Error(t('施行日期不能早于公布日期', 'Cannot take effect before publication'))) : Promise.resolve();
                },
              }),
            ]}>
              <DatePicker style={{ width: '100%' }} data-testid="law-effective-from" />
            </Form.Item>
          </Col>
        </Row>
        <Flex justify="flex-end" style={{ marginBottom: -24, position: 'relative', zIndex: 1 }}>
          <Upload accept=".md,.txt,text/plain,text/markdown" showUploadList={false} beforeUpload={(file) => { void readFile(file); return false; }}>
            <Button size="small" icon={<FileTextOutlined />}>{t('从文件读取（UTF-8）', 'Read from a file (UTF-8)')}</Button>
          </Upload>
        </Flex>
        <Form.Item
          name="text"
          label={t('正文', 'Text')}
          extra={<>
            {t('每条另起一行，以“第X条”开头并后接空格；章、节可写作“## 第一章 总则”“### 第一节 …”；“（一）（二）”各占一行。可在开头写标题（# …）和制定、修订经过，以“<!-- INFO END -->”结束。',
              'One article per line, starting with 第X条 and a space; chapters as "## 第一章 …", sections "### 第一节 …"; items (一)(二) on lines of their own. The title (# …) and history may come first, ended by <!-- INFO END -->.')}
            <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 12, marginTop: 8 }} copyable={{ text: EXAMPLE }}>{EXAMPLE}</Typography.Paragraph>
          </>}
          rules={[
            { required: true, whitespace: true, message: t('请录入正文', 'Enter the text') },
            {
              validator: (_, v?: string) => {
                if (!v) return Promise.resolve();
                if (new TextEncoder().encode(v).length > MAX_TEXT_BYTES) return Promise.reject(new Error(t('正文不能超过2 MB', 'The text may not exceed 2 MB')));
                if (!ARTICLE.test(v)) return Promise.reject(new Error(t('没有找到条文：每条应另起一行，以“第X条”开头', 'No article found: each article starts a line with 第X条')));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 12, maxRows: 30 }} style={{ fontFamily: 'monospace' }} data-testid="law-text" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
