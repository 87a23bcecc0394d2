// Every metric of the platform. A module declares its metrics in
// src/modules/<module>/metrics.ts (an array built with defineMetrics) and adds that
// array here; GET /api/metrics and /api/metrics/definitions serve this registry.
import { createMetricRegistry } from '../../platform/metrics/registry';
import { inspectorMetrics } from '../inspectors/metrics';
import { enforcementMetrics } from '../cases/metrics';
import { inspectionMetrics } from '../inspections/metrics';
import { licensingMetrics } from '../licensing/metrics';
import { matterMetrics } from '../matters/metrics';
import { legalityMetrics } from '../legality/metrics';
import { registerMetrics } from '../registers/metrics';

export const METRIC_REGISTRY = createMetricRegistry([
  ...inspectorMetrics,
  ...inspectionMetrics,
  ...enforcementMetrics,
  ...licensingMetrics,
  ...matterMetrics,
  ...legalityMetrics,
  ...registerMetrics,
]);
