// One legal basis of a check item: an article found by searching the legal-basis library
// (the articles in force), and optionally the one of its lines (款 or 项) that applies.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Flex, Select, Spin, Typography } from 'antd';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import type { SearchResult } from '../laws/types';
import type { ArticleText, BasisCite } from './types';

const keyOf = (law: string, article: number) => `${law}|${article}`;

/** The article in force, with each line's citation (the server's /api/checkitems/article). */
export function useArticle(law: string | undefined, article: number | undefined) {
  return useQuery({
    queryKey: ['checkitems', 'article', law, article],
    queryFn: () => api.get<ArticleText>(`/api/checkitems/article${qs({ law, article })}`),
    enabled: !!law && !!article,
    staleTime: 300_000,
    retry: false,
  });
}

function useDebounced(value: string, ms = 300): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

interface Props {
  value?: Partial<BasisCite>;
  onChange?: (value: Partial<BasisCite>) => void;
  index: number;
}

export function BasisPicker({ value, onChange, index }: Props) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const hits = useQuery({
    queryKey: ['laws', 'search', 'picker', q],
    queryFn: () => api.get<SearchResult>(`/api/laws/search${qs({ q, pageSize: 30 })}`),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
  const article = useArticle(value?.law, value?.article);

  const current = value?.law && value.article
    ? [{ value: keyOf(value.law, value.article), label: article.data ? `《${article.data.title}》${article.data.label}` : `《${value.law}》第${value.article}条` }]
    : [];
  const found = (hits.data?.rows ?? []).filter((h) => h.suffix === 0).map((h) => ({
    value: keyOf(h.name, h.articleNo),
    label: `《${h.title}》${h.label}`,
    hit: h,
  }));
  const options = [...current.filter((c) => !found.some((f) => f.value === c.value)), ...found];

  const lines = article.data?.paragraphs ?? [];
  return (
    <Flex gap={8} wrap style={{ width: '100%' }}>
      <Select
        data-testid={`basis-article-${index}`}
        showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
        style={{ flex: '1 1 360px', minWidth: 300 }}
        placeholder={t('检索条文：法规简称 + 条号或关键词，如“公共场所卫生管理条例 第七条”', 'Search: instrument and article, or words')}
        value={value?.law && value.article ? keyOf(value.law, value.article) : undefined}
        notFoundContent={hits.isFetching ? <Spin size="small" /> : q ? t('没有找到施行中的条文', 'No article in force found') : t('请输入检索词', 'Type to search')}
        options={options}
        optionRender={(o) => {
          const hit = (o.data as { hit?: SearchResult['rows'][number] }).hit;
          return (
            <div data-testid={hit ? `article-option-${hit.name}-${hit.articleNo}` : undefined}>
              <div>{o.label}</div>
              {hit && <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>{hit.snippet}</Typography.Text>}
            </div>
          );
        }}
        onChange={(key: string) => {
          const at = key.lastIndexOf('|');
          onChange?.({ law: key.slice(0, at), article: Number(key.slice(at + 1)) });
          setSearch('');
        }}
      />
      <Select
        data-testid={`basis-paragraph-${index}`}
        style={{ flex: '1 1 240px', minWidth: 200 }}
        disabled={!value?.article}
        loading={article.isFetching}
        value={value?.paragraph ?? 0}
        onChange={(p: number) => onChange?.({ law: value?.law, article: value?.article, ...(p ? { paragraph: p } : {}) })}
        popupMatchSelectWidth={false}
        options={[
          { value: 0, label: t('整条', 'Whole article') },
          ...lines.map((l) => ({
            value: l.no,
            label: `${l.citation.replace(/^《[^》]*》/, '')}：${l.text.length > 36 ? `${l.text.slice(0, 36)}…` : l.text}`,
          })),
        ]}
      />
      {article.isError && <Typography.Text type="danger">{t('法律法规库中没有该条文的现行版本', 'The library holds no version of this article in force')}</Typography.Text>}
    </Flex>
  );
}
