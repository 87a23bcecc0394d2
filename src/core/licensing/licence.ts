// Electronic licences (电子证照): what is signed and how a stored licence is verified.
// The issuing body signs two texts with its SM2 key: the licence as issued (payload)
// and, at issue and at every change of status, a status statement. Verification checks
// the signatures and that the stored columns say what the signed texts say, so
// changing any of them in the database (the holder, the validity, a revoked status set
// back to valid) makes verification fail. Pure: keys and rows come from the caller.
//
// Status statements of version 2 also name the licence they speak of: the SM3 digest of
// its signed text and signature. That ties a status to one licence text (not just to a
// licence number), and it lets the public page verify one signature instead of two: once
// the statement's signature holds, the issuer has vouched, under its key, for exactly
// that text and signature, so checking the licence's own signature again proves nothing
// more. When the digest does not match, the licence's signature is checked as well, to
// say what is wrong. Statements of version 1 (no digest) are still verified with both
// signatures.
import { sm2Sign, sm2Verify, type Sm2KeyPair } from '../crypto/sm2';
import { sm3 } from '../crypto/sm3';

export const LICENCE_STATUSES = ['valid', 'revoked', 'cancelled', 'superseded'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];
/** What the public page shows: the stored status, or expired once valid_to has passed. */
export type ShownStatus = LicenceStatus | 'expired';

export const STATUS_NAMES: Record<ShownStatus, string> = {
  valid: '有效', expired: '已过期', revoked: '已撤销', cancelled: '已注销', superseded: '已换发（被新证替代）',
};

export interface LicenceContent {
  licenceNo: string;
  licenceName: string;
  holderName: string;
  holderUscc: string | null;
  scope: string;
  address: string;
  issuedOn: string;
  validFrom: string;
  validTo: string;
  issuerCode: string;
  issuerName: string;
  itemCode: string | null;
}

export interface StatusStatement {
  licenceNo: string;
  status: LicenceStatus;
  /** The day the status took effect (the issue day for 'valid'). */
  since: string;
  reason: string | null;
  /** The licence spoken of: licenceDigest of its signed text (version 2; absent in version 1). */
  licence?: string;
}

// Fixed key order: the signed text must be the same bytes whoever builds it.
const CONTENT_KEYS: (keyof LicenceContent)[] = ['licenceNo', 'licenceName', 'holderName', 'holderUscc', 'scope', 'address', 'issuedOn', 'validFrom', 'validTo', 'issuerCode', 'issuerName', 'itemCode'];
const STATUS_KEYS_V1: (keyof StatusStatement)[] = ['licenceNo', 'status', 'since', 'reason'];
const STATUS_KEYS: (keyof StatusStatement)[] = [...STATUS_KEYS_V1, 'licence'];

function canonical<T>(kind: string, v: number, keys: (keyof T)[], value: T): string {
  return JSON.stringify({ kind, v, ...Object.fromEntries(keys.map((k) => [k, value[k] ?? null])) });
}

export const licencePayload = (c: LicenceContent) => canonical('licence', 1, CONTENT_KEYS, c);
/** The status statement as signed now (version 2, naming the licence by its digest). */
export const statusPayload = (s: StatusStatement & { licence: string }) => canonical('licence_status', 2, STATUS_KEYS, s);
/** A version-1 statement (before the digest), as older licences carry it. */
export const statusPayloadV1 = (s: StatusStatement) => canonical('licence_status', 1, STATUS_KEYS_V1, s);

export interface SignedText { payload: string; signature: string }

/** How a status statement names its licence: SM3 of the licence's signed text and its signature. */
export const licenceDigest = (l: SignedText) => sm3(`${l.payload}\n${l.signature}`);

export function signLicence(c: LicenceContent, keys: Sm2KeyPair): SignedText {
  const payload = licencePayload(c);
  return { payload, signature: sm2Sign(payload, keys) };
}

/** Signs the status of the licence whose signed text is `licence`. */
export function signStatus(s: Omit<StatusStatement, 'licence'>, licence: SignedText, keys: Sm2KeyPair): SignedText {
  const payload = statusPayload({ ...s, licence: licenceDigest(licence) });
  return { payload, signature: sm2Sign(payload, keys) };
}

/** A licence as stored: its columns and the signed texts. */
export interface StoredLicence {
  content: LicenceContent;
  status: LicenceStatus;
  statusOn: string | null;
  statusReason: string | null;
  payload: string;
  signature: string;
  statusPayload: string;
  statusSignature: string;
  publicKey: string | null;
}

export interface Verification {
  /** The signatures hold and the stored data is what was signed. */
  authentic: boolean;
  /** Why not, in Chinese, for the public page. */
  problems: string[];
  shownStatus: ShownStatus;
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function verifyLicence(l: StoredLicence, today: string): Verification {
  const problems: string[] = [];
  const signedStatus = parse(l.statusPayload);
  const named = signedStatus?.v === 2 && typeof signedStatus.licence === 'string' ? signedStatus.licence : null;
  if (!l.publicKey) problems.push('找不到签发机关的签名公钥');
  else {
    const vouched = named !== null && named === licenceDigest(l);
    const statusSigned = sm2Verify(l.statusPayload, l.statusSignature, l.publicKey);
    if (!vouched && !sm2Verify(l.payload, l.signature, l.publicKey)) problems.push('证照数据的电子签名验证失败');
    else if (!vouched && named !== null) problems.push('证照状态声明所指的不是这份证照');
    if (!statusSigned) problems.push('证照状态的电子签名验证失败');
  }
  if (l.payload !== licencePayload(l.content)) problems.push('证照数据与签名时的数据不一致');
  const stated = { licenceNo: l.content.licenceNo, status: l.status, since: l.statusOn ?? l.content.issuedOn, reason: l.statusReason };
  const expected = named !== null ? statusPayload({ ...stated, licence: named }) : statusPayloadV1(stated);
  if (!signedStatus || l.statusPayload !== expected) problems.push('证照状态与签名时的状态不一致');
  const shownStatus: ShownStatus = l.status === 'valid' && l.content.validTo < today ? 'expired' : l.status;
  return { authentic: problems.length === 0, problems, shownStatus };
}
