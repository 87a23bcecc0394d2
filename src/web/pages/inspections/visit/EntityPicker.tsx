// Choosing the entity of a routine or campaign visit (登记检查): the directory searched on
// the server by name, address, legal representative or credit code, as the user types,
// shown as a list of large rows to tap (the form is used on a phone).
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Input, List, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { api, qs } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import type { Entity, Paged } from '../../../lib/types';
import { ErrorAlert } from '../../../components/ErrorAlert';

export function EntityPicker({ onPick }: { onPick(entity: Entity): void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  // Searched as the user types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const list = useQuery({
    queryKey: ['entities', 'visit-picker', q],
    queryFn: () => api.get<Paged<Entity>>(`/api/entities${qs({ q: q || undefined, pageSize: 20 })}`),
    placeholderData: keepPreviousData,
  });
  return (
    <Card size="small" title={t('选择被检查的监管对象', 'Choose the entity inspected')}>
      <Input.Search size="large" allowClear value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => setQ(v.trim())}
        placeholder={t('名称、地址、法定代表人或统一社会信用代码', 'Name, address, legal representative or credit code')} data-testid="entity-search" />
      <ErrorAlert error={list.error} onRetry={() => list.refetch()} style={{ marginTop: 12 }} />
      <List style={{ marginTop: 8 }} loading={list.isFetching} dataSource={list.data?.rows ?? []} data-testid="entity-results"
        locale={{ emptyText: <Empty description={q ? t('没有符合条件的监管对象', 'No entity matches') : t('请输入查询条件', 'Type to search')} /> }}
        renderItem={(e) => (
          <List.Item key={e.id} onClick={() => onPick(e)} style={{ cursor: 'pointer', minHeight: 64, padding: '10px 4px' }} data-testid={`entity-${e.id}`}>
            <Flex justify="space-between" align="center" gap={8} style={{ width: '100%' }}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{e.name}</Typography.Text> <Tag>{e.categoryName}</Tag>
                <div><Typography.Text type="secondary" style={{ fontSize: 13 }}>{e.address}</Typography.Text></div>
              </div>
              <RightOutlined style={{ color: '#8c8c8c' }} />
            </Flex>
          </List.Item>
        )} />
    </Card>
  );
}
