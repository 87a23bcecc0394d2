import { Tag, Tooltip } from 'antd';
import { useT } from '../lib/i18n';
import {
  CERTIFICATE_STATUS_COLORS, CERTIFICATE_STATUS_LABELS, CREDIT_GRADE_COLORS, CREDIT_GRADE_LABELS, RISK_CLASS_COLORS,
  RISK_CLASS_LABELS, labelOf,
} from '../lib/labels';
import type { CertificateStatus, CreditGrade, RiskClass } from '../lib/types';

export function RiskTag({ value }: { value: RiskClass | null }) {
  const t = useT();
  if (!value) return <Tag>{t('未评定', 'Not rated')}</Tag>;
  return <Tag color={RISK_CLASS_COLORS[value]}>{labelOf(RISK_CLASS_LABELS, value, t)}</Tag>;
}

export function CreditTag({ value }: { value: CreditGrade | null }) {
  const t = useT();
  if (!value) return <Tag>{t('未评级', 'Not graded')}</Tag>;
  return <Tag color={CREDIT_GRADE_COLORS[value]}>{t(`信用${value}级`, `Credit ${value}`)}</Tag>;
}

export function creditTitle(value: CreditGrade, t: ReturnType<typeof useT>): string {
  return labelOf(CREDIT_GRADE_LABELS, value, t);
}

export function BlacklistTag({ value }: { value: boolean }) {
  const t = useT();
  return value ? <Tag color="red" variant="solid">{t('严重失信名单', 'Blacklisted')}</Tag> : null;
}

/** Certificate status with whether the person may take enforcement actions, and why not. */
export function CertificateTags({ status, canEnforce, reason, validTo }: { status: CertificateStatus; canEnforce: boolean; reason?: string; validTo?: string | null }) {
  const t = useT();
  return (
    <span data-testid="certificate-status" data-status={status}>
      <Tooltip title={validTo ? t(`有效期至 ${validTo}`, `Valid to ${validTo}`) : undefined}>
        <Tag color={CERTIFICATE_STATUS_COLORS[status]}>{labelOf(CERTIFICATE_STATUS_LABELS, status, t)}</Tag>
      </Tooltip>
      {canEnforce ? (
        <Tag color="success">{t('可执法', 'May enforce')}</Tag>
      ) : (
        <Tooltip title={reason}>
          <Tag color="error">{t('不可执法', 'May not enforce')}{reason ? `：${reason}` : ''}</Tag>
        </Tooltip>
      )}
    </span>
  );
}

/** Certificate status of the signed-in inspector (GET /api/auth/me gives dates, not the status). */
export function ownCertificateStatus(ins: { certificateNo: string | null; certificateValidTo: string | null }, today: string): CertificateStatus {
  if (!ins.certificateNo || !ins.certificateValidTo) return 'none';
  return ins.certificateValidTo < today ? 'expired' : 'valid';
}
