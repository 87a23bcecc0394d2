import { Typography } from 'antd';
import { useT } from '../lib/i18n';

/** A value as indented JSON (audit before/after, change history). */
export function JsonBlock({ value, testId }: { value: unknown; testId?: string }) {
  const t = useT();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('（无）', '(none)')}</Typography.Text>;
  return (
    <pre data-testid={testId} style={{ margin: 0, padding: 8, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4, fontSize: 12, maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** The fields that differ between two objects, for a compact change summary. */
export function changedKeys(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}
