// The shapes of the licensing API as the staff pages use them: taken from the services
// (type-only imports, erased from the bundle) so the pages cannot drift from the server;
// the labels from the procedure declared in core.
import type { Translate } from '../../lib/i18n';
import { LICENCE_APPLICATION, APPLICATION_STATES, type ApplicationState } from '../../../core/procedure/licenceApplication';
import type { ShownStatus } from '../../../core/licensing/licence';

export type { ApplicationSummary, ApplicationDetail, Submitted } from '../../../modules/licensing/applications';
export type { LicenceListRow, LicenceDetail, LicenceEvent } from '../../../modules/licensing/licences';
export type { CheckRow } from '../../../modules/licensing/checks';
export type { ClockState } from '../../../core/procedure/engine';
export type { NextStep } from '../../../core/procedure/engine';
export type { ApplicationState, ShownStatus };

export { APPLICATION_STATES };
export const APPLICATION_STATE_NAMES = Object.fromEntries(APPLICATION_STATES.map((s) => [s, LICENCE_APPLICATION.states[s].label])) as Record<ApplicationState, string>;
export const APPLICATION_STATE_EN: Record<ApplicationState, string> = {
  submitted: 'Received, to accept', correction_requested: 'Correction requested', accepted: 'Accepted, under review', not_accepted: 'Not accepted',
  approved: 'Approved', refused: 'Refused', withdrawn: 'Withdrawn',
};
export const APPLICATION_STATE_COLOURS: Record<ApplicationState, string> = {
  submitted: 'blue', correction_requested: 'orange', accepted: 'geekblue', not_accepted: 'default', approved: 'green', refused: 'red', withdrawn: 'default',
};
export const applicationStateLabel = (s: ApplicationState, t: Translate) => t(APPLICATION_STATE_NAMES[s], APPLICATION_STATE_EN[s]);

export const CHANNELS: [value: 'online' | 'window' | 'mail' | 'self_service', zh: string, en: string][] = [
  ['online', '网上申请', 'Online'], ['window', '窗口申请', 'At the window'], ['mail', '邮寄申请', 'By post'], ['self_service', '自助终端', 'Self-service kiosk'],
];

export type Provision = 'paper' | 'e_licence' | 'data_check' | 'missing';
export const PROVISIONS: Record<Provision, [zh: string, en: string, colour: string]> = {
  paper: ['提交材料', 'Submitted', 'blue'],
  e_licence: ['引用电子证照', 'E-licence referenced', 'cyan'],
  data_check: ['数据核验免提交', 'Checked against shared data', 'green'],
  missing: ['未提交', 'Not provided', 'red'],
};

/** The ways a material may be provided: always on paper or not at all; otherwise only as the catalogue allows. */
export function provisionsFor(replaceable: 'e_licence' | 'data_check' | null): Provision[] {
  return replaceable ? ['paper', replaceable, 'missing'] : ['paper', 'missing'];
}

// A copy of core/licensing/licence.ts's STATUS_NAMES: that module signs with SM2 and stays out of the bundle.
export const LICENCE_STATUS_NAMES: Record<ShownStatus, string> = {
  valid: '有效', expired: '已过期', revoked: '已撤销', cancelled: '已注销', superseded: '已换发（被新证替代）',
};
export const LICENCE_STATUS_EN: Record<ShownStatus, string> = {
  valid: 'Valid', expired: 'Expired', revoked: 'Revoked', cancelled: 'Cancelled', superseded: 'Superseded by a new licence',
};
export const LICENCE_STATUS_COLOURS: Record<ShownStatus, string> = { valid: 'green', expired: 'orange', revoked: 'red', cancelled: 'default', superseded: 'default' };
export const licenceStatusLabel = (s: ShownStatus, t: Translate) => t(LICENCE_STATUS_NAMES[s], LICENCE_STATUS_EN[s]);

export const LICENCE_EVENT_NAMES: Record<string, [string, string]> = {
  issued: ['签发', 'Issued'], changed: ['变更', 'Changed'], renewed: ['延续', 'Renewed'], reissued: ['补发', 'Re-issued'],
  cancelled: ['注销', 'Cancelled'], revoked: ['撤销', 'Revoked'], commitment_false: ['承诺不实，撤销许可', 'Revoked: false commitment'],
};

export type CheckState = 'open' | 'confirmed' | 'false_commitment';
export const CHECK_STATES: Record<CheckState, [zh: string, en: string, colour: string]> = {
  open: ['待核查', 'To check', 'blue'],
  confirmed: ['核查属实', 'Confirmed', 'green'],
  false_commitment: ['承诺不实', 'False commitment', 'red'],
};

/** The sentence a refusal tells the applicant about their remedies (《行政许可法》第三十八条第二款). */
export const STANDARD_REMEDIES = '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';
