// 转为案件线索: opens a penalty-case lead from a non-compliant visit in one step, after a
// confirmation, and goes to the new case. The server copies the photos and the signature
// into the case's evidence (their SM3 checked again) and refuses a second lead (409).
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { FileProtectOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import { errorMessage } from '../../../lib/format';
import type { CaseLeadCreated, VisitRecord } from './types';

export function CaseLeadButton({ record, block }: { record: VisitRecord; block?: boolean }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const files = (record.signature ? 1 : 0) + record.photos.length;
  const open = () => modal.confirm({
    title: t('转为案件线索？', 'Open a case lead?'),
    content: t(
      `将以“${record.entityName}”为当事人登记行政处罚案件线索，不合格的检查事项和发现的问题作为线索情况，${files}个现场文件（照片、当事人签名）复核 SM3 后转入案件证据。每条检查记录只能转一次。`,
      `A penalty-case lead is registered with ${record.entityName} as the party, the failed items and findings as what was found, and ${files} file(s) (photos, signature) copied into the case's evidence after their SM3 is checked again. A record opens one lead only.`),
    okText: t('转为案件线索', 'Open the lead'),
    cancelText: t('取消', 'Cancel'),
    okButtonProps: { 'data-testid': 'case-lead-confirm' },
    onOk: async () => {
      setBusy(true);
      try {
        const created = await api.post<CaseLeadCreated>(`/api/inspections/visits/${record.id}/case-lead`);
        message.success(t(`已登记案件线索 ${created.caseNo}`, `Lead ${created.caseNo} registered`));
        await qc.invalidateQueries({ queryKey: ['inspections'] });
        navigate(`/cases/${created.caseId}`);
      } catch (err) {
        message.error(errorMessage(err, t));
        await qc.invalidateQueries({ queryKey: ['inspections', 'visit-record', record.id] });
      } finally {
        setBusy(false);
      }
    },
  });
  return (
    <Button type="primary" danger size="large" block={block} icon={<FileProtectOutlined />} loading={busy} onClick={open} data-testid="case-lead">
      {t('转为案件线索', 'Open a case lead')}
    </Button>
  );
}
