// npm run cli -- <command> [args]. Each command lives in src/cli/<command>.ts and works
// on the same database the server uses (DATA_DIR or DATABASE_URL).
const COMMANDS: Record<string, { usage: string; summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> }> = {
  migrate: { usage: 'migrate', summary: '执行数据库迁移 (apply migrations)', load: () => import('./cli/migrate') },
  seed: { usage: 'seed [--entities N]', summary: '在空数据库中生成演示数据 (seed the demo commission)', load: () => import('./cli/seed') },
  import: { usage: 'import <dataset> <file.csv|file.xlsx>', summary: '导入数据集 (import a dataset)', load: () => import('./cli/importCommand') },
  export: { usage: 'export <dataset> <file.csv|file.xlsx>', summary: '导出数据集 (export a dataset)', load: () => import('./cli/exportCommand') },
  backup: { usage: 'backup <file>', summary: '备份全部数据 (back up every table)', load: () => import('./cli/backup') },
  restore: { usage: 'restore <file>', summary: '从备份恢复到空数据库 (restore into an empty database)', load: () => import('./cli/restore') },
  'verify-audit': { usage: 'verify-audit', summary: '校验审计日志哈希链 (verify the audit chain)', load: () => import('./cli/verifyAudit') },
  'verify-evidence': { usage: 'verify-evidence', summary: '校验证据文件完整性 (verify evidence files)', load: () => import('./cli/verifyEvidence') },
  reminders: { usage: 'reminders [--date YYYY-MM-DD]', summary: '发送证照到期提醒并显示数量 (send licence expiry reminders)', load: () => import('./cli/reminders') },
  credit: { usage: 'credit recompute [--org CODE]', summary: '重新评价信用等级、风险等级和重点监管名单 (recompute credit grades)', load: () => import('./cli/credit') },
};

function help(): void {
  console.log('用法 / usage: npm run cli -- <command>\n');
  for (const c of Object.values(COMMANDS)) console.log(`  ${c.usage.padEnd(44)} ${c.summary}`);
}

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    help();
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  const mod = await command.load();
  return mod.run(args);
}

main().then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
