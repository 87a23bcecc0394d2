// Twelve month grids (Monday first, as Chinese calendars print them) with holidays,
// make-up working days and weekends coloured.
import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../lib/i18n';
import type { DayInfo } from '../../lib/types';

export type DayKind = 'holiday' | 'makeup' | 'weekend' | 'workday';

export function isWeekend(date: string): boolean {
  const d = dayjs(date).day();
  return d === 0 || d === 6;
}

export function kindOf(d: DayInfo): DayKind {
  if (!d.workday) return d.name && d.name !== '周末' ? 'holiday' : 'weekend';
  return isWeekend(d.date) ? 'makeup' : 'workday';
}

export const KIND_STYLE: Record<DayKind, React.CSSProperties> = {
  holiday: { background: '#fff1f0', color: '#cf1322', border: '1px solid #ffa39e' },
  makeup: { background: '#fff7e6', color: '#d46b08', border: '1px solid #ffd591' },
  weekend: { background: '#fafafa', color: '#8c8c8c', border: '1px solid transparent' },
  workday: { background: '#fff', color: '#262626', border: '1px solid transparent' },
};

const WEEK_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEK_EN = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

export function YearGrid({ days, today, onPick }: { days: DayInfo[]; today: string; onPick?: (d: DayInfo) => void }) {
  const t = useT();
  const months: DayInfo[][] = Array.from({ length: 12 }, () => []);
  for (const d of days) months[Number(d.date.slice(5, 7)) - 1].push(d);
  return (
    <div data-testid="calendar-year" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))', gap: 16 }}>
      {months.map((m, i) => {
        if (m.length === 0) return null;
        const lead = (dayjs(m[0].date).day() + 6) % 7;
        return (
          <div key={i} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, background: '#fff' }}>
            <div style={{ fontWeight: 600, marginBottom: 6, textAlign: 'center' }}>{t(`${i + 1}月`, dayjs().month(i).format('MMMM'))}</div>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
              {WEEK_ZH.map((w, j) => <div key={w} style={{ textAlign: 'center', color: j >= 5 ? '#8c8c8c' : '#595959' }}>{t(w, WEEK_EN[j])}</div>)}
              {Array.from({ length: lead }, (_, j) => <div key={`pad${j}`} />)}
              {m.map((d) => {
                const kind = kindOf(d);
                const label = kind === 'holiday' || kind === 'makeup' ? d.name : undefined;
                const cell = (
                  <div
                    data-testid={`day-${d.date}`}
                    data-kind={kind}
                    onClick={onPick ? () => onPick(d) : undefined}
                    style={{
                      ...KIND_STYLE[kind], borderRadius: 4, textAlign: 'center', padding: '3px 0', lineHeight: '16px', position: 'relative',
                      cursor: onPick ? 'pointer' : 'default', outline: d.date === today ? '2px solid #1f5fbf' : undefined,
                    }}
                  >
                    {Number(d.date.slice(8))}
                    {kind === 'holiday' && <span style={{ position: 'absolute', top: -1, right: 1, fontSize: 9 }}>{t('休', 'H')}</span>}
                    {kind === 'makeup' && <span style={{ position: 'absolute', top: -1, right: 1, fontSize: 9 }}>{t('班', 'W')}</span>}
                  </div>
                );
                return label ? <Tooltip key={d.date} title={`${d.date} ${label}`}>{cell}</Tooltip> : <div key={d.date}>{cell}</div>;
              })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
