// One instrument: its versions (the one in force marked), and the chosen version's full
// text by chapter and section, one anchor per article (#a99) so a search hit opens at it.
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Highlight, KindTag, searchTerms } from './parts';
import { LawFormDrawer } from './LawFormDrawer';
import { summaryWarning, VERSION_STATUS_COLORS, VERSION_STATUS_LABELS } from './labels';
import { articleAnchor, type Article, type LawDetail, type VersionSummary, type VersionText } from './types';

function VersionTag({ v }: { v: VersionSummary }) {
  const t = useT();
  const [zh, en] = VERSION_STATUS_LABELS[v.status];
  return <Tag color={VERSION_STATUS_COLORS[v.status]} data-testid={`version-status-${v.status}`}>{t(zh, en)}</Tag>;
}

const versionLabel = (v: VersionSummary, t: Translate) =>
  t(`${v.versionDate} 公布 · ${v.effectiveFrom} 起施行`, `Published ${v.versionDate} · in force from ${v.effectiveFrom}`);

/** The chapter and section headings of the text, with the anchors the table of contents links to. */
function headingIds(text: VersionText) {
  const ids = new Map<string, string>();
  text.chapters.forEach((c, i) => {
    if (c.title) ids.set(`c:${c.title}`, `c${i + 1}`);
    c.sections.forEach((s, j) => ids.set(`s:${c.title}:${s}`, `c${i + 1}-s${j + 1}`));
  });
  return ids;
}

function ArticleBlock({ a, title, terms, target }: { a: Article; title: string; terms: string[]; target: boolean }) {
  const anchor = articleAnchor(a.no, a.suffix);
  return (
    <div id={anchor} data-testid={`article-${anchor}`} data-target={target || undefined}
      style={{ padding: '6px 12px', borderRadius: 4, scrollMarginTop: 16, background: target ? '#fffbe6' : undefined, borderLeft: target ? '3px solid #faad14' : '3px solid transparent' }}>
      {a.paragraphs.map((p, i) => (
        <Typography.Paragraph key={i} style={{ marginBottom: 4, textIndent: i === 0 ? 0 : '2em' }}>
          {i === 0 && <Typography.Text strong copyable={{ text: `《${title}》${a.label}` }} style={{ marginRight: 8 }}>{a.label}</Typography.Text>}
          <Highlight text={p} terms={terms} />
        </Typography.Paragraph>
      ))}
    </div>
  );
}

function FullText({ text, terms, target }: { text: VersionText; terms: string[]; target: string }) {
  const ids = headingIds(text);
  const out: React.ReactNode[] = [];
  let chapter: string | null = null;
  let section: string | null = null;
  for (const a of text.articles) {
    if (a.chapter !== chapter) {
      chapter = a.chapter;
      section = null;
      if (a.chapter) out.push(<Typography.Title key={`c-${a.chapter}`} id={ids.get(`c:${a.chapter}`)} level={5} style={{ textAlign: 'center', marginTop: 24, scrollMarginTop: 16 }}>{a.chapter}</Typography.Title>);
    }
    if (a.section !== section) {
      section = a.section;
      if (a.section) out.push(<Typography.Title key={`s-${a.chapter}-${a.section}`} id={ids.get(`s:${a.chapter}:${a.section}`)} level={5} style={{ textAlign: 'center', fontWeight: 500, scrollMarginTop: 16 }}>{a.section}</Typography.Title>);
    }
    const anchor = articleAnchor(a.no, a.suffix);
    out.push(<ArticleBlock key={anchor} a={a} title={text.instrument.title} terms={terms} target={anchor === target} />);
  }
  return <div data-testid="law-text">{out}</div>;
}

function Contents({ text }: { text: VersionText }) {
  const t = useT();
  const ids = headingIds(text);
  return (
    <Card size="small" title={t('目录', 'Contents')} style={{ position: 'sticky', top: 16, maxHeight: 'calc(100vh - 32px)', overflow: 'auto' }}>
      {text.chapters.map((c) => (
        <div key={c.title ?? ''} style={{ marginBottom: 6 }}>
          {c.title && <a href={`#${ids.get(`c:${c.title}`)}`}>{c.title}</a>}
          {c.sections.map((s) => <div key={s} style={{ paddingLeft: 16 }}><a href={`#${ids.get(`s:${c.title}:${s}`)}`}>{s}</a></div>)}
        </div>
      ))}
    </Card>
  );
}

function VersionNotice({ law, version, onShow }: { law: LawDetail; version: VersionSummary; onShow(id: number): void }) {
  const t = useT();
  const current = law.versions.find((v) => v.id === law.currentVersionId);
  if (version.status === 'pending') {
    return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`此版本自 ${version.effectiveFrom} 起施行，目前尚未生效。`, `This version takes effect on ${version.effectiveFrom}.`)} />;
  }
  if (version.status !== 'superseded' || !current) return null;
  return (
    <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="superseded-notice"
      title={t(`此版本已被修订，供查阅依此版本作出的决定。现行有效的是 ${current.versionDate} 公布的版本。`, `This version has been superseded; it is kept for decisions made under it. The version in force was published on ${current.versionDate}.`)}
      action={<Button size="small" onClick={() => onShow(current.id)}>{t('查看现行版本', 'Show the version in force')}</Button>} />
  );
}

export function LawDetailPage() {
  const { id } = useParams();
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const law = useQuery({ queryKey: ['law', id], queryFn: () => api.get<LawDetail>(`/api/laws/${id}`) });
  const versionId = Number(params.get('version')) || law.data?.currentVersionId || law.data?.versions[0]?.id;
  const text = useQuery({
    queryKey: ['law', id, 'version', versionId],
    queryFn: () => api.get<VersionText>(`/api/laws/${id}/versions/${versionId}`),
    enabled: !!versionId,
  });
  const terms = searchTerms(params.get('hl'));
  const target = decodeURIComponent(location.hash.slice(1));

  // Open at the article (or heading) the link names, once its text is on the page.
  useEffect(() => {
    if (text.data && target) document.getElementById(target)?.scrollIntoView({ block: 'start' });
  }, [text.data, target]);

  if (law.isLoading) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (law.error instanceof ApiError && law.error.status === 404) {
    return <Result status="404" title={t('法律法规不存在', 'No such instrument')} extra={<Button onClick={() => navigate('/laws')}>{t('返回法律法规库', 'Back to the library')}</Button>} />;
  }
  if (law.error || !law.data) return <ErrorAlert error={law.error} onRetry={() => law.refetch()} />;
  const l = law.data;
  const version = l.versions.find((v) => v.id === versionId);
  const show = (v: number) => setParams(qs({ version: v }).slice(1), { replace: false });

  return (
    <div>
      <PageHeader
        back="/laws"
        title={l.title}
        subtitle={<Space wrap size={4}><KindTag kind={l.kind} />{l.issuer && <span>{l.issuer}</span>}<Typography.Text type="secondary">{t(`简称：${l.name}`, `Short name: ${l.name}`)}</Typography.Text></Space>}
        extra={can('laws.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="law-new-version">{t('新增版本', 'New version')}</Button>}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Typography.Text>{t('版本', 'Version')}</Typography.Text>
          <Select data-testid="version-select" style={{ minWidth: 360 }} value={versionId} onChange={show}
            options={l.versions.map((v) => ({ value: v.id, label: <Space size={4}>{versionLabel(v, t)}<VersionTag v={v} /></Space> }))} />
          {version && <Typography.Text type="secondary">{t(`共 ${version.articleCount} 条`, `${version.articleCount} articles`)}</Typography.Text>}
        </Space>
      </Card>
      {!version && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('该法规没有这个版本', 'This instrument has no such version')}
        action={l.currentVersionId ? <Button size="small" onClick={() => show(l.currentVersionId!)}>{t('查看现行版本', 'Show the version in force')}</Button> : undefined} />}
      {version && <VersionNotice law={l} version={version} onShow={show} />}
      {version?.textStatus === 'summary' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={summaryWarning(t)} data-testid="summary-warning" />}
      {version && <ErrorAlert error={text.error} onRetry={() => text.refetch()} />}
      {version && text.isLoading && <Card><Skeleton active paragraph={{ rows: 12 }} /></Card>}
      {text.data && text.data.version.id === versionId && (
        <Row gutter={16}>
          {text.data.chapters.length > 0 && <Col xs={0} lg={6}><Contents text={text.data} /></Col>}
          <Col xs={24} lg={text.data.chapters.length > 0 ? 18 : 24}>
            <Card>
              {text.data.version.history && (
                <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[{
                  key: 'history', label: t('制定及修订', 'History'),
                  children: <Typography.Text type="secondary" style={{ whiteSpace: 'pre-line' }}>{text.data.version.history}</Typography.Text>,
                }]} />
              )}
              {text.data.articles.length > 0 ? <FullText text={text.data} terms={terms} target={target} /> : <Empty description={t('该版本没有条文', 'No article in this version')} />}
            </Card>
          </Col>
        </Row>
      )}
      {can('laws.write') && (
        <LawFormDrawer open={adding} law={l} onClose={() => setAdding(false)} onSaved={async (saved) => {
          setAdding(false);
          await qc.invalidateQueries({ queryKey: ['laws'] });
          await qc.invalidateQueries({ queryKey: ['law', id] });
          if (saved.createdVersionId) show(saved.createdVersionId);
        }} />
      )}
    </div>
  );
}
