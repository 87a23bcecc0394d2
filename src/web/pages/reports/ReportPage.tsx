// One annual report as a document: the sections, the figure sentences (each linked to its
// metric's definition and to the records behind it), the narrative paragraphs editable in
// place while the report is a draft, with one save (a new version with a note). At the
// side: the comparison with the previous year, the work plan's targets, and the versions
// (any of them can be read and exported). Actions: 重新生成, 定稿 (confirmed: it locks),
// 公开 (confirmed), 导出Word.
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert, App, Button, Card, Col, Empty, Input, List, Row, Skeleton, Space, Table, Tag, Tooltip, Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, FileWordOutlined, InfoCircleOutlined, ReloadOutlined, SaveOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, download, qs } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage, formatDateTime } from '../../lib/format';
import { recordsLink } from '../../lib/recordLinks';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ReportBlock, ReportSection, Sentence } from '../../../core/reports/template';
import { STATUS_COLORS, formatFigure, type FigureValue, type ReportDetail, type VersionItem } from './types';
import { GenerateDialog } from './ReportListPage';

const COMPARATOR_SIGNS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };
const DOC_FONT = '"FangSong", "仿宋", "STFangsong", serif';

export function ReportPage() {
  const t = useT();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const viewing = params.get('version') ? Number(params.get('version')) : undefined;
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const report = useQuery({
    queryKey: ['reports', id, viewing ?? 'current'],
    queryFn: () => api.get<ReportDetail>(`/api/reports/${id}${qs({ version: viewing })}`),
  });
  const versions = useQuery({ queryKey: ['reports', id, 'versions'], queryFn: () => api.get<VersionItem[]>(`/api/reports/${id}/versions`) });
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [regenerating, setRegenerating] = useState(false);
  const r = report.data;
  // Edits belong to the version they were made on.
  useEffect(() => { setDrafts({}); }, [r?.version.version]);

  const editable = !!r && r.status === 'draft' && can('reports.write') && r.version.version === r.currentVersion;
  const changed = Object.keys(drafts).length > 0;
  const refresh = (fresh?: ReportDetail) => {
    if (fresh) qc.setQueryData(['reports', id, 'current'], fresh);
    void qc.invalidateQueries({ queryKey: ['reports'] });
  };

  const save = useMutation({
    mutationFn: () => api.put<ReportDetail>(`/api/reports/${id}/narratives`, { changes: drafts, note: note.trim() || null, baseVersion: r!.currentVersion }),
    onSuccess: (fresh) => { setDrafts({}); setNote(''); refresh(fresh); message.success(t(`已保存为第${fresh.currentVersion}版`, `Saved as version ${fresh.currentVersion}`)); },
    onError: (e) => message.error(errorMessage(e, t)),
  });
  const act = useMutation({
    mutationFn: (what: 'finalise' | 'publish') => api.post<ReportDetail>(`/api/reports/${id}/${what}`),
    onSuccess: (fresh, what) => { refresh(fresh); message.success(what === 'finalise' ? t('已定稿', 'Finalised') : t('已在门户网站公开', 'Published on the portal')); },
    onError: (e) => message.error(errorMessage(e, t)),
  });

  if (report.isLoading) return <Skeleton active />;
  if (!r) return <ErrorAlert error={report.error} onRetry={() => report.refetch()} />;
  const period = r.version.figures.period;
  const linkQuery = { from: period.from, to: period.to, org: r.orgCode };

  const confirmFinalise = () => modal.confirm({
    title: t('定稿后报告将被锁定', 'Finalising locks the report'),
    content: t(`将以第${r.currentVersion}版作为定稿。定稿后不能再修改文字段落，也不能重新生成，确定定稿吗？`, `Version ${r.currentVersion} becomes the final report. It cannot be edited or regenerated afterwards. Finalise?`),
    okText: t('确定定稿', 'Finalise'), cancelText: t('取消', 'Cancel'), okButtonProps: { 'data-testid': 'report-finalise-confirm' } as ButtonProps,
    onOk: () => act.mutateAsync('finalise'),
  });
  const confirmPublish = () => modal.confirm({
    title: t('在门户网站公开报告', 'Publish the report on the portal'),
    content: t(`定稿版本（第${r.finalVersion}版）将向社会公开，任何人都可以在门户网站阅读。确定公开吗？`, `The final version (v${r.finalVersion}) will be readable by anyone on the portal. Publish?`),
    okText: t('确定公开', 'Publish'), cancelText: t('取消', 'Cancel'), okButtonProps: { 'data-testid': 'report-publish-confirm' } as ButtonProps,
    onOk: () => act.mutateAsync('publish'),
  });

  return (
    <div>
      <PageHeader back="/reports" title={r.title}
        subtitle={(
          <Space wrap>
            <Tag color={STATUS_COLORS[r.status]} data-testid="report-status">{t(r.statusName, r.status)}</Tag>
            <span>{t(`统计期间 ${period.from} 至 ${period.to}；${r.orgName}（含下级机构）`, `Period ${period.from} to ${period.to}; ${r.orgName} with everything under it`)}</span>
          </Space>
        )}
        extra={(
          <Space wrap>
            {r.status === 'draft' && can('reports.write') && (
              <Button icon={<ReloadOutlined />} onClick={() => setRegenerating(true)} disabled={changed} data-testid="report-regenerate">{t('重新生成', 'Regenerate')}</Button>
            )}
            {r.status === 'draft' && can('reports.write') && (
              <Button icon={<CheckCircleOutlined />} onClick={confirmFinalise} disabled={changed} data-testid="report-finalise">{t('定稿', 'Finalise')}</Button>
            )}
            {r.status === 'final' && can('reports.write') && (
              <Button icon={<CloudUploadOutlined />} onClick={confirmPublish} data-testid="report-publish">{t('公开', 'Publish')}</Button>
            )}
            <Button type="primary" icon={<FileWordOutlined />} onClick={() => download(`/api/reports/${r.id}/document${qs({ version: r.version.version })}`)} data-testid="report-export-word">
              {t('导出Word', 'Export to Word')}
            </Button>
          </Space>
        )} />
      {r.version.version !== r.currentVersion && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="report-old-version"
          title={t(`正在查看第${r.version.version}版（当前为第${r.currentVersion}版）`, `Viewing version ${r.version.version} (current: ${r.currentVersion})`)}
          action={<Button size="small" onClick={() => setParams({})}>{t('查看当前版本', 'Current version')}</Button>} />
      )}
      {r.status !== 'draft' && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }}
          title={r.status === 'published'
            ? t(`已定稿（第${r.finalVersion}版）并于${formatDateTime(r.publishedAt)}在门户网站公开`, `Final (v${r.finalVersion}), published ${formatDateTime(r.publishedAt)}`)
            : t(`已定稿（第${r.finalVersion}版），报告已锁定`, `Final (v${r.finalVersion}); the report is locked`)} />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card data-testid="report-document" styles={{ body: { fontFamily: DOC_FONT, fontSize: 16, lineHeight: 1.9, padding: '32px 40px' } }}>
            <Typography.Title level={3} style={{ textAlign: 'center', fontFamily: DOC_FONT, marginBottom: 24 }}>{r.version.content.title}</Typography.Title>
            {r.version.content.sections.map((s) => (
              <SectionView key={s.id} section={s} level={1} editable={editable} drafts={drafts} onEdit={(blockId, text) => setDrafts((d) => ({ ...d, [blockId]: text }))}
                linkQuery={linkQuery} figures={r.version.figures.current} />
            ))}
            <div style={{ textAlign: 'right', marginTop: 32 }} data-testid="report-signature">
              <div data-testid="report-signer">{r.orgName}</div>
              <div data-testid="report-date">{r.version.createdOn}</div>
            </div>
          </Card>
          {editable && (
            <Card size="small" style={{ position: 'sticky', bottom: 0, marginTop: 8, zIndex: 2 }}>
              <Space wrap style={{ width: '100%' }}>
                <Input style={{ width: 360 }} maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('修改说明（保存在版本记录中）', 'What changed (kept with the version)')} data-testid="report-note" />
                <Button type="primary" icon={<SaveOutlined />} disabled={!changed} loading={save.isPending} onClick={() => save.mutate()} data-testid="report-narrative-save">
                  {t('保存文字段落', 'Save the paragraphs')}
                </Button>
                {changed && <Typography.Text type="warning">{t(`有${Object.keys(drafts).length}个段落未保存`, `${Object.keys(drafts).length} paragraph(s) not saved`)}</Typography.Text>}
                {changed && <Button onClick={() => setDrafts({})}>{t('放弃修改', 'Discard')}</Button>}
              </Space>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <ComparisonCard figures={r.version.figures.current} previous={r.version.figures.previous} year={r.year} />
          <TargetsCard report={r} />
          <Card size="small" title={t('版本', 'Versions')} style={{ marginTop: 16 }} data-testid="report-versions">
            <ErrorAlert error={versions.error} onRetry={() => versions.refetch()} />
            <List size="small" dataSource={versions.data ?? []} loading={versions.isLoading} locale={{ emptyText: <Empty description={t('没有版本', 'No versions')} /> }}
              renderItem={(v) => (
                <List.Item data-testid={`report-version-${v.version}`}
                  actions={[v.version === r.version.version
                    ? <Tag key="on">{t('正在查看', 'Viewing')}</Tag>
                    : <Button key="view" size="small" type="link" onClick={() => setParams(v.version === r.currentVersion ? {} : { version: String(v.version) })}>{t('查看', 'View')}</Button>]}>
                  <List.Item.Meta
                    title={<Space size={4}>{t(`第${v.version}版`, `v${v.version}`)}{v.version === r.finalVersion && <Tag color="blue">{t('定稿', 'Final')}</Tag>}</Space>}
                    description={<span>{v.note ?? '—'}<br />{formatDateTime(v.createdAt)} {v.createdByName ?? t('系统', 'System')}</span>} />
                </List.Item>
              )} />
          </Card>
        </Col>
      </Row>
      {regenerating && <GenerateDialog initial={{ year: r.year, orgId: r.orgId }} onClose={() => { setRegenerating(false); setParams({}); void qc.invalidateQueries({ queryKey: ['reports'] }); }} />}
    </div>
  );
}

interface SectionProps {
  section: ReportSection; level: 1 | 2; editable: boolean; drafts: Record<string, string>; onEdit: (blockId: string, text: string) => void;
  linkQuery: { from: string; to: string; org: string }; figures: FigureValue[];
}

function SectionView({ section, level, ...rest }: SectionProps) {
  return (
    <section data-testid={`report-section-${section.id}`}>
      {section.heading && (
        <div style={{ fontFamily: level === 1 ? '"SimHei", "黑体", sans-serif' : '"KaiTi", "楷体", serif', fontWeight: level === 1 ? 600 : 400, margin: '12px 0 4px', textIndent: '2em' }}>
          {section.heading}
        </div>
      )}
      {section.blocks.map((b) => <BlockView key={b.id} block={b} {...rest} />)}
      {(section.subsections ?? []).map((s) => <SectionView key={s.id} section={s} level={2} {...rest} />)}
    </section>
  );
}

function BlockView({ block, editable, drafts, onEdit, linkQuery, figures }: Omit<SectionProps, 'section' | 'level'> & { block: ReportBlock }) {
  const t = useT();
  if (block.type === 'figures') {
    if (block.sentences.length === 0) return null;
    return (
      <p style={{ textIndent: '2em', margin: '4px 0' }} data-testid={`report-figures-${block.id}`}>
        {block.sentences.map((s, i) => <SentenceView key={i} sentence={s} linkQuery={linkQuery} figures={figures} />)}
      </p>
    );
  }
  if (!editable) {
    return <>{block.text.split('\n').filter((p) => p.trim()).map((p, i) => <p key={i} style={{ textIndent: '2em', margin: '4px 0' }} data-testid={i === 0 ? `report-narrative-${block.id}` : undefined}>{p}</p>)}</>;
  }
  const value = drafts[block.id] ?? block.text;
  return (
    <div style={{ margin: '4px 0' }}>
      <Input.TextArea value={value} autoSize={{ minRows: 2 }} maxLength={20000} onChange={(e) => onEdit(block.id, e.target.value)} data-testid={`report-narrative-${block.id}`}
        style={{ fontFamily: DOC_FONT, fontSize: 16, lineHeight: 1.9, background: block.id in drafts ? '#fffbe6' : '#fafcff' }} />
      {!block.edited && !(block.id in drafts) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('系统预填的文字，请根据实际工作改写', 'Text filled in by the system: rewrite it from the actual work')}</Typography.Text>
      )}
    </div>
  );
}

/** A figure sentence with, for each of its metrics, the definition and the records behind it. */
function SentenceView({ sentence, linkQuery, figures }: { sentence: Sentence; linkQuery: { from: string; to: string; org: string }; figures: FigureValue[] }) {
  const t = useT();
  return (
    <span data-testid="report-sentence">
      {sentence.text}
      {sentence.metricIds.map((id) => {
        const name = figures.find((f) => f.id === id)?.name ?? id;
        const records = recordsLink(id, linkQuery);
        return (
          <sup key={id} style={{ fontFamily: 'sans-serif', fontSize: 11, marginRight: 2 }}>
            <Tooltip title={t(`指标口径：${name}`, `Definition: ${name}`)}>
              <Link to={`/metrics${qs({ id, ...linkQuery })}`} data-testid={`report-metric-${id}`}><InfoCircleOutlined /></Link>
            </Tooltip>
            {records && (
              <Tooltip title={t(`${name}：查看数据来源记录`, `${name}: the records behind it`)}>
                <Link to={records} style={{ marginLeft: 2 }} data-testid={`report-records-${id}`}><UnorderedListOutlined /></Link>
              </Tooltip>
            )}
          </sup>
        );
      })}
    </span>
  );
}

function ComparisonCard({ figures, previous, year }: { figures: FigureValue[]; previous: FigureValue[]; year: number }) {
  const t = useT();
  const rows = useMemo(() => {
    const prev = new Map(previous.map((p) => [p.id, p]));
    return figures
      .map((f) => ({ ...f, last: prev.get(f.id)?.value ?? null }))
      .filter((f) => (f.value !== null && f.value !== 0) || (f.last !== null && f.last !== 0));
  }, [figures, previous]);
  const change = (f: (typeof rows)[number]) => {
    if (f.value === null || f.last === null) return '—';
    if (f.unit === 'ratio') {
      const d = (Math.floor(f.value * 10000 + 1e-6) - Math.floor(f.last * 10000 + 1e-6)) / 100;
      return `${d > 0 ? '+' : ''}${d.toFixed(2)}${t('个百分点', ' pts')}`;
    }
    if (f.last === 0) return '—';
    const pct = ((f.value - f.last) / f.last) * 100;
    return `${pct > 0 ? '+' : ''}${pct.toFixed(2)}%`;
  };
  return (
    <Card size="small" title={t(`与上年（${year - 1}年）比较`, `Against ${year - 1}`)} data-testid="report-comparison">
      <Table size="small" rowKey="id" pagination={false} dataSource={rows} scroll={{ y: 360 }}
        locale={{ emptyText: <Empty description={t('两年都没有数据', 'No figures in either year')} /> }}
        columns={[
          { title: t('指标', 'Metric'), dataIndex: 'name', render: (n: string, f) => <Link to={`/metrics?id=${encodeURIComponent(f.id)}`}>{n}</Link> },
          { title: String(year), key: 'v', align: 'right', width: 90, render: (_, f) => formatFigure(f.unit, f.value) },
          { title: String(year - 1), key: 'l', align: 'right', width: 90, render: (_, f) => formatFigure(f.unit, f.last) },
          { title: t('变化', 'Change'), key: 'c', align: 'right', width: 100, render: (_, f) => change(f) },
        ]} />
    </Card>
  );
}

function TargetsCard({ report }: { report: ReportDetail }) {
  const t = useT();
  const targets = report.version.figures.targets;
  return (
    <Card size="small" title={t('工作要点目标', 'Work-plan targets')} style={{ marginTop: 16 }} data-testid="report-targets"
      extra={<Link to="/workplans">{t('工作要点', 'Work plans')}</Link>}>
      {!targets || targets.length === 0
        ? <Empty description={t(`${report.year}年没有已发布的工作要点目标`, `No published work-plan target for ${report.year}`)} />
        : (
          <Table size="small" rowKey={(g) => `${g.planId}-${g.taskNumber}-${g.metricId}`} pagination={false} dataSource={targets}
            columns={[
              { title: t('任务', 'Task'), key: 'task', render: (_, g) => <Tooltip title={g.taskText}><span>{t(`第${g.taskNumber}项`, `Task ${g.taskNumber}`)} {g.metricName}</span></Tooltip> },
              { title: t('目标', 'Target'), key: 'target', width: 100, render: (_, g) => `${COMPARATOR_SIGNS[g.comparator] ?? g.comparator} ${formatFigure(g.unit, g.target)}` },
              { title: t('实际', 'Actual'), key: 'value', width: 90, render: (_, g) => formatFigure(g.unit, g.value) },
              { title: '', key: 'met', width: 70, render: (_, g) => (g.met === null ? <Tag>{t('无数据', 'No data')}</Tag> : g.met ? <Tag color="green">{t('达到', 'Met')}</Tag> : <Tag color="red">{t('未达到', 'Missed')}</Tag>) },
            ]} />
        )}
    </Card>
  );
}
