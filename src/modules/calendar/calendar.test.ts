import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, type TestEnv } from '../../../test/support/harness';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('GET /api/calendar/deadline', () => {
  it('counts working days from the day after, over the National Day holiday', async () => {
    const c = await env.as('inspector1');
    const res = await c.get('/api/calendar/deadline?from=2026-09-30&amount=5&unit=workday');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ due: '2026-10-13' });
  });

  it('moves a calendar-day period ending on a holiday to the next working day', async () => {
    const c = await env.as('office');
    expect((await c.get('/api/calendar/deadline?from=2025-09-16&amount=15&unit=day')).json().due).toBe('2025-10-09');
  });

  it('rejects invalid dates and units with a Chinese message', async () => {
    const c = await env.as('office');
    const bad = await c.get('/api/calendar/deadline?from=2025-02-30&amount=5&unit=workday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('有效日期');
    expect((await c.get('/api/calendar/deadline?from=2025-01-02&amount=-3&unit=day')).statusCode).toBe(400);
    expect((await c.get('/api/calendar/deadline?from=2025-01-02&amount=3&unit=week')).statusCode).toBe(400);
  });

  it('requires a session', async () => {
    expect((await env.anonymous.get('/api/calendar/deadline?from=2026-01-05&amount=1&unit=day')).statusCode).toBe(401);
  });
});

describe('GET /api/calendar/days/:date', () => {
  it('answers workday and the holiday name', async () => {
    const c = await env.as('hotline');
    expect((await c.get('/api/calendar/days/2026-10-01')).json()).toMatchObject({ date: '2026-10-01', workday: false, name: '国庆节' });
    expect((await c.get('/api/calendar/days/2026-10-10')).json()).toMatchObject({ workday: true, name: '国庆节调休上班' });
    expect((await c.get('/api/calendar/days/2026-11-24')).json()).toEqual({ date: '2026-11-24', workday: true, provisional: false });
  });
});

describe('administering the calendar', () => {
  it('lets an administrator load 2027 and the deadline stops being provisional', async () => {
    const admin = await env.as('admin');
    const before = (await admin.get('/api/calendar/deadline?from=2026-12-30&amount=3&unit=workday')).json();
    // Without 2027 loaded, 1 Jan 2027 (a Friday) counts as a working day, provisionally.
    expect(before).toMatchObject({ provisional: true, due: '2027-01-04' });
    const res = await admin.put('/api/calendar/years/2027', {
      source: '测试用安排', holidays: [{ from: '2027-01-01', to: '2027-01-03', name: '元旦' }], workdays: [],
    });
    expect(res.statusCode).toBe(200);
    const after = (await admin.get('/api/calendar/deadline?from=2026-12-30&amount=3&unit=workday')).json();
    expect(after).toMatchObject({ provisional: false, due: '2027-01-05' });
  });

  it('rejects a make-up working day that is not a weekend', async () => {
    const admin = await env.as('admin');
    const res = await admin.put('/api/calendar/days/2026-11-25', { kind: 'workday' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CALENDAR_NOT_WEEKEND');
  });

  it('forbids staff without the calendar permission from editing', async () => {
    const c = await env.as('inspector1');
    expect((await c.put('/api/calendar/days/2026-11-28', { kind: 'workday' })).statusCode).toBe(403);
  });
});
