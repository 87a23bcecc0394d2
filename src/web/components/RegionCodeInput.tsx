import { useQuery } from '@tanstack/react-query';
import { Input, Typography } from 'antd';
import { api } from '../lib/api';
import { useT } from '../lib/i18n';
import type { RegionDetail } from '../lib/types';

/** A six-digit GB/T 2260 code typed in, with the region's full name looked up beside it. */
export function RegionCodeInput({ value, onChange, ...rest }: { value?: string; onChange?: (v: string) => void; 'data-testid'?: string }) {
  const t = useT();
  const code = value && /^\d{6}$/.test(value) ? value : null;
  const region = useQuery({
    queryKey: ['region', code],
    queryFn: () => api.get<RegionDetail>(`/api/regions/${code}`),
    enabled: !!code,
    staleTime: 3_600_000,
    retry: false,
  });
  return (
    <div>
      <Input
        data-testid={rest['data-testid']}
        value={value}
        onChange={(e) => onChange?.(e.target.value.replace(/\D/g, '').slice(0, 6))}
        maxLength={6}
        placeholder="330402"
        style={{ fontFamily: 'monospace', width: 140 }}
        inputMode="numeric"
      />
      <Typography.Text type={region.isError ? 'danger' : 'secondary'} style={{ marginLeft: 8 }}>
        {code ? (region.data?.fullName ?? (region.isError ? t('代码表中无此行政区划', 'Not in the code table') : '…')) : t('6位数字（GB/T 2260）', '6 digits (GB/T 2260)')}
      </Typography.Text>
    </div>
  );
}
