// 现场检查记录: the form an inspector fills on the spot, in a phone browser (one column,
// large touch targets). Reached from 我的检查任务 (?taskId=…, a random inspection) or from
// 登记检查 (?entityId=…, chosen with the entity picker: a routine or campaign visit).
// Each check item that applies to the entity's category gets 合格 / 不合格 / 不适用 and a
// note; the result, the findings, photos (queued, uploaded once the visit is saved, each
// then showing its SM3), and the party's signature drawn on the screen. Submitting asks
// for confirmation: the record becomes evidence (its SM3 record hash is kept) and cannot
// be changed. The saved visit opens on its record page.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { useServerToday } from '../../lib/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VISIT_RESULTS } from './types';
import { PhoneShell } from './visit/PhoneShell';
import { EntityPicker } from './visit/EntityPicker';
import { SignaturePad, type SignaturePadHandle } from './visit/SignaturePad';
import { PhotoButtons, PhotoQueue, queuedPhotos, uploadPhoto, type QueuedPhoto } from './visit/photos';
import { OUTCOMES, type CheckOutcome, type FormCheckItem, type VisitCreated, type VisitForm, type VisitResultValue } from './visit/types';

interface FormValues {
  visitedOn: Dayjs; kind: 'random' | 'routine' | 'campaign'; campaign?: string; inspectorIds: number[];
  result: VisitResultValue; findings?: string; signatoryName?: string;
}

type Checks = Record<number, { outcome?: CheckOutcome; note: string }>;
const ABSENT: VisitResultValue[] = ['closed_down', 'not_found'];

function CheckItemRow({ item, value, onChange }: { item: FormCheckItem; value: Checks[number] | undefined; onChange(v: Checks[number]): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const fail = value?.outcome === 'fail';
  return (
    <Card size="small" data-testid={`item-${item.code}`} styles={{ body: { padding: 12 } }}
      style={{ borderColor: fail ? '#ff7875' : undefined, background: fail ? '#fff1f0' : undefined }}>
      <div style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.code}</Typography.Text>{' '}
        {item.randomList && <Tag color="blue" style={{ fontSize: 11 }}>{t('随机抽查事项', 'Random list')}</Tag>}
        <div><Typography.Text strong>{item.title}</Typography.Text></div>
        <Typography.Link style={{ fontSize: 12 }} onClick={() => setOpen(!open)}>{open ? t('收起检查方法', 'Hide the method') : t('检查方法与依据', 'Method and basis')}</Typography.Link>
        {open && (
          <div style={{ fontSize: 12, color: '#595959', marginTop: 4 }}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{item.method}</div>
            <div>{t('依据：', 'Basis: ')}{item.basisText.join('、')}</div>
            {item.provisionCode && <div>{t('不合格适用：', 'If failed: ')}{item.provisionCode} {item.provisionTitle}</div>}
          </div>
        )}
      </div>
      <Radio.Group block optionType="button" buttonStyle="solid" size="large" value={value?.outcome}
        onChange={(e) => onChange({ note: value?.note ?? '', outcome: e.target.value as CheckOutcome })} data-testid={`item-${item.code}-outcome`}
        options={OUTCOMES.map(([v, zh, en]) => ({ value: v, label: t(zh, en) }))} />
      <Input.TextArea autoSize={{ minRows: 1, maxRows: 5 }} maxLength={1000} value={value?.note ?? ''} style={{ marginTop: 8 }}
        placeholder={fail ? t('请说明不合格的具体情况', 'Describe what failed') : t('备注（可不填）', 'Note (optional)')}
        onChange={(e) => onChange({ outcome: value?.outcome, note: e.target.value })} data-testid={`item-${item.code}-note`} />
    </Card>
  );
}

function InspectorChoice({ form: f, value, onChange }: { form: VisitForm; value?: number[]; onChange?(v: number[]): void }) {
  const t = useT();
  const label = (i: VisitForm['inspectors'][number]) => `${i.name}（${i.staffNo}）${i.canEnforce ? '' : ` · ${i.reason ?? t('不能执法', 'cannot enforce')}`}`;
  if (f.inspectors.length <= 12) {
    return (
      <Checkbox.Group value={value} onChange={(v) => onChange?.(v as number[])} style={{ width: '100%' }} data-testid="visit-inspectors">
        <Flex vertical gap={4} style={{ width: '100%' }}>
          {f.inspectors.map((i) => (
            <Checkbox key={i.id} value={i.id} disabled={!i.canEnforce} style={{ minHeight: 40, alignItems: 'center' }}>
              {label(i)}{i.me && <Tag style={{ marginInlineStart: 6 }}>{t('本人', 'me')}</Tag>}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
    );
  }
  return (
    <Select mode="multiple" size="large" value={value} onChange={onChange} showSearch={{ optionFilterProp: 'label' }} data-testid="visit-inspectors"
      options={f.inspectors.map((i) => ({ value: i.id, label: label(i), disabled: !i.canEnforce }))} />
  );
}

function VisitFormBody({ form: vf }: { form: VisitForm }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const serverToday = useServerToday();
  const today = dayjs(serverToday.data ?? vf.today);
  const [checks, setChecks] = useState<Checks>({});
  const [photos, setPhotos] = useState<QueuedPhoto[]>([]);
  const [signedAt, setSignedAt] = useState<string | null>(null);
  const pad = useRef<SignaturePadHandle>(null);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<VisitCreated | null>(null);
  const result = Form.useWatch('result', form) as VisitResultValue | undefined;
  const kind = Form.useWatch('kind', form);
  const failed = useMemo(() => vf.checkItems.filter((i) => checks[i.id]?.outcome === 'fail'), [checks, vf.checkItems]);
  const absent = result !== undefined && ABSENT.includes(result);

  useEffect(() => {
    if (serverToday.data && !form.isFieldTouched('visitedOn')) form.setFieldValue('visitedOn', dayjs(serverToday.data));
  }, [serverToday.data, form]);
  // A failed item makes the visit non-compliant (the inspector may still choose closed/not found).
  useEffect(() => {
    if (failed.length > 0 && form.getFieldValue('result') === 'compliant') form.setFieldValue('result', 'non_compliant');
  }, [failed.length, form]);

  const setCheck = (id: number, v: Checks[number]) => setChecks((all) => ({ ...all, [id]: v }));
  const patchPhoto = (key: string, p: Partial<QueuedPhoto>) => setPhotos((all) => all.map((x) => (x.key === key ? { ...x, ...p } : x)));

  /** Uploads the queued photos one after another; true when all arrived. */
  const uploadAll = async (visitId: number, list: QueuedPhoto[]): Promise<boolean> => {
    let ok = true;
    for (const p of list.filter((x) => x.state === 'queued' || x.state === 'failed')) {
      patchPhoto(p.key, { state: 'uploading', progress: 0 });
      try {
        const f = await uploadPhoto(visitId, p, (progress) => patchPhoto(p.key, { progress }));
        patchPhoto(p.key, { state: 'done', sm3: f.sm3 });
      } catch (err) {
        ok = false;
        patchPhoto(p.key, { state: 'failed', error: errorMessage(err, t) });
      }
    }
    return ok;
  };

  const finish = async (created: VisitCreated) => {
    if (await uploadAll(created.id, photos)) {
      message.success(t(`检查记录 ${created.visitNo} 已保存`, `Record ${created.visitNo} saved`));
      await qc.invalidateQueries({ queryKey: ['inspections'] });
      navigate(`/inspections/visits/${created.id}/record`, { replace: true });
    }
  };

  const save = async (v: FormValues) => {
    setSaving(true);
    setError(undefined);
    try {
      const signature = absent ? null : pad.current?.toDataUrl() ?? null;
      const created = await api.post<VisitCreated>('/api/inspections/visits', {
        taskId: vf.task?.id ?? null, entityId: vf.entity.id, kind: vf.task ? 'random' : v.kind, campaign: v.kind === 'campaign' ? v.campaign : null,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'), inspectorIds: v.inspectorIds, result: v.result,
        checkResults: vf.checkItems.filter((i) => checks[i.id]?.outcome).map((i) => ({ itemId: i.id, outcome: checks[i.id].outcome, note: checks[i.id].note.trim() || null })),
        findings: v.findings?.trim() || null, signatoryName: v.signatoryName?.trim() || null,
        signedAt: v.signatoryName?.trim() ? signedAt : null, signature,
      });
      setSaved(created);
      await finish(created);
    } catch (err) {
      showFieldErrors(form, err);
      setError(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  const submit = (v: FormValues) => {
    setError(undefined);
    if (v.inspectorIds.length < vf.minInspectors.value) {
      setError(t(`检查人员不得少于${vf.minInspectors.value}人（${vf.minInspectors.citation}）`, `At least ${vf.minInspectors.value} inspectors (${vf.minInspectors.citation})`));
      return;
    }
    if (v.result === 'non_compliant' && failed.length === 0) { setError(t('检查结果为不合格时，至少应有一项检查事项不合格', 'A non-compliant visit needs at least one failed item')); return; }
    if (v.result === 'compliant' && failed.length > 0) { setError(t('有检查事项不合格，检查结果不能为合格', 'An item failed: the result cannot be compliant')); return; }
    if (!absent && !pad.current?.toDataUrl()) { setError(t('请当事人在签名区签名', 'The party must sign')); return; }
    const unanswered = vf.checkItems.length - vf.checkItems.filter((i) => checks[i.id]?.outcome).length;
    modal.confirm({
      title: t('确认提交检查记录？', 'Submit the inspection record?'),
      content: (
        <div>
          <p>{t('提交后，检查记录和当事人签名将登记 SM3 记录哈希并作为证据保存，不能修改。', 'Once submitted, the record and the signature are kept as evidence with their SM3 hash and cannot be changed.')}</p>
          <p>{t(`检查事项：不合格 ${failed.length} 项`, `Failed items: ${failed.length}`)}{unanswered > 0 ? t(`，未填写结论 ${unanswered} 项`, `, unanswered: ${unanswered}`) : ''}{t(`；照片 ${photos.length} 张`, `; photos: ${photos.length}`)}</p>
        </div>
      ),
      okText: t('确认提交', 'Submit'), cancelText: t('返回修改', 'Go back'),
      okButtonProps: { 'data-testid': 'visit-confirm' },
      onOk: () => save(v),
    });
  };

  const team = vf.task ? vf.inspectors.filter((i) => i.inTeam).map((i) => i.name).join('、') : '';
  return (
    <Form<FormValues> form={form} layout="vertical" size="large" onFinish={submit} onFinishFailed={() => setError(t('请检查标红的项目', 'Check the fields marked in red'))}
      disabled={saving || saved !== null} scrollToFirstError
      initialValues={{ visitedOn: today, kind: vf.task ? 'random' : 'routine', inspectorIds: vf.defaultInspectorIds, result: 'compliant' }}>
      <Flex vertical gap={12}>
        <Card size="small" title={t('检查对象', 'Entity')}>
          <Descriptions size="small" column={1} items={[
            { key: 'name', label: t('名称', 'Name'), children: <Typography.Text strong data-testid="visit-entity">{vf.entity.name}</Typography.Text> },
            { key: 'cat', label: t('类别', 'Category'), children: vf.entity.categoryName },
            { key: 'addr', label: t('地址', 'Address'), children: vf.entity.address },
            { key: 'uscc', label: t('统一社会信用代码', 'Credit code'), children: vf.entity.uscc },
            ...(vf.entity.legalRep ? [{ key: 'rep', label: t('法定代表人', 'Legal rep.'), children: vf.entity.legalRep }] : []),
            ...(vf.task ? [
              { key: 'task', label: t('抽查任务', 'Task'), children: <>{vf.task.taskNo}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{vf.task.planTitle}</Typography.Text></div></> },
              { key: 'due', label: t('完成期限', 'Due'), children: <Space size={4}>{vf.task.dueOn}{vf.task.overdue && <Tag color="red">{t('已超期', 'Overdue')}</Tag>}</Space> },
              ...(team ? [{ key: 'team', label: t('检查组', 'Team'), children: team }] : []),
            ] : []),
          ]} />
        </Card>

        <Card size="small" title={t('检查信息', 'The visit')}>
          <Form.Item name="visitedOn" label={t('检查日期', 'Date')} rules={[{ required: true, message: t('请选择检查日期', 'Choose the date') }]}>
            <DatePicker allowClear={false} inputReadOnly disabledDate={(d) => d.isAfter(today, 'day')} style={{ width: '100%' }} data-testid="visit-date" />
          </Form.Item>
          {!vf.task && (
            <Form.Item name="kind" label={t('检查类型', 'Kind')}>
              <Radio.Group block optionType="button" buttonStyle="solid" options={[{ value: 'routine', label: t('日常检查', 'Routine') }, { value: 'campaign', label: t('专项整治', 'Campaign') }]} data-testid="visit-kind" />
            </Form.Item>
          )}
          {kind === 'campaign' && (
            <Form.Item name="campaign" label={t('专项整治名称', 'Campaign')} rules={[{ required: true, whitespace: true, message: t('请填写专项整治名称', 'Name the campaign') }]}>
              <Input maxLength={100} placeholder={t('如：2026年游泳场所卫生专项整治', 'e.g. the 2026 swimming pool campaign')} data-testid="visit-campaign" />
            </Form.Item>
          )}
          <Form.Item name="inspectorIds" label={t(`检查人员（至少${vf.minInspectors.value}人）`, `Inspectors (at least ${vf.minInspectors.value})`)}
            extra={vf.task && vf.task.teamIds.length ? t('双随机抽查由抽取的检查组实施；如需调整检查组，请联系抽查计划管理人员', 'The drawn team carries out the task; the planners change a team') : vf.minInspectors.citation}
            rules={[{ required: true, message: t('请选择检查人员', 'Choose the inspectors') }]}>
            <InspectorChoice form={vf} />
          </Form.Item>
        </Card>

        <Card size="small" title={t(`检查事项（${vf.checkItems.length}项）`, `Check items (${vf.checkItems.length})`)} styles={{ body: { padding: 8 } }}>
          {vf.checkItems.length === 0 && <Typography.Text type="secondary">{t('该类别暂无检查事项，请在“检查发现的问题”中记录', 'No items for this category: write the findings below')}</Typography.Text>}
          <Flex vertical gap={8}>
            {vf.checkItems.map((i) => <CheckItemRow key={i.id} item={i} value={checks[i.id]} onChange={(v) => setCheck(i.id, v)} />)}
          </Flex>
        </Card>

        <Card size="small" title={t('检查结果', 'Result')}>
          <Form.Item name="result" rules={[{ required: true }]}>
            <Radio.Group block optionType="button" buttonStyle="solid" data-testid="visit-result"
              options={VISIT_RESULTS.map(([v, zh, en]) => ({ value: v, label: t(zh, en) }))} />
          </Form.Item>
          {absent && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('当事人不在场：无需当事人签名', 'The party is absent: no signature')} />}
          <Form.Item name="findings" label={t('检查发现的问题', 'Findings')} dependencies={['result']}
            rules={[({ getFieldValue }) => ({
              validator: (_, v?: string) => (getFieldValue('result') === 'non_compliant' && !v?.trim()
                ? Promise.reject(new Error(t('检查结果为不合格时，请填写检查发现的问题', 'Describe what was found'))) : Promise.resolve()),
            })]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} data-testid="visit-findings"
              placeholder={t('现场发现的违法违规事实（不合格时必填），将作为案件线索情况', 'What was found (required when non-compliant); it becomes the lead’s facts')} />
          </Form.Item>
        </Card>

        <Card size="small" title={t('现场照片', 'Photos')}>
          <PhotoButtons onFiles={(files) => setPhotos((all) => [...all, ...queuedPhotos(files, all.length)])} disabled={saving} />
          <PhotoQueue photos={photos} onTitle={(key, title) => patchPhoto(key, { title })} onRemove={(key) => setPhotos((all) => all.filter((p) => p.key !== key))} />
        </Card>

        <Card size="small" title={t('当事人签名', 'Signature of the party')}>
          <Form.Item name="signatoryName" label={t('签名人（当事人或其负责人）姓名', 'Name of who signs')}
            rules={[{ required: !absent, whitespace: true, message: t('请填写签名人姓名', 'Enter the name') }]}>
            <Input maxLength={50} autoComplete="off" data-testid="visit-signatory" />
          </Form.Item>
          <SignaturePad ref={pad} disabled={saving || saved !== null} onChange={(signed) => setSignedAt(signed ? new Date().toISOString() : null)} />
        </Card>

        {error && <Alert type="error" showIcon title={error} data-testid="visit-error" />}
        {saved && photos.some((p) => p.state === 'failed') && (
          <Alert type="warning" showIcon title={t(`检查记录 ${saved.visitNo} 已保存，部分照片上传失败`, `Record ${saved.visitNo} saved; some photos failed to upload`)}
            action={<Space orientation="vertical">
              <Button size="small" disabled={false} onClick={() => void finish(saved)}>{t('重试上传', 'Retry')}</Button>
              <Button size="small" disabled={false} onClick={() => navigate(`/inspections/visits/${saved.id}/record`, { replace: true })}>{t('查看检查记录', 'Open the record')}</Button>
            </Space>} />
        )}
        <Button type="primary" htmlType="submit" size="large" block icon={<CheckOutlined />} loading={saving} style={{ height: 52 }} data-testid="visit-submit">
          {t('提交检查记录', 'Submit the record')}
        </Button>
      </Flex>
    </Form>
  );
}

export function VisitFormPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const taskId = params.get('taskId') ?? undefined;
  const entityId = params.get('entityId') ?? undefined;
  const chosen = taskId !== undefined || entityId !== undefined;
  const form = useQuery({
    queryKey: ['inspections', 'visit-form', taskId, entityId],
    queryFn: () => api.get<VisitForm>(`/api/inspections/visit-form${qs({ taskId, entityId })}`),
    enabled: chosen, retry: false, staleTime: Infinity,
  });
  return (
    <PhoneShell title={taskId ? t('现场检查记录', 'On-site inspection') : t('登记检查', 'Record an inspection')}
      subtitle={t('逐项记录检查结论，拍摄现场照片，由当事人签名；提交后作为证据保存。', 'Record each item, take photos and have the party sign; the record is kept as evidence.')}>
      {!chosen && <EntityPicker onPick={(e) => setParams({ entityId: String(e.id) })} />}
      {chosen && <ErrorAlert error={form.error} />}
      {chosen && form.isLoading && <Card loading />}
      {form.data && <VisitFormBody key={`${taskId}-${entityId}`} form={form.data} />}
    </PhoneShell>
  );
}
