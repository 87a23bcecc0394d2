// The documents of a case downloaded through the API: written from the case's records,
// the decision locked once issued, unknown kinds and documents not yet possible refused.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';
import { caseFixtures, elapse, takeStep } from './testSupport';

let env: TestEnv;
let inspectorOf: Record<string, number> = {};
let nhInstitute: number;
const today = todayInChina();

beforeAll(async () => {
  env = await setupTestEnv();
  ({ inspectorOf, nhInstitute } = await caseFixtures(env));
});
afterAll(async () => { await env?.close(); });

const step = takeStep;

async function textOf(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('case documents', () => {
  it('the decision is written from the case and locked once issued', async () => {
    const [i1, reviewer, leader] = await Promise.all(['inspector1', 'reviewer', 'leader'].map((u) => env.as(u)));
    const id = (await i1.post('/api/cases', {
      orgId: nhInstitute, source: 'inspection', cause: '未取得医疗机构执业许可证擅自执业', leadOn: addDays(today, -20), entityId: null,
      partyKind: 'organisation', partyName: '嘉兴市南湖区文书测试诊所', partyCode: '91330402MA2B8C1D2X', partyLegalRep: '赵某某',
      partyAddress: '嘉兴市南湖区南湖路1号', partyPhone: null, facts: null,
    })).json().id;
    await step(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2], opinion: '同意立案' });
    await step(i1, id, 'finish_investigation', { facts: '经查，该诊所未取得医疗机构执业许可证开展诊疗活动，违法所得6000元。', provisionCode: 'BHPL-99', illegalGainsYuan: 6000, tier: 'lighter', sanctions: ['confiscate_gains', 'fine'], fineYuan: 60000 });
    await step(reviewer, id, 'pass_review', { opinion: '同意' });
    const notice = await i1.get(`/api/cases/${id}/documents/prior_notice`);
    expect(notice.statusCode).toBe(200);
    expect(await textOf(notice.rawPayload)).toContain('陆万元整');
    // Filed ten days ago (the notice cannot precede the filing), the notice served then.
    await elapse(env, id, 10);
    await step(i1, id, 'notify', { servedOn: addDays(today, -10) });
    expect((await i1.get(`/api/cases/${id}/documents/decision`)).statusCode).toBe(422);
    await step(leader, id, 'decide', { decidedOn: today, sanctions: ['confiscate_gains', 'fine'], fineYuan: 60000 });

    const list = (await i1.get(`/api/cases/${id}/documents`)).json();
    expect(list.find((d: { kind: string }) => d.kind === 'decision')).toMatchObject({ available: true, locked: false });
    const first = await i1.get(`/api/cases/${id}/documents/decision`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('wordprocessingml');
    expect(first.headers['content-disposition']).toContain(encodeURIComponent('行政处罚决定书'));
    const text = await textOf(first.rawPayload);
    for (const expected of ['行政处罚决定书', '嘉兴市南湖区文书测试诊所', '91330402MA2B8C1D2X', '60,000元', '陆万元整',
      '《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款', '《中华人民共和国行政复议法》第二十条', '《中华人民共和国行政诉讼法》第四十六条']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toMatch(/undefined|null|NaN/);

    // Locked: a later change of the records does not change the issued document.
    await env.db.query("UPDATE organizations SET name = name || '（改名）' WHERE id = $1", [nhInstitute]);
    const again = await i1.get(`/api/cases/${id}/documents/decision`);
    expect(Buffer.compare(again.rawPayload, first.rawPayload)).toBe(0);
    expect((await i1.get(`/api/cases/${id}/documents`)).json().find((d: { kind: string }) => d.kind === 'decision').locked).toBe(true);
    const issued = await env.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.document.issue' AND object_id = $1", [String(id)]);
    expect(issued!.n).toBe(1);
    await env.db.query("UPDATE organizations SET name = replace(name, '（改名）', '') WHERE id = $1", [nhInstitute]);

    expect((await i1.get(`/api/cases/${id}/documents/poster`)).statusCode).toBe(400);
    expect((await (await env.as('inspector3')).get(`/api/cases/${id}/documents/decision`)).statusCode).toBe(404);
    expect((await (await env.as('hotline')).get(`/api/cases/${id}/documents/decision`)).statusCode).toBe(403);
  });

  it("the decision states the party's recorded statements and whether each was adopted, not that none were made", async () => {
    const [i1, reviewer, leader] = await Promise.all(['inspector1', 'reviewer', 'leader'].map((u) => env.as(u)));
    const id = (await i1.post('/api/cases', {
      orgId: nhInstitute, source: 'inspection', cause: '未取得医疗机构执业许可证擅自执业', leadOn: addDays(today, -30), entityId: null,
      partyKind: 'organisation', partyName: '嘉兴市南湖区陈述测试诊所', partyCode: null, partyLegalRep: '钱某某', partyAddress: '嘉兴市南湖区南湖路2号', partyPhone: null, facts: null,
    })).json().id;
    await step(leader, id, 'file', { inspectorIds: [inspectorOf.inspector1, inspectorOf.inspector2] });
    await step(i1, id, 'finish_investigation', { facts: '经查，该诊所未取得医疗机构执业许可证开展诊疗活动，违法所得6000元。', provisionCode: 'BHPL-99', illegalGainsYuan: 6000, tier: 'lighter', sanctions: ['confiscate_gains', 'fine'], fineYuan: 60000 });
    await step(reviewer, id, 'pass_review', { opinion: '同意' });
    await elapse(env, id, 10); // filed ten days ago: the notice cannot precede the filing
    let c = await step(i1, id, 'notify', { servedOn: addDays(today, -10) });
    const state = async (body: Record<string, unknown>) => {
      const res = await i1.post(`/api/cases/${id}/statements`, { version: c.version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      c = res.json();
    };
    await state({ statedOn: addDays(today, -9), statement: '当事人称系初次违法，已主动停止诊疗活动。', adopted: true, reasons: '经核实属实，已在裁量中从轻考虑。' });
    await state({ statedOn: addDays(today, -8), statement: '当事人请求免予罚款。', adopted: false, reasons: '不符合不予处罚的法定情形' });
    await step(leader, id, 'decide', { decidedOn: today, sanctions: ['confiscate_gains', 'fine'], fineYuan: 60000 });

    const text = await textOf((await i1.get(`/api/cases/${id}/documents/decision`)).rawPayload);
    for (const expected of ['当事人提出了陈述、申辩意见：', '当事人称系初次违法，已主动停止诊疗活动', '当事人请求免予罚款',
      '予以采纳，理由是：经核实属实，已在裁量中从轻考虑', '不予采纳，理由是：不符合不予处罚的法定情形', '进行了复核']) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('未提出陈述、申辩意见');
  });
});
