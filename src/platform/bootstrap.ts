// Opens the database, applies migrations, keeps the system roles current and, on an
// empty database, seeds the demo commission. Used by the server, the CLI and the tests.
import type { Config } from './config';
import { openDatabase, type Database } from './db';
import { migrate } from './db/migrate';
import type { AppContext } from './http/types';
import { CalendarService } from '../modules/calendar/service';
import { SYSTEM_ROLES } from './access/permissions';
import { ensureBundledLaws } from '../modules/laws/service';
import { ensureBundledProvisions } from '../modules/discretion/service';
import { ensureBundledCheckItems } from '../modules/checkitems/service';
import { ensureBundledCatalogue } from '../modules/licensing/catalogue';

export async function syncSystemRoles(db: Database): Promise<void> {
  for (const r of SYSTEM_ROLES) {
    await db.query(
      `INSERT INTO roles (code, name, name_en, permissions, system) VALUES ($1,$2,$3,$4,true)
       ON CONFLICT (code) DO UPDATE SET name=EXCLUDED.name, name_en=EXCLUDED.name_en, permissions=EXCLUDED.permissions, system=true
       WHERE roles.permissions IS DISTINCT FROM EXCLUDED.permissions OR roles.name IS DISTINCT FROM EXCLUDED.name`,
      [r.code, r.name, r.nameEn, r.permissions]);
  }
}

export async function createContext(config: Config, existingDb?: Database): Promise<AppContext> {
  const db = existingDb ?? (await openDatabase(config));
  await migrate(db);
  await syncSystemRoles(db);
  await ensureBundledLaws(db);
  await ensureBundledProvisions(db);
  // Belong to the root commission: on an empty database, seedDemo (or the first
  // organisation import followed by a restart) installs them.
  await ensureBundledCheckItems(db);
  await ensureBundledCatalogue(db);
  return { db, config, calendar: new CalendarService(db) };
}

export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db.one<{ n: number }>('SELECT count(*)::int AS n FROM organizations');
  return row!.n === 0;
}
