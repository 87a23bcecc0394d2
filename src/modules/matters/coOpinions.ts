// A co-handling organisation writes its own opinion on a proposal (see coHandlers.ts for
// who co-handles and who acts for which organisation). Apart from coHandlers.ts because it
// loads the matter through service.ts, which itself uses coHandlers.ts.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, conflict, forbidden } from '../../platform/http/errors';
import { todayInChina } from '../../core/calendar/dates';
import { actingOrgIds } from './coHandlers';
import { readableMatter } from './service';

export interface CoOpinionInput { orgId?: number | null; opinion: string }

/**
 * A co-handling organisation's opinion: written once by its own users, while the lead has
 * not answered. The matter's row is locked and its version moves on, so the lead's answer
 * (taken under the same lock) sees the opinion, and a lead's page opened before it is
 * told to reload. One transaction with its history event and audit entry.
 */
export async function submitCoOpinion(db: Queryable, user: AuthUser, actor: Actor, matterId: number, input: CoOpinionInput): Promise<void> {
  await db.transaction(async (tx) => {
    const m = await readableMatter(tx, user, 'proposal', matterId, { lock: true });
    const rows = await tx.query<{ id: number; org_id: number; name: string; opinion_on: string | null }>(
      `SELECT ch.id, ch.org_id, o.name, ch.opinion_on FROM matter_co_handlers ch JOIN organizations o ON o.id = ch.org_id WHERE ch.matter_id = $1 ORDER BY ch.id`, [matterId]);
    const acting = actingOrgIds(user);
    let row: (typeof rows)[number] | undefined;
    if (input.orgId) {
      row = rows.find((r) => r.org_id === input.orgId);
      if (!row) throw badRequest('NOT_CO_HANDLER', '所选单位不是本件的会办单位', { field: 'orgId' });
    } else {
      const own = rows.filter((r) => acting.includes(r.org_id));
      if (own.length !== 1) throw badRequest('CO_HANDLER_REQUIRED', own.length === 0 ? '您所在单位不是本件的会办单位' : '请选择提出意见的会办单位', { field: 'orgId' });
      row = own[0];
    }
    if (!acting.includes(row.org_id)) throw forbidden(`只能由${row.name}的人员提出本单位的会办意见`);
    if (m.state !== 'assigned') throw conflict('CO_OPINION_CLOSED', '主办单位已答复，不能再提出会办意见');
    if (row.opinion_on !== null) throw conflict('CO_OPINION_GIVEN', `${row.name}已于${row.opinion_on}提出会办意见`);
    const today = todayInChina();
    await tx.query('UPDATE matter_co_handlers SET opinion = $2, opinion_on = $3, opinion_by = $4, opinion_at = now() WHERE id = $1', [row.id, input.opinion, today, user.id]);
    await tx.query('UPDATE matters SET version = version + 1, updated_at = now() WHERE id = $1', [matterId]);
    await tx.query(`INSERT INTO matter_events (matter_id, step, from_state, to_state, input, user_id) VALUES ($1,'co_opinion',$2,$2,$3,$4)`,
      [matterId, m.state, JSON.stringify({ orgId: row.org_id, unit: row.name, opinion: input.opinion }), user.id]);
    await recordAudit(tx, actor, { action: 'matter.proposal.co_opinion', objectType: 'matter', objectId: matterId, after: { matterNo: m.matter_no, orgId: row.org_id, opinionOn: today } });
  });
}
