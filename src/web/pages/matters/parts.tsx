// Pieces the matters pages share: the kinds' declarations (from the server), the clock
// tag of a list row, the register and step forms.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Modal, Tag, Typography } from 'antd';
import { api } from '../../lib/api';
import { useT } from '../../lib/i18n';
import { errorMessage } from '../../lib/format';
import { useServerToday } from '../../lib/queries';
import { FieldInput, fieldShown, formValues, initialFormValues } from './FieldInput';
import type { FieldSpec, KindMeta, ListClock, MatterKind } from './types';

export function useMatterMeta(kind: MatterKind): KindMeta | undefined {
  const meta = useQuery({ queryKey: ['matters', 'meta'], queryFn: () => api.get<KindMeta[]>('/api/matters/meta'), staleTime: Infinity });
  return meta.data?.find((m) => m.kind === kind);
}

const LIST_CLOCKS: Record<Exclude<ListClock, null>, [string, string, string]> = {
  red: ['已超期', 'Overdue', 'red'], amber: ['临近期限', 'Due soon', 'orange'], green: ['期限内', 'In time', 'green'],
  stopped: ['按时办结', 'On time', 'default'], late: ['逾期办结', 'Concluded late', 'volcano'],
};

export function ListClockTag({ clock }: { clock: ListClock | undefined }) {
  const t = useT();
  if (!clock) return null;
  const [zh, en, colour] = LIST_CLOCKS[clock];
  return <Tag color={colour} data-testid="row-clock" data-clock={clock}>{t(zh, en)}</Tag>;
}

/**
 * A form of declared fields in a modal; `confirm` asks once more before an irreversible
 * step. The server's refusal (with its article) is shown in place.
 */
export function FieldsModal({ title, fields, confirm, intro, initial, onSubmit, onClose, testId }: {
  title: string; fields: FieldSpec[]; confirm?: string; intro?: React.ReactNode; initial?: Record<string, unknown>;
  onSubmit(values: Record<string, unknown>): Promise<unknown>; onClose(): void; testId: string;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const today = useServerToday().data;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Fields asked only for some answers of another (the penalty an alteration leaves) follow it as it changes.
  const watched = (Form.useWatch((values: Record<string, unknown>) => values, form) ?? {}) as Record<string, unknown>;
  const shown = (f: FieldSpec) => {
    const asked: Record<string, unknown> = {};
    for (const x of fields) {
      if (fieldShown(x, asked)) asked[x.name] = watched[x.name];
      if (x === f) return fieldShown(x, asked);
    }
    return true;
  };
  const send = async () => {
    const values = formValues(fields, await form.validateFields());
    if (confirm && !(await new Promise<boolean>((resolve) => Modal.confirm({ title: confirm, okText: t('确定', 'OK'), cancelText: t('取消', 'Cancel'), onOk: () => resolve(true), onCancel: () => resolve(false) })))) return;
    setBusy(true);
    setError(null);
    try { await onSubmit(values); } catch (e) { setError(errorMessage(e, t)); } finally { setBusy(false); }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void send()} confirmLoading={busy} okText={t('提交', 'Submit')} cancelText={t('取消', 'Cancel')}
      width={640} destroyOnHidden okButtonProps={{ 'data-testid': `${testId}-submit` } as never}>
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid={`${testId}-error`} />}
      <Form form={form} layout="vertical" initialValues={{ ...initialFormValues(fields, today), ...initial }} data-testid={testId}>
        {fields.filter(shown).map((f) => <FieldInput key={f.name} f={f} />)}
      </Form>
    </Modal>
  );
}
