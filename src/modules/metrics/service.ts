// Computing metrics for a period and an organisation subtree the caller may see.
import type { Queryable } from '../../platform/db';
import type { AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { badRequest, notFound } from '../../platform/http/errors';
import { evaluateMetrics, type MetricRegistry } from '../../platform/metrics/registry';
import type { MetricValue } from '../../platform/metrics/types';
import type { MetricsQuery } from './schema';

/** 'a, b,,c' → ['a','b','c'] without duplicates, in the order given. */
export function parseIds(ids: string | undefined): string[] | undefined {
  if (ids === undefined) return undefined;
  const list = [...new Set(ids.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  return list.length ? list : undefined;
}

export async function computeMetrics(db: Queryable, registry: MetricRegistry, user: AuthUser, q: MetricsQuery): Promise<MetricValue[]> {
  if (q.from > q.to) throw badRequest('METRICS_PERIOD', `开始日期（${q.from}）不能晚于结束日期（${q.to}）`);
  const ids = parseIds(q.ids);
  if (ids) {
    const unknown = registry.unknown(ids);
    if (unknown.length) throw badRequest('METRICS_UNKNOWN', `未知的指标：${unknown.join('、')}`, { unknown });
  }
  const org = await db.one<{ id: number; path: string }>('SELECT id, path FROM organizations WHERE code = $1', [q.org]);
  // An organisation outside the caller's scope answers exactly like one that does not exist.
  if (!org || !inScope(user.scope, org.id)) throw notFound('机构不存在或不在您的数据范围内');
  const defs = ids ? ids.map((id) => registry.get(id)!) : registry.all;
  return evaluateMetrics(db, defs, { from: q.from, to: q.to, orgId: org.id, orgPath: org.path });
}

export function listDefinitions(registry: MetricRegistry) {
  return registry.all.map((d) => ({
    id: d.id, name: d.name, nameEn: d.nameEn, unit: d.unit, periodDate: d.periodDate, definition: d.definition,
    ...(d.breakdownKeys ? { breakdownKeys: [...d.breakdownKeys] } : {}),
  }));
}
