import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Radio, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { useT } from '../../lib/i18n';
import { errorMessage, formatDateTime, today, weekdayOf } from '../../lib/format';
import { useUrlFilters } from '../../lib/urlState';
import type { DayInfo, YearDays, YearSummary } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KIND_STYLE, YearGrid, isWeekend, kindOf } from './YearGrid';
import { ArrangementDrawer } from './ArrangementDrawer';

export function CalendarPage() {
  const t = useT();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const writable = can('calendar.write');
  const f = useUrlFilters(['year'] as const);
  const thisYear = dayjs().year();
  const year = Number(f.values.year) || thisYear;

  const years = useQuery({ queryKey: ['calendar', 'years'], queryFn: () => api.get<YearSummary[]>('/api/calendar/years') });
  const data = useQuery({ queryKey: ['calendar', 'year', year], queryFn: () => api.get<YearDays>(`/api/calendar/years/${year}`) });

  const yearOptions = useMemo(() => {
    const set = new Set<number>([thisYear - 1, thisYear, thisYear + 1, year, ...(years.data ?? []).map((y) => y.year)]);
    return [...set].sort().map((y) => ({ value: y, label: t(`${y}年`, String(y)) }));
  }, [years.data, thisYear, year, t]);

  const [picked, setPicked] = useState<DayInfo | null>(null);
  const [dayForm] = Form.useForm<{ kind: 'holiday' | 'workday' | 'normal'; name?: string }>();
  const dayKind = Form.useWatch('kind', dayForm);
  const [loading, setLoading] = useState(false);

  const invalidate = () => qc.invalidateQueries({ queryKey: ['calendar'] });

  const pick = (d: DayInfo) => {
    setPicked(d);
    const k = kindOf(d);
    dayForm.setFieldsValue({ kind: k === 'holiday' ? 'holiday' : k === 'makeup' ? 'workday' : 'normal', name: k === 'holiday' || k === 'makeup' ? d.name : '' });
  };

  const saveDay = (values: { kind: 'holiday' | 'workday' | 'normal'; name?: string }) => {
    if (!picked) return;
    const what = values.kind === 'holiday' ? t('节假日（休息）', 'a holiday') : values.kind === 'workday' ? t('调休上班日', 'a make-up working day') : t('常规（工作日按周一至周五）', 'an ordinary day');
    modal.confirm({
      title: t(`将 ${picked.date} 设为${what}？`, `Make ${picked.date} ${what}?`),
      content: t('工作日历决定所有法定期限的届满日；修改后，尚未届满的期限将按新日历重新计算，操作记入审计日志。',
        'The calendar decides every statutory deadline; open deadlines will be recomputed. The change is audited.'),
      okText: t('确认修改', 'Change'), cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          const r = await api.put<{ recomputed: number }>(`/api/calendar/days/${picked.date}`, { kind: values.kind, ...(values.name?.trim() ? { name: values.name.trim() } : {}) });
          message.success(t(`已修改，重新计算了 ${r.recomputed} 个期限`, `Saved; ${r.recomputed} deadlines recomputed`));
          setPicked(null);
          await invalidate();
        } catch (err) {
          message.error(errorMessage(err, t));
        }
      },
    });
  };

  const openArrangement = () => setLoading(true);

  const summary = (years.data ?? []).find((y) => y.year === year);
  const stats = useMemo(() => {
    const ds = data.data?.days ?? [];
    return {
      workdays: ds.filter((d) => d.workday).length,
      holidays: ds.filter((d) => kindOf(d) === 'holiday').length,
      makeups: ds.filter((d) => kindOf(d) === 'makeup').length,
    };
  }, [data.data]);

  return (
    <div>
      <PageHeader
        title={t('工作日历', 'Working-day calendar')}
        subtitle={t('按国务院办公厅每年公布的节假日安排确定工作日，所有以工作日计算的法定期限都以此为准。', 'Working days follow the State Council’s annual holiday arrangement; every working-day deadline uses it.')}
        extra={<>
          <Select data-testid="calendar-year-select" value={year} options={yearOptions} onChange={(y) => f.set({ year: y === thisYear ? undefined : y })} style={{ width: 110 }} />
          {writable && <Button type="primary" icon={<CalendarOutlined />} onClick={openArrangement} data-testid="calendar-load">{t(`加载${year}年节假日安排`, `Load the ${year} arrangement`)}</Button>}
        </>}
      />
      <ErrorAlert error={data.error} onRetry={() => data.refetch()} />
      {data.data && !data.data.loaded && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-provisional"
          title={t(`${year} 年节假日安排尚未加载：目前仅按周一至周五为工作日推算，期限结果为“暂定”。`, `The ${year} arrangement is not loaded: only weekends are rest days, so deadlines are provisional.`)}
          description={writable ? t('国务院办公厅公布后，请点击右上角“加载节假日安排”录入。', 'Once published, load it with the button at the top right.') : t('请联系系统管理员在公布后加载。', 'Ask an administrator to load it once published.')}
        />
      )}
      {data.data?.loaded && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }}
          title={<span>{t('依据：', 'Source: ')}{data.data.source}</span>}
          description={summary?.updatedAt ? t(`最近更新 ${formatDateTime(summary.updatedAt)}`, `Updated ${formatDateTime(summary.updatedAt)}`) : undefined} />
      )}
      <Card
        title={<Space wrap>
          <span>{t(`${year}年`, String(year))}</span>
          <Tag>{t(`工作日 ${stats.workdays} 天`, `${stats.workdays} working days`)}</Tag>
          <Tag color="red">{t(`节假日 ${stats.holidays} 天`, `${stats.holidays} holiday days`)}</Tag>
          <Tag color="orange">{t(`调休上班 ${stats.makeups} 天`, `${stats.makeups} make-up days`)}</Tag>
        </Space>}
        extra={<Space size="middle" wrap>
          {(['holiday', 'makeup', 'weekend', 'workday'] as const).map((k) => (
            <Space key={k} size={4}><span style={{ ...KIND_STYLE[k], display: 'inline-block', width: 14, height: 14, borderRadius: 3, border: KIND_STYLE[k].border === '1px solid transparent' ? '1px solid #d9d9d9' : KIND_STYLE[k].border }} />
              {{ holiday: t('节假日', 'Holiday'), makeup: t('调休上班', 'Make-up day'), weekend: t('周末', 'Weekend'), workday: t('工作日', 'Working day') }[k]}</Space>
          ))}
          {writable && <Typography.Text type="secondary">{t('点击日期可修改', 'Click a day to change it')}</Typography.Text>}
        </Space>}
      >
        {data.isLoading ? <Skeleton active paragraph={{ rows: 12 }} /> : data.data ? (
          <YearGrid days={data.data.days} today={today()} onPick={writable ? pick : undefined} />
        ) : <Empty />}
      </Card>

      <Card title={t('年度节假日安排', 'Holiday arrangements by year')} style={{ marginTop: 16 }} size="small">
        <Table<YearSummary>
          rowKey="year"
          size="small"
          pagination={false}
          loading={years.isLoading}
          dataSource={years.data}
          onRow={(r) => ({ onClick: () => f.set({ year: r.year === thisYear ? undefined : r.year }), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
            {
              title: t('依据', 'Source'), dataIndex: 'source',
              render: (src: string, r) => r.loaded ? src : <Space><Tag color="orange">{t('未加载', 'Not loaded')}</Tag><Typography.Text type="secondary">{t('仅有单日调整，节假日安排尚未加载', 'Single-day changes only; arrangement not loaded')}</Typography.Text></Space>,
            },
            { title: t('假期天数', 'Holidays'), dataIndex: 'holidays', width: 100, align: 'right' },
            { title: t('调休上班', 'Make-up days'), dataIndex: 'workdays', width: 100, align: 'right' },
            { title: t('更新时间', 'Updated'), dataIndex: 'updatedAt', width: 160, render: formatDateTime },
          ]}
          locale={{ emptyText: <Empty description={t('尚未加载任何年度的节假日安排', 'No year loaded yet')} /> }}
        />
      </Card>

      <Modal
        open={!!picked}
        title={picked ? `${picked.date} ${weekdayOf(picked.date, t)}` : ''}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
        onOk={() => dayForm.submit()}
        onCancel={() => setPicked(null)}
        forceRender
      >
        {picked && (
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }} items={[
            { key: 'now', label: t('当前', 'Now'), children: <Space>{picked.workday ? <Tag color="blue">{t('工作日', 'Working day')}</Tag> : <Tag color="red">{t('休息日', 'Rest day')}</Tag>}{picked.name}{picked.provisional && <Tag color="orange">{t('暂定', 'Provisional')}</Tag>}</Space> },
          ]} />
        )}
        <Form name="day" form={dayForm} layout="vertical" onFinish={saveDay}>
          <Form.Item name="kind" label={t('设为', 'Make it')} rules={[{ required: true }]}>
            <Radio.Group data-testid="day-kind">
              <Radio value="holiday">{t('节假日（休息）', 'Holiday (rest)')}</Radio>
              <Radio value="workday" disabled={!!picked && !isWeekend(picked.date)}>{t('调休上班日', 'Make-up working day')}</Radio>
              <Radio value="normal">{t('常规', 'Ordinary')}</Radio>
            </Radio.Group>
          </Form.Item>
          {picked && !isWeekend(picked.date) && <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>{t('只有周末才能设为调休上班日。', 'Only a weekend day can be a make-up working day.')}</Typography.Paragraph>}
          {dayKind !== 'normal' && (
            <Form.Item name="name" label={t('名称', 'Name')} rules={[{ max: 40, message: t('不能超过40个字符', 'At most 40 characters') }]} extra={t('如“国庆节”“春节调休上班”', 'e.g. National Day')}>
              <Input maxLength={40} />
            </Form.Item>
          )}
        </Form>
      </Modal>

      <ArrangementDrawer open={loading} year={year} current={data.data} onClose={() => setLoading(false)} onSaved={() => { setLoading(false); void invalidate(); }} />
    </div>
  );
}
