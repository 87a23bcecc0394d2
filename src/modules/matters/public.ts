// The portal's side of matters: anyone may file a complaint or report (anonymously for
// a report) or a disclosure request without an account, and follow it with the
// 16-character tracking code it receives (80 random bits: another person's matter
// cannot be found by changing a code). What the tracking page shows is masked: names
// keep their surname, phone numbers and ID numbers are hidden, even from the filer,
// since a code can be passed on.
import type { Queryable } from '../../platform/db';
import type { Actor } from '../../platform/access/user';
import { notFound } from '../../platform/http/errors';
import type { AppContext } from '../../platform/http/types';
import { maskIdNumbers, maskName, maskPhones } from '../../core/publication/masking';
import type { MatterKind } from '../../core/matters/clocks';
import { MATTER_SELECT, newTrackingCode, registerMatter, specOf, stepLabelOf, type MatterRow } from './service';
import type { z } from 'zod';
import type { publicComplaint, publicDisclosure } from './schema';

/** The organisations the public may address (commissions and supervision institutes). */
export async function publicOrganizations(db: Queryable) {
  return db.query<{ id: number; name: string }>(`SELECT id, name FROM organizations WHERE active AND kind IN ('commission','institute') ORDER BY path`);
}

async function assertPublicOrg(db: Queryable, orgId: number): Promise<void> {
  const org = await db.one(`SELECT 1 FROM organizations WHERE id = $1 AND active AND kind IN ('commission','institute')`, [orgId]);
  if (!org) throw notFound('受理机关不存在');
}

/**
 * The directory's entity of exactly this name, when there is one and only one: the
 * complaint is then linked to it (and to earlier complaints about it); otherwise the
 * name stays as the filer wrote it for the operator to look up.
 */
async function entityNamed(db: Queryable, name: string): Promise<number | null> {
  const rows = await db.query<{ id: number }>('SELECT id FROM entities WHERE name = $1 LIMIT 2', [name.trim()]);
  return rows.length === 1 ? rows[0].id : null;
}

export async function fileComplaint(ctx: Pick<AppContext, 'db' | 'calendar'>, actor: Actor, body: z.infer<typeof publicComplaint>, ip: string) {
  await assertPublicOrg(ctx.db, body.orgId);
  const trackingCode = newTrackingCode();
  const entityId = await entityNamed(ctx.db, body.entityName);
  const r = await registerMatter(ctx, null, actor, 'hotline', {
    orgId: body.orgId, source: 'portal', trackingCode, ip,
    fields: {
      subtype: 'complaint_report', channel: 'web', anonymous: body.anonymous, contactName: body.anonymous ? null : body.contactName,
      contactPhone: body.anonymous ? null : body.contactPhone, summary: body.summary, entityName: body.entityName, entityAddress: body.entityAddress,
      title: `投诉举报：${body.entityName}`, ...(entityId ? { entityId } : {}),
    },
  });
  return { matterNo: r.matterNo, trackingCode };
}

export async function fileDisclosureRequest(ctx: Pick<AppContext, 'db' | 'calendar'>, actor: Actor, body: z.infer<typeof publicDisclosure>, ip: string) {
  await assertPublicOrg(ctx.db, body.orgId);
  const trackingCode = newTrackingCode();
  const r = await registerMatter(ctx, null, actor, 'disclosure', {
    orgId: body.orgId, source: 'portal', trackingCode, ip,
    fields: { channel: 'portal', contactName: body.contactName, contactPhone: body.contactPhone, contactEmail: body.contactEmail, contactAddress: body.contactAddress, title: body.title, summary: body.summary },
  });
  return { matterNo: r.matterNo, trackingCode };
}

/** Free text as the public sees it: phone and ID numbers hidden, the filer's own name masked. */
function masked(text: string | null, m: MatterRow): string | null {
  if (!text) return text;
  let out = maskPhones(maskIdNumbers(text));
  if (m.contact_name && [...m.contact_name].length > 1) out = out.split(m.contact_name).join(maskName(m.contact_name));
  return out;
}

/** Steps whose input the public is told (the notice, the reply); the rest show only their name and date. */
const PUBLIC_INPUTS: Partial<Record<MatterKind, Record<string, string>>> = {
  disclosure: { request_correction: 'notice' },
};
/**
 * The agency's internal steps: a handler asking the head for an extension, the head
 * refusing. The public sees an extension once approved, with its reason (the notice).
 */
const INTERNAL_STEPS = new Set(['request_extension', 'refuse_extension']);

export async function trackMatter(db: Queryable, code: string) {
  const m = await db.one<MatterRow>(`${MATTER_SELECT} WHERE m.tracking_code = $1`, [code]);
  if (!m) throw notFound('查询码不正确，或该事项不存在');
  const spec = specOf(m.kind);
  const events = await db.query<{ step: string; input: Record<string, unknown>; at: Date }>('SELECT step, input, at FROM matter_events WHERE matter_id = $1 ORDER BY id', [m.id]);
  const shown = PUBLIC_INPUTS[m.kind] ?? {};
  const replied = m.reply !== null && ['closed', 'replied', 'answered', 'withdrawn'].includes(m.state);
  return {
    kind: m.kind, kindName: spec.label, matterNo: m.matter_no, orgName: m.org_name, stateName: spec.procedure.states[m.state]?.label ?? m.state,
    final: Boolean(spec.procedure.states[m.state]?.final), contactName: m.anonymous ? '匿名' : m.contact_name ? maskName(m.contact_name) : null,
    title: masked(m.title, m), receivedOn: m.received_on, dueOn: m.due_on, concludedOn: m.concluded_on, extended: m.extended,
    outcome: m.outcome, reply: replied ? masked(m.reply, m) : null, handlerOrgName: m.handler_org_name,
    history: events.filter((e) => !INTERNAL_STEPS.has(e.step)).map((e) => ({
      label: stepLabelOf(spec, e.step), at: e.at.toISOString(),
      note: e.step === 'approve_extension' ? masked(m.extensions.at(-1)?.reason ?? null, m)
        : shown[e.step] ? masked(String(e.input[shown[e.step]] ?? ''), m) : null,
    })),
  };
}
