// npm run cli -- export <dataset> <file.csv|file.xlsx>: the same export as
// GET /api/exports/{dataset} (src/platform/exports/engine.ts), every organisation's
// records, acting as the system actor "cli". The format follows the file extension.
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { withContext, progressLine } from './context';
import type { Queryable } from '../platform/db';
import { SYSTEM_ACTOR, type Actor } from '../platform/access/user';
import { runExport, type ExportFormat } from '../platform/exports/engine';
import { DATASETS, datasetByName } from '../modules/datasets/registry';

const USAGE = '用法 / usage: npm run cli -- export <dataset> <file.csv|file.xlsx>';

export function formatOfFile(file: string): ExportFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : undefined;
}

/** Writes a dataset's export to a file (all organisations). */
export async function exportFile(
  db: Queryable, datasetName: string, file: string,
  opts: { actor?: Actor; filters?: Record<string, unknown>; onProgress?: (rows: number) => void } = {},
): Promise<{ rows: number }> {
  const dataset = datasetByName(datasetName);
  if (!dataset) throw new Error(`未知的数据集 / unknown dataset: ${datasetName}`);
  const format = formatOfFile(file);
  if (!format) throw new Error('文件扩展名应为 .csv 或 .xlsx');
  const scopeOrgIds = (await db.query<{ id: number }>('SELECT id FROM organizations ORDER BY id')).map((r) => r.id);
  const out = fs.createWriteStream(file);
  try {
    const result = await runExport(db, {
      dataset, format, filters: opts.filters ?? {}, scopeOrgIds, actor: opts.actor ?? SYSTEM_ACTOR('cli'), out, onProgress: opts.onProgress,
    });
    await finished(out);
    return result;
  } catch (err) {
    out.destroy();
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}

export async function run(args: string[]): Promise<number> {
  if (args.length !== 2 || args.some((a) => a.startsWith('-'))) {
    console.error(USAGE);
    console.error(`数据集 / datasets: ${DATASETS.map((d) => d.name).join(', ')}`);
    return 2;
  }
  const [name, file] = args;
  if (!datasetByName(name)) {
    console.error(`未知的数据集 / unknown dataset: ${name}`);
    console.error(`可用的数据集 / datasets: ${DATASETS.map((d) => d.name).join(', ')}`);
    return 2;
  }
  if (!formatOfFile(file)) {
    console.error('文件扩展名应为 .csv 或 .xlsx / the file must end in .csv or .xlsx');
    return 2;
  }
  return withContext(async (ctx) => {
    const started = Date.now();
    let last = 0;
    const { rows } = await exportFile(ctx.db, name, path.resolve(file), {
      onProgress: (n) => {
        if (Date.now() - last < 1000) return;
        last = Date.now();
        progressLine(`已导出 ${n} 行 / ${n} rows exported`);
      },
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    const seconds = (Date.now() - started) / 1000;
    console.log(`已导出 ${rows} 行到 ${path.resolve(file)}，用时 ${seconds.toFixed(1)} 秒 / exported ${rows} rows`);
    return 0;
  });
}
