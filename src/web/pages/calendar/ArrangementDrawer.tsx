// The form that loads (or corrects) a year's official holiday arrangement, prefilled
// from what the calendar holds for that year.
import { useEffect, useState } from 'react';
import { App, Alert, Button, Col, DatePicker, Drawer, Form, Input, Row, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import type { DayInfo, YearDays } from '../../lib/types';
import { kindOf } from './YearGrid';

interface ArrangementForm {
  source: string;
  holidays: { range: [Dayjs, Dayjs]; name: string }[];
  workdays: { date: Dayjs; name: string }[];
}

/** The year's holidays and make-up days as the arrangement form's rows. */
function arrangementOf(days: DayInfo[]): Pick<ArrangementForm, 'holidays' | 'workdays'> {
  const holidays: ArrangementForm['holidays'] = [];
  const workdays: ArrangementForm['workdays'] = [];
  let run: { from: string; to: string; name: string } | null = null;
  const flush = () => { if (run) holidays.push({ range: [dayjs(run.from), dayjs(run.to)], name: run.name }); run = null; };
  for (const d of days) {
    const k = kindOf(d);
    if (k === 'holiday') {
      if (run && run.name === d.name && dayjs(run.to).add(1, 'day').format('YYYY-MM-DD') === d.date) run.to = d.date;
      else { flush(); run = { from: d.date, to: d.date, name: d.name! }; }
    } else {
      flush();
      if (k === 'makeup') workdays.push({ date: dayjs(d.date), name: d.name ?? '' });
    }
  }
  flush();
  return { holidays, workdays };
}

export function ArrangementDrawer({ open, year, current, onClose, onSaved }: {
  open: boolean; year: number; current: YearDays | undefined; onClose(): void; onSaved(): void;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [arrForm] = Form.useForm<ArrangementForm>();
  const [arrError, setArrError] = useState<string>();
  const [arrSaving, setArrSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setArrError(undefined);
    arrForm.resetFields();
    const prefill = current?.loaded ? arrangementOf(current.days) : { holidays: [], workdays: [] };
    arrForm.setFieldsValue({ source: current?.source ?? '', ...prefill });
  }, [open, current, arrForm]);

  const saveArrangement = (values: ArrangementForm) => {
    const body = {
      source: values.source.trim(),
      holidays: (values.holidays ?? []).map((h) => ({ from: h.range[0].format('YYYY-MM-DD'), to: h.range[1].format('YYYY-MM-DD'), name: h.name.trim() })),
      workdays: (values.workdays ?? []).map((w) => ({ date: w.date.format('YYYY-MM-DD'), name: w.name.trim() })),
    };
    modal.confirm({
      title: t(`以此安排替换 ${year} 年的节假日安排？`, `Replace the ${year} arrangement with this one?`),
      content: t(`共 ${body.holidays.length} 段假期、${body.workdays.length} 个调休上班日。${year} 年原有的节假日和调休设置将被替换，尚未届满的期限将重新计算。`,
        `${body.holidays.length} holiday periods and ${body.workdays.length} make-up days. The year's previous settings are replaced and open deadlines recomputed.`),
      okText: t('确认加载', 'Load'), cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        setArrSaving(true);
        setArrError(undefined);
        try {
          const r = await api.put<{ recomputed: number }>(`/api/calendar/years/${year}`, body);
          message.success(t(`已加载 ${year} 年节假日安排，重新计算了 ${r.recomputed} 个期限`, `${year} loaded; ${r.recomputed} deadlines recomputed`));
          onSaved();
        } catch (err) {
          setArrError(errorMessage(err, t));
        } finally {
          setArrSaving(false);
        }
      },
    });
  };

  return (
      <Drawer
        open={open}
        title={t(`加载 ${year} 年节假日安排`, `Load the ${year} holiday arrangement`)}
        size={640}
        onClose={onClose}
        forceRender
        extra={<Space>
          <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" loading={arrSaving} onClick={() => arrForm.submit()} data-testid="arrangement-submit">{t('保存', 'Save')}</Button>
        </Space>}
      >
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('按国务院办公厅通知逐项录入：每段假期（含其间的周末）和每个调休上班日。', 'Enter each holiday period (including the weekends inside it) and each make-up working day from the notice.')} />
        {arrError && <Alert type="error" showIcon title={arrError} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form<ArrangementForm> name="arrangement" form={arrForm} layout="vertical" onFinish={saveArrangement}>
          <Form.Item name="source" label={t('依据（通知名称及文号）', 'Source (notice and number)')} rules={[{ required: true, whitespace: true, message: t('请填写依据', 'Enter the source') }, { max: 200 }]}>
            <Input maxLength={200} data-testid="arrangement-source" placeholder={t(`如：国务院办公厅关于${year}年部分节假日安排的通知（国办发明电〔${year - 1}〕X号）`, `e.g. State Council General Office notice on the ${year} holidays`)} />
          </Form.Item>
          <Typography.Title level={5}>{t('假期', 'Holidays')}</Typography.Title>
          <Form.List name="holidays">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col span={13}>
                      <Form.Item name={[field.name, 'range']} rules={[{ required: true, message: t('请选择起止日期', 'Choose the dates') }]}>
                        <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => d.year() !== year} defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]} />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter the name') }, { max: 40 }]}>
                        <Input placeholder={t('如：春节', 'e.g. Spring Festival')} maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col span={2}><Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('删除', 'Remove')} /></Col>
                  </Row>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '' })} style={{ marginBottom: 24 }}>{t('添加一段假期', 'Add a holiday period')}</Button>
              </>
            )}
          </Form.List>
          <Typography.Title level={5}>{t('调休上班日', 'Make-up working days')}</Typography.Title>
          <Form.List name="workdays">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col span={13}>
                      <Form.Item name={[field.name, 'date']} rules={[{ required: true, message: t('请选择日期', 'Choose the date') }]}>
                        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.year() !== year || (d.day() !== 0 && d.day() !== 6)} defaultPickerValue={dayjs(`${year}-01-01`)} />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Enter the name') }, { max: 40 }]}>
                        <Input placeholder={t('如：春节调休上班', 'e.g. Spring Festival make-up day')} maxLength={40} />
                      </Form.Item>
                    </Col>
                    <Col span={2}><Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('删除', 'Remove')} /></Col>
                  </Row>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '' })}>{t('添加调休上班日', 'Add a make-up day')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Drawer>
  );
}
