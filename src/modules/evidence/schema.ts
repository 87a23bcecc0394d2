import { z } from 'zod';
import { text } from '../../platform/http/schemas';
import { caseIdParam } from '../cases/schema';

export const EVIDENCE_KINDS = ['photo', 'audio', 'video', 'scan', 'site_record', 'document', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_NAMES: Record<EvidenceKind, string> = {
  photo: '照片', audio: '录音', video: '录像', scan: '扫描件', site_record: '现场笔录', document: '书证', other: '其他',
};

export const INTEGRITY = ['unchecked', 'intact', 'altered', 'missing'] as const;
export const CHECK_RESULTS = ['intact', 'altered', 'missing'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The multipart fields sent before the file part. */
export const evidenceFields = z.object({
  kind: z.enum(EVIDENCE_KINDS, { message: '证据种类不正确' }),
  title: text(200).refine((v) => !CONTROL.test(v), { message: '不能包含控制字符' }),
});
export type EvidenceFields = z.infer<typeof evidenceFields>;

export const evidenceParam = caseIdParam.extend({ evidenceId: z.coerce.number().int().positive().max(2_147_483_647) });
export const DISPOSITIONS = ['inline', 'attachment'] as const;
export const contentQuery = z.object({
  disposition: z.enum(DISPOSITIONS, { message: 'disposition 应为 inline 或 attachment' }).default('attachment'),
});

export const evidenceItem = z.object({
  id: z.number(), caseId: z.number(), kind: z.enum(EVIDENCE_KINDS), kindName: z.string(), title: z.string(),
  fileName: z.string(), contentType: z.string(), sizeBytes: z.number(), sm3: z.string(),
  uploadedBy: z.object({ id: z.number(), name: z.string() }), uploadedAt: z.string(),
  /** The most recent verification's result ('unchecked' before the first). */
  integrity: z.enum(INTEGRITY), checkedAt: z.string().nullable(),
  accessCount: z.number(),
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const evidenceList = z.object({
  items: z.array(evidenceItem),
  /** Whether the caller may add evidence now (an inspector on the case, the case still open). */
  canAdd: z.boolean(),
});

export const ACCESS_ACTIONS = ['view', 'download'] as const;
export const accessEntry = z.object({
  id: z.number(), userId: z.number(), userName: z.string(), action: z.enum(ACCESS_ACTIONS), at: z.string(), clientAddress: z.string().nullable(),
});
export const accessLog = z.array(accessEntry);

export const verifyItem = z.object({
  id: z.number(), title: z.string(), result: z.enum(CHECK_RESULTS),
  expectedSm3: z.string(), actualSm3: z.string().nullable(),
  /** Why the item is not intact, in Chinese. */
  reason: z.string().nullable(),
});
export type VerifyItem = z.infer<typeof verifyItem>;
export const verifyResult = z.object({ checkedAt: z.string(), items: z.array(verifyItem) });
