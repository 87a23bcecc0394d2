// 法律法规库: the search over the articles in force (or in force on a chosen date), and
// the catalogue of instruments when nothing is searched.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { useUrlFilters } from '../../lib/urlState';
import { PageHeader } from '../../components/PageHeader';
import { SearchBar } from '../../components/SearchBar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { tablePagination } from '../../components/pagination';
import { Highlight, KindTag, searchTerms } from './parts';
import { LawFormDrawer } from './LawFormDrawer';
import { LAW_KIND_LABELS, summaryWarning } from './labels';
import { articleAnchor, type LawDetail, type LawKind, type LawRow, type SearchHit, type SearchResult } from './types';

const FILTERS = ['q', 'kind', 'date'] as const;

/** The link that opens the hit's article in the version searched, with the terms marked. */
export function hitLink(h: SearchHit, q: string): string {
  return `/laws/${h.instrumentId}${qs({ version: h.versionId, hl: q })}#${articleAnchor(h.articleNo, h.suffix)}`;
}

function hitColumns(t: Translate, q: string, terms: string[]): ColumnsType<SearchHit> {
  return [
    {
      title: t('条文', 'Article'), key: 'article', width: 300,
      render: (_, h) => (
        <div>
          <Link to={hitLink(h, q)} onClick={(e) => e.stopPropagation()} data-testid={`hit-${h.name}-${h.articleNo}`} style={{ fontWeight: 500 }}>《{h.title}》{h.label}</Link>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{[h.chapter, h.section].filter(Boolean).join(' · ')}</Typography.Text></div>
          <Space size={0} style={{ marginTop: 4 }}>
            <KindTag kind={h.kind} />
            {h.textStatus === 'summary' && <Tooltip title={summaryWarning(t)}><Tag color="warning">{t('摘要', 'Summary')}</Tag></Tooltip>}
          </Space>
        </div>
      ),
    },
    {
      title: t('内容', 'Text'), key: 'snippet',
      render: (_, h) => (
        <div data-testid="hit-snippet">
          <Highlight text={h.snippet} terms={terms} />
          <div onClick={(e) => e.stopPropagation()}><Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: h.citation }}>{h.citation}</Typography.Text></div>
        </div>
      ),
    },
    { title: t('版本', 'Version'), dataIndex: 'versionDate', width: 120, render: (d: string) => t(`${d} 公布`, `published ${d}`) },
  ];
}

function lawColumns(t: Translate): ColumnsType<LawRow> {
  return [
    {
      title: t('名称', 'Title'), dataIndex: 'title', width: 340,
      render: (title: string, r) => (
        <div>
          <Link to={`/laws/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }} data-testid={`law-${r.name}`}>{title}</Link>
          {r.issuer && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.issuer}</Typography.Text></div>}
        </div>
      ),
    },
    { title: t('类别', 'Kind'), dataIndex: 'kind', width: 130, render: (k: LawKind) => <KindTag kind={k} /> },
    {
      title: t('现行版本', 'Version in force'), key: 'current', width: 230,
      render: (_, r) => (r.currentVersionDate
        ? <div>
          <div>{t(`${r.currentVersionDate} 公布`, `Published ${r.currentVersionDate}`)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`${r.effectiveFrom} 起施行`, `In force from ${r.effectiveFrom}`)}</Typography.Text>
        </div>
        : <Typography.Text type="secondary">{t('尚无施行中的版本', 'No version in force yet')}</Typography.Text>),
    },
    { title: t('条数', 'Articles'), dataIndex: 'articleCount', width: 80, align: 'right' },
    { title: t('版本数', 'Versions'), dataIndex: 'versions', width: 80, align: 'right' },
    {
      title: t('说明', 'Notes'), key: 'notes', width: 220,
      render: (_, r) => (
        <Space size={0} wrap>
          {r.textStatus === 'summary' && <Tooltip title={summaryWarning(t)}><Tag color="warning">{t('条文摘要', 'Summary')}</Tag></Tooltip>}
          {r.nextEffectiveFrom && <Tag color="orange">{t(`新版本 ${r.nextEffectiveFrom} 起施行`, `New version from ${r.nextEffectiveFrom}`)}</Tag>}
        </Space>
      ),
    },
  ];
}

export function LawsPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const f = useUrlFilters(FILTERS);
  const v = f.values;
  const searching = !!v.q;
  const [adding, setAdding] = useState(false);

  const hits = useQuery({
    queryKey: ['laws', 'search', f.query],
    queryFn: () => api.get<SearchResult>(`/api/laws/search${qs(f.query)}`),
    enabled: searching,
    placeholderData: keepPreviousData,
  });
  const list = useQuery({
    queryKey: ['laws', 'list', f.query],
    queryFn: () => api.get<{ rows: LawRow[]; total: number; totalCapped: boolean; page: number; pageSize: number }>(
      `/api/laws${qs({ kind: v.kind, page: f.page, pageSize: f.pageSize })}`),
    enabled: !searching,
    placeholderData: keepPreviousData,
  });

  const saved = async (law: LawDetail) => {
    setAdding(false);
    await qc.invalidateQueries({ queryKey: ['laws'] });
    navigate(`/laws/${law.id}`);
  };

  const terms = searchTerms(v.q);
  const onDate = hits.data?.date;
  return (
    <div>
      <PageHeader
        title={t('法律法规库', 'Legal-basis library')}
        subtitle={t('执法和决定所依据的法律、法规、规章，按版本保存：检索施行中的条文，依原版本作出的决定仍可查阅原条文。',
          'The laws, regulations and rules decisions rest on, kept by version: search the articles in force; decisions made under an earlier version can still read it.')}
        extra={can('laws.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="law-new">{t('新增规章/地方性法规', 'New rule or local regulation')}</Button>
        )}
      />
      <SearchBar
        value={v.q}
        onSearch={(q) => f.set({ q })}
        onReset={Object.keys(v).length > 0 ? f.reset : undefined}
        placeholder={t('检索条文，如：擅自执业、听证 五日', 'Search articles, e.g. 擅自执业, 听证 五日')}
        width={320}
      >
        <Select data-testid="filter-kind" allowClear placeholder={t('类别', 'Kind')} style={{ width: 150 }} value={v.kind}
          options={(Object.keys(LAW_KIND_LABELS) as LawKind[]).map((k) => ({ value: k, label: t(LAW_KIND_LABELS[k][0], LAW_KIND_LABELS[k][1]) }))}
          onChange={(x) => f.set({ kind: x })} popupMatchSelectWidth={false} />
        {searching && (
          <Tooltip title={t('检索在该日施行的版本（默认今天），用于查找案件发生或决定时适用的条文', 'Search the versions in force on this date (default today), e.g. the date of the case')}>
            <DatePicker data-testid="filter-date" placeholder={t('适用日期（默认今天）', 'In force on (today)')} style={{ width: 180 }}
              value={v.date ? dayjs(v.date) : null} onChange={(d) => f.set({ date: d ? d.format('YYYY-MM-DD') : undefined })} />
          </Tooltip>
        )}
      </SearchBar>
      {searching ? (
        <>
          <ErrorAlert error={hits.error} onRetry={() => hits.refetch()} />
          {onDate && v.date && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`检索的是 ${onDate} 施行的版本`, `Searching the versions in force on ${onDate}`)} />}
          <div data-testid="hit-table">
            <Table<SearchHit>
              rowKey={(h) => `${h.versionId}-${h.articleNo}-${h.suffix}`}
              size="middle"
              columns={hitColumns(t, v.q!, terms)}
              dataSource={hits.data?.rows}
              loading={hits.isFetching}
              pagination={tablePagination(f, hits.data, t)}
              onRow={(h) => ({ onClick: () => navigate(hitLink(h, v.q!)), style: { cursor: 'pointer' } })}
              locale={{ emptyText: <Empty description={t(`没有找到包含“${v.q}”的施行中的条文；多个词须同时出现，可减少检索词再试`, `No article in force contains “${v.q}”; all words must occur, try fewer`)} /> }}
              scroll={{ x: 900 }}
            />
          </div>
        </>
      ) : (
        <>
          <ErrorAlert error={list.error} onRetry={() => list.refetch()} />
          <div data-testid="law-table">
            <Table<LawRow>
              rowKey="id"
              size="middle"
              columns={lawColumns(t)}
              dataSource={list.data?.rows}
              loading={list.isFetching}
              pagination={tablePagination(f, list.data, t)}
              onRow={(r) => ({ onClick: () => navigate(`/laws/${r.id}`), style: { cursor: 'pointer' } })}
              locale={{ emptyText: <Empty description={v.kind ? t('该类别下暂无法律法规', 'Nothing of this kind yet') : t('法律法规库为空', 'The library is empty')} /> }}
              scroll={{ x: 1080 }}
            />
          </div>
        </>
      )}
      {can('laws.write') && <LawFormDrawer open={adding} onClose={() => setAdding(false)} onSaved={saved} />}
    </div>
  );
}
