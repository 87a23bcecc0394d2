// Small formatting helpers shared by the pages.
import dayjs from 'dayjs';
import { ApiError } from './api';
import type { Translate } from './i18n';

/** A server timestamp as local date and time, e.g. 2026-03-05 14:07. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : String(value);
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The weekday of a 'YYYY-MM-DD' date. */
export function weekdayOf(date: string, t: Translate): string {
  const d = dayjs(date).day();
  return t(WEEKDAYS_ZH[d], WEEKDAYS_EN[d]);
}

/** The message to show for a failed request: the server's Chinese message when there is one. */
export function errorMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('网络错误，请检查网络连接后重试', 'Network error, check the connection and try again');
    return err.message;
  }
  if (err instanceof Error && err.message) return err.message;
  return t('操作失败，请稍后重试', 'The operation failed, try again later');
}

/** Today as 'YYYY-MM-DD' in the browser's time zone. */
export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined) return '';
  return n.toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
