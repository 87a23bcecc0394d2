import { withContext } from './context';
import { isEmpty } from '../platform/bootstrap';
import { DEMO_ENTITY_COUNT, seedDemo } from '../seed/demo';

export async function run(args: string[]): Promise<number> {
  const i = args.indexOf('--entities');
  const count = i >= 0 ? Number(args[i + 1]) : DEMO_ENTITY_COUNT;
  if (!Number.isInteger(count) || count < 0) {
    console.error('--entities 应为非负整数');
    return 2;
  }
  return withContext(async (ctx) => {
    if (!(await isEmpty(ctx.db))) {
      console.error('数据库不是空的，未生成演示数据 / the database is not empty; nothing seeded');
      return 1;
    }
    await seedDemo(ctx.db, ctx.calendar, count, ctx.config.evidenceDir);
    console.log(`已生成演示数据 / demo seeded (${count} entities)`);
    return 0;
  });
}
