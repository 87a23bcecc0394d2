import { useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Flex, Input } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useT } from '../lib/i18n';

interface Props {
  /** The search text now applied (from the URL). */
  value?: string;
  onSearch(value: string): void;
  onReset?: () => void;
  placeholder: string;
  /** Filter controls (selects) shown after the search box. */
  children?: ReactNode;
  /** Actions on the right (new, export). */
  extra?: ReactNode;
  width?: number;
}

/**
 * The filter row above every list: a search box applied with Enter or the 查询 button,
 * filters that apply as they change, and 重置 to clear everything.
 */
export function SearchBar({ value, onSearch, onReset, placeholder, children, extra, width = 280 }: Props) {
  const t = useT();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex justify="space-between" gap={12} wrap>
        <Flex gap={8} wrap align="center">
          <Input
            data-testid="search-input"
            allowClear
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value === '' && value) onSearch('');
            }}
            onPressEnter={() => onSearch(text.trim())}
            placeholder={placeholder}
            prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
            style={{ width }}
            maxLength={50}
          />
          {children}
          <Button type="primary" icon={<SearchOutlined />} onClick={() => onSearch(text.trim())} data-testid="search-button">{t('查询', 'Search')}</Button>
          {onReset && <Button icon={<ReloadOutlined />} onClick={() => { setText(''); onReset(); }} data-testid="reset-button">{t('重置', 'Reset')}</Button>}
        </Flex>
        {extra && <Flex gap={8} wrap>{extra}</Flex>}
      </Flex>
    </Card>
  );
}
