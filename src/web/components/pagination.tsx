// Table pagination wired to URL filters, with the capped total the server reports.
import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../lib/i18n';
import type { UrlFilters } from '../lib/urlState';
import type { Paged } from '../lib/types';

export function tablePagination(f: UrlFilters<string>, data: Paged<unknown> | undefined, t: Translate): TablePaginationConfig {
  const capped = !!data?.totalCapped;
  return {
    current: f.page,
    pageSize: f.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showQuickJumper: (data?.total ?? 0) > f.pageSize * 10,
    showTotal: (total) => (
      <span data-testid="list-total">
        {capped
          ? t(`超过${total}条，请增加查询条件缩小范围`, `More than ${total.toLocaleString('en')} records; narrow the search`)
          : t(`共 ${total.toLocaleString('zh-CN')} 条`, `${total.toLocaleString('en')} in all`)}
      </span>
    ),
    onChange: (page, size) => f.setPage(size !== f.pageSize ? 1 : page, size),
  };
}
