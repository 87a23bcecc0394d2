// npm run cli -- backup <file>: every table to one gzip file (src/platform/backup),
// restorable into PGlite or a PostgreSQL server.
import path from 'node:path';
import { withContext, progressLine } from './context';
import { backupDatabase } from '../platform/backup/backup';
import { BackupError } from '../platform/backup/format';

export async function run(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error('用法 / usage: npm run cli -- backup <file>');
    return 2;
  }
  const file = path.resolve(args[0]);
  return withContext(async (ctx) => {
    try {
      const s = await backupDatabase(ctx.db, file, { onProgress: (t, n) => progressLine(`备份 / backing up ${t}: ${n}`) });
      if (process.stdout.isTTY) process.stdout.write('\n');
      const rows = s.header.tables.reduce((sum, t) => sum + t.rows, 0);
      for (const t of s.header.tables) console.log(`  ${t.name.padEnd(28)} ${String(t.rows).padStart(10)}`);
      console.log(`已备份 ${s.header.tables.length} 张表、${rows} 行到 ${file}（${s.bytes >= 1024 * 1024 ? `${(s.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(s.bytes / 1024))} KB`}）`);
      console.log(`backed up ${s.header.tables.length} tables, ${rows} rows to ${file}`);
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
