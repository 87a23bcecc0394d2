// npm run cli -- restore <file>: a backup into an empty database (new PGlite data
// directory or new PostgreSQL database), then the audit chain is verified.
import fs from 'node:fs';
import path from 'node:path';
import { withContext, progressLine } from './context';
import { restoreDatabase } from '../platform/backup/restore';
import { BackupError } from '../platform/backup/format';

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
      const s = await restoreDatabase(ctx.db, file, { onProgress: (t, n) => progressLine(`恢复 / restoring ${t}: ${n}`) });
      if (process.stdout.isTTY) process.stdout.write('\n');
      for (const t of s.tables) console.log(`  ${t.name.padEnd(28)} ${String(t.rows).padStart(10)}`);
      const rows = s.tables.reduce((sum, t) => sum + t.rows, 0);
      console.log(`已从 ${file}（备份时间 ${s.header.createdAt}，来源 ${s.header.source}）恢复 ${s.tables.length} 张表、${rows} 行`);
      console.log(`restored ${s.tables.length} tables, ${rows} rows (backup of ${s.header.createdAt}, from ${s.header.source})`);
      if (s.replaced.length) {
        console.log(`目标库原有的初始数据已由备份替换 / start-up rows replaced by the backup: ${s.replaced.map((r) => `${r.name} ${r.rows}`).join(', ')}`);
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
