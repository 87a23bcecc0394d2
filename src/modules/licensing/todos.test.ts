// The licensing to-dos on the home page, driven through the API on a real database: each
// appears when there is work (red when its limit has passed) and disappears once the
// work is done; the window sees its own, a leader (decide only) none, and a district
// inspector nothing of the commission's checks. Owed materials past the agreed date are
// counted as the list's owedOverdue=true filter lists them; the list's rows carry the
// 即办 and 容缺逾期 flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { computeDue } from '../../core/calendar/deadline';
import { correctionCutoff } from './todos';

interface Todo { id: string; module: string; title: string; due: string | null; severity: string; link: string; citation?: string }

let env: TestEnv;
let window: Client;
let leader: Client;
let inspector: Client;
const today = todayInChina();

const MATERIALS = [
  { code: 'M1', name: '卫生许可申请书', required: true, replaceable: null },
  { code: 'M2', name: '从业人员健康合格证明', required: true, replaceable: null },
];

beforeAll(async () => {
  env = await setupTestEnv();
  window = await env.as('window');
  leader = await env.as('leader');
  inspector = await env.as('inspector1');
  const root = await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'JX-WJW'");
  await env.db.query(
    `INSERT INTO catalogue_items (item_code, org_id, name, category, kind, legal_basis, statutory_days, promised_days, online, commitment_allowed, deficiency_allowed,
       materials, licence_name, licence_valid_years, published_at)
     VALUES ('T-TODO-01', $1, '测试待办许可', 'public_health', 'licence', '《公共场所卫生管理条例》第八条', 20, 5, true, true, true, $2, '测试许可证', 4, now())`,
    [root!.id, JSON.stringify(MATERIALS)]);
}, 60_000);
afterAll(async () => { await env?.close(); });

async function todos(who: Client): Promise<Map<string, Todo>> {
  const res = await who.get('/api/home/todos');
  expect(res.statusCode).toBe(200);
  return new Map((res.json() as Todo[]).filter((t) => t.module === 'licensing').map((t) => [t.id, t]));
}

/** The count in a to-do's title ("…：3件…"), 0 when the to-do is absent. */
const countOf = (t: Todo | undefined) => (t ? Number(/：(\d+)/.exec(t.title)![1]) : 0);

async function register(name: string, materials: { code: string; provision: string }[], extra: Record<string, unknown> = {}): Promise<number> {
  const res = await window.post('/api/licensing/applications', { itemCode: 'T-TODO-01', applicantName: name, contactPhone: '13700000009', materials, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().applications[0].id;
}

const ALL_PAPER = [{ code: 'M1', provision: 'paper' }, { code: 'M2', provision: 'paper' }];

async function step(who: Client, id: number, name: string, body: Record<string, unknown> = {}) {
  const res = await who.post(`/api/licensing/applications/${id}/steps/${name}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('the correction-notice cutoff', () => {
  it('is the last receipt day whose 5-working-day clock ran out before today', async () => {
    const cal = await env.ctx.calendar.current();
    const cutoff = correctionCutoff(cal, today);
    expect(computeDue(cal, { start: cutoff, amount: 5, unit: 'workday' }).due < today).toBe(true);
    expect(computeDue(cal, { start: addDays(cutoff, 1), amount: 5, unit: 'workday' }).due >= today).toBe(true);
  });
});

describe('the licensing to-dos', () => {
  it('an application received and not accepted is a to-do for the window, red once the correction-notice limit passed', async () => {
    const before = countOf((await todos(window)).get('licensing.to_accept'));
    const id = await register('待办测试甲', [{ code: 'M1', provision: 'paper' }]);
    let t = (await todos(window)).get('licensing.to_accept')!;
    expect(countOf(t)).toBe(before + 1);
    expect(t.citation).toContain('第三十二条');
    if (before === 0) {
      expect(t).toMatchObject({ severity: 'warning', link: `/licensing/applications/${id}` });
      expect(t.due).toBe(computeDue(await env.ctx.calendar.current(), { start: today, amount: 5, unit: 'workday' }).due);
    }
    // Received a month ago and never answered: the notice is late.
    await env.db.query('UPDATE licence_applications SET received_on = $2 WHERE id = $1', [id, addDays(today, -30)]);
    t = (await todos(window)).get('licensing.to_accept')!;
    expect(t.severity).toBe('danger');
    expect(t.title).toContain('已超过一次性告知补正的期限');
    // The notice given: the application waits for the applicant, no longer for the window.
    await step(window, id, 'request_correction', { reason: '请补交从业人员健康合格证明' });
    expect(countOf((await todos(window)).get('licensing.to_accept'))).toBe(before);
    // Nothing of this for a leader or a district inspector.
    expect([...(await todos(leader)).keys()]).toEqual([]);
    expect((await todos(inspector)).has('licensing.to_accept')).toBe(false);
  });

  it('an accepted application awaits the decision; owed materials and the promised limit turn red when late', async () => {
    const id = await register('待办测试乙', [{ code: 'M1', provision: 'paper' }]);
    const decideBefore = countOf((await todos(window)).get('licensing.to_decide'));
    await step(window, id, 'accept_with_deficiency', { owed: [{ name: '从业人员健康合格证明', dueOn: addDays(today, 5) }] });
    let list = await todos(window);
    expect(countOf(list.get('licensing.to_decide'))).toBe(decideBefore + 1);
    expect(list.has('licensing.owed_overdue')).toBe(false);
    // The leader decides, but the window brings the decision to them: no to-do.
    expect([...(await todos(leader)).keys()]).toEqual([]);

    // The owed material's date passes.
    const owed = [{ name: '从业人员健康合格证明', dueOn: addDays(today, -1), suppliedOn: null }];
    await env.db.query('UPDATE licence_applications SET deficiency_items = $2, deficiency_due_on = $3 WHERE id = $1', [id, JSON.stringify(owed), addDays(today, -1)]);
    list = await todos(window);
    expect(list.get('licensing.owed_overdue')).toMatchObject({ severity: 'danger', due: addDays(today, -1) });
    expect(list.get('licensing.owed_overdue')!.title).toMatch(/^容缺材料逾期未补正：1件（共1项材料未补齐）/);
    expect(list.get('licensing.owed_overdue')!.link).toBe(`/licensing/applications/${id}`);

    // And the promised limit.
    const overdueBefore = countOf(list.get('licensing.overdue'));
    await env.db.query('UPDATE licence_applications SET due_on = $2 WHERE id = $1', [id, addDays(today, -2)]);
    list = await todos(window);
    expect(countOf(list.get('licensing.overdue'))).toBe(overdueBefore + 1);
    expect(list.get('licensing.overdue')!.severity).toBe('danger');

    // Supplied: the owed to-do goes. Approved: the decision and overdue to-dos go.
    await step(window, id, 'supplement', { supplied: ['从业人员健康合格证明'] });
    list = await todos(window);
    expect(list.has('licensing.owed_overdue')).toBe(false);
    await step(window, id, 'approve');
    list = await todos(window);
    expect(countOf(list.get('licensing.overdue'))).toBe(overdueBefore);
    expect(countOf(list.get('licensing.to_decide'))).toBe(decideBefore);
  });

  it('a licence within its item\'s reminder window is a reminder until it is renewed, counted as the expiring list counts', async () => {
    const expiringList = async () => (await window.get('/api/licensing/licences?expiring=true&pageSize=1')).json().total as number;
    const before = countOf((await todos(window)).get('licensing.expiring'));
    expect(before).toBe(await expiringList());
    const id = await register('待办测试丙', ALL_PAPER);
    await step(window, id, 'accept');
    const approved = await step(window, id, 'approve', { validTo: addDays(today, 20) });
    let t = (await todos(window)).get('licensing.expiring')!;
    expect(countOf(t)).toBe(before + 1);
    expect(t).toMatchObject({ severity: 'warning', link: '/licensing/licences?expiring=true' });
    expect(t.due! <= addDays(today, 20)).toBe(true);
    expect(countOf(t)).toBe(await expiringList());
    expect([...(await todos(leader)).keys()]).toEqual([]);

    // 45 days left: outside the default 30 days, inside an item reminding 60 days ahead.
    await env.db.query('UPDATE licences SET valid_to = $2 WHERE id = $1', [approved.licenceId, addDays(today, 45)]);
    expect(countOf((await todos(window)).get('licensing.expiring'))).toBe(before);
    await env.db.query("UPDATE catalogue_items SET reminder_days = '{60,7}' WHERE item_code = 'T-TODO-01'");
    t = (await todos(window)).get('licensing.expiring')!;
    expect(countOf(t)).toBe(before + 1);
    expect(countOf(t)).toBe(await expiringList());
    expect(t.title).toMatch(/最长\d+天/);
    expect(Number(/最长(\d+)天/.exec(t.title)![1])).toBeGreaterThanOrEqual(60);
    // An item reminding 7 days ahead only: not yet, at 20 days left.
    await env.db.query("UPDATE catalogue_items SET reminder_days = '{7}' WHERE item_code = 'T-TODO-01'");
    await env.db.query('UPDATE licences SET valid_to = $2 WHERE id = $1', [approved.licenceId, addDays(today, 20)]);
    expect(countOf((await todos(window)).get('licensing.expiring'))).toBe(before);
    await env.db.query("UPDATE catalogue_items SET reminder_days = '{30,7}' WHERE item_code = 'T-TODO-01'");
    expect(countOf((await todos(window)).get('licensing.expiring'))).toBe(before + 1);

    const renewed = await window.post(`/api/licensing/licences/${approved.licenceId}/replace`, { kind: 'renewed', reason: '持证人申请延续', validTo: addDays(today, 4 * 365) });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(countOf((await todos(window)).get('licensing.expiring'))).toBe(before);
  });

  it('a commitment check due within 30 days is a to-do for licensing.verify, red when overdue, gone once recorded', async () => {
    const id = await register('待办测试丁', ALL_PAPER, { commitment: true });
    await step(window, id, 'accept');
    const approved = await step(window, id, 'approve');
    const checkId = approved.check.id as number;
    const before = countOf((await todos(window)).get('licensing.checks'));
    // Due in three months: not yet on the list.
    expect(approved.check.dueOn > addDays(today, 30)).toBe(true);
    await env.db.query('UPDATE commitment_checks SET due_on = $2 WHERE id = $1', [checkId, addDays(today, 10)]);
    let t = (await todos(window)).get('licensing.checks')!;
    expect(countOf(t)).toBe(before + 1);
    expect(t.link).toBe('/licensing/checks');
    await env.db.query('UPDATE commitment_checks SET due_on = $2 WHERE id = $1', [checkId, addDays(today, -1)]);
    t = (await todos(window)).get('licensing.checks')!;
    expect(t.severity).toBe('danger');
    expect(t.title).toContain('已超过核查期限');
    // The district inspector verifies too, but not the commission's own approvals.
    expect((await todos(inspector)).has('licensing.checks')).toBe(false);
    expect([...(await todos(leader)).keys()]).toEqual([]);
    const done = await window.post(`/api/licensing/checks/${checkId}`, { result: 'confirmed', finding: '现场核查，与承诺一致' });
    expect(done.statusCode, done.body).toBe(200);
    expect(countOf((await todos(window)).get('licensing.checks'))).toBe(before);
  });
});

describe('owed materials past the agreed date (容缺材料逾期未补正) and the list\'s flags', () => {
  const NAME = '容缺逾期测试';
  const owedTodo = async (who: Client) => (await todos(who)).get('licensing.owed_overdue');
  const list = async (who: Client, query: string) => {
    const res = await who.get(`/api/licensing/applications?${query}&pageSize=100`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; rows: { id: number; owedOverdue: boolean; instant: boolean }[] };
  };
  const idsOf = async (who: Client, query: string) => (await list(who, query)).rows.map((r) => r.id).sort((x, y) => x - y);
  /** Accepted with one material owed (due in 5 days, as acceptance requires a date not past), then its agreed date set to `due`. */
  async function owing(name: string, due: string): Promise<number> {
    const id = await register(name, [{ code: 'M1', provision: 'paper' }]);
    await step(window, id, 'accept_with_deficiency', { owed: [{ name: '从业人员健康合格证明', dueOn: addDays(today, 5) }] });
    await env.db.query('UPDATE licence_applications SET deficiency_items = $2, deficiency_due_on = $3 WHERE id = $1',
      [id, JSON.stringify([{ name: '从业人员健康合格证明', dueOn: due, suppliedOn: null }]), due]);
    return id;
  }

  it('counts in the user\'s scope the applications accepted with materials owed, not cleared, past the agreed date; the link\'s filter lists exactly them', async () => {
    const admin = await env.as('admin');
    const org = Object.fromEntries((await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')).map((r) => [r.code, r.id]));
    const created = await admin.post('/api/users', {
      username: 'nh_window_owed', displayName: '南湖区窗口', orgId: org['NH-WJJ'], roles: ['window'], scopeMode: 'own_subtree', scopeOrgIds: [], password: 'District2026ok', active: true,
    });
    expect(created.statusCode, created.body).toBe(200);
    const district = await env.as('nh_window_owed', 'District2026ok');

    const before = countOf(await owedTodo(window));
    const districtBefore = countOf(await owedTodo(district));
    const listedBefore = await idsOf(window, 'owedOverdue=true');
    expect(listedBefore.length).toBe(before);

    const late = await owing(`${NAME}甲`, addDays(today, -1));
    const dueToday = await owing(`${NAME}乙`, today);
    const notYet = await owing(`${NAME}丙`, addDays(today, 3));
    const cleared = await owing(`${NAME}丁`, addDays(today, -2));
    await step(window, cleared, 'supplement', { supplied: ['从业人员健康合格证明'] });

    // Only the one past its date and still owing; the window's own, not the district's.
    const t = (await owedTodo(window))!;
    expect(countOf(t)).toBe(before + 1);
    expect(t).toMatchObject({ severity: 'danger' });
    expect(t.due! <= addDays(today, -1)).toBe(true);
    expect(t.link).toBe(before === 0 ? `/licensing/applications/${late}` : '/licensing/applications?owedOverdue=true');
    expect(countOf(await owedTodo(district))).toBe(districtBefore);

    // The list filtered as the to-do links: exactly these.
    expect(await idsOf(window, 'owedOverdue=true')).toEqual([...listedBefore, late].sort((x, y) => x - y));
    const mine = await list(window, `owedOverdue=true&q=${encodeURIComponent(NAME)}`);
    expect(mine.total).toBe(1);
    expect(mine.rows.map((r) => r.id)).toEqual([late]);
    // And the rows are flagged so: the late one alone of the four.
    const all = await list(window, `q=${encodeURIComponent(NAME)}`);
    expect(all.total).toBe(4);
    expect(Object.fromEntries(all.rows.map((r) => [r.id, r.owedOverdue]))).toEqual({ [late]: true, [dueToday]: false, [notYet]: false, [cleared]: false });
    expect((await list(window, `owedOverdue=false&q=${encodeURIComponent(NAME)}`)).total).toBe(4);

    // Moved to the district's institute: now in the district window's scope as well (the city's holds the district).
    await env.db.query('UPDATE licence_applications SET org_id = $2 WHERE id = $1', [late, org['NH-JDS']]);
    expect(countOf(await owedTodo(district))).toBe(districtBefore + 1);
    expect(await idsOf(district, `owedOverdue=true&q=${encodeURIComponent(NAME)}`)).toEqual([late]);
    expect(countOf(await owedTodo(window))).toBe(before + 1);
    await env.db.query('UPDATE licence_applications SET org_id = $2 WHERE id = $1', [late, org['JX-WJW']]);
    expect(countOf(await owedTodo(district))).toBe(districtBefore);
    expect(await idsOf(district, `owedOverdue=true&q=${encodeURIComponent(NAME)}`)).toEqual([]);

    // Supplied: gone from the to-do and the filter.
    await step(window, late, 'supplement', { supplied: ['从业人员健康合格证明'] });
    expect(countOf(await owedTodo(window))).toBe(before);
    expect(await idsOf(window, 'owedOverdue=true')).toEqual(listedBefore);
    // Nothing of this for a leader.
    expect((await todos(leader)).has('licensing.owed_overdue')).toBe(false);
  });

  it('flags 即办 on the rows concluded on the day of acceptance, and no other', async () => {
    const name = '即办测试';
    const sameDay = await register(`${name}甲`, ALL_PAPER);
    await step(window, sameDay, 'accept');
    await step(window, sameDay, 'approve');
    const nextDay = await register(`${name}乙`, ALL_PAPER);
    await step(window, nextDay, 'accept');
    await env.db.query('UPDATE licence_applications SET accepted_on = $2 WHERE id = $1', [nextDay, addDays(today, -1)]);
    await step(window, nextDay, 'approve');
    const open = await register(`${name}丙`, ALL_PAPER);
    await step(window, open, 'accept');
    const received = await register(`${name}丁`, ALL_PAPER);
    const rows = (await list(window, `q=${encodeURIComponent(name)}`)).rows;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.instant]))).toEqual({ [sameDay]: true, [nextDay]: false, [open]: false, [received]: false });
    const detail = await window.get(`/api/licensing/applications/${sameDay}`);
    expect(detail.json()).toMatchObject({ instant: true, owedOverdue: false });
  });
});
