// npm run cli -- import <dataset> <file.csv|file.xlsx>: the same import as
// POST /api/imports/{dataset} (src/platform/imports/engine.ts), acting as the system
// actor "cli" with full scope. Prints progress (rows read, rows/s), then the counts or
// every bad row. Exit code 0 on success, 1 when the file was rejected, 2 on bad usage.
import fs from 'node:fs';
import path from 'node:path';
import { withContext, progressLine } from './context';
import type { Queryable } from '../platform/db';
import { SYSTEM_ACTOR, type Actor } from '../platform/access/user';
import { AppError } from '../platform/http/errors';
import { runImport, type ImportOutcome, type ImportProgress } from '../platform/imports/engine';
import { DATASETS, datasetByName } from '../modules/datasets/registry';

const USAGE = '用法 / usage: npm run cli -- import <dataset> <file.csv|file.xlsx>';

/** Imports a file into the database as the CLI does (full scope, system actor). */
export async function importFile(
  db: Queryable, datasetName: string, file: string,
  opts: { actor?: Actor; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportOutcome> {
  const dataset = datasetByName(datasetName);
  if (!dataset) throw new Error(`未知的数据集 / unknown dataset: ${datasetName}`);
  const size = (await fs.promises.stat(file)).size;
  return runImport(db, {
    dataset, input: fs.createReadStream(file), fileName: path.basename(file), totalBytes: size,
    actor: opts.actor ?? SYSTEM_ACTOR('cli'), scope: { all: true, orgIds: new Set() }, onProgress: opts.onProgress,
  });
}

function progressReporter(): (p: ImportProgress) => void {
  const started = Date.now();
  let last = 0;
  return (p) => {
    const now = Date.now();
    const final = p.phase === 'done' || p.phase === 'failed';
    if (!final && now - last < 1000) return;
    last = now;
    const seconds = Math.max((now - started) / 1000, 0.001);
    const rate = Math.round(p.rowsRead / seconds);
    const pct = p.totalBytes ? ` · ${Math.min(100, Math.round((p.bytesRead / p.totalBytes) * 100))}%` : '';
    const phase = { reading: '读取校验', writing: '写入', indexing: '重建索引', done: '完成', failed: '未导入' }[p.phase];
    progressLine(`${phase}：已读取 ${p.rowsRead} 行 · ${rate} 行/秒${pct} / ${p.rowsRead} rows read, ${rate} rows/s`);
  };
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
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`文件不存在 / file not found: ${file}`);
    return 2;
  }
  return withContext(async (ctx) => {
    const started = Date.now();
    let outcome: ImportOutcome;
    try {
      outcome = await importFile(ctx.db, name, path.resolve(file), { onProgress: progressReporter() });
    } catch (err) {
      if (process.stdout.isTTY) process.stdout.write('\n');
      if (err instanceof AppError) {
        console.error(`未导入：${err.message}`);
        return 1;
      }
      throw err;
    }
    if (process.stdout.isTTY) process.stdout.write('\n');
    const seconds = (Date.now() - started) / 1000;
    if (outcome.ok) {
      console.log(`导入完成：${outcome.rows} 行，新增 ${outcome.inserted} 行，更新 ${outcome.updated} 行，用时 ${seconds.toFixed(1)} 秒（${Math.round(outcome.rows / Math.max(seconds, 0.001))} 行/秒）`);
      console.log(`imported ${outcome.rows} rows: ${outcome.inserted} inserted, ${outcome.updated} updated in ${seconds.toFixed(1)} s`);
      console.log(`SHA-256: ${outcome.sha256}`);
      return 0;
    }
    console.error(outcome.message);
    for (const e of outcome.errors) {
      const value = e.value === null ? '（空）' : `“${e.value}”`;
      console.error(`  第${e.row}行  ${e.column ?? '-'}  ${value}  ${e.message}`);
    }
    if (outcome.omitted > 0) console.error(`  …… 另有 ${outcome.omitted} 处错误未列出`);
    console.error(`rejected: ${outcome.badRows} bad rows, nothing imported`);
    return 1;
  });
}
