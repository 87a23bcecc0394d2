import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, InputNumber, Radio, Row, Space, Spin, Tag, Typography } from 'antd';
import { CalculatorOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, qs } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { weekdayOf } from '../../lib/format';
import { useUrlFilters } from '../../lib/urlState';
import type { DayInfo, DeadlineResult } from '../../lib/types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';

interface DeadlineForm { from: Dayjs; amount: number; unit: 'workday' | 'day' }

export function DeadlinePage() {
  const t = useT();
  const f = useUrlFilters(['from', 'amount', 'unit', 'day'] as const);
  const v = f.values;
  const [form] = Form.useForm<DeadlineForm>();
  const ready = !!(v.from && v.amount && v.unit);

  useEffect(() => {
    form.setFieldsValue({ from: v.from ? dayjs(v.from) : dayjs(), amount: v.amount ? Number(v.amount) : 20, unit: v.unit === 'day' ? 'day' : 'workday' });
  }, [v.from, v.amount, v.unit, form]);

  const result = useQuery({
    queryKey: ['deadline', v.from, v.amount, v.unit],
    queryFn: () => api.get<DeadlineResult>(`/api/calendar/deadline${qs({ from: v.from, amount: v.amount, unit: v.unit })}`),
    enabled: ready,
  });

  const [dayValue, setDayValue] = useState<Dayjs | null>(v.day ? dayjs(v.day) : dayjs());
  const day = useQuery({
    queryKey: ['calendar', 'day', v.day],
    queryFn: () => api.get<DayInfo>(`/api/calendar/days/${v.day}`),
    enabled: !!v.day,
  });

  const r = result.data;
  const unitLabel = (u: 'workday' | 'day') => u === 'workday' ? t('个工作日', ' working days') : t('日（自然日）', ' calendar days');

  return (
    <div>
      <PageHeader
        title={t('期限计算器', 'Deadline calculator')}
        subtitle={t('按工作日历计算法定期限的届满日，与平台内各类事项的期限计算规则一致。', 'Works out the end of a statutory period with the working-day calendar, exactly as the platform does for every matter.')}
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('计算规则：期间从起算日的次日开始计算；按自然日计算的期间，届满日为法定休假日的，以休假日后的第一个工作日为届满日；按工作日计算的期间只计工作日。',
          'Rule: a period starts on the day after the starting date; a calendar-day period ending on a rest day ends on the next working day; a working-day period counts working days only.')}
      />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('计算届满日', 'Compute the due date')} style={{ marginBottom: 16 }}>
            <Form<DeadlineForm>
              form={form}
              layout="inline"
              onFinish={(x) => f.set({ from: x.from.format('YYYY-MM-DD'), amount: x.amount, unit: x.unit })}
              style={{ rowGap: 12 }}
            >
              <Form.Item name="from" label={t('起算日', 'From')} rules={[{ required: true, message: t('请选择起算日（如受理之日）', 'Choose the starting date') }]}>
                <DatePicker allowClear={false} data-testid="deadline-from" />
              </Form.Item>
              <Form.Item name="amount" label={t('期间', 'Period')} rules={[{ required: true, message: t('请输入天数', 'Enter the number of days') }]}>
                <InputNumber min={0} max={3660} precision={0} style={{ width: 100 }} data-testid="deadline-amount" />
              </Form.Item>
              <Form.Item name="unit" rules={[{ required: true }]}>
                <Radio.Group optionType="button" data-testid="deadline-unit" options={[{ value: 'workday', label: t('工作日', 'Working days') }, { value: 'day', label: t('自然日', 'Calendar days') }]} />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} data-testid="deadline-submit">{t('计算', 'Compute')}</Button>
              </Form.Item>
            </Form>
          </Card>
          <Card data-testid="deadline-result" title={t('计算结果', 'Result')}>
            {result.isError ? <ErrorAlert error={result.error} /> : result.isFetching && !r ? <Spin /> : !ready || !r ? (
              <Empty description={t('输入起算日和期间后点击“计算”', 'Enter a date and a period, then compute')} />
            ) : (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <div>
                  <Typography.Text type="secondary">{t(`自 ${r.from}（${weekdayOf(r.from, t)}）起 ${r.amount}${unitLabel(r.unit)}，届满日为`, `${r.amount}${unitLabel(r.unit)} from ${r.from} (${weekdayOf(r.from, t)}) end on`)}</Typography.Text>
                  <div style={{ fontSize: 30, fontWeight: 600, color: '#1f5fbf', lineHeight: 1.4 }}>
                    <span data-testid="deadline-due">{r.due}</span>
                    <span style={{ fontSize: 18, marginLeft: 12 }} data-testid="deadline-weekday">{weekdayOf(r.due, t)}</span>
                  </div>
                </div>
                {r.provisional && (
                  <Alert type="warning" showIcon data-testid="deadline-provisional"
                    title={t('结果为暂定：计算涉及的年份尚未加载国务院办公厅节假日安排，仅按周末推算，公布后可能变化。', 'Provisional: a year involved has no holiday arrangement loaded yet, so only weekends were skipped.')} />
                )}
                <Descriptions size="small" column={1} items={[
                  { key: 'c', label: t('依据', 'Legal basis'), children: <span data-testid="deadline-citation">{r.citation}</span> },
                ]} />
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('查询某日', 'Look up a day')}>
            <Space wrap>
              <DatePicker value={dayValue} onChange={setDayValue} data-testid="day-lookup-date" />
              <Button icon={<SearchOutlined />} onClick={() => dayValue && f.set({ day: dayValue.format('YYYY-MM-DD') })} data-testid="day-lookup-submit">{t('查询', 'Look up')}</Button>
            </Space>
            <div style={{ marginTop: 16 }} data-testid="day-result">
              {day.isError ? <ErrorAlert error={day.error} /> : day.isFetching ? <Spin /> : day.data ? (
                <Descriptions size="small" column={1} bordered items={[
                  { key: 'd', label: t('日期', 'Date'), children: `${day.data.date} ${weekdayOf(day.data.date, t)}` },
                  {
                    key: 'w', label: t('是否工作日', 'Working day'),
                    children: <Space>
                      {day.data.workday ? <Tag color="blue">{t('工作日', 'Working day')}</Tag> : <Tag color="red">{t('休息日', 'Rest day')}</Tag>}
                      {day.data.name && <span>{day.data.name}</span>}
                    </Space>,
                  },
                  ...(day.data.provisional ? [{ key: 'p', label: t('说明', 'Note'), children: <Typography.Text type="warning">{t('该年节假日安排尚未加载，结果为暂定', 'Provisional: the year is not loaded')}</Typography.Text> }] : []),
                ]} />
              ) : <Typography.Text type="secondary">{t('选择日期后查询是否为工作日', 'Choose a date to see whether it is a working day')}</Typography.Text>}
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
