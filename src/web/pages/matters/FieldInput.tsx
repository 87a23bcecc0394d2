// One declared field (core/matters/<kind>.ts) as a form control: the same declaration the
// server validates with, so the form asks for exactly what the step takes. Dates are sent
// as YYYY-MM-DD; people, entities, organisations and cases are picked, not typed.
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import type { Paged } from '../../lib/types';
import { EntitySelect } from '../../components/EntitySelect';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { fieldShown } from '../../../core/matters/procedure';
import type { FieldSpec } from './types';

export { fieldShown };

function PersonSelect({ value, onChange, id }: { value?: number; onChange?: (v: number | undefined) => void; id?: string }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const people = useQuery({
    queryKey: ['matters', 'people', search],
    queryFn: () => api.get<{ id: number; name: string; orgName: string }[]>(`/api/matters/people${qs({ q: search || undefined })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Select id={id} showSearch={{ filterOption: false, onSearch: setSearch }} allowClear value={value} onChange={onChange} placeholder={t('输入姓名查找', 'Type a name')}
      options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.orgName}）` }))} data-testid="person-select" />
  );
}

function CaseSelect({ value, onChange, id }: { value?: number; onChange?: (v: number | undefined) => void; id?: string }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const cases = useQuery({
    queryKey: ['cases', 'picker', search],
    queryFn: () => api.get<Paged<{ id: number; caseNo: string; partyName: string }>>(`/api/cases${qs({ q: search || undefined, pageSize: 20 })}`),
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
  });
  return (
    <Select id={id} showSearch={{ filterOption: false, onSearch: setSearch }} allowClear value={value} onChange={onChange} placeholder={t('输入案号或当事人查找', 'Type a case number or party')}
      options={(cases.data?.rows ?? []).map((c) => ({ value: c.id, label: `${c.caseNo} ${c.partyName}` }))} data-testid="case-select" />
  );
}

function control(f: FieldSpec) {
  switch (f.type) {
    case 'text': return <Input maxLength={f.max ?? 200} />;
    case 'textarea': return <Input.TextArea rows={4} maxLength={f.max ?? 5000} showCount />;
    case 'date': return <DatePicker style={{ width: '100%' }} />;
    case 'select': return <Select mode={f.multiple ? 'multiple' : undefined} options={Object.entries(f.options ?? {}).map(([value, label]) => ({ value, label }))} allowClear={!f.required} />;
    case 'boolean': return <Checkbox>{f.label}</Checkbox>;
    case 'number': return <InputNumber min={0} style={{ width: '100%' }} />;
    case 'list': return <Select mode="tags" tokenSeparators={['\n', '；', ';']} open={false} />;
    case 'entity': return <EntitySelect />;
    case 'org': return <OrgTreeSelect />;
    case 'orgs': return <OrgTreeSelect multiple />;
    case 'user': return <PersonSelect />;
    case 'case': return <CaseSelect />;
  }
}

export function FieldInput({ f }: { f: FieldSpec }) {
  const t = useT();
  return (
    <Form.Item name={f.name} label={f.type === 'boolean' ? undefined : f.label} valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
      extra={f.help} rules={f.required && f.type !== 'boolean' ? [{ required: true, message: t(`请填写${f.label}`, `${f.label} is required`) }] : []}
      data-testid={`field-${f.name}`}>
      {control(f)}
    </Form.Item>
  );
}

/** The form's values as the API takes them: dates as YYYY-MM-DD, empty strings and fields not asked (showWhen) dropped. */
export function formValues(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === null || v === '' || !fieldShown(f, out)) continue;
    out[f.name] = f.type === 'date' ? (v as Dayjs).format('YYYY-MM-DD') : v;
  }
  return out;
}

/** The form's initial values as declared ('today' for a date: the server's today). */
export function initialFormValues(fields: FieldSpec[], today: string | undefined): Record<string, unknown> {
  const initial = (f: FieldSpec) => (f.type === 'date' ? (f.initial === 'today' && today ? dayjs(today) : undefined) : f.initial);
  return Object.fromEntries(fields.map((f) => [f.name, initial(f)]).filter(([, v]) => v !== undefined));
}
