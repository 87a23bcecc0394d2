// What was published before a draw (DrawAnnouncement): the commitment SM3(seed), the
// frozen lists' digests and sizes, and the parameters in words.
import { Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useT } from '../../lib/i18n';
import type { DrawAnnouncement } from '../../../core/draw/draw';
import { multiplierScope, ratioPercent, strataModeLabel, stratumLabel } from './labels';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' as const };

export function AnnouncementDetails({ announcement: a, extra = [], testId }: {
  announcement: DrawAnnouncement; extra?: DescriptionsProps['items']; testId?: string;
}) {
  const t = useT();
  const p = a.params;
  const hash = (v: string | undefined, id: string) => v
    ? <Typography.Text copyable={{ text: v }} style={mono} data-testid={testId ? `${testId}-${id}` : undefined}>{v}</Typography.Text>
    : '—';
  const list = (count: number | undefined, digest: string | undefined, id: string) => (
    <span>{t(`${count ?? '—'} 条`, `${count ?? '—'} lines`)}，{t('SM3 摘要', 'SM3 digest')} {hash(digest, id)}</span>
  );
  const ratios = Object.entries(p?.ratios ?? {});
  const multiplierText = (m: number, scope: string | null) => scope
    ? (p?.sampleCount !== undefined
      ? t(`${m} 倍（${scope}按可抽对象数的 ${m} 倍计算分配份额）`, `×${m} (${scope} weighted ×${m} in the share-out)`)
      : t(`${m} 倍（${scope}的抽查比例为基础比例的 ${m} 倍）`, `×${m} (the ratio of ${scope})`))
    : t(`${m} 倍（不分层，不适用）`, `×${m} (no strata: not applied)`);
  const items: DescriptionsProps['items'] = [
    ...(extra ?? []),
    { key: 'commitment', label: t('承诺值 SM3(种子)', 'Commitment SM3(seed)'), children: hash(a.commitment, 'commitment'), span: 2 },
    { key: 'date', label: t('抽取日期', 'Draw date'), children: p?.drawDate },
    { key: 'algorithm', label: t('抽取算法', 'Algorithm'), children: <span style={mono}>{a.algorithm}</span> },
    p?.sampleCount !== undefined
      ? { key: 'count', label: t('抽取数量', 'Sample count'), children: <span data-testid={testId ? `${testId}-count` : undefined}>{t(`随机抽取 ${p.sampleCount} 家（按各层可抽对象数分配，高风险和D级加权；必检对象另计）`, `${p.sampleCount} at random (shared out by pool, high risk and grade D weighted; mandatory ones on top)`)}</span> }
      : { key: 'base', label: t('基础抽查比例', 'Base ratio'), children: p ? ratioPercent(p.baseRatio) : '—' },
    { key: 'strata', label: t('分层方式', 'Strata'), children: p ? strataModeLabel(p.strata, t) : '—' },
    { key: 'multiplier', label: t('高风险倍数', 'High-risk multiplier'), children: p ? multiplierText(p.highRiskMultiplier, multiplierScope(p.strata, t)) : '—' },
    { key: 'exclusion', label: t('排除期限（月）', 'Exclusion window (months)'),
      children: p ? (p.includeRecentlyInspected
        ? t(`${p.exclusionMonths}（本计划不排除近期已检查对象）`, `${p.exclusionMonths} (recently inspected entities are not excluded)`)
        : t(`${p.exclusionMonths}（期限内已在其他计划中检查的对象不再抽取，必检对象除外）`, `${p.exclusionMonths} (entities inspected under another plan within it are left out, except mandatory ones)`)) : '—' },
    { key: 'team', label: t('每组执法人员人数', 'Inspectors per entity'), children: p?.teamSize },
    { key: 'blacklist', label: t('严重失信对象每年最少检查次数', 'Minimum inspections a year of blacklisted entities'), children: p?.blacklistMinPerYear },
    ...(ratios.length ? [{
      key: 'ratios', label: t('分层抽查比例（本计划设定）', 'Stratum ratios set by the plan'), span: 2,
      children: ratios.map(([k, v]) => `${stratumLabel(k, t)}：${ratioPercent(v)}`).join('；'),
    }] : []),
    { key: 'candidates', label: t('候选对象名单', 'Candidate list'), children: list(a.counts?.candidates, a.digests?.candidates, 'candidates'), span: 2 },
    { key: 'inspectors', label: t('执法人员名单', 'Inspector list'), children: list(a.counts?.inspectors, a.digests?.inspectors, 'inspectors'), span: 2 },
    { key: 'recusals', label: t('回避名单', 'Recusal list'), children: list(a.counts?.recusals, a.digests?.recusals, 'recusals'), span: 2 },
  ];
  return <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered items={items} data-testid={testId} styles={{ label: { width: 170 } }} />;
}
