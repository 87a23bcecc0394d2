// The demo commission seeded on the first start: a city health commission with its
// supervision institute, divisions and two district commissions (real GB/T 2260 codes,
// demo populations), a user for every role, inspectors with certificates, and a few
// thousand regulated entities. Everything goes through the same tables and audit log
// as real work, attributed to the system actor "seed".
import type { Database, Queryable } from '../platform/db';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { recordAudit } from '../platform/audit/audit';
import { hashPassword } from '../platform/auth/passwords';
import { rebuildOrgPaths } from '../modules/orgs/service';
import { CalendarService, seedOfficialArrangements } from '../modules/calendar/service';
import { upsertEntityBatch } from '../modules/entities/bulk';
import { addDays, todayInChina } from '../core/calendar/dates';
import { ENTITY_CATEGORIES } from '../modules/entities/categories';
import { ensureBundledCheckItems } from '../modules/checkitems/service';
import { ensureBundledCatalogue } from '../modules/licensing/catalogue';
import { seedLicensingHistory } from './licensing';
import { seedApplicationFiles } from './applicationFiles';
import { seedMatters } from './matters';
import { seedEnforcementHistory } from './enforcement';
import { seedRegisters } from './registers';
import { seedWorkPlans } from './workplans';
import { seedReports } from './reports';
import { seedLegality } from './legality';
import { seedQuiz } from './quiz';
import { generateEntity, personName, type District } from './entityGenerator';
import { Rng } from './random';

export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_ENTITY_COUNT = 3000;
const SEED_ACTOR = SYSTEM_ACTOR('seed');

interface DemoOrg { code: string; name: string; parent: string | null; region: string; kind: string; population: number | null }

export const DEMO_ORGS: DemoOrg[] = [
  { code: 'JX-WJW', name: '嘉兴市卫生健康委员会', parent: null, region: '330400', kind: 'commission', population: 5_580_000 },
  { code: 'JX-JDS', name: '嘉兴市卫生监督所', parent: 'JX-WJW', region: '330400', kind: 'institute', population: null },
  { code: 'JX-ZCFG', name: '政策法规处', parent: 'JX-WJW', region: '330400', kind: 'division', population: null },
  { code: 'JX-BGS', name: '办公室', parent: 'JX-WJW', region: '330400', kind: 'division', population: null },
  { code: 'JX-XZSP', name: '行政审批处', parent: 'JX-WJW', region: '330400', kind: 'division', population: null },
  { code: 'JX-12320', name: '12320卫生健康热线', parent: 'JX-WJW', region: '330400', kind: 'other', population: null },
  { code: 'JX-YTW', name: '嘉兴市医疗纠纷人民调解委员会', parent: 'JX-WJW', region: '330400', kind: 'other', population: null },
  { code: 'NH-WJJ', name: '嘉兴市南湖区卫生健康局', parent: 'JX-WJW', region: '330402', kind: 'commission', population: 640_000 },
  { code: 'NH-JDS', name: '嘉兴市南湖区卫生监督所', parent: 'NH-WJJ', region: '330402', kind: 'institute', population: null },
  { code: 'XZ-WJJ', name: '嘉兴市秀洲区卫生健康局', parent: 'JX-WJW', region: '330411', kind: 'commission', population: 700_000 },
  { code: 'XZ-JDS', name: '嘉兴市秀洲区卫生监督所', parent: 'XZ-WJJ', region: '330411', kind: 'institute', population: null },
];

interface DemoUser { username: string; name: string; org: string; roles: string[]; scope: string[] | null }

/** The demo logins (README lists them). scope null = own organisation and below. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', name: '系统管理员', org: 'JX-WJW', roles: ['admin'], scope: null },
  { username: 'leader', name: '沈建国', org: 'JX-WJW', roles: ['leader'], scope: null },
  { username: 'legal', name: '陆文博', org: 'JX-ZCFG', roles: ['legal'], scope: ['JX-WJW'] },
  { username: 'reviewer', name: '顾海燕', org: 'JX-ZCFG', roles: ['reviewer'], scope: ['JX-WJW'] },
  { username: 'window', name: '朱晓东', org: 'JX-XZSP', roles: ['window'], scope: ['JX-WJW'] },
  { username: 'office', name: '钱慧', org: 'JX-BGS', roles: ['office'], scope: ['JX-WJW'] },
  { username: 'hotline', name: '褚佳怡', org: 'JX-12320', roles: ['hotline'], scope: ['JX-WJW'] },
  { username: 'mediator', name: '姚志强', org: 'JX-YTW', roles: ['mediator'], scope: ['JX-WJW'] },
  { username: 'inspector1', name: '徐涛', org: 'NH-JDS', roles: ['inspector'], scope: null },
  { username: 'inspector2', name: '俞静', org: 'NH-JDS', roles: ['inspector'], scope: null },
  { username: 'inspector3', name: '蒋磊', org: 'XZ-JDS', roles: ['inspector'], scope: null },
];

const STREETS: Record<string, string[]> = {
  '330400': ['中山路', '禾兴路', '勤俭路', '建国路', '少年路', '紫阳街'],
  '330402': ['南湖路', '东栅街道凌公塘路', '城南路', '由拳路', '凤桥镇兴凤路', '余新镇新丰路', '大桥镇亚太路'],
  '330411': ['洪兴路', '新塍镇新康路', '王店镇梅北路', '油车港镇正阳路', '洪合镇洪福路', '秀园路', '八字路'],
};

export const DEMO_DISTRICTS: District[] = [
  { regionCode: '330402', name: '南湖区', cityName: '嘉兴市', provinceName: '浙江省', orgCode: 'NH-JDS', streets: STREETS['330402'] },
  { regionCode: '330411', name: '秀洲区', cityName: '嘉兴市', provinceName: '浙江省', orgCode: 'XZ-JDS', streets: STREETS['330411'] },
  { regionCode: '330402', name: '南湖区', cityName: '嘉兴市', provinceName: '浙江省', orgCode: 'JX-JDS', streets: STREETS['330400'] },
];

async function seedOrgs(tx: Queryable): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const o of DEMO_ORGS) {
    const row = await tx.one<{ id: number }>(
      `INSERT INTO organizations (code, name, parent_id, path, region_code, kind, population) VALUES ($1,$2,$3,'',$4,$5,$6) RETURNING id`,
      [o.code, o.name, o.parent ? ids.get(o.parent) : null, o.region, o.kind, o.population]);
    ids.set(o.code, row!.id);
  }
  await rebuildOrgPaths(tx);
  await recordAudit(tx, SEED_ACTOR, { action: 'seed.organizations', objectType: 'organization', after: { count: DEMO_ORGS.length } });
  return ids;
}

async function seedUsers(tx: Queryable, orgIds: Map<string, number>): Promise<Map<string, number>> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, number>();
  for (const u of DEMO_USERS) {
    const row = await tx.one<{ id: number }>(
      `INSERT INTO users (username, display_name, org_id, password_hash, scope_mode, scope_org_ids) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [u.username, u.name, orgIds.get(u.org), hash, u.scope ? 'named' : 'own_subtree', (u.scope ?? []).map((c) => orgIds.get(c))]);
    await tx.query('INSERT INTO user_roles (user_id, role_code) SELECT $1, unnest($2::text[])', [row!.id, u.roles]);
    ids.set(u.username, row!.id);
  }
  await recordAudit(tx, SEED_ACTOR, { action: 'seed.users', objectType: 'user', after: { usernames: DEMO_USERS.map((u) => u.username) } });
  return ids;
}

/**
 * Inspectors of the three institutes. The three demo inspector accounts hold valid
 * certificates; among the others a few expire within weeks and one has expired, so
 * the reminders and the enforcement block show on first start.
 */
async function seedInspectors(tx: Queryable, orgIds: Map<string, number>, userIds: Map<string, number>): Promise<number> {
  const r = new Rng(42);
  const today = todayInChina();
  const institutes = [{ code: 'NH-JDS', prefix: 'NH', n: 14 }, { code: 'XZ-JDS', prefix: 'XZ', n: 12 }, { code: 'JX-JDS', prefix: 'JX', n: 10 }];
  const linked: Record<string, string> = { 'NH-001': 'inspector1', 'NH-002': 'inspector2', 'XZ-001': 'inspector3' };
  let count = 0;
  for (const inst of institutes) {
    for (let k = 1; k <= inst.n; k++) {
      const staffNo = `${inst.prefix}-${String(k).padStart(3, '0')}`;
      const username = linked[staffNo];
      const user = username ? DEMO_USERS.find((u) => u.username === username)! : undefined;
      // k = 3 expires within the reminder window, k = 4 has expired; the rest run 1–4 years.
      const validTo = k === 3 ? addDays(today, 20) : k === 4 ? addDays(today, -15) : addDays(today, r.int(365, 4 * 365));
      const specialties = user ? [...ENTITY_CATEGORIES] : ENTITY_CATEGORIES.filter(() => r.next() < 0.5);
      await tx.query(
        `INSERT INTO inspectors (staff_no, name, org_id, user_id, certificate_no, certificate_valid_to, specialties)
         VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [staffNo, user?.name ?? personName(r), orgIds.get(inst.code), username ? userIds.get(username) : null,
          `浙卫执${inst.prefix}${String(2024000 + count + 1)}`, validTo, specialties.length ? specialties : ['public_place']]);
      count++;
    }
  }
  await recordAudit(tx, SEED_ACTOR, { action: 'seed.inspectors', objectType: 'inspector', after: { count } });
  return count;
}

async function seedEntities(tx: Queryable, orgIds: Map<string, number>, count: number): Promise<void> {
  const batch = [];
  for (let i = 0; i < count; i++) {
    const e = generateEntity(i, DEMO_DISTRICTS);
    batch.push({ ...e, org_id: orgIds.get(e.org_code)! });
  }
  await upsertEntityBatch(tx, batch);
  await recordAudit(tx, SEED_ACTOR, { action: 'seed.entities', objectType: 'entity', after: { count } });
}

/**
 * Seeds the demo commission into an empty database. With `evidenceDir` (where the server
 * keeps uploaded files) the open licensing applications also get material files; without
 * it (benchmarks) no file is written.
 */
export async function seedDemo(db: Database, calendar: CalendarService, entityCount = DEMO_ENTITY_COUNT, evidenceDir?: string): Promise<void> {
  await seedOfficialArrangements(db, SEED_ACTOR, calendar);
  await db.transaction(async (tx) => {
    const orgIds = await seedOrgs(tx);
    const userIds = await seedUsers(tx, orgIds);
    await seedInspectors(tx, orgIds, userIds);
    await seedEntities(tx, orgIds, entityCount);
  });
  // The bundled check-item lists belong to the root commission, which exists only now.
  await ensureBundledCheckItems(db);
  await ensureBundledCatalogue(db);
  // Licensing history reads the bundled catalogue, so it comes after it.
  await seedLicensingHistory(db, await calendar.current());
  // Files on today's open applications, through the upload service (the window user exists now).
  if (evidenceDir) await seedApplicationFiles(db, evidenceDir);
  // Matters on a legal clock: history through the real imports, recent work with its steps, today's through the service.
  await seedMatters(db, calendar);
  // Supervision and enforcement history (random plans and tasks, visits, penalty cases), last year and this year, through the real imports.
  await seedEnforcementHistory(db, calendar);
  // Registers: publications, trainings, popularisation activities and the responsibility list (last year and this year).
  await seedRegisters(db);
  // Legality reviews, fair-competition reviews and normative documents (last year and this year).
  await seedLegality(db);
  // The year's work plan (工作要点) with its targets and the units' quarterly notes; the report lists its missed targets.
  await seedWorkPlans(db);
  // The online law quiz: its question bank, this year's quiz and its attempts (popularisation participants).
  await seedQuiz(db);
  // Last: the draft annual report reads every figure seeded above.
  await seedReports(db);
}
