// What the visit drawer shows of a visit recorded on the platform: the check items failed,
// the photos, the link to the full record, and the case lead (or the button opening one).
import { Alert, Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../../lib/auth';
import { useT } from '../../../lib/i18n';
import { CaseLeadButton } from './CaseLeadButton';
import { useVisitRecord } from './VisitRecordView';

export function VisitRecordSection({ id }: { id: number }) {
  const t = useT();
  const { can } = useAuth();
  const record = useVisitRecord(id);
  const r = record.data;
  if (!r?.recorded) return null;
  const failed = r.checkResults.filter((c) => c.outcome === 'fail');
  return (
    <Card size="small" title={t('现场检查记录', 'On-site record')} data-testid="visit-record-section"
      extra={<Link to={`/inspections/visits/${id}/record`} data-testid="visit-record-link">{t('查看完整记录', 'Open the record')}</Link>}>
      <Flex vertical gap={8}>
        <Flex wrap gap={4}>
          <Tag>{r.kindName}{r.campaign ? `：${r.campaign}` : ''}</Tag>
          <Tag>{t(`检查事项 ${r.checkResults.length} 项`, `${r.checkResults.length} items`)}</Tag>
          {failed.length > 0 && <Tag color="red">{t(`不合格 ${failed.length} 项`, `${failed.length} failed`)}</Tag>}
          <Tag>{t(`照片 ${r.photos.length} 张`, `${r.photos.length} photos`)}</Tag>
          {r.signatoryName && <Tag>{t(`签名：${r.signatoryName}`, `Signed: ${r.signatoryName}`)}</Tag>}
          <Tag color={r.recordIntact ? 'green' : 'red'}>{r.recordIntact ? t('记录哈希一致', 'Hash intact') : t('记录哈希不一致', 'Hash differs')}</Tag>
        </Flex>
        {failed.map((c) => <Typography.Text key={c.itemId} type="danger" style={{ fontSize: 13 }}>{c.code} {c.title}{c.note ? `：${c.note}` : ''}</Typography.Text>)}
        {r.case && <Alert type="success" showIcon title={<span>{t('已转为案件线索：', 'Case lead: ')}{can('cases.read') ? <Link to={`/cases/${r.case.id}`}>{r.case.caseNo}</Link> : r.case.caseNo}</span>} />}
        {r.canOpenCase && <div><CaseLeadButton record={r} /></div>}
      </Flex>
    </Card>
  );
}
