// The shapes the web app reads from the server (mirrors src/modules/*/schema.ts; dates
// and timestamps arrive as strings in JSON).

export interface Paged<T> {
  rows: T[];
  total: number;
  /** The count stopped at the cap (10 000): the real total is larger. */
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export type OrgKind = 'commission' | 'institute' | 'division' | 'hospital' | 'other';

export interface Org {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  regionCode: string;
  regionName: string | null;
  kind: OrgKind;
  population: number | null;
  active: boolean;
  depth: number;
}

export interface Region { code: string; name: string }
export interface RegionDetail { code: string; name: string; fullName: string }

export type EntityCategory = 'public_place' | 'medical_institution' | 'water_supply' | 'school' | 'occupational'
  | 'disinfection_product' | 'radiation' | 'other';
export type RiskClass = 'low' | 'medium' | 'high';
export type CreditGrade = 'A' | 'B' | 'C' | 'D';

export interface Entity {
  id: number;
  uscc: string;
  name: string;
  category: EntityCategory;
  categoryName: string;
  regionCode: string;
  regionName: string | null;
  address: string;
  orgId: number;
  orgName: string;
  legalRep: string | null;
  riskClass: RiskClass | null;
  creditGrade: CreditGrade | null;
  blacklisted: boolean;
  legacyCode: boolean;
  updatedAt: string;
}

export interface HistoryEntry { at: string; username: string; action: string; before: unknown; after: unknown }

export interface EntityDetail extends Entity {
  createdAt: string;
  history: HistoryEntry[];
}

export interface EntityInput {
  uscc: string;
  name: string;
  category: EntityCategory;
  regionCode: string;
  address: string;
  orgId: number;
  legalRep: string | null;
  riskClass: RiskClass;
  creditGrade: CreditGrade | null;
  blacklisted: boolean;
}

export interface UsccException {
  code: string;
  reason: string;
  expectedCheck: string | null;
  acceptedBy: string | null;
  acceptedAt: string;
  entityCount: number;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgName: string;
  roles: string[];
  scopeMode: 'own_subtree' | 'named';
  scopeOrgIds: number[];
  phone: string | null;
  email: string | null;
  active: boolean;
  createdAt: string;
}

export interface Role { code: string; name: string; nameEn: string; permissions: string[]; system: boolean; users: number }
export interface PermissionInfo { code: string; name: string }

export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'none';

export interface Inspector {
  id: number;
  staffNo: string;
  name: string;
  orgId: number;
  orgName: string;
  userId: number | null;
  username: string | null;
  certificateNo: string | null;
  certificateValidTo: string | null;
  certificateStatus: CertificateStatus;
  specialties: EntityCategory[];
  active: boolean;
  canEnforce: boolean;
  reason?: string;
}

export interface YearSummary { year: number; source: string; loaded: boolean; holidays: number; workdays: number; updatedAt: string | null }
export interface DayInfo { date: string; workday: boolean; name?: string; provisional: boolean }
export interface YearDays { year: number; loaded: boolean; source: string; days: DayInfo[] }
export interface DeadlineResult { due: string; provisional: boolean; from: string; amount: number; unit: 'workday' | 'day'; citation: string }

export interface UsccResult { valid: boolean; message?: string; acceptedLegacy?: true }
export interface IdNumberResult { valid: boolean; message?: string; birthDate?: string; sex?: 'male' | 'female' }

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string;
  orgId: number | null;
  orgName: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  hash: string;
  prevHash: string;
}
export interface AuditVerify { ok: boolean; checked: number; firstBroken?: { id: number; reason: string } }

export interface RuleView {
  id: string;
  title: string;
  titleEn: string;
  value: unknown;
  unit?: string;
  citation: string;
  localDefault: boolean;
  confidence: string;
  note?: string;
  effectiveValue: unknown;
  overriddenAt: { orgId: number | null; orgName: string | null } | null;
}

export type MetricUnit = 'count' | 'yuan' | 'ratio' | 'days' | 'per10k';
export interface MetricValue {
  id: string;
  name: string;
  unit: MetricUnit;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  breakdown?: Record<string, number>;
}
export interface MetricDefinition {
  id: string;
  name: string;
  nameEn: string;
  unit: MetricUnit;
  periodDate: string;
  definition: string;
  breakdownKeys?: string[];
}

/** One bad row of a rejected import (data-exchange.md). */
export interface ImportRowError { row: number; column: string | null; value: string | null; message: string }
/** GET /api/imports/progress/{progressId}. */
export interface ImportProgress {
  phase: 'reading' | 'writing' | 'indexing' | 'done' | 'failed';
  rowsRead: number;
  bytesRead: number;
  totalBytes: number | null;
  /** Rows found bad so far. */
  errors: number;
  inserted?: number;
  updated?: number;
}
export interface ImportResult { dataset: string; inserted: number; updated: number }
