import { withContext, progressLine } from './context';
import { verifyAuditChain } from '../platform/audit/audit';

/** Exit code 0 when the whole chain verifies, 1 naming the first broken link otherwise. */
export async function run(): Promise<number> {
  return withContext(async (ctx) => {
    const result = await verifyAuditChain(ctx.db, (n) => progressLine(`已校验 ${n} 条 / checked ${n}`));
    if (process.stdout.isTTY) process.stdout.write('\n');
    if (result.ok) {
      console.log(`审计日志完整：${result.checked} 条记录的哈希链校验通过 / audit chain intact (${result.checked} entries)`);
      return 0;
    }
    console.error(`审计日志被篡改：第一个断链位于记录 #${result.firstBroken!.id}：${result.firstBroken!.reason}`);
    console.error(`audit chain broken: first broken link at entry #${result.firstBroken!.id}`);
    return 1;
  });
}
