// Every figure of the dashboard (and the annual report) links to the list of the records
// behind it: recordsLink() builds the URL, the list page turns its from/to/org/overdue into
// its own filters (useRecordLinkFilters) and calls its list API. These tests follow that
// path on the API: the list opened from a count shows as many records as the figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { todayInChina } from '../../core/calendar/dates';
import { recordsLink } from '../../web/lib/recordLinks';
import { METRIC_REGISTRY } from '../metrics/definitions';

let env: TestEnv;
const org: Record<string, number> = {};
const today = todayInChina();
const year = today.slice(0, 4);
beforeAll(async () => {
  env = await setupTestEnv();
  for (const o of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[o.code] = o.id;
});
afterAll(async () => { await env?.close(); });

/** The list API call a page makes when opened at `link` (what useRecordLinkFilters does, for the pages tested here). */
function listApiOf(link: string): string {
  const [path, query] = link.split('?') as [string, string];
  const p = new URLSearchParams(query);
  const out = new URLSearchParams();
  const periodKeys: Record<string, [string, string]> = { '/licensing/applications': ['concludedFrom', 'concludedTo'] };
  const [fromKey, toKey] = periodKeys[path] ?? ['from', 'to'];
  for (const [k, v] of p) {
    if (k === 'org') out.set('orgId', String(org[v]));
    else if (k === 'from') out.set(fromKey, v);
    else if (k === 'to') out.set(toKey, v);
    else out.set(k, v);
  }
  out.set('pageSize', '1');
  const api = path === '/cases' ? '/api/cases' : `/api${path}`;
  return `${api}?${out.toString()}`;
}

async function metricValue(id: string, orgCode: string): Promise<number | null> {
  const c = await env.as('leader');
  const res = await c.get(`/api/metrics?${new URLSearchParams({ from: `${year}-01-01`, to: today, org: orgCode, ids: id }).toString()}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().metrics[0].value;
}

describe('recordsLink', () => {
  it('links every served metric family with a list page, with the period and organisation', () => {
    const q = { from: '2026-01-01', to: '2026-06-30', org: 'NH-WJJ' };
    expect(recordsLink('hotline.calls.total', q)).toBe('/matters/hotline?from=2026-01-01&to=2026-06-30&org=NH-WJJ');
    expect(recordsLink('petitions.on_time_rate', q)).toMatch(/^\/matters\/petition\?/);
    expect(recordsLink('disclosure.requests.total', q)).toMatch(/^\/matters\/disclosure\?/);
    expect(recordsLink('proposals.total', q)).toMatch(/^\/matters\/proposal\?/);
    expect(recordsLink('oversight.procuratorial_suggestions', q)).toMatch(/^\/matters\/suggestions\?/);
    expect(recordsLink('licensing.online.count', q)).toBe('/licensing/applications?from=2026-01-01&to=2026-06-30&org=NH-WJJ&channel=online');
    expect(recordsLink('licensing.catalogue.items', q)).toBe('/licensing/catalogue?org=NH-WJJ');
    expect(recordsLink('inspection.random.tasks.assigned', q)).toMatch(/^\/inspections\/tasks\?/);
    expect(recordsLink('inspection.credit_applied_rate', q)).toMatch(/^\/inspections\/plans\?/);
    expect(recordsLink('inspection.visits.total', q)).toMatch(/^\/inspections\/visits\?/);
    expect(recordsLink('enforcement.cases.opened', q)).toBe('/cases?from=2026-01-01&to=2026-06-30&org=NH-WJJ&dateOf=filed');
    expect(recordsLink('enforcement.penalty_decisions', q)).toContain('dateOf=decided');
    expect(recordsLink('staff.inspectors.active', q)).toBe('/inspectors?org=NH-WJJ');
    // The registers and legality pages other modules add.
    expect(recordsLink('disclosure.proactive.count', q)).toBe('/registers/publications?from=2026-01-01&to=2026-06-30&org=NH-WJJ');
    expect(recordsLink('training.sessions', q)).toMatch(/^\/registers\/trainings\?/);
    expect(recordsLink('popularization.activities', q)).toMatch(/^\/registers\/activities\?/);
    expect(recordsLink('review.normative_docs', q)).toMatch(/^\/legality\?/);
    expect(recordsLink('normative_docs.filed', q)).toMatch(/^\/legality\?/);
    expect(recordsLink('no.such.metric', q)).toBeNull();
    expect(recordsLink('disclosure.other', q)).toBeNull();
    expect(recordsLink('', q)).toBeNull();
    // Every metric served today has a list page.
    for (const d of METRIC_REGISTRY.all) expect(recordsLink(d.id, q), d.id).not.toBeNull();
  });

  it('opens lists that show as many records as the counts they come from', async () => {
    const c = await env.as('leader');
    for (const [id, orgCode] of [
      ['hotline.calls.total', 'JX-WJW'], ['petitions.total', 'JX-WJW'], ['disclosure.requests.total', 'JX-WJW'],
      ['licensing.applications.total', 'JX-WJW'], ['licensing.online.count', 'JX-WJW'], ['hotline.calls.total', 'XZ-WJJ'],
    ] as const) {
      const link = recordsLink(id, { from: `${year}-01-01`, to: today, org: orgCode })!;
      const res = await c.get(listApiOf(link));
      expect(res.statusCode, `${link}: ${res.body}`).toBe(200);
      const value = await metricValue(id, orgCode);
      expect(value, id).toBeGreaterThan(0);
      expect(res.json().total, `${id} ${orgCode}`).toBe(value);
    }
  });
});

describe('list filters the links use', () => {
  it('matters: the organisation filter takes the organisation with everything under it', async () => {
    const c = await env.as('leader');
    const m = await env.db.one<{ id: number }>(`SELECT id FROM matters WHERE kind = 'hotline' AND org_id = $1 LIMIT 1`, [org['NH-JDS']]);
    const id = m?.id ?? (await env.db.one<{ id: number }>(
      `UPDATE matters SET org_id = $1 WHERE id = (SELECT id FROM matters WHERE kind = 'hotline' ORDER BY id LIMIT 1) RETURNING id`, [org['NH-JDS']]))!.id;
    const list = await c.get(`/api/matters/hotline?orgId=${org['NH-WJJ']}&pageSize=100`);
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json().rows as { id: number }[]).some((r) => r.id === id)).toBe(true);
  });

  it('suggestions: received between and organisation (with everything under it)', async () => {
    const c = await env.as('legal');
    const created = await c.post('/api/matters/suggestions', {
      orgId: org['XZ-JDS'], kind: 'procuratorial', issuer: '秀洲区人民检察院', receivedOn: today, dueOn: null, summary: '关于加强医疗废物监管的检察建议',
    });
    expect(created.statusCode, created.body).toBe(200);
    const ids = async (q: string) => ((await c.get(`/api/matters/suggestions?${q}&pageSize=100`)).json().rows as { id: number }[]).map((r) => r.id);
    const id = created.json().id as number;
    expect(await ids(`from=${today}&to=${today}&orgId=${org['XZ-WJJ']}`)).toContain(id);
    expect(await ids(`from=${today}&to=${today}&orgId=${org['NH-WJJ']}`)).not.toContain(id);
    if (today !== `${year}-01-01`) expect(await ids(`from=${year}-01-01&to=${year}-01-01`)).not.toContain(id);
    // The list opened from the figure shows the figure's count.
    const link = recordsLink('oversight.procuratorial_suggestions', { from: `${year}-01-01`, to: today, org: 'JX-WJW' })!;
    const total = (await c.get(listApiOf(link))).json().total;
    expect(total).toBe(await metricValue('oversight.procuratorial_suggestions', 'JX-WJW'));
    expect((await c.get(`/api/matters/suggestions?from=2026-13-01`)).statusCode).toBe(400);
  });

  it('penalty cases: a period on the lead, filing, decision or closing date', async () => {
    const c = await env.as('inspector1');
    const leadOn = `${year}-01-02` <= today ? `${year}-01-02` : today;
    const created = await c.post('/api/cases', {
      orgId: org['NH-JDS'], source: 'inspection', cause: '未取得医疗机构执业许可证擅自执业', partyKind: 'person', partyName: '张三',
      partyAddress: '嘉兴市南湖区某路1号', leadOn, entityId: null,
    });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;
    const leader = await env.as('leader');
    const ids = async (q: string) => {
      const res = await leader.get(`/api/cases?${q}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().rows as { id: number }[]).map((r) => r.id);
    };
    expect(await ids(`from=${leadOn}&to=${leadOn}`)).toContain(id);
    expect(await ids(`from=${leadOn}&to=${leadOn}&dateOf=lead&orgId=${org['NH-WJJ']}`)).toContain(id);
    expect(await ids(`from=${leadOn}&to=${leadOn}&orgId=${org['XZ-WJJ']}`)).not.toContain(id);
    // Not filed, decided or closed: no period on those dates finds it.
    for (const dateOf of ['filed', 'decided', 'closed']) expect(await ids(`from=${year}-01-01&to=${today}&dateOf=${dateOf}`)).not.toContain(id);
    expect((await leader.get('/api/cases?dateOf=paid')).statusCode).toBe(400);
  });
});
