// The verification of a random draw in the visitor's own browser. At
// /portal/random-plans/:planNo/draws/:attempt/verify it fetches what was announced before
// the draw and the record published after it; at /portal/draw-verify the visitor pastes
// or opens a record file instead. Either way the core's verifyDraw (the same code that
// ran the draw on the server) re-runs the draw here and checks: the seed against the
// commitment published beforehand, the frozen lists against their published digests, and
// the result against the recorded one. The page then lays the draw out (strata, drawn
// entities in key order with their keys, reasons, ranks and teams) and shows how to
// compute a key, and under hrl-draw/2 a sampling step, by hand.
import { useQuery } from '@tanstack/react-query';
import type { DescriptionsProps } from 'antd';
import { Alert, Breadcrumb, Button, Card, Input, List, Result, Skeleton, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, InboxOutlined, MinusCircleFilled } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../lib/api';
import { useT, type Translate } from '../lib/i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { canonicalJson, DRAW_ALGORITHM_BY_KEYS, type DrawnEntity, type DrawRecord, type StratumSummary } from '../../core/draw/draw';
import { drawOrdinals, numberPools } from '../../core/draw/pools';
import { md5 } from '../../core/draw/md5';
import { PortalLayout } from './draw/PortalLayout';
import { AnnouncementDetails } from './draw/AnnouncementDetails';
import { beijingTime, ppmPercent, stratumLabel } from './draw/labels';
import { downloadJson, parseDrawFile, runVerification, type DrawFile, type VerifyOutcome, type VerifyStep } from './draw/verification';
import type { PublicDrawRecord, PublicPlanDetail } from './draw/types';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' as const };

export function DrawVerifyPage() {
  const { planNo, attempt } = useParams();
  return planNo && attempt ? <PublishedDrawVerify planNo={planNo} attempt={attempt} /> : <FileDrawVerify />;
}

// ---------------------------------------------------------------------------------
// A draw of a plan on this portal

function PublishedDrawVerify({ planNo, attempt }: { planNo: string; attempt: string }) {
  const t = useT();
  const base = `/api/public/random-plans/${encodeURIComponent(planNo)}`;
  const draw = useQuery({
    queryKey: ['public', 'random-plan', planNo, 'draw', attempt],
    queryFn: () => api.get<PublicDrawRecord>(`${base}/draws/${encodeURIComponent(attempt)}`),
  });
  // The plan, for its title and the names of the entities whose results are published.
  const plan = useQuery({
    queryKey: ['public', 'random-plan', planNo],
    queryFn: () => api.get<PublicPlanDetail>(base),
  });
  const names = useMemo(() => new Map((plan.data?.results ?? []).map((r) => [r.entityUscc, r.entityName])), [plan.data]);
  const crumbs = (
    <Breadcrumb style={{ marginBottom: 16 }} items={[
      { title: <Link to="/portal/random-plans">{t('随机抽查计划', 'Random-inspection plans')}</Link> },
      { title: <Link to={`/portal/random-plans/${encodeURIComponent(planNo)}`}>{plan.data?.plan.title ?? planNo}</Link> },
      { title: t(`第 ${attempt} 次抽取的验证`, `Verification of attempt ${attempt}`) },
    ]} />
  );
  if (draw.isLoading) return <PortalLayout>{crumbs}<Card><Skeleton active paragraph={{ rows: 8 }} /></Card></PortalLayout>;
  if (draw.error instanceof ApiError && draw.error.status === 404) {
    return (
      <PortalLayout>
        <Result status="404" title={draw.error.message} data-testid="verify-missing"
          extra={<Link to="/portal/random-plans"><Button>{t('返回抽查计划列表', 'Back to the plans')}</Button></Link>} />
      </PortalLayout>
    );
  }
  if (draw.error || !draw.data) return <PortalLayout>{crumbs}<ErrorAlert error={draw.error} onRetry={() => draw.refetch()} /></PortalLayout>;
  const { announcement, record } = draw.data;
  const info = plan.data?.draws.find((d) => String(d.attempt) === attempt);
  const superseded = info?.superseded;
  const times: DescriptionsProps['items'] = info ? [
    { key: 'announced', label: t('公告时间（北京时间）', 'Announced at (Beijing time)'), children: beijingTime(info.announcedAt) },
    { key: 'drawnAt', label: t('抽取时间（北京时间）', 'Drawn at (Beijing time)'), children: info.drawnAt ? beijingTime(info.drawnAt) : t('尚未抽取', 'Not yet drawn') },
    ...(info.redrawReason ? [{ key: 'reason', label: t('重新抽取原因', 'Reason of the re-draw'), span: 2, children: info.redrawReason }] : []),
  ] : [];
  return (
    <PortalLayout>
      {crumbs}
      {superseded && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="verify-superseded"
          title={t('本次抽取已作废（重新抽取）。记录仍予公开，可照常验证。', 'This attempt was superseded by a re-draw. Its record stays public and can be verified.')} />
      )}
      {record
        ? <DrawVerification file={{ record, announcement }} names={names} details={times} fileName={`draw-record-${planNo}-${attempt}.json`} />
        : (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="verify-not-drawn"
              title={t('本次抽取尚未进行，随机种子尚未公开', 'This draw has not run yet: the seed is not revealed')}
              description={t('抽取前只公布随机种子的承诺值 SM3(种子)、抽取参数和冻结名单的摘要。抽取后将公开种子和完整的抽取记录，届时可在本页面验证：SM3(种子) 必须等于下面的承诺值。',
                'Before the draw only the commitment SM3(seed), the parameters and the digests of the frozen lists are published. After the draw the seed and the full record are published and can be verified here: SM3(seed) must equal the commitment below.')} />
            <Card size="small" title={t('抽取前公布的内容', 'Published before the draw')}>
              <AnnouncementDetails announcement={announcement} testId="verify-announcement" extra={times} />
            </Card>
          </>
        )}
    </PortalLayout>
  );
}

// ---------------------------------------------------------------------------------
// A record file pasted or opened by the visitor

function FileDrawVerify() {
  const t = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [file, setFile] = useState<(DrawFile & { name: string }) | null>(null);
  const load = (content: string, name: string) => {
    try {
      setFile({ ...parseDrawFile(content), name });
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <PortalLayout>
      <Breadcrumb style={{ marginBottom: 16 }} items={[
        { title: <Link to="/portal/random-plans">{t('随机抽查计划', 'Random-inspection plans')}</Link> },
        { title: t('验证抽取记录', 'Verify a draw record') },
      ]} />
      <Typography.Paragraph type="secondary">
        {t('打开或粘贴抽取记录（JSON，可在抽查计划页面“验证抽取结果”中下载）。验证完全在您的浏览器中进行：重新计算种子的承诺值和各名单的摘要，并按公开的算法重新抽取一遍，与记录中的结果逐一比对。',
          'Open or paste a draw record (JSON, downloadable from a plan\u2019s “Verify the draw” page). Everything runs in your browser: the seed\u2019s commitment and the lists\u2019 digests are recomputed and the draw is run again by the published algorithm, then compared with the record.')}
      </Typography.Paragraph>
      {file ? (
        <>
          <Space style={{ marginBottom: 16 }} wrap>
            <Typography.Text>{t('当前文件：', 'File: ')}<b>{file.name}</b></Typography.Text>
            <Button onClick={() => { setFile(null); setText(''); }} data-testid="verify-reset">{t('验证其他记录', 'Verify another record')}</Button>
          </Space>
          {!file.announcement && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }}
              title={t('该文件只含抽取记录，未含抽取前的公告：请将下面的承诺值和名单摘要与抽查计划页面上抽取前公布的数值核对。',
                'The file holds the record only, without the announcement made before the draw: compare the commitment and digests below with those on the plan\u2019s page.')} />
          )}
          <DrawVerification file={file} fileName={file.name.endsWith('.json') ? file.name : `${file.name}.json`} />
        </>
      ) : (
        <Card size="small">
          <div data-testid="verify-file"><Upload.Dragger accept=".json,application/json" multiple={false} showUploadList={false}
            beforeUpload={(f) => { f.text().then((c) => load(c, f.name), (err: Error) => setError(err.message)); return false; }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('点击或拖入抽取记录文件（.json）', 'Click or drop a draw record file (.json)')}</p>
          </Upload.Dragger></div>
          <Typography.Paragraph style={{ margin: '16px 0 8px' }}>{t('或粘贴抽取记录：', 'Or paste a record:')}</Typography.Paragraph>
          <Input.TextArea rows={8} value={text} onChange={(e) => setText(e.target.value)} style={mono} data-testid="verify-paste"
            placeholder='{"algorithm":"hrl-draw/1","seed":"…","commitment":"…", …}' />
          <Button type="primary" style={{ marginTop: 12 }} disabled={!text.trim()} onClick={() => load(text, t('粘贴的记录', 'pasted record'))} data-testid="verify-paste-submit">
            {t('验证', 'Verify')}
          </Button>
          {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="verify-file-error" />}
        </Card>
      )}
    </PortalLayout>
  );
}

// ---------------------------------------------------------------------------------
// The verification and the draw laid out

function DrawVerification({ file, names, fileName, details = [] }: {
  file: DrawFile; names?: Map<string, string>; fileName: string; details?: DescriptionsProps['items'];
}) {
  const t = useT();
  const { record, announcement } = file;
  const [outcome, setOutcome] = useState<VerifyOutcome | null>(null);
  useEffect(() => {
    // After a frame and a task, so the spinner is painted before the (synchronous) re-run.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    setOutcome(null);
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        const out = runVerification(record, announcement);
        if (!cancelled) setOutcome(out);
      }, 0);
    });
    return () => { cancelled = true; cancelAnimationFrame(frame); clearTimeout(timer); };
  }, [record, announcement]);

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }} title={t('验证结果', 'Verification')}
        extra={<Button icon={<DownloadOutlined />} onClick={() => downloadJson(record, fileName)} data-testid="verify-download">{t('下载抽取记录（JSON）', 'Download the record (JSON)')}</Button>}>
        {outcome ? <Outcome outcome={outcome} announced={!!announcement} /> : (
          <div style={{ textAlign: 'center', padding: 32 }} data-testid="verify-progress">
            <Spin size="large" />
            <div style={{ marginTop: 12, color: '#888' }}>{t(`正在您的浏览器中重新抽取并核对（${record.candidates?.length ?? 0} 个候选对象）…`, `Re-running the draw in your browser (${record.candidates?.length ?? 0} candidates)…`)}</div>
          </div>
        )}
      </Card>

      <Card size="small" style={{ marginBottom: 16 }} title={t('随机种子与抽取参数', 'Seed and parameters')}>
        <AnnouncementDetails announcement={announcement ?? record} testId="verify-announcement" extra={[
          ...(details ?? []),
          { key: 'seed', label: t('随机种子（抽取后公开）', 'Seed (revealed after the draw)'), span: 2,
            children: <Typography.Text copyable={{ text: record.seed }} style={mono} data-testid="verify-seed">{record.seed}</Typography.Text> },
        ]} />
      </Card>

      <Card size="small" style={{ marginBottom: 16 }} title={t('分层抽取情况', 'Strata')}>
        <StrataTable strata={record.result.strata} byCount={record.params?.sampleCount !== undefined} />
      </Card>

      <Card size="small" style={{ marginBottom: 16 }} title={t(`抽中对象（按排序键顺序，共 ${record.result.entities.length} 个）`, `Drawn entities in key order (${record.result.entities.length})`)}>
        <EntityTable entities={record.result.entities} names={names}
          recomputed={outcome && !outcome.verification.ok ? outcome.verification.recomputed?.entities : undefined} />
        {record.result.unassigned.length > 0 && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="verify-unassigned"
            title={t(`${record.result.unassigned.length} 个抽中对象没有足够的符合条件的执法人员，未分配检查组：`, `${record.result.unassigned.length} drawn entities lack a full team of eligible inspectors:`)}
            description={record.result.unassigned.map((u) => t(`${u.uscc}（符合条件 ${u.eligible} 人）`, `${u.uscc} (${u.eligible} eligible)`)).join('；')} />
        )}
      </Card>

      <HandCheck record={record} />
    </>
  );
}

const STEP_LABELS: Record<VerifyStep['key'], [string, string]> = {
  commitment: ['承诺值：SM3(种子) = 抽取前公布的承诺值', 'Commitment: SM3(seed) = the commitment published before the draw'],
  announcement: ['抽取记录中的算法、参数、承诺值和名单摘要与抽取前的公告一致', 'The record\u2019s algorithm, parameters, commitment and digests are those announced before the draw'],
  candidates: ['候选对象名单摘要 = 公布值', 'Candidate list digest = published value'],
  inspectors: ['执法人员名单摘要 = 公布值', 'Inspector list digest = published value'],
  recusals: ['回避名单摘要 = 公布值', 'Recusal list digest = published value'],
  result: ['重新抽取结果与公布结果一致', 'The draw re-run gives the published result'],
};

function stepIcon(ok: boolean | null) {
  if (ok === null) return <MinusCircleFilled style={{ color: '#bfbfbf', fontSize: 18 }} />;
  return ok ? <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} /> : <CloseCircleFilled style={{ color: '#ff4d4f', fontSize: 18 }} />;
}

function Outcome({ outcome, announced }: { outcome: VerifyOutcome; announced: boolean }) {
  const t = useT();
  const { verification: v, steps } = outcome;
  const seconds = (outcome.elapsedMs / 1000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  return (
    <>
      {v.ok ? (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="verify-result" data-ok="true"
          title={<b style={{ fontSize: 16 }}>{t('验证通过', 'Verified')}</b>}
          description={announced
            ? t(`随机种子与抽取前公布的承诺值相符，冻结名单与公布的摘要相符，在您的浏览器中重新抽取的结果与公布的结果完全一致（用时 ${seconds} 秒）。`,
              `The seed matches the commitment published before the draw, the frozen lists match their digests, and the draw re-run in your browser gives exactly the published result (${seconds} s).`)
            : t(`随机种子与记录中的承诺值相符，名单与记录中的摘要相符，重新抽取的结果与记录一致（用时 ${seconds} 秒）。请再核对承诺值和摘要与抽取前公布的数值相同。`,
              `The seed matches the record\u2019s commitment, the lists match its digests, and the re-run gives the recorded result (${seconds} s). Check that the commitment and digests are those published before the draw.`)} />
      ) : (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="verify-result" data-ok="false"
          title={<b style={{ fontSize: 16 }}>{t('验证未通过', 'Verification failed')}</b>}
          description={<ul style={{ margin: 0, paddingLeft: 20 }} data-testid="verify-problems">{v.problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>} />
      )}
      <List size="small" data-testid="verify-steps" dataSource={steps} renderItem={(s) => (
        <List.Item data-testid={`verify-step-${s.key}`} data-ok={String(s.ok)}>
          <Space align="start">
            {stepIcon(s.ok)}
            <div>
              <div>{t(STEP_LABELS[s.key][0], STEP_LABELS[s.key][1])}
                {s.count !== undefined && <Typography.Text type="secondary">{s.key === 'result' ? t(`（抽中 ${s.count} 个对象）`, ` (${s.count} drawn)`) : t(`（${s.count} 条）`, ` (${s.count} lines)`)}</Typography.Text>}
              </div>
              {s.computed !== undefined || s.published !== undefined ? (
                <div style={{ ...mono, color: '#666' }}>
                  <div>{t('本页计算：', 'Computed here: ')}{s.computed ?? '—'}</div>
                  <div>{t('公布的值：', 'Published:     ')}{s.published ?? '—'}</div>
                </div>
              ) : null}
            </div>
          </Space>
        </List.Item>
      )} />
    </>
  );
}

/** byCount: the plan asked for a number, shared out among the strata; each shows the ratio it got. */
function StrataTable({ strata, byCount }: { strata: StratumSummary[]; byCount: boolean }) {
  const t = useT();
  const total = strata.reduce((s, x) => ({ candidates: s.candidates + x.candidates, mandatory: s.mandatory + x.mandatory, excluded: s.excluded + x.excluded, pool: s.pool + x.pool, quota: s.quota + x.quota }),
    { candidates: 0, mandatory: 0, excluded: 0, pool: 0, quota: 0 });
  return (
    <Table<StratumSummary> size="small" rowKey="stratum" dataSource={strata} pagination={false} data-testid="verify-strata"
      columns={[
        { title: t('分层', 'Stratum'), dataIndex: 'stratum', render: (v: string) => <span>{stratumLabel(String(v), t)} <Typography.Text type="secondary" style={mono}>{v}</Typography.Text></span> },
        { title: byCount ? t('比例（分配所得）', 'Ratio (as shared out)') : t('比例', 'Ratio'), dataIndex: 'ratioPpm', align: 'right', render: (v: number) => ppmPercent(v) },
        { title: t('候选数', 'Candidates'), dataIndex: 'candidates', align: 'right' },
        { title: t('必检', 'Mandatory'), dataIndex: 'mandatory', align: 'right' },
        { title: t('排除', 'Excluded'), dataIndex: 'excluded', align: 'right' },
        { title: t('可抽', 'Pool'), dataIndex: 'pool', align: 'right' },
        { title: byCount ? t('应抽（按数量分配）', 'Quota (share of the count)') : t('应抽 ⌈比例×可抽⌉', 'Quota ⌈ratio×pool⌉'), dataIndex: 'quota', align: 'right' },
      ]}
      summary={() => strata.length > 1 ? (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}><b>{t('合计', 'Total')}</b></Table.Summary.Cell>
          <Table.Summary.Cell index={1} />
          {(['candidates', 'mandatory', 'excluded', 'pool', 'quota'] as const).map((k, i) => (
            <Table.Summary.Cell key={k} index={i + 2} align="right"><b>{total[k]}</b></Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      ) : null} />
  );
}

function EntityTable({ entities, names, recomputed }: { entities: DrawnEntity[]; names?: Map<string, string>; recomputed?: DrawnEntity[] }) {
  const t = useT();
  // After a failed verification, the lines where the re-run differs from the record.
  const rows = useMemo(() => entities.map((e, i) => ({
    ...e, order: i + 1, differs: recomputed !== undefined && canonicalJson(e) !== canonicalJson(recomputed[i]),
  })), [entities, recomputed]);
  return (
    <Table size="small" rowKey="order" dataSource={rows} data-testid="verify-entities" scroll={{ x: 900 }}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100] } : false}
      columns={[
        { title: t('序号', '#'), dataIndex: 'order', width: 60, align: 'right' },
        ...(recomputed ? [{
          title: t('核对', 'Check'), dataIndex: 'differs', width: 110,
          render: (v: boolean) => v ? <Tag color="red">{t('与重新抽取不一致', 'Differs from re-run')}</Tag> : <Tag color="green">{t('一致', 'Agrees')}</Tag>,
        }] : []),
        { title: t('统一社会信用代码', 'USCC'), dataIndex: 'uscc', render: (v: string) => (
          <div><code>{v}</code>{names?.get(v) && <div style={{ color: '#666', fontSize: 12 }}>{names.get(v)}</div>}</div>
        ) },
        { title: t('排序键 md5(种子:代码)', 'Key md5(seed:code)'), dataIndex: 'key', render: (v: string) => <span style={mono}>{v}</span> },
        { title: t('分层', 'Stratum'), dataIndex: 'stratum', render: (v: string) => stratumLabel(String(v), t) },
        { title: t('抽中原因', 'Reason'), dataIndex: 'reason', render: (v: DrawnEntity['reason']) => v === 'mandatory'
          ? <Tag color="red">{t('必检', 'Mandatory')}</Tag> : <Tag color="blue">{t('随机', 'Random')}</Tag> },
        { title: t('层内位次', 'Rank'), dataIndex: 'rank', align: 'right', render: (v: number | null) => v ?? '—' },
        { title: t('执法人员（工号）', 'Inspectors (staff no.)'), dataIndex: 'inspectors', render: (v: string[]) => Array.isArray(v) && v.length
          ? <span style={mono}>{v.join('、')}</span> : <Tag color="orange">{t('未分配', 'Unassigned')}</Tag> },
      ]} />
  );
}

function HandCheck({ record }: { record: DrawRecord }) {
  const t = useT();
  const first = record.result.entities[0];
  const byKeys = record.algorithm === DRAW_ALGORITHM_BY_KEYS;
  return (
    <Card size="small" title={t('自行验证', 'Check it yourself')} data-testid="verify-by-hand">
      <Typography.Paragraph>
        {byKeys
          ? t('不必信任本页面：算法是公开的，可以用任何工具重新计算。每个候选对象的排序键是“种子:统一社会信用代码”的 MD5 值（32位小写十六进制，按字节比较）；每个分层内排序键最小的 ⌈比例×可抽数⌉ 个对象被抽中，必检对象一律抽中。例如，在 Linux 或 macOS 的终端中计算第一个抽中对象的排序键：',
            'You need not trust this page: the algorithm is public and can be re-computed with any tool. The key of each candidate is the MD5 of “seed:USCC” (32 lowercase hex characters, compared byte by byte); in each stratum the ⌈ratio × pool⌉ candidates with the smallest keys are drawn, and mandatory ones always are. For example, the key of the first drawn entity, in a Linux or macOS terminal:')
          : t('不必信任本页面：算法是公开的，可以用任何工具重新计算。每个分层的可抽对象按统一社会信用代码排序，从0起编号（共N个，应抽k个：按比例抽取时 k = ⌈比例×N⌉，按数量抽取时为分配给该层的份额，见上表）。对 j = N−k, …, N−1 依次取“种子:分层:j”的 MD5 值，其前12位十六进制数除以 j+1 的余数为 t（该数若落在最后不完整的区段，改用“种子:分层:j:1”“:2”……）；编号 t 尚未抽中则抽中 t，否则抽中 j（Floyd 抽样：每种 k 个对象的组合机会均等）。必检对象一律抽中。抽中的对象再按排序键（“种子:统一社会信用代码”的 MD5 值）排列，依次分配执法人员。例如，在 Linux 或 macOS 的终端中计算第一个抽中对象的排序键：',
            'You need not trust this page: the algorithm is public and can be re-computed with any tool. In each stratum the pool is sorted by USCC and numbered from 0 (N candidates, k to draw: ⌈ratio × N⌉ by ratio, the stratum’s share of the count by count, as in the table above). For j = N−k, …, N−1 in turn, take the MD5 of “seed:stratum:j”; its first 12 hex digits modulo j+1 give t (a value in the last incomplete span is replaced by “seed:stratum:j:1”, “:2” …); t is drawn unless it already was, else j is (Floyd’s sampling: every set of k is equally likely). Mandatory ones are always drawn. The drawn are then ordered by key (the MD5 of “seed:USCC”) and given their inspectors in that order. For example, the key of the first drawn entity, in a Linux or macOS terminal:')}
      </Typography.Paragraph>
      {first ? <Commands t={t} seed={record.seed} uscc={first.uscc} keyValue={first.key} commitment={record.commitment} /> : (
        <Typography.Paragraph type="secondary">{t('本次抽取没有抽中对象。', 'Nothing was drawn.')}</Typography.Paragraph>
      )}
      {!byKeys && <FirstFloydStep record={record} />}
    </Card>
  );
}

/** hrl-draw/2's first sampling step of the first stratum that draws any, worked through. */
function FirstFloydStep({ record }: { record: DrawRecord }) {
  const t = useT();
  const step = useMemo(() => {
    try {
      const { strata, pools } = numberPools(record.params, record.candidates);
      const s = strata.find((x) => x.quota > 0);
      if (!s) return null;
      const j = s.pool - s.quota;
      const hex = md5(`${record.seed}:${s.stratum}:${j}`);
      const value = parseInt(hex.slice(0, 12), 16);
      const drawn = drawOrdinals(record.seed, s.stratum, s.pool, s.quota)[0];
      return { stratum: s.stratum, j, hex, value, drawn, uscc: pools.get(s.stratum)![drawn], direct: value % (j + 1) === drawn };
    } catch {
      return null; // a record the re-run refused: the checks above say why
    }
  }, [record]);
  if (!step) return null;
  const block = { ...mono, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4, padding: 8, margin: '0 0 12px', whiteSpace: 'pre-wrap' as const };
  return (
    <>
      <Typography.Paragraph>
        {t(`分层“${stratumLabel(step.stratum, t)}”的第一步（j = ${step.j}）：`, `The first step in stratum “${stratumLabel(step.stratum, t)}” (j = ${step.j}):`)}
      </Typography.Paragraph>
      <pre style={block} data-testid="verify-floyd-command">{`printf '%s' "${record.seed}:${step.stratum}:${step.j}" | md5sum
${step.hex}  -`}</pre>
      <Typography.Paragraph data-testid="verify-floyd-result">
        {step.direct
          ? t(`前12位 ${step.hex.slice(0, 12)} 即 ${step.value}，除以 ${step.j + 1} 余 ${step.drawn}：该分层按代码排序的第 ${step.drawn} 号（从0起）${step.uscc} 被抽中。`,
            `The first 12 digits ${step.hex.slice(0, 12)} are ${step.value}; modulo ${step.j + 1} that is ${step.drawn}: number ${step.drawn} (from 0) of the stratum in code order, ${step.uscc}, is drawn.`)
          : t(`前12位 ${step.hex.slice(0, 12)} 落在最后不完整的区段，依次改用“:1”“:2”……，得到第 ${step.drawn} 号（从0起）${step.uscc}。`,
            `The first 12 digits ${step.hex.slice(0, 12)} fall in the last incomplete span; “:1”, “:2” … give number ${step.drawn} (from 0), ${step.uscc}.`)}
      </Typography.Paragraph>
    </>
  );
}

function Commands({ t, seed, uscc, keyValue, commitment }: { t: Translate; seed: string; uscc: string; keyValue: string; commitment: string }) {
  const block = { ...mono, background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4, padding: 8, margin: '0 0 12px', whiteSpace: 'pre-wrap' as const };
  return (
    <>
      <pre style={block} data-testid="verify-md5-command">{`printf '%s' "${seed}:${uscc}" | md5sum\n${keyValue}  -`}</pre>
      <Typography.Paragraph>
        {t('（macOS 上用 md5 代替 md5sum。）输出应与上表第一行的排序键相同。随机种子的承诺值也可以自行计算（需支持国密 SM3 的 OpenSSL 1.1.1 及以上版本），输出应等于抽取前公布的承诺值：',
          '(On macOS use md5 instead of md5sum.) The output must be the key on the first line of the table. The seed\u2019s commitment can be computed too (OpenSSL 1.1.1 or later with SM3); it must equal the commitment published before the draw:')}
      </Typography.Paragraph>
      <pre style={block} data-testid="verify-sm3-command">{`printf '%s' "${seed}" | openssl dgst -sm3\nSM3(stdin)= ${commitment}`}</pre>
    </>
  );
}
