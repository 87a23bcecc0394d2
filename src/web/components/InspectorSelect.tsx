// Inspectors in the user's scope, with whether each may enforce (certificate), searched on
// the server as the user types (a commission may have hundreds); those already chosen keep
// their names whatever the search shows. Used by the case steps, the plan's team changes
// and the conflict declarations.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { api, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import type { Inspector, Paged } from '../lib/types';

interface Props {
  multiple?: boolean;
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  id?: string;
  'data-testid'?: string;
}

export function InspectorSelect({ multiple, value, onChange, id, 'data-testid': testId = 'step-inspectors' }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [known, setKnown] = useState<Map<number, Inspector>>(new Map());
  const list = useQuery({
    queryKey: ['inspectors', 'picker', search],
    queryFn: () => api.get<Paged<Inspector>>(`/api/inspectors${qs({ q: search || undefined, pageSize: 50 })}`),
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (list.data) setKnown((m) => new Map([...m, ...list.data.rows.map((i) => [i.id, i] as const)]));
  }, [list.data]);
  const chosen = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((i) => known.get(i)).filter((i): i is Inspector => !!i);
  const shown = [...(list.data?.rows ?? []), ...chosen.filter((c) => !list.data?.rows.some((r) => r.id === c.id))];
  return (
    <Select id={id} mode={multiple ? 'multiple' : undefined} value={value} onChange={(v) => { setSearch(''); onChange?.(v); }} loading={list.isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }} data-testid={testId}
      notFoundContent={list.isFetching ? <Spin size="small" /> : t('没有符合条件的执法人员', 'No matching inspector')}
      options={shown.map((i) => ({ value: i.id, label: `${i.name}（${i.orgName}）${i.canEnforce ? '' : t(` · ${i.reason ?? '不能执法'}`, ' · cannot enforce')}` }))} />
  );
}
