// Recording inspection visits on the platform (现场检查记录, visits.ts): the inspector's
// open tasks, what the phone form needs, the visit itself, its photos and signature, and
// the penalty-case lead opened from a non-compliant visit.
import { z } from 'zod';
import { isoDate, optionalText, pagination, paged, text } from '../../platform/http/schemas';
import { RULES } from '../../core/law/rules';
import { VISIT_RESULTS } from './schema';

const CONTROL = /[\u0000-\u001f\u007f]/;
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const noControl = { message: '不能包含控制字符' };
const line = (max: number) => text(max).refine((v) => !CONTROL.test(v), noControl);
const optionalLine = (max: number) => optionalText(max).refine((v) => v === null || !CONTROL.test(v), noControl);
/** Free text (line breaks allowed). */
const optionalProse = (max: number) => optionalText(max).refine((v) => v === null || !TEXT_CONTROL.test(v), noControl);

const id = z.coerce.number().int().positive().max(2_147_483_647);
const bigId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const VISIT_KINDS = ['random', 'routine', 'campaign'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_NAMES: Record<VisitKind, string> = { random: '双随机抽查', routine: '日常检查', campaign: '专项整治' };
export const CHECK_OUTCOMES = ['pass', 'fail', 'not_applicable'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
export const CHECK_OUTCOME_NAMES: Record<CheckOutcome, string> = { pass: '合格', fail: '不合格', not_applicable: '不适用' };
/** The results where the party is absent (closed down, not found): nobody signs. */
export const PARTY_ABSENT_RESULTS = ['closed_down', 'not_found'] as const;

/** A signature image as the canvas exports it: a PNG data URL (at most 512 KB of image). */
export const MAX_SIGNATURE_BYTES = 512 * 1024;
/** Largest photo: a phone camera's full-resolution JPEG, with room to spare. */
export const MAX_PHOTO_BYTES = 30 * 1024 * 1024;

// ---------------------------------------------------------------------------------
// My tasks

export const myTaskQuery = z.object({
  /** The entity's name (or the task number). */
  q: optionalLine(50),
  ...pagination,
});
export type MyTaskQuery = z.infer<typeof myTaskQuery>;

const teamMember = z.object({ id: z.number(), name: z.string() });

export const myTask = z.object({
  id: z.number(), taskNo: z.string(), planId: z.number(), planNo: z.string(), planTitle: z.string(),
  entityId: z.number(), entityName: z.string(), entityAddress: z.string(), entityCategory: z.string(), entityCategoryName: z.string(),
  dueOn: z.string(), overdue: z.boolean(), joint: z.boolean(),
  /** The team drawn for the task (empty for an imported task, which any inspector of the entity's institute may carry out). */
  team: z.array(teamMember),
});
export const myTaskList = paged(myTask);

// ---------------------------------------------------------------------------------
// The form

export const visitFormQuery = z.object({
  taskId: id.optional(),
  entityId: bigId.optional(),
});

export const formCheckItem = z.object({
  id: z.number(), code: z.string(), title: z.string(), method: z.string(), basisText: z.array(z.string()),
  provisionCode: z.string().nullable(), provisionTitle: z.string().nullable(), randomList: z.boolean(),
});

export const formInspector = z.object({
  id: z.number(), name: z.string(), staffNo: z.string(), orgName: z.string(),
  canEnforce: z.boolean(), reason: z.string().optional(),
  /** A member of the task's team. */
  inTeam: z.boolean(),
  /** The signed-in user. */
  me: z.boolean(),
});

export const visitForm = z.object({
  entity: z.object({
    id: z.number(), name: z.string(), uscc: z.string(), address: z.string(), category: z.string(), categoryName: z.string(),
    legalRep: z.string().nullable(), orgId: z.number(), orgName: z.string(),
  }),
  task: z.object({
    id: z.number(), taskNo: z.string(), planNo: z.string(), planTitle: z.string(), dueOn: z.string(), overdue: z.boolean(), joint: z.boolean(),
    /** The inspectors of the visit must be of this team (empty: an imported task, any inspector may go). */
    teamIds: z.array(z.number()),
  }).nullable(),
  checkItems: z.array(formCheckItem),
  inspectors: z.array(formInspector),
  defaultInspectorIds: z.array(z.number()),
  minInspectors: z.object({ value: z.number(), citation: z.string() }),
  today: z.string(),
});

// ---------------------------------------------------------------------------------
// Recording a visit

export const checkResultInput = z.object({
  itemId: id,
  outcome: z.enum(CHECK_OUTCOMES, { message: '检查结论应为 pass（合格）、fail（不合格）或 not_applicable（不适用）' }),
  note: optionalProse(1000),
});

export const visitInput = z.object({
  /** The random-inspection task carried out (its entity is the visit's), or … */
  taskId: id.nullish().transform((v) => v ?? null),
  /** … the entity visited (a routine or campaign visit). */
  entityId: bigId.nullish().transform((v) => v ?? null),
  kind: z.enum(VISIT_KINDS, { message: '检查类型应为 random（双随机抽查）、routine（日常检查）或 campaign（专项整治）' }),
  /** The campaign (专项整治) the visit belongs to: required for kind campaign. */
  campaign: optionalLine(100),
  visitedOn: isoDate,
  inspectorIds: z.array(id, { message: '请选择检查人员' })
    .min(RULES.minInspectors.value, `检查人员不得少于${RULES.minInspectors.value}人（${RULES.minInspectors.citation}）`)
    .max(10, '检查人员不超过10人')
    .refine((a) => new Set(a).size === a.length, { message: '检查人员重复' }),
  result: z.enum(VISIT_RESULTS, { message: '检查结果应为 compliant、non_compliant、closed_down 或 not_found' }),
  checkResults: z.array(checkResultInput).max(200, '检查事项不超过200项').default([]),
  findings: optionalProse(5000),
  /** The party's person who signs the record on the spot (not when the party is absent). */
  signatoryName: optionalLine(50),
  /** When they signed (default: when the record arrives); not in the future. */
  signedAt: z.iso.datetime({ offset: true, message: '签名时间应为 ISO 8601 时间' }).nullish().transform((v) => v ?? null),
  /** The signature drawn on the phone: data:image/png;base64,… */
  signature: z.string().max(Math.ceil(MAX_SIGNATURE_BYTES / 3) * 4 + 100, '签名图片过大').nullish().transform((v) => v || null),
});
export type VisitInput = z.infer<typeof visitInput>;

export const visitCreated = z.object({ id: z.number(), visitNo: z.string(), recordHash: z.string(), taskCompleted: z.boolean(), publicationDue: z.string().nullable() });

// ---------------------------------------------------------------------------------
// Files, the record, the case lead

export const visitFileFields = z.object({ title: line(200) });

export const visitFile = z.object({
  id: z.number(), kind: z.enum(['photo', 'signature']), title: z.string(), fileName: z.string(), contentType: z.string(),
  sizeBytes: z.number(), sm3: z.string(), uploadedBy: z.object({ id: z.number(), name: z.string() }), uploadedAt: z.string(),
});

export const visitFileParam = z.object({ id: bigId, fileId: id });

export const visitRecord = z.object({
  id: z.number(), visitNo: z.string(), entityId: z.number(), entityName: z.string(), visitedOn: z.string(), result: z.string(),
  kind: z.enum(VISIT_KINDS), kindName: z.string(), campaign: z.string().nullable(),
  /** Recorded on the platform (else imported history: only the fields of the list). */
  recorded: z.boolean(),
  checkResults: z.array(z.object({
    itemId: z.number(), code: z.string(), title: z.string(), provisionCode: z.string().nullable(),
    outcome: z.enum(CHECK_OUTCOMES), outcomeName: z.string(), note: z.string().nullable(),
  })),
  findings: z.string().nullable(),
  signatoryName: z.string().nullable(), signedAt: z.string().nullable(),
  signature: visitFile.nullable(),
  photos: z.array(visitFile),
  recordedBy: z.object({ id: z.number(), name: z.string() }).nullable(), recordedAt: z.string().nullable(),
  recordHash: z.string().nullable(),
  /** The record hash recomputed from the row equals the stored and the audited one (null: not recorded on the platform). */
  recordIntact: z.boolean().nullable(),
  case: z.object({ id: z.number(), caseNo: z.string(), state: z.string().nullable() }).nullable(),
  /** The caller may add photos now (one of its inspectors, or may record for others; no case opened yet). */
  canAddPhotos: z.boolean(),
  /** The caller may open a case lead from it now. */
  canOpenCase: z.boolean(),
});

export const caseLeadCreated = z.object({ caseId: z.number(), caseNo: z.string(), evidence: z.array(z.object({ id: z.number(), title: z.string(), sm3: z.string() })) });
