import { Select } from 'antd';
import { CITY_REGION_CODE, useRegions } from '../lib/queries';
import { useT } from '../lib/i18n';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  parent?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  /** Name of a value not among the options (an existing record's region outside the city). */
  currentName?: string | null;
  /** Set by Form.Item, so the field's label points at the picker. */
  id?: string;
  'data-testid'?: string;
}

/** The city and its districts/counties (GB/T 2260), from GET /api/regions. */
export function RegionSelect({ value, onChange, parent = CITY_REGION_CODE, placeholder, allowClear = true, style, currentName, id, ...rest }: Props) {
  const t = useT();
  const regions = useRegions(parent);
  const options = [
    ...(regions.data?.self ? [{ value: regions.data.self.code, label: `${regions.data.self.fullName}（${t('市本级', 'city level')}）` }] : []),
    ...(regions.data?.children ?? []).map((r) => ({ value: r.code, label: r.name })),
  ];
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: currentName ?? value });
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={regions.isLoading}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('选择行政区划', 'Choose a region')}
      style={{ minWidth: 160, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
