// Recording inspection visits through the API: the inspector's open tasks and the form,
// a task's visit (the task completed, its publication deadline 20 working days later
// across the National Day holiday), the refusals (too few inspectors, a future date, a
// non-compliant result without a failed item or findings, a second visit on a completed
// task, an entity out of scope, a user who was not on the visit, an inspector outside the
// drawn team), photos with their SM3, and the case lead opened in one step carrying the
// photos and the signature into the case's evidence (SM3 re-checked; a second call 409).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { multipartForm } from '../../../test/support/multipart';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { createSm3 } from '../../core/crypto/sm3';
import { RULES } from '../../core/law/rules';

let env: TestEnv;
let inspector1: Client; let inspector2: Client; let inspector3: Client; let admin: Client;
/** Inspector ids by staff number (NH-001 is inspector1, NH-002 inspector2, XZ-001 inspector3; NH-004's certificate has expired). */
let staff: Record<string, number>;
let nhInstitute: number;
let A: { id: number; name: string; category: string };
let B: { id: number; name: string };
let X: { id: number };
let planId: number;
let t1: number; let tOther: number; let tImported: number;
let items: { id: number; code: string; provisionCode: string | null }[];
const today = todayInChina();
/** The photo of the task's visit (copied into the case). */
let photoSm3: string;

/** A 1×1 PNG, as the signature pad would send it. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const SIGNATURE = `data:image/png;base64,${PNG}`;
const sm3Of = (b: Buffer) => createSm3().update(b).digest();

/** Bytes that look like a JPEG, different for every seed. */
function photo(seed: number, size = 50_000): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) { x = (x * 1103515245 + 12345) >>> 0; b[i] = x >>> 24; }
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
}

/** A site photo upload with its title. */
function photoForm(title: string, content: Buffer, contentType = 'image/jpeg') {
  return multipartForm({ name: '现场照片.jpg', content, contentType }, { title });
}

async function insertTask(no: string, entityId: number, team: number[], dueOn: string, opts: { drawn?: boolean } = {}): Promise<number> {
  return (await env.db.one<{ id: number }>(
    `INSERT INTO random_tasks (task_no, plan_id, entity_id, due_on, inspector_ids, draw_reason, imported)
     VALUES ($1, $2, $3, $4, $5::int[], $6, $7) RETURNING id`,
    [no, planId, entityId, dueOn, team, opts.drawn === false ? null : 'random', opts.drawn === false]))!.id;
}

/** A complete, valid non-compliant visit of task t1, to be varied by each test. */
function visit(over: Record<string, unknown> = {}) {
  return {
    taskId: t1, kind: 'random', visitedOn: '2025-09-26', inspectorIds: [staff['NH-001'], staff['NH-002']], result: 'non_compliant',
    checkResults: [
      { itemId: items[0].id, outcome: 'fail', note: '三名从业人员健康合格证明已过期' },
      { itemId: items[1].id, outcome: 'pass' },
      { itemId: items[2].id, outcome: 'not_applicable', note: null },
    ],
    findings: '现场检查发现部分从业人员未取得有效健康合格证明即上岗服务。', signatoryName: '王店长', signature: SIGNATURE,
    ...over,
  };
}

const count = async (table: string) => (await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))!.n;

beforeAll(async () => {
  env = await setupTestEnv();
  [inspector1, inspector2, inspector3, admin] = await Promise.all(['inspector1', 'inspector2', 'inspector3', 'admin'].map((u) => env.as(u)));
  staff = Object.fromEntries((await env.db.query<{ staff_no: string; id: number }>('SELECT staff_no, id FROM inspectors')).map((r) => [r.staff_no, r.id]));
  nhInstitute = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-JDS'"))!.id;
  // Two public places of 南湖区 (their category has check items with penalty provisions) and one entity of 秀洲区.
  [A, B] = await env.db.query<{ id: number; name: string; category: string }>(
    "SELECT id, name, category FROM entities WHERE org_id = $1 AND category = 'public_place' ORDER BY id LIMIT 2", [nhInstitute]);
  X = (await env.db.one<{ id: number }>("SELECT e.id FROM entities e JOIN organizations o ON o.id = e.org_id WHERE o.code = 'XZ-JDS' ORDER BY e.id LIMIT 1"))!;
  planId = (await env.db.one<{ id: number }>(
    `INSERT INTO random_plans (plan_no, org_id, title, source, year) VALUES ('VT-P-1', $1, '现场检查测试抽查计划', 'local', 2025) RETURNING id`, [nhInstitute]))!.id;
  t1 = await insertTask('VT-T-1', A.id, [staff['NH-001'], staff['NH-002']], '2099-01-31');
  tOther = await insertTask('VT-T-2', B.id, [staff['NH-002'], staff['NH-005']], '2099-12-31');
  tImported = await insertTask('VT-T-3', B.id, [], '2099-06-30', { drawn: false });
  await insertTask('VT-T-4', B.id, [staff['NH-001'], staff['NH-005']], '2025-01-31');
  const form = await inspector1.get(`/api/inspections/visit-form?taskId=${t1}`);
  expect(form.statusCode, form.body).toBe(200);
  items = form.json().checkItems;
});
afterAll(async () => { await env?.close(); });

describe('my tasks and the form', () => {
  it('lists the open tasks of the inspector’s team and the imported tasks of their institute, soonest due first, searched by entity', async () => {
    const mine = await inspector1.get('/api/inspections/my-tasks?q=&pageSize=100');
    expect(mine.statusCode, mine.body).toBe(200);
    const nos = mine.json().rows.map((r: { taskNo: string }) => r.taskNo);
    expect(nos.filter((n: string) => n.startsWith('VT-'))).toEqual(['VT-T-4', 'VT-T-1', 'VT-T-3']);
    const overdue = mine.json().rows.find((r: { taskNo: string }) => r.taskNo === 'VT-T-4');
    expect(overdue).toMatchObject({ overdue: true, entityName: B.name, entityCategoryName: '公共场所' });
    expect(overdue.team.map((m: { id: number }) => m.id)).toEqual([staff['NH-001'], staff['NH-005']]);
    const t = mine.json().rows.find((r: { taskNo: string }) => r.taskNo === 'VT-T-1');
    expect(t).toMatchObject({ overdue: false, entityId: A.id, planNo: 'VT-P-1' });

    const searched = (await inspector1.get(`/api/inspections/my-tasks?q=${encodeURIComponent(A.name)}`)).json();
    expect(searched.rows.map((r: { taskNo: string }) => r.taskNo)).toContain('VT-T-1');
    expect(searched.rows.map((r: { taskNo: string }) => r.taskNo)).not.toContain('VT-T-4');
    // inspector2's team tasks; 秀洲区's inspector sees none of 南湖区's; an administrator is no inspector.
    const second = (await inspector2.get('/api/inspections/my-tasks?pageSize=100')).json().rows.map((r: { taskNo: string }) => r.taskNo);
    expect(second.filter((n: string) => n.startsWith('VT-'))).toEqual(['VT-T-1', 'VT-T-3', 'VT-T-2']);
    expect((await inspector3.get('/api/inspections/my-tasks?pageSize=100')).json().rows.filter((r: { taskNo: string }) => r.taskNo.startsWith('VT-'))).toEqual([]);
    expect((await admin.get('/api/inspections/my-tasks')).json()).toMatchObject({ rows: [], total: 0 });
    expect((await (await env.as('legal')).get('/api/inspections/my-tasks')).statusCode).toBe(403);
  });

  it('gives the form the entity, the task, the applicable check items and the task’s team as the inspectors', async () => {
    const form = (await inspector1.get(`/api/inspections/visit-form?taskId=${t1}`)).json();
    expect(form.entity).toMatchObject({ id: A.id, name: A.name, category: 'public_place', categoryName: '公共场所' });
    expect(form.task).toMatchObject({ id: t1, taskNo: 'VT-T-1', teamIds: [staff['NH-001'], staff['NH-002']] });
    expect(form.checkItems.length).toBeGreaterThan(2);
    expect(form.checkItems.every((i: { code: string }) => i.code.startsWith('GGCS-'))).toBe(true);
    expect(form.checkItems.some((i: { provisionCode: string | null; basisText: string[] }) => i.provisionCode && i.basisText.length > 0)).toBe(true);
    expect(form.inspectors.map((i: { id: number }) => i.id).sort()).toEqual([staff['NH-001'], staff['NH-002']].sort());
    expect(form.inspectors.find((i: { me: boolean }) => i.me).id).toBe(staff['NH-001']);
    expect(form.defaultInspectorIds).toEqual([staff['NH-001'], staff['NH-002']]);
    expect(form.minInspectors).toEqual({ value: RULES.minInspectors.value, citation: RULES.minInspectors.citation });
    expect(form.today).toBe(today);
    // A routine visit: the institute's active inspectors, the user first (the expired certificate flagged).
    const routine = (await inspector1.get(`/api/inspections/visit-form?entityId=${B.id}`)).json();
    expect(routine.task).toBeNull();
    expect(routine.inspectors[0]).toMatchObject({ id: staff['NH-001'], me: true, canEnforce: true });
    expect(routine.inspectors.find((i: { id: number }) => i.id === staff['NH-004'])).toMatchObject({ canEnforce: false });
    expect(routine.defaultInspectorIds).toEqual([staff['NH-001']]);
    // Out of scope: 404, like a missing id.
    expect((await inspector3.get(`/api/inspections/visit-form?entityId=${A.id}`)).statusCode).toBe(404);
    expect((await inspector3.get(`/api/inspections/visit-form?taskId=${t1}`)).statusCode).toBe(404);
    expect((await inspector1.get('/api/inspections/visit-form')).statusCode).toBe(400);
  });
});

describe('recording a visit', () => {
  it('refuses a visit that breaks the rules, and writes nothing', async () => {
    const before = [await count('inspections'), await count('inspection_files'), await count('audit_log')];
    const refused = async (c: Client, body: unknown, status: number, code?: string) => {
      const res = await c.post('/api/inspections/visits', body);
      expect(res.statusCode, res.body).toBe(status);
      if (code) expect(res.json().error.code, res.body).toBe(code);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      return res.json().error.message as string;
    };
    // Fewer inspectors than the law asks (行政处罚法 art. 42), cited from the rule.
    const few = await refused(inspector1, visit({ inspectorIds: [staff['NH-001']] }), 400);
    expect(few).toContain(`不得少于${RULES.minInspectors.value}人`);
    expect(few).toContain('第四十二条');
    await refused(inspector1, visit({ visitedOn: addDays(today, 1) }), 400, 'VISIT_IN_FUTURE');
    await refused(inspector1, visit({ checkResults: [{ itemId: items[0].id, outcome: 'pass' }] }), 400, 'FAILED_ITEM_REQUIRED');
    await refused(inspector1, visit({ findings: '' }), 400, 'FINDINGS_REQUIRED');
    await refused(inspector1, visit({ result: 'compliant' }), 400, 'RESULT_CONFLICT');
    await refused(inspector1, visit({ signatoryName: null }), 400, 'SIGNATORY_REQUIRED');
    await refused(inspector1, visit({ signature: null }), 400, 'SIGNATURE_REQUIRED');
    await refused(inspector1, visit({ signature: 'data:image/png;base64,AAAA' }), 400, 'SIGNATURE_FORMAT');
    await refused(inspector1, visit({ kind: 'routine' }), 400, 'VISIT_KIND');
    await refused(inspector1, visit({ checkResults: [{ itemId: 999_999, outcome: 'fail' }] }), 400, 'CHECK_ITEM_INVALID');
    // Out of scope: another district's inspector, on this district's task or entity.
    await refused(inspector3, visit({ inspectorIds: [staff['XZ-001'], staff['XZ-002']] }), 404);
    await refused(inspector3, visit({ taskId: null, entityId: A.id, kind: 'routine', inspectorIds: [staff['XZ-001'], staff['XZ-002']] }), 404);
    // A user who was not on the visit.
    await refused(inspector1, visit({ taskId: null, entityId: B.id, kind: 'routine', inspectorIds: [staff['NH-002'], staff['NH-005']] }), 403, 'FORBIDDEN');
    // An inspector outside the drawn team; an expired certificate.
    await refused(inspector1, visit({ inspectorIds: [staff['NH-001'], staff['NH-005']] }), 400, 'VISIT_NOT_TEAM');
    await refused(inspector1, visit({ taskId: null, entityId: B.id, kind: 'routine', visitedOn: today, inspectorIds: [staff['NH-001'], staff['NH-004']] }), 409, 'CERTIFICATE_INVALID');
    await refused(inspector1, visit({ taskId: null, entityId: B.id, kind: 'campaign', campaign: null }), 400, 'CAMPAIGN_REQUIRED');
    expect([await count('inspections'), await count('inspection_files'), await count('audit_log')]).toEqual(before);
    expect((await env.db.one<{ completed_on: string | null }>('SELECT completed_on FROM random_tasks WHERE id = $1', [t1]))!.completed_on).toBeNull();
  });

  let visitId: number;
  let visitNo: string;

  it('records a task’s visit: the task completed on the visit date, its result due for publication 20 working days later', async () => {
    const res = await inspector1.post('/api/inspections/visits', visit());
    expect(res.statusCode, res.body).toBe(200);
    ({ id: visitId, visitNo } = res.json());
    expect(visitNo).toBe('NH-JDS检〔2025〕1号');
    // 2025-09-26 (Friday) + 20 working days: 09-28 is a make-up working day, 10-01 to 10-08 the
    // National Day holiday, 10-11 a make-up working day: 2025-10-30 (without the holiday, 10-24).
    expect(res.json()).toMatchObject({ taskCompleted: true, publicationDue: '2025-10-30' });
    const task = await env.db.one<{ completed_on: string; publication_due: string }>('SELECT completed_on, publication_due FROM random_tasks WHERE id = $1', [t1]);
    expect(task).toEqual({ completed_on: '2025-09-26', publication_due: '2025-10-30' });

    const row = await env.db.one<{ kind: string; record_hash: string; signature_sm3: string; check_results: { code: string; outcome: string }[]; recorded_by: number }>(
      'SELECT kind, record_hash, signature_sm3, check_results, recorded_by FROM inspections WHERE id = $1', [visitId]);
    expect(row!.kind).toBe('random');
    expect(row!.signature_sm3).toBe(sm3Of(Buffer.from(PNG, 'base64')));
    expect(row!.check_results.map((r) => [r.code, r.outcome])).toEqual([[items[0].code, 'fail'], [items[1].code, 'pass'], [items[2].code, 'not_applicable']]);
    const audit = await env.db.one<{ h: string; username: string }>(
      `SELECT after->>'recordHash' AS h, username FROM audit_log WHERE action = 'inspection.visit.record' AND object_id = $1`, [String(visitId)]);
    expect(audit).toEqual({ h: row!.record_hash, username: 'inspector1' });
    expect((await env.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'inspection.file.add'`))!.n).toBe(1);

    // The list and the detail of the lists module show it; the record has the rest.
    const detail = (await inspector2.get(`/api/inspections/visits/${visitId}`)).json();
    expect(detail).toMatchObject({ visitNo, result: 'non_compliant', random: true, taskNo: 'VT-T-1' });
    const record = await inspector2.get(`/api/inspections/visits/${visitId}/record`);
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json()).toMatchObject({
      recorded: true, kind: 'random', kindName: '双随机抽查', signatoryName: '王店长', recordIntact: true, recordHash: row!.record_hash,
      recordedBy: { name: '徐涛' }, case: null, canAddPhotos: true, canOpenCase: true,
      findings: visit().findings,
    });
    expect(record.json().checkResults[0]).toMatchObject({ code: items[0].code, outcome: 'fail', outcomeName: '不合格', note: '三名从业人员健康合格证明已过期' });
    expect(record.json().signature).toMatchObject({ kind: 'signature', contentType: 'image/png', sm3: row!.signature_sm3 });
    const sig = await inspector2.get(`/api/inspections/visits/${visitId}/files/${record.json().signature.id}`);
    expect(sig.statusCode).toBe(200);
    expect(sig.headers['x-file-sm3']).toBe(row!.signature_sm3);
    expect(sm3Of(sig.rawPayload)).toBe(row!.signature_sm3);
    // Out of scope.
    expect((await inspector3.get(`/api/inspections/visits/${visitId}/record`)).statusCode).toBe(404);
    expect((await inspector3.get(`/api/inspections/visits/${visitId}/files/${record.json().signature.id}`)).statusCode).toBe(404);
    // The task has left the inspector's open tasks.
    const open = (await inspector1.get('/api/inspections/my-tasks?pageSize=100')).json().rows.map((r: { taskNo: string }) => r.taskNo);
    expect(open).not.toContain('VT-T-1');
  });

  it('brings the entity’s credit up to date: a problem found today makes an A entity B, with the reason and an audit entry', async () => {
    const fresh = (await env.db.one<{ id: number }>(
      `SELECT e.id FROM entities e JOIN organizations o ON o.id = e.org_id
        WHERE o.code = 'NH-JDS' AND e.category = 'public_place' AND NOT EXISTS (SELECT 1 FROM inspections v WHERE v.entity_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM penalty_cases c WHERE c.entity_id = e.id) ORDER BY e.id DESC LIMIT 1`))!;
    await env.db.query(`UPDATE entities SET credit_grade = 'A', blacklisted = false WHERE id = $1`, [fresh.id]);
    const res = await inspector1.post('/api/inspections/visits', visit({ taskId: null, entityId: fresh.id, kind: 'routine', visitedOn: today }));
    expect(res.statusCode, res.body).toBe(200);
    expect((await env.db.one<{ credit_grade: string }>('SELECT credit_grade FROM entities WHERE id = $1', [fresh.id]))!.credit_grade).toBe('B');
    const audit = await env.db.one<{ cause: string; grade: string }>(
      `SELECT after->>'cause' AS cause, after->>'creditGrade' AS grade FROM audit_log WHERE action = 'credit.recompute' AND object_id = $1`, [String(fresh.id)]);
    expect(audit).toEqual({ cause: 'inspection.visit.record', grade: 'B' });
    const credit = (await inspector1.get(`/api/credit/entities/${fresh.id}`)).json();
    expect(JSON.stringify(credit)).toContain('监督检查发现问题（不合格）');
  });

  it('refuses a second visit on a completed task, naming the visit', async () => {
    const res = await inspector2.post('/api/inspections/visits', visit({ visitedOn: '2025-10-09' }));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('TASK_COMPLETED');
    expect(res.json().error.message).toContain('NH-JDS检〔2025〕1号');
    expect((await inspector1.get(`/api/inspections/visit-form?taskId=${t1}`)).statusCode).toBe(409);
  });

  it('takes photos with their SM3 computed on arrival, from the visit’s inspectors only', async () => {
    const bytes = photo(7);
    const form = photoForm('从业人员健康证明', bytes);
    const res = await inspector2.post(`/api/inspections/visits/${visitId}/files`, form.body, form.headers);
    expect(res.statusCode, res.body).toBe(200);
    photoSm3 = sm3Of(bytes);
    expect(res.json()).toMatchObject({ kind: 'photo', title: '从业人员健康证明', sm3: photoSm3, sizeBytes: bytes.length, contentType: 'image/jpeg', uploadedBy: { name: '俞静' } });
    const stored = await env.db.one<{ storage_key: string; record_hash: string }>('SELECT storage_key, record_hash FROM inspection_files WHERE id = $1', [res.json().id]);
    expect(stored!.storage_key).toMatch(new RegExp(`^inspections/${visitId}/${photoSm3}-`));
    expect(sm3Of(fs.readFileSync(path.join(env.ctx.config.evidenceDir, stored!.storage_key)))).toBe(photoSm3);
    const audited = await env.db.one<{ h: string }>(`SELECT after->>'recordHash' AS h FROM audit_log WHERE action = 'inspection.file.add' AND object_id = $1`, [String(res.json().id)]);
    expect(audited!.h).toBe(stored!.record_hash);
    const back = await inspector1.get(`/api/inspections/visits/${visitId}/files/${res.json().id}`);
    expect(back.headers['content-type']).toBe('image/jpeg');
    expect(sm3Of(back.rawPayload)).toBe(photoSm3);
    expect((await inspector1.get(`/api/inspections/visits/${visitId}/record`)).json().photos.map((p: { sm3: string }) => p.sm3)).toEqual([photoSm3]);

    // Not an image; the fields after the file; out of scope; a user not on the visit.
    const text = photoForm('说明', Buffer.from('not a photo'), 'text/plain');
    expect((await inspector1.post(`/api/inspections/visits/${visitId}/files`, text.body, text.headers)).json().error.code).toBe('PHOTO_TYPE');
    const bare = multipartForm({ name: 'x.jpg', content: photo(8), contentType: 'image/jpeg' });
    expect((await inspector1.post(`/api/inspections/visits/${visitId}/files`, bare.body, bare.headers)).json().error.code).toBe('PHOTO_FIELDS_FIRST');
    expect((await inspector3.post(`/api/inspections/visits/${visitId}/files`, form.body, form.headers)).statusCode).toBe(404);
    const other = await inspector2.post('/api/inspections/visits', visit({ taskId: tOther, visitedOn: today, inspectorIds: [staff['NH-002'], staff['NH-005']], signedAt: null }));
    expect(other.statusCode, other.body).toBe(200);
    const notMine = await inspector1.post(`/api/inspections/visits/${other.json().id}/files`, form.body, form.headers);
    expect(notMine.statusCode, notMine.body).toBe(403);
  });

  it('lets an administrator record a visit for others, and keeps a campaign’s name', async () => {
    const res = await admin.post('/api/inspections/visits', {
      entityId: B.id, kind: 'campaign', campaign: '2025年游泳场所卫生专项整治', visitedOn: '2025-07-15',
      inspectorIds: [staff['NH-001'], staff['NH-002']], result: 'compliant', checkResults: [{ itemId: items[1].id, outcome: 'pass' }],
      signatoryName: '李经理', signature: SIGNATURE,
    });
    expect(res.statusCode, res.body).toBe(200);
    const record = (await inspector1.get(`/api/inspections/visits/${res.json().id}/record`)).json();
    expect(record).toMatchObject({ kind: 'campaign', kindName: '专项整治', campaign: '2025年游泳场所卫生专项整治', recordIntact: true, canOpenCase: false });
    // The visit list filters campaigns apart from routine visits.
    const campaigns = (await inspector1.get(`/api/inspections/visits?kind=campaign&entityId=${B.id}`)).json();
    expect(campaigns.rows.map((r: { id: number; kindName: string; campaign: string }) => [r.id, r.kindName, r.campaign]))
      .toEqual([[res.json().id, '专项整治', '2025年游泳场所卫生专项整治']]);
    expect((await inspector1.get(`/api/inspections/visits?kind=routine&entityId=${B.id}`)).json().rows.map((r: { id: number }) => r.id)).not.toContain(res.json().id);
    // A compliant visit opens no case.
    expect((await inspector1.post(`/api/inspections/visits/${res.json().id}/case-lead`)).json().error.code).toBe('VISIT_NOT_NON_COMPLIANT');
    // The party absent (closed down): nobody signs.
    const closed = await inspector1.post('/api/inspections/visits', { entityId: B.id, kind: 'routine', visitedOn: today, inspectorIds: [staff['NH-001'], staff['NH-002']], result: 'closed_down' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await inspector1.get(`/api/inspections/visits/${closed.json().id}/record`)).json()).toMatchObject({ signatoryName: null, signature: null, signedAt: null });
  });

  it('an imported task without a team may be carried out by the institute’s inspectors', async () => {
    const res = await inspector1.post('/api/inspections/visits', visit({ taskId: tImported, visitedOn: today, inspectorIds: [staff['NH-001'], staff['NH-005']] }));
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('the case lead opened from a visit', () => {
  let visitId: number;
  let caseId: number;

  it('opens a lead in one step: the entity as party, the failed items and findings as facts, the photos and signature as evidence with equal SM3', async () => {
    visitId = (await env.db.one<{ id: number }>(`SELECT id FROM inspections WHERE visit_no = 'NH-JDS检〔2025〕1号'`))!.id;
    const casesBefore = await count('penalty_cases');
    const res = await inspector1.post(`/api/inspections/visits/${visitId}/case-lead`);
    expect(res.statusCode, res.body).toBe(200);
    caseId = res.json().caseId;
    expect(await count('penalty_cases')).toBe(casesBefore + 1);

    const c = (await inspector1.get(`/api/cases/${caseId}`)).json();
    const item = items[0];
    expect(c).toMatchObject({ state: 'lead', source: 'inspection', sourceName: '监督检查发现', entityId: A.id, leadOn: '2025-09-26', partyName: A.name });
    expect(c.party.kind).toBe('organisation');
    expect(c.facts).toContain(`【${item.code}】`);
    expect(c.facts).toContain('三名从业人员健康合格证明已过期');
    expect(c.facts).toContain(visit().findings);
    expect(c.facts).toContain('NH-JDS检〔2025〕1号');
    if (item.provisionCode) {
      expect(c.facts).toContain(`处罚条款 ${item.provisionCode}`);
      expect(c.cause).toMatch(/^涉嫌/);
    }

    const files = await env.db.query<{ kind: string; sm3: string }>('SELECT kind, sm3 FROM inspection_files WHERE inspection_id = $1 ORDER BY id', [visitId]);
    const evidence = (await inspector1.get(`/api/cases/${caseId}/evidence`)).json().items as { kind: string; sm3: string; title: string }[];
    expect(evidence.map((e) => e.sm3).sort()).toEqual(files.map((f) => f.sm3).sort());
    expect(evidence.map((e) => e.sm3)).toContain(photoSm3);
    expect(evidence.find((e) => e.kind === 'site_record')!.title).toContain('当事人签名');
    // The evidence module verifies the copies as its own: every file and record hash intact.
    const verified = await inspector1.post(`/api/cases/${caseId}/evidence/verify`);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().items.map((i: { result: string }) => i.result)).toEqual(['intact', 'intact']);

    expect((await env.db.one<{ case_id: number }>('SELECT case_id FROM inspections WHERE id = $1', [visitId]))!.case_id).toBe(caseId);
    const actions = (await env.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE (object_type = 'inspection' AND object_id = $1) OR (object_type = 'penalty_case' AND object_id = $2)
          OR (object_type = 'case_evidence' AND after->>'case_id' = $2) ORDER BY id`, [String(visitId), String(caseId)])).map((a) => a.action);
    expect(actions).toEqual(['inspection.visit.record', 'case.create', 'case.evidence.add', 'case.evidence.add', 'inspection.case_lead', 'case.evidence.verify']);
    const record = (await inspector1.get(`/api/inspections/visits/${visitId}/record`)).json();
    expect(record).toMatchObject({ case: { id: caseId, caseNo: c.caseNo }, canOpenCase: false, canAddPhotos: false });
  });

  it('a second call answers 409 naming the case; photos can no longer be added', async () => {
    const c = (await inspector1.get(`/api/cases/${caseId}`)).json();
    const again = await inspector2.post(`/api/inspections/visits/${visitId}/case-lead`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CASE_LEAD_EXISTS');
    expect(again.json().error.message).toContain(c.caseNo);
    const form = photoForm('补拍', photo(9));
    const late = await inspector1.post(`/api/inspections/visits/${visitId}/files`, form.body, form.headers);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('VISIT_CASE_OPENED');
    // Out of scope, and a role without cases.handle.
    expect((await inspector3.post(`/api/inspections/visits/${visitId}/case-lead`)).statusCode).toBe(404);
    expect((await (await env.as('leader')).post(`/api/inspections/visits/${visitId}/case-lead`)).statusCode).toBe(403);
  });

  it('refuses when a photo no longer has its recorded SM3, and opens nothing', async () => {
    const res = await inspector1.post('/api/inspections/visits', visit({ taskId: null, entityId: B.id, kind: 'routine', visitedOn: today }));
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().id;
    const form = photoForm('现场照片', photo(11));
    const up = await inspector1.post(`/api/inspections/visits/${id}/files`, form.body, form.headers);
    expect(up.statusCode, up.body).toBe(200);
    const key = (await env.db.one<{ storage_key: string }>('SELECT storage_key FROM inspection_files WHERE id = $1', [up.json().id]))!.storage_key;
    const file = path.join(env.ctx.config.evidenceDir, key);
    const original = fs.readFileSync(file);
    const altered = Buffer.from(original);
    altered[100] ^= 0xff;
    fs.writeFileSync(file, altered);
    const before = [await count('penalty_cases'), await count('case_evidence'), await count('audit_log')];
    const refused = await inspector1.post(`/api/inspections/visits/${id}/case-lead`);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('VISIT_FILE_ALTERED');
    expect(refused.json().error.message).toContain('SM3');
    expect([await count('penalty_cases'), await count('case_evidence'), await count('audit_log')]).toEqual(before);
    expect((await env.db.one<{ case_id: number | null }>('SELECT case_id FROM inspections WHERE id = $1', [id]))!.case_id).toBeNull();
    // Put back, it goes through.
    fs.writeFileSync(file, original);
    const ok = await inspector1.post(`/api/inspections/visits/${id}/case-lead`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().evidence).toHaveLength(2);
  });
});
