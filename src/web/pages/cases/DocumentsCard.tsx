// The case's official documents (Word, GB/T 9704 layout): each one the case can produce
// now, to download; the decision shows as locked once issued.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Tag, Tooltip } from 'antd';
import { DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';

interface CaseDocument { kind: string; title: string; available: boolean; locked: boolean; issuedAt: string | null; sha256: string | null }

export function DocumentsCard({ caseId, version }: { caseId: number; version: number }) {
  const t = useT();
  const docs = useQuery({ queryKey: ['case', caseId, 'documents', version], queryFn: () => api.get<CaseDocument[]>(`/api/cases/${caseId}/documents`) });
  return (
    <Card size="small" title={t('执法文书', 'Documents')} style={{ marginTop: 12 }} loading={docs.isLoading} data-testid="documents">
      <List size="small" dataSource={(docs.data ?? []).filter((d) => d.available)} locale={{ emptyText: t('暂无可生成的文书', 'No documents yet') }}
        renderItem={(d) => (
          <List.Item actions={[
            <Button key="dl" size="small" icon={<DownloadOutlined />} href={`/api/cases/${caseId}/documents/${d.kind}`} data-testid={`document-${d.kind}`}>{t('下载', 'Download')}</Button>,
          ]}>
            {d.title}{' '}
            {d.locked && <Tooltip title={`SHA-256 ${d.sha256}`}><Tag icon={<LockOutlined />} color="blue">{t('已签发锁定', 'Issued, locked')}</Tag></Tooltip>}
          </List.Item>
        )} />
    </Card>
  );
}
