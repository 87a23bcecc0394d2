import { withContext, progressLine } from './context';
import { verifyAllEvidence } from '../modules/evidence/service';

const RESULT_NAMES = { altered: '被改动 altered', missing: '缺失 missing', intact: '完整 intact' } as const;

/** Exit code 0 when every evidence file and record is intact, 1 listing each one that is not. */
export async function run(): Promise<number> {
  return withContext(async (ctx) => {
    const result = await verifyAllEvidence(ctx.db, ctx.config.evidenceDir, (n) => {
      if (n % 100 === 0) progressLine(`已校验 ${n} 件 / checked ${n}`);
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    for (const p of result.problems) {
      console.error(`${p.caseNo} 证据 #${p.id}「${p.title}」${RESULT_NAMES[p.result]}：${p.reason ?? ''}（${p.storageKey}）`);
    }
    if (result.problems.length === 0) {
      console.log(`证据完整：${result.checked} 件证据的文件与登记记录校验通过 / evidence intact (${result.checked} items)`);
      return 0;
    }
    console.error(`${result.problems.length} 件证据未通过校验 / ${result.problems.length} of ${result.checked} items altered or missing`);
    return 1;
  });
}
