// Writes N generated regulated entities as an `entities` CSV (data-exchange.md columns),
// streaming, so a million rows need no memory to speak of. Deterministic: row i is always
// the same entity, so re-importing a file exercises updates.
import fs from 'node:fs';
import { once } from 'node:events';
import { generateEntity } from '../src/seed/entityGenerator';
import { DEMO_DISTRICTS } from '../src/seed/demo';

const COLUMNS = ['uscc', 'name', 'category', 'region_code', 'address', 'org_code', 'legal_rep', 'risk_class', 'credit_grade', 'blacklisted'] as const;

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export async function writeEntitiesCsv(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${COLUMNS.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    const e = generateEntity(i, DEMO_DISTRICTS);
    const line = COLUMNS.map((c) => csvCell(c === 'blacklisted' ? (e.blacklisted ? 'Y' : 'N') : String(e[c] ?? ''))).join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, n] = process.argv.slice(2);
  if (!file) { console.error('usage: tsx bench/generate.ts <file.csv> [rows]'); process.exit(2); }
  await writeEntitiesCsv(file, Number(n ?? 1_000_000));
  console.log(`wrote ${file}`);
}
