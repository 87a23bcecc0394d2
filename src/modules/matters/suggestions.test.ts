// Judicial and procuratorial suggestions: the legal division registers one with the
// period it sets, sees it on its to-do list (red once the period has passed), answers it
// once; the office may read but not register.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type Client, type TestEnv } from '../../../test/support/harness';
import { addDays, todayInChina } from '../../core/calendar/dates';

let env: TestEnv;
let legal: Client;
let office: Client;
const org: Record<string, number> = {};
const today = todayInChina();

beforeAll(async () => {
  env = await setupTestEnv();
  for (const r of await env.db.query<{ id: number; code: string }>('SELECT id, code FROM organizations')) org[r.code] = r.id;
  [legal, office] = await Promise.all([env.as('legal'), env.as('office')]);
}, 120_000);
afterAll(async () => { await env?.close(); });

describe('judicial and procuratorial suggestions', () => {
  it('are registered, shown as to-dos until answered, answered once, and exported', async () => {
    const issuer = `嘉兴市南湖区人民检察院${Date.now() % 100000}`;
    const input = { orgId: org['JX-WJW'], kind: 'procuratorial', issuer, receivedOn: addDays(today, -40), dueOn: addDays(today, -10), summary: '建议加强医疗废物处置监管' };
    expect((await office.post('/api/matters/suggestions', input)).statusCode).toBe(403);
    const bad = await legal.post('/api/matters/suggestions', { ...input, dueOn: addDays(today, -50) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('答复期限不能早于收到日期');
    const created = await legal.post('/api/matters/suggestions', input);
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;

    const todos = (await (await legal.get('/api/home/todos')).json()) as { id: string; severity: string }[];
    expect(todos.find((t) => t.id === 'matters.suggestions.open')).toMatchObject({ severity: 'danger' });

    const list = await office.get(`/api/matters/suggestions?q=${encodeURIComponent(issuer)}&open=1`);
    expect(list.statusCode).toBe(200);
    expect(list.json().rows).toEqual([expect.objectContaining({ id, kindName: '检察建议', overdue: true, answeredOn: null })]);

    expect((await legal.post(`/api/matters/suggestions/${id}/answer`, { answeredOn: addDays(today, 1), answer: '已整改' })).statusCode).toBe(400);
    expect((await legal.post(`/api/matters/suggestions/${id}/answer`, { answeredOn: today, answer: '已开展专项检查并整改' })).statusCode).toBe(200);
    expect((await legal.post(`/api/matters/suggestions/${id}/answer`, { answeredOn: today, answer: '再次答复' })).statusCode).toBe(409);
    const answered = (await office.get(`/api/matters/suggestions?q=${encodeURIComponent(issuer)}&open=0`)).json().rows;
    expect(answered).toEqual([expect.objectContaining({ id, answeredOn: today, answer: '已开展专项检查并整改' })]);

    const xlsx = await legal.get(`/api/matters/suggestions/export?q=${encodeURIComponent(issuer)}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

  });
});
