// Times GET /api/dashboard on the demo data as `npm start` seeds it (DEMO_ENTITY_COUNT
// entities, PGlite in memory), signed in as the leader: the first request (cold) and the
// median of the next ones, for the city and a district, plus what each part costs.
// Run: npx tsx bench/dashboard.ts
import { openPglite } from '../src/platform/db/pglite';
import { createContext } from '../src/platform/bootstrap';
import { loadConfig } from '../src/platform/config';
import { buildApp } from '../src/platform/http/app';
import { MODULES } from '../src/modules';
import { DEMO_ENTITY_COUNT, DEMO_PASSWORD, seedDemo } from '../src/seed/demo';
import { todayInChina } from '../src/core/calendar/dates';
import { evaluateMetrics } from '../src/platform/metrics/registry';
import { METRIC_REGISTRY } from '../src/modules/metrics/definitions';
import { KEY_FIGURES, MONTHLY_SERIES } from '../src/modules/dashboard/service';

const ms = (t0: number) => Math.round(performance.now() - t0);

async function main() {
  const db = await openPglite(undefined);
  const ctx = await createContext({ ...loadConfig({}), logLevel: 'silent', seedDemo: false }, db);
  let t0 = performance.now();
  await seedDemo(db, ctx.calendar, DEMO_ENTITY_COUNT);
  console.log(`seeded the demo (${DEMO_ENTITY_COUNT} entities) in ${ms(t0)} ms`);
  const app = await buildApp(ctx, MODULES);
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: DEMO_PASSWORD } });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const year = Number(todayInChina().slice(0, 4));
  for (const org of ['JX-WJW', 'NH-WJJ']) {
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      t0 = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/dashboard?year=${year}&org=${org}`, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(res.body);
      times.push(ms(t0));
    }
    const [first, ...rest] = times;
    rest.sort((a, b) => a - b);
    console.log(`GET /api/dashboard?year=${year}&org=${org}: first ${first} ms, then median ${rest[Math.floor(rest.length / 2)]} ms (${rest.join(', ')})`);
  }
  // The parts, for the city.
  const city = (await db.one<{ id: number; path: string }>("SELECT id, path FROM organizations WHERE code = 'JX-WJW'"))!;
  const req = { orgId: city.id, orgPath: city.path, from: `${year}-01-01`, to: todayInChina() };
  const keyDefs = KEY_FIGURES.map((id) => METRIC_REGISTRY.get(id)!);
  t0 = performance.now();
  await evaluateMetrics(db, keyDefs, req);
  console.log(`key figures, one period: ${ms(t0)} ms`);
  const seriesDefs = MONTHLY_SERIES.map((id) => METRIC_REGISTRY.get(id)!);
  t0 = performance.now();
  for (let m = 1; m <= Number(req.to.slice(5, 7)); m++) await evaluateMetrics(db, seriesDefs, { ...req, from: `${year}-${String(m).padStart(2, '0')}-01`, to: `${year}-${String(m).padStart(2, '0')}-28` });
  console.log(`monthly series (${MONTHLY_SERIES.length} metrics × ${Number(req.to.slice(5, 7))} months): ${ms(t0)} ms`);
  await app.close();
  await db.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
