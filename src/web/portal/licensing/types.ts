import type { Paged } from '../../lib/types';
// The shapes of the public licensing API (src/modules/licensing: routes.ts
// licensingPublicRoutes, applications.ts TrackedApplication, licences.ts
// PublicVerification, catalogue.ts the service guide) as the portal pages use them, and
// the applicant's input checks mirroring src/modules/licensing/schema.ts.
import type { Translate } from '../../lib/i18n';

export type Replaceable = 'e_licence' | 'data_check';
export type Provision = 'paper' | 'e_licence' | 'data_check' | 'missing';

export interface GuideMaterial { code: string; name: string; required: boolean; replaceable: Replaceable | null; licenceName: string | null }

/** GET /api/public/service-guide/:itemCode (the fields the application form needs). */
export interface GuideItem {
  itemCode: string; name: string; category: string; kind: 'licence' | 'filing'; kindName: string; agency: string; statutoryDays: number; promisedDays: number;
  online: boolean; commitmentAllowed: boolean; deficiencyAllowed: boolean; fee: string; materials: GuideMaterial[];
  licenceName: string | null; licenceValidYears: number | null; bundles: { code: string; name: string }[];
}

/** GET /api/public/service-guide-bundles */
export interface GuideBundle { code: string; name: string; agency: string; promisedDays: number; items: { itemCode: string; name: string; promisedDays: number; online: boolean }[] }

/** POST /api/public/applications */
export interface Submitted { trackingCode: string; applications: { id: number; applicationNo: string; itemCode: string; itemName: string }[] }

export type ApplicationState = 'submitted' | 'correction_requested' | 'accepted' | 'not_accepted' | 'approved' | 'refused' | 'withdrawn';

export interface OwedMaterial { name: string; dueOn: string; suppliedOn?: string | null }

/** One application of GET /api/public/applications/:code */
export interface TrackedApplication {
  /** Who it is for: the applicant, or in a bundle the person a staff registration names. */
  holderName: string;
  applicationNo: string; itemCode: string; itemName: string; state: ApplicationState; stateName: string; receivedOn: string; acceptedOn: string | null;
  dueOn: string | null; concludedOn: string | null; outcome: 'approved' | 'refused' | 'withdrawn' | null; correctionNotice: string | null;
  notAcceptedReason: string | null; decisionReason: string | null; remedies: string | null; owed: OwedMaterial[]; missing: string[];
  materials: { code: string; name: string; required: boolean; replaceable: Replaceable | null; provision: Provision; provisionName: string }[];
  licenceNo: string | null; verifyToken: string | null; rating: number | null; canRate: boolean; canSupplement: boolean;
  /** Whether the applicant may still withdraw it. */
  canWithdraw: boolean;
  /** The files attached to the materials, by the applicant or the window (downloaded with the tracking code). */
  files: { id: number; materialCode: string; fileName: string; contentType: string; sizeBytes: number; uploadedAt: string; byApplicant: boolean }[];
  /** Whether the applicant may attach files now. */
  canUpload: boolean;
}
export interface Tracked { applicantName: string; applications: TrackedApplication[] }

export type LicenceStatus = 'valid' | 'expired' | 'revoked' | 'cancelled' | 'superseded';

/** GET /api/public/licences/verify/:token */
export interface PublicVerification {
  authentic: boolean; problems: string[]; status: LicenceStatus; statusName: string; statusOn: string | null; statusReason: string | null;
  licenceNo: string; licenceName: string; holderName: string; holderUscc: string | null; scope: string; address: string;
  issuedOn: string; validFrom: string; validTo: string; issuerName: string; algorithm: 'SM2'; signature: string; publicKey: string | null;
  supersededBy: string | null;
}

/** A row of GET /api/public/licensing-decisions (the masked publication). */
export interface PublishedDecision {
  applicationNo: string; itemCode: string; itemName: string; applicant: string; applicantCode: string | null; decision: string; decidedOn: string;
  licenceNo: string | null; validTo: string | null; issuer: string; commitment: boolean; publishedOn: string;
  /** What has become of the licence since: valid, expired, revoked, cancelled, superseded (null without a licence). */
  licenceStatus: string | null; licenceStatusName: string | null; licenceStatusOn: string | null;
}
/** GET /api/public/licensing-decisions */
export interface PublishedDecisions extends Paged<PublishedDecision> { publicationWorkdays: number; publicationCitation: string }

export const PROVISION_LABELS: Record<Provision, [string, string]> = {
  paper: ['已准备提交', 'Provided'],
  e_licence: ['引用电子证照', 'Electronic licence'],
  data_check: ['数据核验免提交', 'Checked against shared data'],
  missing: ['未提交', 'Not provided'],
};

/** The ways a material may be provided: paper, what its `replaceable` allows, or not yet. */
export const provisionsOf = (m: { replaceable: Replaceable | null }): Provision[] =>
  (m.replaceable ? ['paper', m.replaceable, 'missing'] : ['paper', 'missing']);

/** The server's default when a material is not mentioned (schema: data checks need nothing from the applicant). */
export const defaultProvision = (m: { replaceable: Replaceable | null }): Provision => (m.replaceable === 'data_check' ? 'data_check' : 'missing');

// ---------------------------------------------------------------------------------
// Input checks, with the server's messages (src/modules/licensing/schema.ts).

export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const TRACKING_PATTERN = /^[A-Z2-9]{10}$/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015, as src/core/codes/uscc.ts checks it (that module reads region tables the browser does not load). */
export function usccProblem(input: string, t: Translate): string | null {
  const code = input.trim().toUpperCase();
  if (!code) return null;
  if (code.length !== 18) return t(`统一社会信用代码应为18位，当前为${code.length}位`, `A unified social credit code has 18 characters, not ${code.length}`);
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i])) {
      return t(`第${i + 1}位字符“${code[i]}”不允许出现在统一社会信用代码中（不使用 I、O、S、V、Z 及其他符号）`, `Character ${i + 1} “${code[i]}” is not allowed (I, O, S, V, Z and symbols are not used)`);
    }
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(code[i]) * USCC_WEIGHTS[i];
  const v = 31 - (sum % 31);
  const expected = USCC_ALPHABET[v === 31 ? 0 : v];
  if (code[17] !== expected) {
    return t(`校验码错误：第18位应为“${expected}”，实为“${code[17]}”（请核对代码是否录入有误）`, `Wrong check character: the 18th should be “${expected}”, not “${code[17]}”`);
  }
  return null;
}

/** Free text: within `max` characters, no control characters (the server's prose/optionalProse). */
export function proseProblem(value: string | undefined, max: number, what: [string, string], t: Translate): string | null {
  const v = (value ?? '').trim();
  if (v.length > max) return t(`${what[0]}不能超过${max}个字`, `${what[1]}: at most ${max} characters`);
  if (CONTROL.test(v)) return t(`${what[0]}不能包含控制字符`, `${what[1]}: no control characters`);
  return null;
}

export const STATUS_COLORS: Record<LicenceStatus, string> = {
  valid: '#389e0d', expired: '#d46b08', revoked: '#cf1322', cancelled: '#d46b08', superseded: '#d46b08',
};
