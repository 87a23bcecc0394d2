// The import template of a dataset: sheet 1 holds the header row (cells formatted as
// text so Excel keeps codes such as 001 or long digit strings as typed); the sheet
// 说明 explains every column in Chinese — name, 中文名称, 是否必填, 格式或取值, 示例 —
// followed by the rules every import follows.
import ExcelJS from 'exceljs';
import type { Dataset } from './dataset';

export const TEMPLATE_GUIDE_SHEET = '说明';
export const TEMPLATE_GUIDE_HEADER = ['column', '中文名称', '是否必填', '格式或取值', '示例'];

export async function buildTemplate(dataset: Dataset): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '卫生健康法治运行平台';
  const names = Object.keys(dataset.columns);

  const data = wb.addWorksheet(dataset.label);
  data.addRow(names);
  names.forEach((name, i) => {
    const spec = dataset.columns[name];
    const col = data.getColumn(i + 1);
    col.width = Math.max(14, name.length + 4);
    if (spec.kind !== 'number') col.numFmt = '@';
  });
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const guide = wb.addWorksheet(TEMPLATE_GUIDE_SHEET);
  guide.addRow(TEMPLATE_GUIDE_HEADER);
  guide.getRow(1).font = { bold: true };
  for (const name of names) {
    const c = dataset.columns[name];
    guide.addRow([name, c.label, c.required ? '是' : '否', c.format, c.example]);
  }
  guide.columns.forEach((col, i) => { col.width = [22, 20, 10, 70, 26][i]; });
  guide.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
  guide.addRow([]);
  const notes = [
    `关键列：${dataset.key}。文件中已存在于系统的 ${dataset.key} 将更新该记录，不会重复新增；同一文件中每个 ${dataset.key} 只能出现一次。`,
    '请在第一个工作表中填写数据：第1行为列名（须与上表完全一致，可多出其他列，多出的列不导入），从第2行起每行一条记录。',
    '文件格式：XLSX（读取第一个工作表），或 CSV（UTF-8 编码，可带 BOM，逗号分隔，第一行为列名）。',
    '日期格式为 YYYY-MM-DD；是/否填 Y 或 N；多个值用英文分号 ; 分隔；金额以元为单位，最多两位小数；可选列留空表示无。',
    '整个文件在一个事务中导入：任何一行有错，全部不导入，并列出每一处错误（行号、列、值、原因）；改正后重新导入整个文件即可。',
  ];
  for (const n of notes) guide.addRow([n]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
