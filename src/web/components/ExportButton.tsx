import { Button, Tooltip } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { download, qs } from '../lib/api';
import { useT } from '../lib/i18n';

/**
 * "导出 Excel": downloads the server's export of a list with the filters now applied.
 * Page numbers are not sent: the export holds every matching row.
 */
export function ExportButton({ path, filters, testId = 'export-button' }: {
  path: string;
  /** The list's filters, when the export endpoint takes them; without, the whole data scope is exported. */
  filters?: Record<string, unknown>;
  testId?: string;
}) {
  const t = useT();
  const { page: _page, pageSize: _size, sort: _sort, ...rest } = filters ?? {};
  return (
    <Tooltip title={filters
      ? t('按当前筛选条件导出全部记录（格式与导入模板相同）', 'Export every record matching the current filters (same format as the import template)')
      : t('导出您数据范围内的全部记录（格式与导入模板相同）', 'Export every record in your data scope (same format as the import template)')}>
      <Button icon={<FileExcelOutlined />} onClick={() => download(path + qs({ format: 'xlsx', ...rest }))} data-testid={testId}>
        {t('导出 Excel', 'Export to Excel')}
      </Button>
    </Tooltip>
  );
}
