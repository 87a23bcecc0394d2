// The browser tests' clock route: absent from the application a deployment runs (the
// modules alone), and where the tests' server adds it, it moves the server's "today"
// forward only, for every module, until reset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, setupTestEnv, type TestEnv } from '../../../test/support/harness';
import { addDays, realTodayInChina, setClockOffsetDays } from '../../core/calendar/dates';
import { MODULES } from '../../modules';
import { buildApp, routeCatalog } from './app';
import { testClockRoutes } from './testClock';
import type { App } from './types';

let env: TestEnv;
let withClock: App;

beforeAll(async () => {
  env = await setupTestEnv();
  withClock = await buildApp(env.ctx, [testClockRoutes]);
  await withClock.ready();
});
afterAll(async () => {
  setClockOffsetDays(0);
  await withClock?.close();
  await env?.close();
});

describe('PUT /api/test/clock', () => {
  it('does not exist in the application of the modules (what startServer runs without testClock)', async () => {
    expect(MODULES).not.toContain(testClockRoutes);
    expect(routeCatalog(env.app).some((r) => r.url.startsWith('/api/test/'))).toBe(false);
    const admin = await env.as('admin');
    const res = await admin.put('/api/test/clock', { advanceDays: 10 });
    expect(res.statusCode).toBe(404);
    expect((await admin.get('/api/calendar/today')).json()).toEqual({ today: realTodayInChina() });
  });

  it('moves today forward for every module, refuses to go back, and resets', async () => {
    const real = realTodayInChina();
    const cookie = (await env.as('inspector1')).cookie;
    const clock = client(withClock, cookie);
    expect((await client(withClock, undefined).put('/api/test/clock', { advanceDays: 1 })).statusCode).toBe(401);

    const moved = await clock.put('/api/test/clock', { advanceDays: 10 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toEqual({ today: addDays(real, 10), realToday: real, offsetDays: 10 });
    expect((await clock.put('/api/test/clock', { advanceDays: 5 })).json().today).toBe(addDays(real, 15));
    const i1 = await env.as('inspector1');
    expect((await i1.get('/api/calendar/today')).json()).toEqual({ today: addDays(real, 15) });

    expect((await clock.put('/api/test/clock', { today: addDays(real, 30) })).json()).toMatchObject({ today: addDays(real, 30), offsetDays: 30 });
    const back = await clock.put('/api/test/clock', { today: addDays(real, -1) });
    expect(back.statusCode).toBe(400);
    expect(back.json().error).toMatchObject({ code: 'CLOCK_BACKWARDS' });
    expect(back.json().error.message).toContain(real);
    expect((await clock.put('/api/test/clock', { today: real, advanceDays: 1 })).statusCode).toBe(400);
    expect((await clock.put('/api/test/clock', {})).statusCode).toBe(400);
    expect((await i1.get('/api/calendar/today')).json()).toEqual({ today: addDays(real, 30) });

    expect((await clock.put('/api/test/clock', { reset: true })).json()).toEqual({ today: real, realToday: real, offsetDays: 0 });
    expect((await i1.get('/api/calendar/today')).json()).toEqual({ today: real });
  });
});
