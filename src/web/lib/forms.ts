// Server errors on form fields: a 400 names the field (details.field, or a list of
// {field, message} for schema failures), and the message belongs under that field.
import type { FormInstance } from 'antd';
import { ApiError } from './api';

/**
 * Puts the server's message under the field it names. Returns true when at least one
 * field took the message (so the page need not show it again elsewhere).
 */
export function showFieldErrors(form: FormInstance, err: unknown, fieldAliases: Record<string, string> = {}): boolean {
  if (!(err instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const name = (f: string) => fieldAliases[f] ?? f;
  const details = err.details;
  const fields: { name: string; errors: string[] }[] = [];
  if (Array.isArray(details)) {
    for (const d of details as { field?: string; message?: string }[]) {
      if (d?.field && known.has(name(d.field.split('.')[0]))) fields.push({ name: name(d.field.split('.')[0]), errors: [d.message ?? err.message] });
    }
  } else if (details && typeof details === 'object' && typeof (details as { field?: unknown }).field === 'string') {
    const f = name((details as { field: string }).field);
    if (known.has(f)) fields.push({ name: f, errors: [err.message] });
  }
  if (fields.length) form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
  return fields.length > 0;
}
