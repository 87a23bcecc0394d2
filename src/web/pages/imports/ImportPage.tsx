import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Progress, Result, Row, Segmented, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, ApiError, download, upload } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT, type Translate } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { useUrlFilters } from '../../lib/urlState';
import type { ImportProgress, ImportResult, ImportRowError } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';

interface Dataset {
  id: 'organizations' | 'entities' | 'inspectors' | 'penalty_cases' | 'random_plans' | 'random_tasks' | 'inspections' | 'catalogue_items' | 'applications'
    | 'hotline_calls' | 'petitions' | 'mediation_cases' | 'reconsideration_cases' | 'litigation_cases' | 'proposals' | 'disclosure_requests'
    | 'publications' | 'trainings' | 'popularization_activities';
  permission: string;
  label: (t: Translate) => string;
  key: string;
  columns: string;
  invalidates: string[];
}

/** A matters dataset (modules/matters/datasets.ts): all seven need imports.matters. */
const matters = (id: Dataset['id'], zh: string, en: string, key: string, columns: string): Dataset => ({
  id, permission: 'imports.matters', label: (t) => t(zh, en), key, columns, invalidates: ['matters', 'metrics'],
});

// Columns as in data-exchange.md; the template from the server is authoritative.
const DATASETS: Dataset[] = [
  {
    id: 'organizations', permission: 'imports.organizations', label: (t) => t('组织机构', 'Organisations'), key: 'code',
    columns: 'code, name, parent_code, region_code, kind, population', invalidates: ['orgs'],
  },
  {
    id: 'entities', permission: 'imports.entities', label: (t) => t('监管对象', 'Regulated entities'), key: 'uscc',
    columns: 'uscc, name, category, region_code, address, org_code, legal_rep, risk_class, credit_grade, blacklisted', invalidates: ['entities'],
  },
  {
    id: 'inspectors', permission: 'imports.inspectors', label: (t) => t('执法人员', 'Inspectors'), key: 'staff_no',
    columns: 'staff_no, name, org_code, certificate_no, certificate_valid_to, specialties', invalidates: ['inspectors'],
  },
  {
    id: 'penalty_cases', permission: 'imports.penalty_cases', label: (t) => t('历史行政处罚案件', 'Historical penalty cases'), key: 'case_no',
    columns: 'case_no, org_code, entity_uscc, party_name, procedure, opened_on, decided_on, closed_on, fine_yuan, confiscation_yuan, sanctions, major, '
      + 'legal_review_submitted_on, legal_review_completed_on, published_on, paid_on, paid_yuan, transferred_on, provisions (party_kind, cause)',
    invalidates: ['cases', 'metrics'],
  },
  {
    id: 'random_plans', permission: 'imports.inspections', label: (t) => t('双随机抽查计划', 'Random-inspection plans'), key: 'plan_no',
    columns: 'plan_no, org_code, source, year, credit_applied (title)', invalidates: ['metrics'],
  },
  {
    id: 'random_tasks', permission: 'imports.inspections', label: (t) => t('双随机抽查任务', 'Random-inspection tasks'), key: 'task_no',
    columns: 'task_no, plan_no, entity_uscc, due_on, completed_on, joint, published_on', invalidates: ['metrics'],
  },
  {
    id: 'inspections', permission: 'imports.inspections', label: (t) => t('监督检查记录', 'Inspection visits'), key: 'visit_no',
    columns: 'visit_no, org_code, entity_uscc, visited_on, inspector_staff_nos, random_task_no, result', invalidates: ['metrics'],
  },
  {
    id: 'catalogue_items', permission: 'imports.licensing', label: (t) => t('政务服务事项清单', 'Service-item catalogue'), key: 'item_code',
    columns: 'item_code, name, category, org_code, legal_basis, statutory_days, promised_days, online, commitment_allowed, active', invalidates: ['licensing', 'metrics'],
  },
  {
    id: 'applications', permission: 'imports.licensing', label: (t) => t('历史行政许可办件', 'Historical licence applications'), key: 'application_no',
    columns: 'application_no, item_code, org_code, applicant_name, entity_uscc, channel, received_on, accepted_on, concluded_on, outcome, commitment, '
      + 'deficiency_accepted, e_licence_reused, proof_free, licence_no, licence_valid_to', invalidates: ['licensing', 'metrics'],
  },
  matters('hotline_calls', '历史12320热线记录', 'Historical 12320 hotline calls', 'record_no', 'record_no, org_code, received_at, type, channel, concluded_on, summary'),
  matters('petitions', '历史信访事项', 'Historical petitions', 'petition_no', 'petition_no, org_code, received_on, accepted_on, concluded_on, deadline_on, satisfaction'),
  matters('mediation_cases', '历史医疗纠纷调解案件', 'Historical medical-dispute mediations', 'case_no', 'case_no, org_code, reported_on, accepted_on, concluded_on, outcome'),
  matters('reconsideration_cases', '历史行政复议案件', 'Historical reconsideration cases', 'case_no', 'case_no, org_code, received_on, concluded_on, outcome'),
  matters('litigation_cases', '历史行政应诉案件', 'Historical administrative lawsuits', 'case_no', 'case_no, org_code, filed_on, hearing_on, head_appeared, judged_on, judgment'),
  matters('proposals', '历史建议提案', 'Historical NPC suggestions and CPPCC proposals', 'proposal_no', 'proposal_no, org_code, kind, role, assigned_on, answered_on, grade'),
  matters('disclosure_requests', '历史政府信息公开申请', 'Historical disclosure requests', 'request_no', 'request_no, org_code, received_on, answered_on, answer_type, extended'),
  {
    id: 'publications', permission: 'imports.registers', label: (t) => t('主动公开信息', 'Proactive publications'), key: 'publication_no',
    columns: 'publication_no, org_code, published_on, channel, title', invalidates: ['registers', 'metrics'],
  },
  {
    id: 'trainings', permission: 'imports.registers', label: (t) => t('培训学法记录', 'Trainings and law study'), key: 'training_no',
    columns: 'training_no, org_code, held_on, kind, title, participants', invalidates: ['registers', 'metrics'],
  },
  {
    id: 'popularization_activities', permission: 'imports.registers', label: (t) => t('普法活动', 'Popularisation activities'), key: 'activity_no',
    columns: 'activity_no, org_code, held_on, kind, title, participants', invalidates: ['registers', 'metrics'],
  },
];

type Phase = 'idle' | 'uploading' | 'processing' | 'done' | 'rejected' | 'failed';

/** crypto.randomUUID needs a secure context; a LAN deployment over http has none. */
function newProgressId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function rowErrorsOf(err: unknown): ImportRowError[] | null {
  if (!(err instanceof ApiError)) return null;
  const d = err.details as unknown;
  const list = Array.isArray(d) ? d : (d && typeof d === 'object' && Array.isArray((d as { errors?: unknown }).errors) ? (d as { errors: unknown[] }).errors : null);
  if (!list) return null;
  return list.filter((e): e is ImportRowError => !!e && typeof e === 'object' && 'message' in e);
}

const PHASE_LABELS: Record<ImportProgress['phase'], [string, string]> = {
  reading: ['正在读取和校验', 'Reading and checking'],
  writing: ['正在写入', 'Writing'],
  indexing: ['正在重建索引（大批量导入，期间名录暂停查询）', 'Rebuilding indexes (bulk load; the list waits until it is done)'],
  done: ['已完成', 'Done'],
  failed: ['已停止', 'Stopped'],
};

export function ImportPage() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const allowed = DATASETS.filter((d) => can(d.permission));
  const f = useUrlFilters(['dataset'] as const);
  const dataset = allowed.find((d) => d.id === f.values.dataset) ?? allowed[0];

  const [phase, setPhase] = useState<Phase>('idle');
  const [fileName, setFileName] = useState<string>();
  const [uploaded, setUploaded] = useState(0);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [failure, setFailure] = useState<string>();
  // The id of the import being polled; polling stops when it changes.
  const poll = useRef<string | undefined>(undefined);

  const stopPolling = () => { poll.current = undefined; };
  useEffect(() => stopPolling, []);

  const reset = () => {
    stopPolling();
    setPhase('idle'); setFileName(undefined); setUploaded(0); setProgress(null); setResult(null); setRowErrors(null); setFailure(undefined);
  };

  if (!dataset) return <Result status="403" title={t('您没有导入数据的权限', 'You may not import data')} />;
  const busy = phase === 'uploading' || phase === 'processing';

  const start = async (file: File) => {
    reset();
    if (/\.xls$/i.test(file.name)) {
      setPhase('failed');
      setFailure(t('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为“Excel 工作簿（.xlsx）”或“CSV UTF-8”后再导入',
        'Old .xls files are not supported: save as an Excel workbook (.xlsx) or CSV UTF-8 first'));
      return;
    }
    if (!/\.(csv|txt|xlsx)$/i.test(file.name)) {
      setPhase('failed');
      setFailure(t('只能导入 CSV（UTF-8）或 XLSX 文件', 'Only CSV (UTF-8) or XLSX files can be imported'));
      return;
    }
    const progressId = newProgressId();
    setFileName(file.name);
    setPhase('uploading');
    // One request at a time, every 500 ms: a slow answer never piles up requests.
    poll.current = progressId;
    void (async () => {
      while (poll.current === progressId) {
        await new Promise((r) => setTimeout(r, 500));
        if (poll.current !== progressId) break;
        const p = await api.get<ImportProgress>(`/api/imports/progress/${progressId}`).catch(() => null);
        if (p && poll.current === progressId) setProgress(p);
      }
    })();
    try {
      const r = await upload<ImportResult>(`/api/imports/${dataset.id}?progressId=${progressId}`, file, (fraction) => {
        setUploaded(fraction);
        if (fraction >= 1) setPhase('processing');
      });
      stopPolling();
      setResult(r);
      setPhase('done');
      await Promise.all(dataset.invalidates.map((k) => qc.invalidateQueries({ queryKey: [k] })));
    } catch (err) {
      stopPolling();
      const errors = err instanceof ApiError && err.status === 422 ? rowErrorsOf(err) : null;
      if (errors && errors.length) {
        setRowErrors(errors);
        setFailure(err instanceof ApiError ? err.message : undefined);
        setPhase('rejected');
      } else {
        setFailure(errorMessage(err, t));
        setPhase('failed');
      }
    }
  };

  const errorColumns: ColumnsType<ImportRowError> = [
    { title: t('行号', 'Row'), dataIndex: 'row', width: 80, align: 'right' },
    { title: t('列', 'Column'), dataIndex: 'column', width: 160, render: (c: string | null | undefined) => c ? <Typography.Text code>{c}</Typography.Text> : '—' },
    { title: t('值', 'Value'), dataIndex: 'value', width: 220, ellipsis: true, render: (v: string | null) => v === null || v === '' ? <Typography.Text type="secondary">{t('（空）', '(empty)')}</Typography.Text> : v },
    { title: t('原因', 'Reason'), dataIndex: 'message' },
  ];

  const phaseLabel = (p: ImportProgress['phase']) => { const l = PHASE_LABELS[p]; return l ? t(l[0], l[1]) : p; };
  const rowsRead = progress?.rowsRead ?? 0;

  return (
    <div>
      <PageHeader
        title={t('数据导入', 'Data import')}
        subtitle={t('将原有台账或其他系统导出的数据批量导入平台。', 'Bring records from spreadsheets or older systems into the platform.')}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('导入规则', 'Import rules')}
        description={
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            <li>{t('整个文件在一个事务中导入：任何一行有错，全部不导入，并列出每一处错误（行号、列、值、原因）。', 'The whole file is one transaction: if any row is wrong nothing is imported, and every error is listed.')}</li>
            <li>{t('按关键列识别记录：已存在的记录被更新，不会重复新增，重复导入同一文件是安全的。', 'Records are matched by their key column: existing ones are updated, so re-importing a file is harmless.')}</li>
            <li>{t('列名必须与模板完全一致（可以多出其他列）；日期为 YYYY-MM-DD，是/否填 Y/N，多个值用分号分隔。', 'Column names must be exactly as in the template (extra columns are allowed); dates YYYY-MM-DD, booleans Y/N, lists separated by ;.')}</li>
            <li>{t('导入历史数据请按下方数据集从左到右的顺序：先组织机构，再监管对象和执法人员，再抽查计划、抽查任务和政务服务事项清单，最后导入各类办件和记录（记录引用的机构、监管对象、执法人员、抽查任务和事项须已导入）。',
              'To import history, follow the datasets below from left to right: organisations first, then entities and inspectors, then random-inspection plans and tasks and the service catalogue, then the records (what a record refers to must already be imported).')}</li>
          </ul>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Text strong>{t('数据集', 'Dataset')}：</Typography.Text>
            <Segmented
              data-testid="import-dataset"
              value={dataset.id}
              disabled={busy}
              options={allowed.map((d) => ({ value: d.id, label: d.label(t) }))}
              onChange={(v) => { reset(); f.set({ dataset: v as string }); }}
            />
            <Button icon={<DownloadOutlined />} onClick={() => download(`/api/imports/${dataset.id}/template`)} data-testid="import-template">
              {t('下载导入模板', 'Download the template')}
            </Button>
          </Space>
          <Descriptions size="small" column={1} items={[
            { key: 'key', label: t('关键列', 'Key column'), children: <Typography.Text code>{dataset.key}</Typography.Text> },
            { key: 'cols', label: t('列', 'Columns'), children: <Typography.Text code style={{ whiteSpace: 'normal' }}>{dataset.columns}</Typography.Text> },
          ]} />
          <Upload.Dragger
            data-testid="import-file"
            accept=".csv,.xlsx"
            multiple={false}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => { void start(file); return false; }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t(`点击或将文件拖到此处，开始导入“${dataset.label(t)}”`, `Click or drop a file here to import ${dataset.label(t).toLowerCase()}`)}</p>
            <p className="ant-upload-hint">{t('支持 CSV（UTF-8，可带 BOM）和 XLSX（读取第一个工作表）', 'CSV (UTF-8, BOM allowed) or XLSX (first sheet)')}</p>
          </Upload.Dragger>
        </Space>
      </Card>

      {phase !== 'idle' && (
        <Card title={fileName ? t(`导入：${fileName}`, `Import: ${fileName}`) : t('导入', 'Import')} data-testid="import-status" data-phase={phase}>
          {busy && (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
              <div>
                <Typography.Text>{t('上传文件', 'Upload')}</Typography.Text>
                <Progress percent={Math.round(uploaded * 100)} status={uploaded >= 1 ? 'success' : 'active'} />
              </div>
              {(phase === 'processing' || (progress && progress.rowsRead > 0)) && (
                <div>
                  <Typography.Text>
                    {progress ? (
                      <>
                        {phaseLabel(progress.phase)}
                        {' · '}
                        <span data-testid="import-rows-read">{t(`已读取 ${rowsRead.toLocaleString('zh-CN')} 行`, `${rowsRead.toLocaleString('en')} rows read`)}</span>
                        {!!progress.errors && <Typography.Text type="danger">{t(`，发现 ${progress.errors} 行有错误`, `, ${progress.errors} bad rows so far`)}</Typography.Text>}
                      </>
                    ) : t('服务器正在读取、校验并写入数据，请勿关闭页面…', 'The server is reading, checking and writing the rows; keep this page open…')}
                  </Typography.Text>
                  <Progress
                    percent={progress?.totalBytes ? Math.min(99, Math.floor((progress.bytesRead / progress.totalBytes) * 100)) : 100}
                    status="active"
                    showInfo={!!progress?.totalBytes}
                  />
                </div>
              )}
            </Space>
          )}
          {phase === 'done' && result && (
            <Result
              status="success"
              data-testid="import-result"
              title={t('导入成功', 'Import succeeded')}
              subTitle={t('所有行已在一个事务中写入。', 'Every row was written in one transaction.')}
              extra={
                <Row gutter={32} justify="center">
                  <Col><Statistic title={t('新增', 'Inserted')} value={result.inserted} styles={{ content: { color: '#3f8600' } }} data-testid="import-inserted" /></Col>
                  <Col><Statistic title={t('更新', 'Updated')} value={result.updated} data-testid="import-updated" /></Col>
                </Row>
              }
            />
          )}
          {phase === 'rejected' && rowErrors && (
            <>
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="import-rejected"
                title={failure ?? t(`文件中有 ${rowErrors.length} 处错误，未导入任何数据`, `${rowErrors.length} errors in the file; nothing was imported`)}
                description={t(`未导入任何数据。下表列出全部 ${rowErrors.length} 处错误，请逐一改正后重新上传整个文件。`,
                  `Nothing was imported. All ${rowErrors.length} errors are listed below; correct them and upload the whole file again.`)}
              />
              <div data-testid="import-errors">
                <Table<ImportRowError>
                  rowKey={(e, i) => `${e.row}-${e.column ?? ''}-${i}`}
                  size="small"
                  columns={errorColumns}
                  dataSource={rowErrors}
                  pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t(`共 ${n} 处错误`, `${n} errors`) }}
                  locale={{ emptyText: <Empty /> }}
                />
              </div>
            </>
          )}
          {phase === 'failed' && <Alert type="error" showIcon title={t('导入失败，未导入任何数据', 'Import failed; nothing was imported')} description={failure} data-testid="import-failed" />}
          {!busy && <Button style={{ marginTop: 16 }} onClick={reset}>{t('清除结果', 'Clear')}</Button>}
        </Card>
      )}
    </div>
  );
}
