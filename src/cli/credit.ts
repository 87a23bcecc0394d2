// npm run cli -- credit recompute [--org CODE]: recomputes the credit grade, risk class
// and priority-supervision list of every entity (or of one organisation's subtree) with
// the default rule set and each organisation's rule values (modules/credit), in batches,
// as the system actor 'cli'. Audited once with the counts, like the API's recompute.
import { withContext } from './context';
import { SYSTEM_ACTOR } from '../platform/access/user';
import { recomputeOrgs } from '../modules/credit/service';

const USAGE = '用法 / usage: npm run cli -- credit recompute [--org <机构代码 org code>]';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const i = rest.indexOf('--org');
  const code = i >= 0 ? rest[i + 1] : undefined;
  const known = i >= 0 ? rest.length === 2 && !!code : rest.length === 0;
  if (sub !== 'recompute' || !known) {
    console.error(USAGE);
    return 2;
  }
  return withContext(async (ctx) => {
    let orgIds: number[];
    if (code) {
      const rows = await ctx.db.query<{ id: number }>(
        `SELECT x.id FROM organizations x, organizations r WHERE r.code = $1 AND x.path LIKE r.path || '%'`, [code]);
      if (rows.length === 0) {
        console.error(`机构代码“${code}”不存在 / no organisation with code ${code}`);
        return 1;
      }
      orgIds = rows.map((r) => r.id);
    } else {
      orgIds = (await ctx.db.query<{ id: number }>('SELECT id FROM organizations')).map((r) => r.id);
    }
    const started = Date.now();
    const r = await recomputeOrgs(ctx.db, SYSTEM_ACTOR('cli'), orgIds, null, { orgCode: code ?? null });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`已重新评价 ${r.entities} 个监管对象（评价日期 ${r.evaluatedOn}），其中 ${r.changed} 个信用等级、风险等级或名单有变化，${r.failed} 个无法评价（${seconds} 秒）`);
    console.log(`recomputed ${r.entities} entities on ${r.evaluatedOn}: ${r.changed} changed, ${r.failed} failed (${seconds} s)`);
    for (const e of r.errors) console.error(`  监管对象 #${e.entityId}：${e.message}`);
    return r.failed > 0 ? 1 : 0;
  });
}
