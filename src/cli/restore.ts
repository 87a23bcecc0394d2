// npm run cli -- restore <file>: a backup into an empty database (new PGlite data
// directory or new PostgreSQL database) and its evidence files into an empty
// EVIDENCE_DIR (each checked against its recorded SM3), with the inspection visits'
// photos and signatures, then the audit chain is verified.
import fs from 'node:fs';
import path from 'node:path';
import { withContext, progressLine } from './context';
import { restoreDatabase } from '../platform/backup/restore';
import { BackupError } from '../platform/backup/format';
import { skipName } from '../platform/backup/evidence';
import { sizeText } from './backup';

export async function run(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error('用法 / usage: npm run cli -- restore <file>');
    return 2;
  }
  const file = path.resolve(args[0]);
  if (!fs.existsSync(file)) {
    console.error(`备份文件不存在 / no such file: ${file}`);
    return 1;
  }
  return withContext(async (ctx) => {
    try {
      const s = await restoreDatabase(ctx.db, file, {
        evidenceDir: ctx.config.evidenceDir,
        onProgress: (t, n) => progressLine(`恢复 / restoring ${t}: ${n}`),
        onEvidenceProgress: (n, bytes) => progressLine(`恢复证据文件 / restoring evidence files: ${n}（${sizeText(bytes)}）`),
      });
      if (process.stdout.isTTY) process.stdout.write('\n');
      for (const t of s.tables) console.log(`  ${t.name.padEnd(28)} ${String(t.rows).padStart(10)}`);
      const rows = s.tables.reduce((sum, t) => sum + t.rows, 0);
      console.log(`已从 ${file}（备份时间 ${s.header.createdAt}，来源 ${s.header.source}）恢复 ${s.tables.length} 张表、${rows} 行`);
      console.log(`restored ${s.tables.length} tables, ${rows} rows (backup of ${s.header.createdAt}, from ${s.header.source})`);
      if (s.replaced.length) {
        console.log(`目标库原有的初始数据已由备份替换 / start-up rows replaced by the backup: ${s.replaced.map((r) => `${r.name} ${r.rows}`).join(', ')}`);
      }
      const evidenceRows = s.tables.find((t) => t.name === 'case_evidence')?.rows ?? 0;
      if (s.evidence) {
        console.log(`已恢复 ${s.evidence.files} 件证据文件（${sizeText(s.evidence.bytes)}）到 ${ctx.config.evidenceDir}，SM3 摘要均与登记一致`
          + ` / restored ${s.evidence.files} evidence files, each matching its recorded SM3`);
        for (const k of s.evidence.skipped) console.error(`  证据 #${k.id}（${k.storageKey}）备份时${skipName(k.reason)}，备份中没有其文件 / not in the backup`);
        if (s.evidence.skipped.length) {
          console.error(`${s.evidence.skipped.length} 件证据在备份时文件已缺失或被改动，未能恢复其文件；verify-evidence 将报告为缺失`);
        }
      } else if (evidenceRows > 0) {
        console.error(`此备份为旧格式，不含证据文件：请将原证据目录复制到 ${ctx.config.evidenceDir}，再运行 verify-evidence 核查 ${evidenceRows} 件证据`);
        console.error(`this backup (old format) holds no evidence files: copy the old evidence directory to ${ctx.config.evidenceDir}, then run verify-evidence`);
      }
      const visitFileRows = s.tables.find((t) => t.name === 'inspection_files')?.rows ?? 0;
      if (s.inspectionFiles) {
        console.log(`已恢复 ${s.inspectionFiles.files} 件检查记录文件（现场照片、签名，${sizeText(s.inspectionFiles.bytes)}），SM3 摘要均与登记一致`
          + ` / restored ${s.inspectionFiles.files} inspection visit files, each matching its recorded SM3`);
        for (const k of s.inspectionFiles.skipped) console.error(`  检查记录文件 #${k.id}（${k.storageKey}）备份时${skipName(k.reason)}，备份中没有其文件 / not in the backup`);
        if (s.inspectionFiles.skipped.length) {
          console.error(`${s.inspectionFiles.skipped.length} 件检查记录文件在备份时已缺失或被改动，未能恢复其文件`);
        }
      } else if (visitFileRows > 0) {
        console.error(`此备份为旧格式，不含检查记录文件（现场照片、签名）：请将原证据目录下的 inspections 目录复制到 ${ctx.config.evidenceDir}`);
        console.error(`this backup (old format) holds no inspection visit files: copy the old evidence directory's inspections folder to ${ctx.config.evidenceDir}`);
      }
      const appFileRows = s.tables.find((t) => t.name === 'application_files')?.rows ?? 0;
      if (s.applicationFiles) {
        console.log(`已恢复 ${s.applicationFiles.files} 件申请材料文件（${sizeText(s.applicationFiles.bytes)}），SM3 摘要均与登记一致`
          + ` / restored ${s.applicationFiles.files} application material files, each matching its recorded SM3`);
        for (const k of s.applicationFiles.skipped) console.error(`  申请材料文件 #${k.id}（${k.storageKey}）备份时${skipName(k.reason)}，备份中没有其文件 / not in the backup`);
      } else if (appFileRows > 0) {
        console.error(`此备份为旧格式，不含申请材料文件：请将原证据目录下的 applications 目录复制到 ${ctx.config.evidenceDir}`);
        console.error(`this backup (old format) holds no application material files: copy the old evidence directory's applications folder to ${ctx.config.evidenceDir}`);
      }
      const matterFileRows = s.tables.find((t) => t.name === 'matter_files')?.rows ?? 0;
      if (s.matterFiles) {
        console.log(`已恢复 ${s.matterFiles.files} 件事项附件（${sizeText(s.matterFiles.bytes)}），SM3 摘要均与登记一致`
          + ` / restored ${s.matterFiles.files} matter files, each matching its recorded SM3`);
        for (const k of s.matterFiles.skipped) console.error(`  事项附件 #${k.id}（${k.storageKey}）备份时${skipName(k.reason)}，备份中没有其文件 / not in the backup`);
      } else if (matterFileRows > 0) {
        console.error(`此备份为旧格式，不含事项附件：请将原证据目录下的 matters 目录复制到 ${ctx.config.evidenceDir}`);
        console.error(`this backup (old format) holds no matter files: copy the old evidence directory's matters folder to ${ctx.config.evidenceDir}`);
      }
      if (s.audit.ok) {
        console.log(`审计日志完整：${s.audit.checked} 条记录的哈希链校验通过 / audit chain intact (${s.audit.checked} entries)`);
        return 0;
      }
      console.error(`数据已恢复，但审计日志哈希链校验失败：第一个断链位于记录 #${s.audit.firstBroken!.id}：${s.audit.firstBroken!.reason}`);
      console.error(`data restored, but the audit chain is broken at entry #${s.audit.firstBroken!.id}`);
      return 1;
    } catch (err) {
      if (err instanceof BackupError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
  });
}
