// npm run cli -- backup <file>: every table, and every file of EVIDENCE_DIR (case
// evidence, inspection visits' photos and signatures), to one gzip file
// (src/platform/backup), restorable into PGlite or a PostgreSQL server.
import path from 'node:path';
import { withContext, progressLine } from './context';
import { backupDatabase } from '../platform/backup/backup';
import { BackupError } from '../platform/backup/format';
import { skipName } from '../platform/backup/evidence';

export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / 1024))} KB`;

export async function run(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error('用法 / usage: npm run cli -- backup <file>');
    return 2;
  }
  const file = path.resolve(args[0]);
  return withContext(async (ctx) => {
    try {
      const s = await backupDatabase(ctx.db, file, {
        evidenceDir: ctx.config.evidenceDir,
        onProgress: (t, n) => progressLine(`备份 / backing up ${t}: ${n}`),
        onEvidenceProgress: (n, bytes) => progressLine(`备份证据文件 / backing up evidence files: ${n}（${sizeText(bytes)}）`),
      });
      if (process.stdout.isTTY) process.stdout.write('\n');
      const rows = s.header.tables.reduce((sum, t) => sum + t.rows, 0);
      for (const t of s.header.tables) console.log(`  ${t.name.padEnd(28)} ${String(t.rows).padStart(10)}`);
      const ev = s.evidence;
      const vf = s.inspectionFiles;
      const af = s.applicationFiles;
      const mf = s.matterFiles;
      console.log(`已备份 ${s.header.tables.length} 张表、${rows} 行和 ${ev.files} 件证据文件（${sizeText(ev.bytes)}）、`
        + `${vf.files} 件检查记录文件（现场照片、签名，${sizeText(vf.bytes)}）、${af.files} 件申请材料文件（${sizeText(af.bytes)}）、`
        + `${mf.files} 件事项附件（${sizeText(mf.bytes)}）到 ${file}（${sizeText(s.bytes)}）`);
      console.log(`backed up ${s.header.tables.length} tables, ${rows} rows, ${ev.files} evidence files, ${vf.files} inspection visit files, ${af.files} application material files and ${mf.files} matter files`
        + ` from ${ctx.config.evidenceDir} to ${file}`);
      // Reported, not fatal: the backup of everything else must still be made.
      for (const k of ev.skipped) console.error(`  证据 #${k.id}（${k.storageKey}）${skipName(k.reason)}：未备份其文件 / file not backed up`);
      if (ev.skipped.length) {
        console.error(`${ev.skipped.length} 件证据的文件缺失或已被改动，未备份其文件（登记记录已备份）；请运行 verify-evidence 核查`
          + ` / ${ev.skipped.length} evidence files were missing or altered and are not in the backup; run verify-evidence`);
      }
      for (const k of vf.skipped) console.error(`  检查记录文件 #${k.id}（${k.storageKey}）${skipName(k.reason)}：未备份其文件 / file not backed up`);
      if (vf.skipped.length) {
        console.error(`${vf.skipped.length} 件检查记录文件（现场照片、签名）缺失或已被改动，未备份其文件（登记记录已备份）`
          + ` / ${vf.skipped.length} inspection visit files were missing or altered and are not in the backup`);
      }
      for (const k of af.skipped) console.error(`  申请材料文件 #${k.id}（${k.storageKey}）${skipName(k.reason)}：未备份其文件 / file not backed up`);
      if (af.skipped.length) {
        console.error(`${af.skipped.length} 件申请材料文件缺失或已被改动，未备份其文件（登记记录已备份）`
          + ` / ${af.skipped.length} application material files were missing or altered and are not in the backup`);
      }
      for (const k of mf.skipped) console.error(`  事项附件 #${k.id}（${k.storageKey}）${skipName(k.reason)}：未备份其文件 / file not backed up`);
      if (mf.skipped.length) {
        console.error(`${mf.skipped.length} 件事项附件缺失或已被改动，未备份其文件（登记记录已备份）`
          + ` / ${mf.skipped.length} matter files were missing or altered and are not in the backup`);
      }
      return 0;
    } catch (err) {
      if (err instanceof BackupError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
  });
}
