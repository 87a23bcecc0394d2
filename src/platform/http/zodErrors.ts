// Turns schema-validation failures into one Chinese sentence naming each bad field.
import type { FastifySchemaValidationError } from 'fastify/types/schema';

const PART_NAMES: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function describeValidation(errors: FastifySchemaValidationError[], context: string | undefined): string {
  const where = PART_NAMES[context ?? ''] ?? '请求';
  const parts = errors.slice(0, 5).map((e) => {
    const field = (e.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
    return field ? `${field}：${e.message}` : `${e.message}`;
  });
  return `${where}不合法：${parts.join('；')}`;
}
