import { Alert, Button } from 'antd';
import { useT } from '../lib/i18n';
import { errorMessage } from '../lib/format';

/** A failed load, with the server's message and a retry button. */
export function ErrorAlert({ error, onRetry, style }: { error: unknown; onRetry?: () => void; style?: React.CSSProperties }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16, ...style }}
      title={errorMessage(error, t)}
      data-testid="error-alert"
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('重试', 'Retry')}</Button> : undefined}
    />
  );
}
