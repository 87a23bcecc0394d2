// Small pieces the library's pages share: search-term highlighting and the kind tag.
import { Tag } from 'antd';
import { useT } from '../../lib/i18n';
import { LAW_KIND_COLORS, LAW_KIND_LABELS } from './labels';
import type { LawKind } from './types';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text with the search terms marked (case-insensitive; terms are plain text, not patterns). */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const words = terms.filter(Boolean);
  if (words.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${words.map(escape).join('|')})`, 'gi');
  const lower = words.map((w) => w.toLowerCase());
  return (
    <>
      {text.split(pattern).map((part, i) => (lower.includes(part.toLowerCase())
        ? <mark key={i} style={{ background: '#ffe58f', padding: 0 }}>{part}</mark>
        : <span key={i}>{part}</span>))}
    </>
  );
}

/** The words of a search box, as the server splits them. */
export const searchTerms = (q: string | undefined | null) => (q ?? '').split(/[\s\u3000]+/).filter(Boolean);

export function KindTag({ kind }: { kind: LawKind }) {
  const t = useT();
  return <Tag color={LAW_KIND_COLORS[kind]}>{t(LAW_KIND_LABELS[kind][0], LAW_KIND_LABELS[kind][1])}</Tag>;
}
