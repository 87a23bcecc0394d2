// 现场检查记录 of one visit (/inspections/visits/:id/record): where the form lands after
// saving, and what the visit drawer links to.
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { useT } from '../../../lib/i18n';
import type { VisitDetail } from '../types';
import { PhoneShell } from './PhoneShell';
import { VisitRecordView } from './VisitRecordView';

export function VisitRecordPage() {
  const t = useT();
  const id = Number(useParams().id);
  const visit = useQuery({ queryKey: ['inspections', 'visit', id], queryFn: () => api.get<VisitDetail>(`/api/inspections/visits/${id}`), enabled: id > 0 });
  return (
    <PhoneShell title={visit.data ? t(`检查记录 ${visit.data.visitNo}`, `Inspection ${visit.data.visitNo}`) : t('现场检查记录', 'Inspection record')}>
      {id > 0 && <VisitRecordView id={id} />}
    </PhoneShell>
  );
}
