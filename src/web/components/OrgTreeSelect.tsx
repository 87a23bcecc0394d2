import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { orgTree, useOrgs, type OrgNode } from '../lib/queries';
import { useT } from '../lib/i18n';

interface TreeOption { value: number | string; title: string; children?: TreeOption[]; disabled?: boolean }

function toOptions(nodes: OrgNode[], by: 'id' | 'code', inactive: string, disabledIds?: Set<number>): TreeOption[] {
  return nodes.map((n) => ({
    value: by === 'id' ? n.id : n.code,
    title: n.active ? n.name : `${n.name}${inactive}`,
    disabled: disabledIds?.has(n.id),
    children: n.children ? toOptions(n.children, by, inactive, disabledIds) : undefined,
  }));
}

interface Props {
  value?: number | string | number[] | null;
  onChange?: (value: any) => void;
  /** Select by organisation id (default) or by code (the metrics API takes codes). */
  by?: 'id' | 'code';
  multiple?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  /** Organisations that may not be chosen (e.g. an organisation and its subtree as its own parent). */
  disabledIds?: Set<number>;
  /** Set by Form.Item, so the field's label points at the picker. */
  id?: string;
  'data-testid'?: string;
}

/** Organisation picker over the user's data scope, as a tree. */
export function OrgTreeSelect({ value, onChange, by = 'id', multiple, placeholder, allowClear = true, style, disabledIds, id, ...rest }: Props) {
  const t = useT();
  const orgs = useOrgs();
  const inactive = t('（停用）', ' (inactive)');
  const treeData = useMemo(() => toOptions(orgTree(orgs.data ?? []), by, inactive, disabledIds), [orgs.data, by, inactive, disabledIds]);
  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={treeData}
      multiple={multiple}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      loading={orgs.isLoading}
      placeholder={placeholder ?? t('选择机构', 'Choose an organisation')}
      style={{ minWidth: 220, ...style }}
      popupMatchSelectWidth={false}
      notFoundContent={orgs.isError ? t('无法加载机构列表', 'Could not load organisations') : undefined}
    />
  );
}
