import { loadConfig } from '../platform/config';
import { openDatabase } from '../platform/db';
import { migrate } from '../platform/db/migrate';

export async function run(): Promise<number> {
  const db = await openDatabase(loadConfig());
  try {
    const { applied } = await migrate(db);
    console.log(applied.length ? `已执行迁移 / applied: ${applied.join(', ')}` : '数据库已是最新 / already up to date');
    return 0;
  } finally {
    await db.close();
  }
}
