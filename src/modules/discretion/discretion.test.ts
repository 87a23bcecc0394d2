// Discretion benchmarks through the API: the evaluate contract (legal-rules.md's worked
// example), citations from the legal-basis library, the tier split as a local rule,
// refusal of impossible facts, and revisions that apply from their date while earlier
// dates keep the earlier benchmark.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { BUNDLED_PROVISIONS } from '../../core/discretion/provisions';

let env: TestEnv;

beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

const evaluate = async (body: unknown, username = 'inspector1') => (await env.as(username)).post('/api/discretion/evaluate', body);

describe('POST /api/discretion/evaluate', () => {
  it('computes the worked example of legal-rules.md for an inspector on site', async () => {
    const res = await evaluate({ provision: 'BHPL-99', illegalGainsYuan: 6000, tier: 'ordinary' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.statutory).toEqual({ minYuan: 50000, maxYuan: 200000 });
    expect(body.tier).toMatchObject({ minYuan: 95000, maxYuan: 155000 });
    expect(body.base).toEqual({ illegalGainsYuan: 6000, countedYuan: 10000, floorApplied: true });
    expect(body.citations[0]).toBe('《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款');
    expect(body.citations).toContain('《中华人民共和国基本医疗卫生与健康促进法》第三十八条');
    expect(body.citations.some((c: string) => c.includes('国办发〔2022〕27号'))).toBe(true);
    expect(body.sanctions.map((s: { name: string }) => s.name)).toContain('没收违法所得');
  });

  it('is open to every staff role and closed to anonymous callers', async () => {
    for (const u of ['hotline', 'window', 'reviewer', 'leader']) expect((await evaluate({ provision: 'PP-35' }, u)).statusCode).toBe(200);
    const anonymous = await env.app.inject({ method: 'POST', url: '/api/discretion/evaluate', payload: { provision: 'PP-35' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers unknown provisions and impossible facts with 4xx and a Chinese message', async () => {
    const unknown = await evaluate({ provision: 'NOPE-1', illegalGainsYuan: 1 });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('NOPE-1');
    const negative = await evaluate({ provision: 'BHPL-99', illegalGainsYuan: -6000, tier: 'ordinary' });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toContain('违法所得不能为负数');
    const noGains = await evaluate({ provision: 'BHPL-99', tier: 'ordinary' });
    expect(noGains.statusCode).toBe(400);
    expect(noGains.json().error.message).toContain('违法所得');
    expect((await evaluate({ provision: 'BHPL-99', illegalGainsYuan: 1, tier: 'severe' })).statusCode).toBe(400);
    expect((await evaluate({ provision: 'BHPL-99', illegalGainsYuan: '6000' })).statusCode).toBe(400);
    expect((await evaluate({ provision: 'PP-35', scenario: 'x' })).json().error.message).toContain('没有情形');
  });

  it('checks a proposed fine: outside the tier needs review, outside the law is refused', async () => {
    const within = await evaluate({ provision: 'BHPL-99', illegalGainsYuan: 6000, tier: 'ordinary', fineYuan: 100000 });
    expect(within.json().fineCheck.status).toBe('within_tier');
    const outsideTier = await evaluate({ provision: 'BHPL-99', illegalGainsYuan: 6000, tier: 'ordinary', fineYuan: 180000 });
    expect(outsideTier.json().fineCheck).toMatchObject({ status: 'outside_tier' });
    const outsideLaw = await evaluate({ provision: 'BHPL-99', illegalGainsYuan: 6000, tier: 'heavier', fineYuan: 250000 });
    expect(outsideLaw.json().fineCheck.status).toBe('outside_statutory');
  });

  it('uses the tier split set for the organisation (a local default)', async () => {
    const admin = await env.as('admin');
    const nh = (await env.db.one<{ id: number }>("SELECT id FROM organizations WHERE code = 'NH-WJJ'"))!.id;
    const set = await admin.put(`/api/rules/discretion.lighter_upper_percent/orgs/${nh}`, { value: 40, note: '南湖区裁量基准' });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const district = await evaluate({ provision: 'BHPL-99', illegalGainsYuan: 6000, tier: 'ordinary' }, 'inspector1');
      expect(district.json().tier).toMatchObject({ minYuan: 110000, maxYuan: 155000 });
      const otherDistrict = await evaluate({ provision: 'BHPL-99', illegalGainsYuan: 6000, tier: 'ordinary' }, 'inspector3');
      expect(otherDistrict.json().tier).toMatchObject({ minYuan: 95000, maxYuan: 155000 });
    } finally {
      await admin.put(`/api/rules/discretion.lighter_upper_percent/orgs/${nh}`, { value: null });
    }
  });
});

describe('provisions and revisions', () => {
  it('lists every bundled provision with its penalty article, and finds them by words', async () => {
    const c = await env.as('inspector2');
    const all = (await c.get('/api/discretion/provisions?pageSize=100')).json();
    expect(all.total).toBe(BUNDLED_PROVISIONS.length);
    expect(all.rows.find((r: { code: string }) => r.code === 'OCC-72').penaltyCitation).toBe('《中华人民共和国职业病防治法》第七十二条');
    const found = (await c.get(`/api/discretion/provisions?q=${encodeURIComponent('擅自执业')}`)).json();
    expect(found.rows.map((r: { code: string }) => r.code)).toEqual(['BHPL-99']);
  });

  it('a revision applies from its date; earlier dates keep the earlier benchmark; both are audited', async () => {
    const legal = await env.as('legal');
    const current = (await legal.get('/api/discretion/provisions/PP-35')).json();
    const definition = structuredClone(current.definition);
    delete definition.code;
    definition.scenarios[0].tiers[0] = { tier: 'lighter', circumstances: ['首次被发现，及时改正'], amount: { minYuan: 500, maxYuan: 1000 } };
    const res = await legal.post('/api/discretion/provisions/PP-35/revisions', { effectiveFrom: '2026-12-01', note: '本地基准', definition });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revision).toBe(2);

    const after = await evaluate({ provision: 'PP-35', tier: 'lighter', date: '2026-12-01' });
    expect(after.json()).toMatchObject({ tier: { minYuan: 500, maxYuan: 1000, source: 'benchmark' }, revision: { revision: 2 } });
    const before = await evaluate({ provision: 'PP-35', tier: 'lighter', date: '2026-11-30' });
    expect(before.json()).toMatchObject({ tier: { minYuan: 500, maxYuan: 1850, source: 'split' }, revision: { revision: 1 } });

    const sameDate = await legal.post('/api/discretion/provisions/PP-35/revisions', { effectiveFrom: '2026-12-01', definition });
    expect(sameDate.statusCode).toBe(409);
    const audit = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'provision.revise' AND object_id = 'PP-35'");
    expect(audit!.n).toBe(1);
  });

  it('refuses tiers outside the statutory range and articles the library does not hold', async () => {
    const legal = await env.as('legal');
    const { definition } = (await legal.get('/api/discretion/provisions/WATER-26')).json();
    delete definition.code;
    const wide = structuredClone(definition);
    wide.scenarios[0].tiers[2].amount = { minYuan: 3000, maxYuan: 9000 };
    const r1 = await legal.post('/api/discretion/provisions/WATER-26/revisions', { effectiveFrom: '2027-01-01', definition: wide });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.message).toContain('超出法定幅度');
    const missing = await legal.post('/api/discretion/provisions', {
      code: 'X-1', effectiveFrom: '2027-01-01', definition: { ...definition, title: '测试', penalty: { law: '不存在的条例', article: 1 } },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('法律法规库');
  });

  it('creates a new provision for legal staff only', async () => {
    const body = {
      code: 'PP-REG-14', effectiveFrom: '2026-01-01', note: null,
      definition: {
        title: '未获得“健康合格证”而从事直接为顾客服务', violated: [{ law: '公共场所卫生管理条例', article: 7 }],
        penalty: { law: '公共场所卫生管理条例', article: 14 },
        scenarios: [{ code: 'base', label: '未获得健康合格证从事直接为顾客服务', sanctions: ['warning', 'fine'], fine: { kind: 'range', minYuan: 0, maxYuan: 500 }, tiers: [] }],
      },
    };
    expect((await (await env.as('inspector1')).post('/api/discretion/provisions', body)).statusCode).toBe(403);
    const created = await (await env.as('legal')).post('/api/discretion/provisions', body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().citations.penalty).toBe('《公共场所卫生管理条例》第十四条');
    expect((await (await env.as('legal')).post('/api/discretion/provisions', body)).statusCode).toBe(409);
  });
});
