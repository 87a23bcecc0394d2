// What the case tests share: the demo inspectors' ids by username, the Nanhu institute,
// taking a step as a user would (reading the case's version first), and letting time
// pass for a case (the guards judge on today's date).
import { expect } from 'vitest';
import type { Client, TestEnv } from '../../../test/support/harness';

export interface CaseFixtures { inspectorOf: Record<string, number>; nhInstitute: number }

export async function caseFixtures(env: TestEnv): Promise<CaseFixtures> {
  const rows = await env.db.query<{ username: string; id: number }>('SELECT u.username, i.id FROM inspectors i JOIN users u ON u.id = i.user_id');
  const nh = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-JDS'");
  return { inspectorOf: Object.fromEntries(rows.map((r) => [r.username, r.id])), nhInstitute: nh!.id };
}

/** Posts the step with the version the user last saw; the response as it came. */
export async function stepResponse(c: Client, id: number, name: string, input: Record<string, unknown> = {}) {
  const version = (await c.get(`/api/cases/${id}`)).json().version;
  return c.post(`/api/cases/${id}/steps/${name}`, { version, input });
}

/** Takes the step and expects it to succeed; the case as it then is. */
export async function takeStep(c: Client, id: number, name: string, input: Record<string, unknown> = {}) {
  const res = await stepResponse(c, id, name, input);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  return res.json();
}

/** Moves every date of the case `days` into the past: as if that much time had gone by. */
export async function elapse(env: TestEnv, caseId: number, days: number) {
  await env.db.query(
    `UPDATE penalty_cases SET lead_on = lead_on - $2::int, filed_on = filed_on - $2::int, decision_due = decision_due - $2::int,
            notice_served_on = notice_served_on - $2::int, hearing_requested_on = hearing_requested_on - $2::int,
            hearing_date = hearing_date - $2::int, hearing_notice_served_on = hearing_notice_served_on - $2::int,
            decided_on = decided_on - $2::int, served_on = served_on - $2::int WHERE id = $1`, [caseId, days]);
}
