// How each material of an application was provided: submitted on paper, replaced by an
// e-licence (its number) or by a check against shared data, or not provided. Only the
// replacements the catalogue allows for the material are offered. Used when registering
// an application at the window and when the window re-checks the materials (accepting,
// or receiving the correction).
import { Input, Radio, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useT } from '../../../lib/i18n';
import { PROVISIONS, provisionsFor, type Provision } from '../types';

export interface MaterialRow {
  code: string;
  name: string;
  required: boolean;
  replaceable: 'e_licence' | 'data_check' | null;
  /** The e-licence that may replace it (营业执照 …). */
  licenceName?: string | null;
  /** In a bundle: the items that ask for this material. */
  items?: string[];
  /** In a bundle: the item the row belongs to and the material's own code (`code` is then `<item>.<code>`, unique in the form). */
  itemCode?: string;
  materialCode?: string;
}

export interface MaterialChoice { provision: Provision; licenceNo?: string }
export type MaterialChoices = Record<string, MaterialChoice>;

/** What the window usually has in hand: paper, or the shared-data check where the catalogue allows it. */
export function defaultChoices(rows: MaterialRow[]): MaterialChoices {
  return Object.fromEntries(rows.map((m) => [m.code, { provision: m.replaceable === 'data_check' ? 'data_check' : 'paper' }]));
}

/** The request's materials array. */
export function materialsInput(rows: MaterialRow[], choices: MaterialChoices | undefined): { itemCode: string | null; code: string; provision: Provision; licenceNo: string | null }[] {
  return rows.map((m) => {
    const c = choices?.[m.code] ?? { provision: 'missing' as Provision };
    return { itemCode: m.itemCode ?? null, code: m.materialCode ?? m.code, provision: c.provision, licenceNo: c.provision === 'e_licence' ? (c.licenceNo?.trim() || null) : null };
  });
}

/** The first problem the window must fix before sending (an e-licence without its number). */
export function materialsProblem(rows: MaterialRow[], choices: MaterialChoices | undefined): string | null {
  const m = rows.find((r) => choices?.[r.code]?.provision === 'e_licence' && !choices[r.code].licenceNo?.trim());
  return m ? `请填写“${m.name}”所引用的电子证照编号` : null;
}

export function MaterialsInput({ rows, value, onChange }: { rows: MaterialRow[]; value?: MaterialChoices; onChange?: (v: MaterialChoices) => void }) {
  const t = useT();
  const set = (code: string, patch: Partial<MaterialChoice>) => {
    const prev = value?.[code] ?? { provision: 'paper' as Provision };
    onChange?.({ ...value, [code]: { ...prev, ...patch } });
  };
  const columns: ColumnsType<MaterialRow> = [
    {
      title: t('申请材料', 'Material'), dataIndex: 'name',
      render: (name: string, m) => (
        <div>
          <Typography.Text>{name}</Typography.Text>{' '}
          {m.required ? <Tag color="red" variant="outlined">{t('必交', 'Required')}</Tag> : <Tag>{t('选交', 'Optional')}</Tag>}
          {m.items && m.items.length > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.items.join('、')}</Typography.Text></div>}
        </div>
      ),
    },
    {
      title: t('提交情况', 'How provided'), key: 'provision', width: 430,
      render: (_, m) => {
        const c = value?.[m.code];
        return (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Radio.Group size="small" optionType="button" value={c?.provision} onChange={(e) => set(m.code, { provision: e.target.value })}
              data-testid={`material-${m.code}`}
              options={provisionsFor(m.replaceable).map((p) => ({ value: p, label: t(PROVISIONS[p][0], PROVISIONS[p][1]) }))} />
            {c?.provision === 'e_licence' && (
              <Input size="small" value={c.licenceNo} onChange={(e) => set(m.code, { licenceNo: e.target.value })} maxLength={60}
                placeholder={t(`${m.licenceName ?? '电子证照'}编号`, `${m.licenceName ?? 'E-licence'} number`)} data-testid={`material-${m.code}-licence`} />
            )}
          </Space>
        );
      },
    },
  ];
  return <Table<MaterialRow> rowKey="code" size="small" pagination={false} columns={columns} dataSource={rows} data-testid="materials-input"
    locale={{ emptyText: t('请先选择事项', 'Choose the item first') }} />;
}
