// Verification (核查) of notification-and-commitment approvals and of filings: due
// within the configured months of the approval. A commitment found false revokes the
// licence (signed status, event 'commitment_false') and is a credit record of its own
// (告知承诺不实, the false_commitments facts of modules/credit/facts.ts): in the same
// transaction the directory entities the application names (its entity_id) or whose
// USCC is the applicant's are re-graded at once, whether or not a licence was issued
// (a filing has none) or linked to the directory.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { conflict, notFound } from '../../platform/http/errors';
import { todayInChina } from '../../core/calendar/dates';
import { endLicence } from './licences';
import { refreshCreditAfterRecord } from '../credit/service';

export interface CheckRow {
  id: number; applicationId: number; applicationNo: string; itemName: string; applicantName: string; orgName: string; dueOn: string;
  state: 'open' | 'confirmed' | 'false_commitment'; checkedOn: string | null; finding: string | null; licenceNo: string | null; overdue: boolean;
}

const CHECK_SELECT = `
  SELECT c.id, c.application_id AS "applicationId", a.application_no AS "applicationNo", ci.name AS "itemName", a.applicant_name AS "applicantName",
         o.name AS "orgName", c.due_on AS "dueOn", c.state, c.checked_on AS "checkedOn", c.finding, l.licence_no AS "licenceNo",
         (c.state = 'open' AND c.due_on < $2) AS overdue
    FROM commitment_checks c JOIN licence_applications a ON a.id = c.application_id JOIN catalogue_items ci ON ci.id = a.item_id
    JOIN organizations o ON o.id = c.org_id LEFT JOIN licences l ON l.application_id = a.id`;

export async function listChecks(db: Queryable, user: AuthUser, f: { state?: CheckRow['state']; page: number; pageSize: number }) {
  const state = f.state ? [f.state] : [];
  const where = (stateParam: number) => `c.org_id = ANY($1)${f.state ? ` AND c.state = $${stateParam}` : ''}`;
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM commitment_checks c WHERE ${where(2)}`, [user.scope.orgIds, ...state]))!.n;
  // CHECK_SELECT takes today as $2.
  const params: unknown[] = [user.scope.orgIds, todayInChina(), ...state];
  const rows = await db.query<CheckRow>(
    `${CHECK_SELECT} WHERE ${where(3)} ORDER BY c.state = 'open' DESC, c.due_on, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize]);
  return { rows, total, totalCapped: false, page: f.page, pageSize: f.pageSize };
}

export async function recordCheck(db: Queryable, user: AuthUser, actor: Actor, id: number, input: { result: 'confirmed' | 'false_commitment'; finding: string }): Promise<CheckRow> {
  return db.transaction(async (tx) => {
    const c = await tx.one<{ id: number; state: string; application_id: number; application_no: string; licence_id: number | null; licence_status: string | null; licence_entity_id: number | null }>(
      `SELECT c.id, c.state, a.id AS application_id, a.application_no, l.id AS licence_id, l.status AS licence_status, l.entity_id AS licence_entity_id
         FROM commitment_checks c JOIN licence_applications a ON a.id = c.application_id LEFT JOIN licences l ON l.application_id = a.id
        WHERE c.id = $1 AND c.org_id = ANY($2) FOR UPDATE OF c`, [id, user.scope.orgIds]);
    if (!c) throw notFound('核查任务不存在或不在您的管理范围内');
    if (c.state !== 'open') throw conflict('CHECK_DONE', '该核查已办结');
    const today = todayInChina();
    await tx.query('UPDATE commitment_checks SET state = $2, finding = $3, checked_on = $4, checked_by = $5 WHERE id = $1', [id, input.result, input.finding, today, user.id]);
    let regraded: number[] = [];
    if (input.result === 'false_commitment') {
      // endLicence re-grades the licence's own entity (after the finding above, so it counts).
      let done: number | null = null;
      if (c.licence_id && c.licence_status === 'valid') {
        await endLicence(tx, actor, c.licence_id, 'revoked', today, `承诺不实，依法撤销许可：${input.finding}`, 'commitment_false');
        done = c.licence_entity_id === null ? null : Number(c.licence_entity_id);
      }
      // The entities the finding is a credit record of (modules/credit/facts.ts: false_commitments).
      const entities = await tx.query<{ id: number }>(
        `SELECT e.id FROM licence_applications a JOIN entities e ON e.id = a.entity_id OR e.uscc = upper(a.applicant_uscc)
          WHERE a.id = $1 ORDER BY e.id`, [c.application_id]);
      regraded = entities.map((e) => Number(e.id));
      for (const entityId of regraded) {
        if (entityId !== done) await refreshCreditAfterRecord(tx, actor, entityId, 'licensing.check.false_commitment');
      }
    }
    await recordAudit(tx, actor, { action: 'licensing.check.record', objectType: 'commitment_check', objectId: String(id), before: { state: 'open' }, after: { state: input.result, finding: input.finding, applicationNo: c.application_no, ...(regraded.length ? { creditEntityIds: regraded } : {}) } });
    return (await tx.one<CheckRow>(`${CHECK_SELECT} WHERE c.id = $1`, [id, today]))!;
  });
}
