// The demo commission's licensing history: three years of concluded public-place and
// water-supply applications with their signed e-licences (a few expiring within the
// reminder window, a few expired), and today's open work at the window — received,
// awaiting correction, accepted with materials owed, one past its promised limit — so
// the lists, the to-dos, the expiry list and the licensing figures have something to
// show. Written through issueLicence (real SM2 signatures) and the same tables as
// real work, attributed to the system actor "seed".
import crypto from 'node:crypto';
import type { Database, Queryable } from '../platform/db';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { recordAudit } from '../platform/audit/audit';
import { addDays, addMonths, todayInChina } from '../core/calendar/dates';
import { computeDue } from '../core/calendar/deadline';
import type { WorkCalendar } from '../core/calendar/workCalendar';
import { issueLicence } from '../modules/licensing/licences';
import { RULES } from '../core/law/rules';
import { Rng } from './random';

const SEED_ACTOR = SYSTEM_ACTOR('seed');
const CONCLUDED = 160;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

interface Item { id: number; item_code: string; name: string; org_id: number; org_code: string; promised_days: number; licence_name: string; licence_valid_years: number; materials: { code: string; name: string; required: boolean; replaceable: string | null }[] }
interface Entity { id: number; uscc: string; name: string; address: string; category: string }

const tracking = () => [...crypto.randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');

function materialsFor(item: Item, r: Rng, missing: string | null) {
  return item.materials.map((m) => {
    const provision = m.code === missing ? 'missing' : m.replaceable && r.next() < 0.9 ? m.replaceable : 'paper';
    return { ...m, provision, licenceNo: null };
  });
}

async function insertApplication(tx: Queryable, seq: number, item: Item, e: Entity, row: Record<string, unknown>): Promise<number> {
  const received = row.received_on as string;
  const applicationNo = `${item.org_code}-SQ-${received.replaceAll('-', '')}-${String(9000 + seq).padStart(4, '0')}`;
  const cols = { application_no: applicationNo, item_id: item.id, org_id: item.org_id, applicant_name: e.name, applicant_uscc: e.uscc, entity_id: e.id,
    contact_phone: `139${String(10_000_000 + seq * 7919).slice(-8)}`, address: e.address, scope: '住宿、沐浴', tracking_code: tracking(), ...row };
  const keys = Object.keys(cols);
  const res = await tx.one<{ id: number }>(`INSERT INTO licence_applications (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    keys.map((k) => (cols as Record<string, unknown>)[k]));
  return res!.id;
}

export async function seedLicensingHistory(db: Database, calendar: WorkCalendar): Promise<void> {
  const today = todayInChina();
  const r = new Rng(2022);
  await db.transaction(async (tx) => {
    const items = await tx.query<Item>(
      `SELECT ci.id, ci.item_code, ci.name, ci.org_id, o.code AS org_code, ci.promised_days, ci.licence_name, ci.licence_valid_years, ci.materials
         FROM catalogue_items ci JOIN organizations o ON o.id = ci.org_id
        WHERE ci.is_current AND ci.item_code IN ('XK-GGCS-01', 'XK-GSDW-01') ORDER BY ci.item_code`);
    if (items.length < 2) return;
    const [publicPlace, water] = [items.find((i) => i.item_code === 'XK-GGCS-01')!, items.find((i) => i.item_code === 'XK-GSDW-01')!];
    const entities = await tx.query<Entity>(
      `SELECT id, uscc, name, address, category FROM entities WHERE category IN ('public_place', 'water_supply') ORDER BY id DESC LIMIT $1`, [CONCLUDED + 12]);
    let seq = 0;
    for (const e of entities.slice(0, CONCLUDED)) {
      const item = e.category === 'water_supply' ? water : publicPlace;
      // Licences run four years: issued 1–47 months ago; every 20th within the 30-day reminder window, every 25th expired.
      const issued = seq % 20 === 5 ? addDays(addMonths(today, -12 * item.licence_valid_years), r.int(5, 25))
        : seq % 25 === 7 ? addDays(addMonths(today, -12 * item.licence_valid_years), -r.int(10, 60)) : addDays(today, -r.int(20, 1400));
      const instant = r.next() < 0.9;
      const concluded = instant ? issued : computeDue(calendar, { start: issued, amount: Math.max(1, r.int(1, item.promised_days || 1)), unit: 'workday' }).due;
      const received = addDays(issued, -r.int(0, 2));
      const materials = materialsFor(item, r, null);
      const id = await insertApplication(tx, seq++, item, e, {
        channel: r.next() < 0.96 ? 'online' : 'window', state: 'approved', outcome: 'approved', received_on: received, accepted_on: issued,
        due_on: computeDue(calendar, { start: issued, amount: item.promised_days, unit: 'workday' }).due, concluded_on: concluded,
        materials: JSON.stringify(materials), proof_free: materials.every((m) => !m.replaceable || m.provision !== 'paper'),
        rating: r.next() < 0.6 ? (r.next() < 0.97 ? 5 : 3) : null, rated_on: null, published_on: concluded,
        publication_due_on: computeDue(calendar, { start: concluded, amount: RULES.licensingPublicationPeriod.value, unit: 'workday' }).due,
      });
      const validTo = addDays(addMonths(concluded, 12 * item.licence_valid_years), -1);
      const licence = await issueLicence(tx, SEED_ACTOR, {
        licenceName: item.licence_name, itemId: item.id, orgId: item.org_id, holderName: e.name, holderUscc: e.uscc, entityId: e.id, scope: '住宿、沐浴',
        address: e.address, issuedOn: concluded, validFrom: concluded, validTo, applicationId: id, previousId: null, source: 'import',
      });
      await tx.query(`UPDATE licence_applications SET rated_on = CASE WHEN rating IS NULL THEN NULL ELSE concluded_on END,
          publication = jsonb_build_object('applicationNo', application_no, 'itemCode', $2::text, 'itemName', $5::text, 'applicant', applicant_name,
            'applicantCode', applicant_uscc, 'decision', '准予许可', 'decidedOn', concluded_on, 'licenceNo', $3::text, 'validTo', $4::text,
            'issuer', (SELECT name FROM organizations WHERE id = org_id), 'commitment', commitment)
        WHERE id = $1`, [id, item.item_code, licence.licenceNo, validTo, item.name]);
    }
    // Today's work at the window.
    const open = entities.slice(CONCLUDED);
    const states: Record<string, unknown>[] = [
      { state: 'submitted', received_on: today, channel: 'online' },
      { state: 'submitted', received_on: today, channel: 'online' },
      { state: 'submitted', received_on: addDays(today, -1), channel: 'window' },
      { state: 'correction_requested', received_on: addDays(today, -3), correction_requested_on: addDays(today, -2), channel: 'online',
        correction_notice: '请补交从业人员健康合格证明；卫生检测报告请使用具备资质的检测机构出具的报告' },
      { state: 'accepted', received_on: addDays(today, -2), accepted_on: addDays(today, -2), channel: 'online' },
      { state: 'accepted', received_on: addDays(today, -4), accepted_on: addDays(today, -4), channel: 'online', deficiency_accepted: true,
        deficiency_items: JSON.stringify([{ name: '从业人员健康合格证明', dueOn: addDays(today, 5), suppliedOn: null }]), deficiency_due_on: addDays(today, 5) },
      { state: 'accepted', received_on: addDays(today, -20), accepted_on: addDays(today, -19), channel: 'window' },
    ];
    // A directory smaller than the demo's (a benchmark's seed without entities) gets as many as it has entities for.
    for (const [k, s] of states.slice(0, open.length).entries()) {
      const item = publicPlace;
      const acceptedOn = s.accepted_on as string | undefined;
      await insertApplication(tx, seq++, item, open[k], {
        ...s, materials: JSON.stringify(materialsFor(item, r, s.state === 'correction_requested' ? item.materials.at(-1)!.code : null)),
        due_on: acceptedOn ? computeDue(calendar, { start: acceptedOn, amount: item.promised_days, unit: 'workday' }).due : null,
      });
    }
    await recordAudit(tx, SEED_ACTOR, { action: 'seed.licensing', objectType: 'licence_application', after: { concluded: CONCLUDED, open: states.length } });
  });
}
