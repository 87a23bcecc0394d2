// Small pieces the licensing pages share: state and status tags, the clock tag (coloured
// like the case page's clocks), the provision tag of a material.
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n';
import {
  APPLICATION_STATE_COLOURS, CHECK_STATES, LICENCE_STATUS_COLOURS, PROVISIONS, applicationStateLabel, licenceStatusLabel,
  type ApplicationState, type CheckState, type ClockState, type Provision, type ShownStatus,
} from './types';

const CLOCK_COLOURS: Record<ClockState['colour'], string> = { green: 'green', amber: 'orange', red: 'red', stopped: 'default' };

export function ClockTag({ k }: { k: ClockState }) {
  const t = useT();
  const text = k.stoppedOn
    ? t(`${k.label}：${k.due}届满，${k.stoppedOn}完成`, `${k.label}: due ${k.due}, met ${k.stoppedOn}`)
    : k.daysLeft! >= 0 ? t(`${k.label}：${k.due}届满，剩${k.daysLeft}天`, `${k.label}: due ${k.due}, ${k.daysLeft} days left`)
      : t(`${k.label}：${k.due}届满，已超期${-k.daysLeft!}天`, `${k.label}: due ${k.due}, ${-k.daysLeft!} days overdue`);
  return (
    <Tooltip title={`${k.citation}${k.provisional ? t('（涉及的年份尚未加载节假日安排，结果为暂定）', ' (provisional)') : ''}`}>
      <Tag icon={<ClockCircleOutlined />} color={CLOCK_COLOURS[k.colour]} data-testid={`clock-${k.id}`} data-colour={k.colour}>{text}</Tag>
    </Tooltip>
  );
}

export function ApplicationStateTag({ state, testId }: { state: ApplicationState; testId?: string }) {
  const t = useT();
  return <Tag color={APPLICATION_STATE_COLOURS[state]} data-testid={testId} data-state={state}>{applicationStateLabel(state, t)}</Tag>;
}

export function LicenceStatusTag({ status, testId }: { status: ShownStatus; testId?: string }) {
  const t = useT();
  return <Tag color={LICENCE_STATUS_COLOURS[status]} data-testid={testId} data-status={status}>{licenceStatusLabel(status, t)}</Tag>;
}

export function CheckStateTag({ state }: { state: CheckState }) {
  const t = useT();
  const [zh, en, colour] = CHECK_STATES[state];
  return <Tag color={colour} data-state={state}>{t(zh, en)}</Tag>;
}

export function ProvisionTag({ provision, licenceNo }: { provision: Provision; licenceNo?: string | null }) {
  const t = useT();
  const [zh, en, colour] = PROVISIONS[provision];
  return <Tag color={colour}>{t(zh, en)}{licenceNo ? `：${licenceNo}` : ''}</Tag>;
}
