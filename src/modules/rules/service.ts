// Values of the rules for an organisation: the deepest override on the organisation's
// path wins; without one, the default declared in core/law/rules.ts applies. Only
// rules marked localDefault can be overridden.
import type { Queryable } from '../../platform/db';
import type { Actor, AuthUser } from '../../platform/access/user';
import { inScope } from '../../platform/access/scope';
import { allRules, findRule, type LegalRule } from '../../core/law/rules';
import { recordAudit } from '../../platform/audit/audit';
import { badRequest, notFound } from '../../platform/http/errors';

export async function ruleValue<V>(db: Queryable, ruleId: string, orgId: number | null): Promise<V> {
  const rule = findRule(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  if (!rule.localDefault) return rule.value as V;
  const row = await db.one<{ value: V }>(
    `SELECT s.value FROM rule_settings s
       LEFT JOIN organizations so ON so.id = s.org_id
       LEFT JOIN organizations o ON o.id = $2
      WHERE s.rule_id = $1 AND (s.org_id IS NULL OR o.path LIKE so.path || '%')
      ORDER BY length(coalesce(so.path, '')) DESC LIMIT 1`, [ruleId, orgId]);
  return row ? row.value : (rule.value as V);
}

export interface RuleView extends LegalRule {
  effectiveValue: unknown;
  overriddenAt: { orgId: number | null; orgName: string | null } | null;
}

export async function listRules(db: Queryable, orgId: number): Promise<RuleView[]> {
  const out: RuleView[] = [];
  for (const r of allRules()) {
    const effectiveValue = await ruleValue(db, r.id, orgId);
    const source = r.localDefault ? await db.one<{ org_id: number | null; org_name: string | null }>(
      `SELECT s.org_id, so.name AS org_name FROM rule_settings s
         LEFT JOIN organizations so ON so.id = s.org_id LEFT JOIN organizations o ON o.id = $2
        WHERE s.rule_id = $1 AND (s.org_id IS NULL OR o.path LIKE so.path || '%')
        ORDER BY length(coalesce(so.path, '')) DESC LIMIT 1`, [r.id, orgId]) : undefined;
    out.push({ ...r, effectiveValue, overriddenAt: source ? { orgId: source.org_id, orgName: source.org_name } : null });
  }
  return out;
}

function assertValueShape(rule: LegalRule, value: unknown): void {
  if (typeof rule.value === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw badRequest('RULE_VALUE', `“${rule.title}”的值应为非负数`);
    if (['day', 'workday', 'count', 'month'].includes(rule.unit ?? '') && !Number.isInteger(value)) {
      throw badRequest('RULE_VALUE', `“${rule.title}”的值应为整数`);
    }
  } else if (Array.isArray(rule.value)) {
    if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'number' || !Number.isInteger(v) || v <= 0)) {
      throw badRequest('RULE_VALUE', `“${rule.title}”的值应为一组正整数`);
    }
  } else if (typeof rule.value !== typeof value) {
    throw badRequest('RULE_VALUE', `“${rule.title}”的值类型不正确`);
  }
}

/** Sets (value) or removes (value null) an organisation's local value of a rule. */
export async function setRuleValue(db: Queryable, user: AuthUser, actor: Actor, ruleId: string, orgId: number, value: unknown, note: string | null): Promise<void> {
  const rule = findRule(ruleId);
  if (!rule) throw notFound('规则不存在');
  if (!rule.localDefault) throw badRequest('RULE_NOT_LOCAL', `“${rule.title}”由法律规定，不能按地方调整（${rule.citation}）`);
  if (!inScope(user.scope, orgId)) throw notFound('机构不存在或不在您的管理范围内');
  if (value !== null) assertValueShape(rule, value);
  await db.transaction(async (tx) => {
    const before = await tx.one<{ value: unknown }>('SELECT value FROM rule_settings WHERE rule_id = $1 AND org_id = $2', [ruleId, orgId]);
    await tx.query('DELETE FROM rule_settings WHERE rule_id = $1 AND org_id = $2', [ruleId, orgId]);
    if (value !== null) {
      await tx.query('INSERT INTO rule_settings (rule_id, org_id, value, note, updated_by) VALUES ($1,$2,$3,$4,$5)',
        [ruleId, orgId, JSON.stringify(value), note, actor.userId]);
    }
    await recordAudit(tx, actor, { action: value === null ? 'rule.reset' : 'rule.set', objectType: 'rule', objectId: `${ruleId}@${orgId}`,
      before: before ?? null, after: value === null ? null : { value, note } });
  });
}
