// The public portal's service guide (办事指南): no login; the catalogue items the
// commission has published, searched and filtered by category, and for one item
// everything an applicant needs before applying: the materials (and which need no paper:
// an electronic licence or a data check replaces them), the statutory and promised time
// limits, the fee, the legal basis with the articles' text, whether it can be done online,
// on a written commitment (告知承诺) or with minor materials owed (容缺受理), and the
// “one thing” bundles it belongs to.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Input, Layout, List, Pagination, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { api, qs } from '../lib/api';
import { useT, type Translate } from '../lib/i18n';
import { useUrlFilters } from '../lib/urlState';
import { formatDateTime } from '../lib/format';
import type { Paged } from '../lib/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { CATEGORY_LABELS, REPLACEABLE_LABELS, daysText, optionsOf, type CatalogueCategory, type ItemKind, type Replaceable } from '../pages/licensing/catalogue/types';

interface GuideRow {
  itemCode: string; name: string; category: CatalogueCategory; categoryName: string; kind: ItemKind; kindName: string; agency: string;
  statutoryDays: number; promisedDays: number; online: boolean; commitmentAllowed: boolean; deficiencyAllowed: boolean; fee: string;
}
interface GuideDetail extends GuideRow {
  levelName: string; legalBasis: string; basis: { citation: string; text: string[] }[];
  materials: { code: string; name: string; required: boolean; replaceable: Replaceable | null; licenceName: string | null; replaceableName: string | null }[];
  licenceName: string | null; licenceValidYears: number | null; version: number; publishedAt: string; bundles: { code: string; name: string }[];
}
interface GuideBundle { code: string; name: string; agency: string; promisedDays: number; items: { itemCode: string; name: string; promisedDays: number; online: boolean }[] }

const PAGE_SIZE = 10;

function GuideLayout({ children }: { children: React.ReactNode }) {
  const t = useT();
  const link = { color: '#fff', fontSize: 14 };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#1f5fbf', color: '#fff', fontSize: 18, display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <span>{t('政务服务办事指南', 'Service guide')}</span>
        <Space size="large">
          <Link to="/portal/service-guide" style={link} data-testid="guide-nav-list">{t('办事指南', 'Service guide')}</Link>
          <Link to="/portal/penalties" style={link}>{t('行政处罚公示', 'Penalty decisions')}</Link>
          <Link to="/portal/random-plans" style={link}>{t('双随机抽查公示', 'Random inspections')}</Link>
          <Link to="/portal/complaint" style={link} data-testid="guide-nav-complaint">{t('投诉举报', 'Complaints')}</Link>
          <Link to="/portal/disclosure" style={link} data-testid="guide-nav-disclosure">{t('信息公开申请', 'Disclosure requests')}</Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ maxWidth: 1100, width: '100%', margin: '24px auto', padding: '0 16px' }}>{children}</Layout.Content>
    </Layout>
  );
}

export function ServiceGuidePage() {
  const { itemCode } = useParams();
  return <GuideLayout>{itemCode ? <GuideItem code={itemCode} /> : <GuideList />}</GuideLayout>;
}

const flags = (r: GuideRow, t: Translate) => (
  <Space size={4} wrap>
    {r.online ? <Tag color="green">{t('可网上办理', 'Online')}</Tag> : <Tag>{t('窗口办理', 'At the window')}</Tag>}
    {r.commitmentAllowed && <Tag color="gold">{t('可告知承诺', 'Commitment')}</Tag>}
    {r.deficiencyAllowed && <Tag color="orange">{t('可容缺受理', 'Deficiency acceptance')}</Tag>}
    {r.promisedDays === 0 && <Tag color="blue">{t('即办', 'On the spot')}</Tag>}
  </Space>
);

function GuideList() {
  const t = useT();
  const f = useUrlFilters(['q', 'category'] as const, PAGE_SIZE);
  const list = useQuery({
    queryKey: ['public', 'service-guide', f.query],
    queryFn: () => api.get<Paged<GuideRow>>(`/api/public/service-guide${qs(f.query)}`),
    placeholderData: keepPreviousData,
  });
  const bundles = useQuery({ queryKey: ['public', 'service-guide-bundles'], queryFn: () => api.get<{ rows: GuideBundle[] }>('/api/public/service-guide-bundles') });
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="guide-intro">
        {t('卫生健康行政许可、备案等政务服务事项的办事指南：申请材料、办理时限、收费标准和设定依据。标注“可告知承诺”的事项，申请人书面承诺符合条件的，可当场取得许可；标注“可容缺受理”的事项，次要材料欠缺的可先行受理、限期补齐。',
          'How to apply for the health licences and filings: materials, time limits, fees and legal basis. Items marked “commitment” can be granted on the spot on a written commitment; “deficiency acceptance” items are accepted with minor materials owed.')}
      </Typography.Paragraph>
      {(bundles.data?.rows.length ?? 0) > 0 && (
        <Card size="small" title={t('“一件事一次办”', '“One thing, one visit”')} style={{ marginBottom: 16 }} data-testid="guide-bundles">
          {bundles.data!.rows.map((b) => (
            <div key={b.code} style={{ marginBottom: 8 }} data-testid={`guide-bundle-${b.code}`}>
              <Typography.Text strong>{b.name}</Typography.Text>
              <Typography.Text type="secondary">{t(`（${b.agency}；承诺${daysText(b.promisedDays, t)}办结）`, ` (${b.agency}; ${daysText(b.promisedDays, t)})`)}</Typography.Text>
              <div>
                <Space size={4} wrap>
                  {b.items.map((i) => <Link key={i.itemCode} to={`/portal/service-guide/${encodeURIComponent(i.itemCode)}`}><Tag color="blue">{i.name}</Tag></Link>)}
                </Space>
              </div>
            </div>
          ))}
        </Card>
      )}
      <Space wrap style={{ marginBottom: 16, width: '100%' }}>
        <Input.Search allowClear enterButton={t('查询', 'Search')} placeholder={t('事项名称、编码或实施机构', 'Item, code or agency')}
          defaultValue={f.values.q} onSearch={(v) => f.set({ q: v.trim() })} style={{ width: 420 }} data-testid="guide-search" maxLength={50} />
        <Select allowClear placeholder={t('事项类别', 'Category')} style={{ width: 180 }} value={f.values.category}
          options={optionsOf(CATEGORY_LABELS, t)} onChange={(v) => f.set({ category: v })} data-testid="guide-category" />
      </Space>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => list.refetch()} /> : (
        <>
          <List<GuideRow>
            loading={list.isFetching} dataSource={list.data?.rows ?? []} data-testid="guide-list"
            locale={{ emptyText: <Empty description={f.values.q || f.values.category ? t('没有符合条件的事项', 'No item matches') : t('暂无公开的办事指南', 'No published items')} /> }}
            renderItem={(r) => {
              const to = `/portal/service-guide/${encodeURIComponent(r.itemCode)}`;
              return (
                <Card size="small" style={{ marginBottom: 12 }} data-testid={`guide-item-${r.itemCode}`}
                  title={<Space wrap><Link to={to} data-testid={`guide-link-${r.itemCode}`}>{r.name}</Link><Tag>{r.kindName}</Tag></Space>}
                  extra={<span>{r.itemCode}</span>}>
                  <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
                    { key: 'agency', label: t('实施机构', 'Agency'), children: r.agency },
                    { key: 'cat', label: t('类别', 'Category'), children: t(...CATEGORY_LABELS[r.category]) },
                    { key: 'days', label: t('承诺办结时限', 'Promised time'), children: daysText(r.promisedDays, t) },
                    { key: 'fee', label: t('收费', 'Fee'), children: r.fee },
                    { key: 'flags', label: t('办理方式', 'How'), span: 2, children: flags(r, t) },
                  ]} />
                  <Link to={to}>{t('查看办事指南 →', 'Read the guide →')}</Link>
                </Card>
              );
            }} />
          <Pagination current={f.page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={(page) => f.setPage(page)}
            showSizeChanger={false} showTotal={(n) => t(`共 ${n} 个事项`, `${n} items`)} />
        </>
      )}
    </>
  );
}

function GuideItem({ code }: { code: string }) {
  const t = useT();
  const item = useQuery({
    queryKey: ['public', 'service-guide', 'item', code],
    queryFn: () => api.get<GuideDetail>(`/api/public/service-guide/${encodeURIComponent(code)}`),
    retry: false,
  });
  const d = item.data;
  const back = <Link to="/portal/service-guide" data-testid="guide-back">{t('← 返回办事指南', '← All items')}</Link>;
  if (item.isError) return <>{back}<div style={{ marginTop: 16 }}><ErrorAlert error={item.error} /></div></>;
  if (!d) return <Spin />;
  return (
    <div data-testid="guide-detail">
      {back}
      <Typography.Title level={4} style={{ marginTop: 12 }} data-testid="guide-title">{d.name}</Typography.Title>
      <Space style={{ marginBottom: 16 }} wrap>{flags(d, t)}</Space>
      {d.online && <div style={{ marginBottom: 16 }}><Link to={`/portal/apply/${encodeURIComponent(d.itemCode)}`} data-testid="guide-apply" style={{ display: 'inline-block', background: '#1f5fbf', color: '#fff', padding: '8px 24px', borderRadius: 4, fontSize: 16 }}>{t('在线申请', 'Apply online')}</Link></div>}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }} items={[
        { key: 'code', label: t('事项编码', 'Code'), children: d.itemCode },
        { key: 'kind', label: t('事项类型', 'Kind'), children: `${d.kindName}（${d.categoryName}）` },
        { key: 'agency', label: t('实施机构', 'Agency'), children: `${d.agency}（${d.levelName}）` },
        { key: 'fee', label: t('收费标准', 'Fee'), children: d.fee },
        { key: 'stat', label: t('法定办结时限', 'Statutory limit'), children: daysText(d.statutoryDays, t) },
        { key: 'prom', label: t('承诺办结时限', 'Promised time'), children: <span data-testid="guide-promised">{daysText(d.promisedDays, t)}</span> },
        { key: 'online', label: t('网上办理', 'Online'), children: d.online ? t('可以（全程网办）', 'Yes') : t('需到窗口办理', 'At the window') },
        { key: 'commit', label: t('告知承诺', 'Written commitment'), children: d.commitmentAllowed ? t('可以：申请人书面承诺符合条件并提交材料的，当场作出决定，事后核查', 'Yes: decided on the spot, verified later') : t('不适用', 'Not available') },
        { key: 'def', label: t('容缺受理', 'Deficiency acceptance'), children: d.deficiencyAllowed ? t('可以：次要材料欠缺的先行受理，申请人承诺限期补齐', 'Yes: accepted with minor materials owed') : t('不适用', 'Not available') },
        { key: 'lic', label: t('办理结果', 'Result'), children: d.licenceName ? `${d.licenceName}${d.licenceValidYears ? t(`（有效期${d.licenceValidYears}年）`, ` (${d.licenceValidYears} years)`) : ''}` : d.kind === 'filing' ? t('备案', 'Filed') : t('书面决定', 'Written decision') },
        { key: 'basis', label: t('设定依据', 'Legal basis'), span: 2, children: <span data-testid="guide-basis">{d.legalBasis}</span> },
      ]} />

      <Typography.Title level={5}>{t('申请材料', 'Application materials')}</Typography.Title>
      {d.materials.some((m) => m.replaceable) && (
        <Alert type="success" showIcon style={{ marginBottom: 8 }}
          title={t('标注“免提交”的材料无需提供纸质件：由电子证照或部门间数据共享核验替代。', 'Materials marked as not needed on paper are replaced by an electronic licence or a data check.')} />
      )}
      <Table rowKey="code" size="small" pagination={false} dataSource={d.materials} style={{ marginBottom: 16 }} data-testid="guide-materials"
        locale={{ emptyText: t('无需提交材料', 'No materials') }}
        columns={[
          { title: t('序号', 'No.'), key: 'no', width: 60, render: (_: unknown, __: unknown, i: number) => i + 1 },
          { title: t('材料名称', 'Material'), dataIndex: 'name' },
          { title: t('是否必需', 'Required'), dataIndex: 'required', width: 100, render: (r: boolean) => (r ? t('必需', 'Required') : t('按需提供', 'If applicable')) },
          {
            title: t('免提交', 'Not on paper'), dataIndex: 'replaceable', width: 240,
            render: (r: Replaceable | null, m: GuideDetail['materials'][number]) => (r
              ? <Tag color="green">{t(...REPLACEABLE_LABELS[r])}{m.licenceName ? `（${m.licenceName}）` : ''}</Tag>
              : '—'),
          },
        ]} />

      {d.basis.length > 0 && (
        <>
          <Typography.Title level={5}>{t('法律依据原文', 'The articles')}</Typography.Title>
          {d.basis.map((b) => (
            <Card key={b.citation} size="small" style={{ marginBottom: 8 }} title={b.citation}>
              {b.text.map((line, i) => <Typography.Paragraph key={i} style={{ marginBottom: 4 }}>{line}</Typography.Paragraph>)}
            </Card>
          ))}
        </>
      )}

      {d.bundles.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 16 }}>
          {t('可与其他事项“一件事”联办：', 'Also part of:')}{d.bundles.map((b) => b.name).join(t('、', ', '))}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`第${d.version}版，${formatDateTime(d.publishedAt)} 公开`, `Version ${d.version}, published ${formatDateTime(d.publishedAt)}`)}
      </Typography.Text>
    </div>
  );
}
