// A regulated entity picked from the directory by name or USCC, searched on the server as
// the user types (a directory may hold a million entities).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { api, qs } from '../lib/api';
import { useT } from '../lib/i18n';
import type { Entity, Paged } from '../lib/types';

interface Props {
  value?: number;
  onChange?: (v: number | undefined, entity?: Entity) => void;
  id?: string;
  'data-testid'?: string;
}

export function EntitySelect({ value, onChange, id, 'data-testid': testId = 'entity-select' }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [known, setKnown] = useState<Map<number, Entity>>(new Map());
  const list = useQuery({
    queryKey: ['entities', 'picker', search],
    queryFn: () => api.get<Paged<Entity>>(`/api/entities${qs({ q: search || undefined, pageSize: 20 })}`),
    enabled: search.length > 0,
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (list.data) setKnown((m) => new Map([...m, ...list.data.rows.map((e) => [e.id, e] as const)]));
  }, [list.data]);
  const chosen = value === undefined ? undefined : known.get(value);
  const rows = search ? list.data?.rows ?? [] : [];
  const shown = [...rows, ...(chosen && !rows.some((r) => r.id === chosen.id) ? [chosen] : [])];
  return (
    <Select id={id} value={value} allowClear loading={list.isFetching} data-testid={testId}
      placeholder={t('输入名称或统一社会信用代码查找', 'Type a name or credit code')}
      onChange={(v: number | undefined) => { setSearch(''); onChange?.(v, v === undefined ? undefined : known.get(v)); }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={list.isFetching ? <Spin size="small" /> : search ? t('没有符合条件的监管对象', 'No matching entity') : t('请输入查询条件', 'Type to search')}
      options={shown.map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }))} />
  );
}
