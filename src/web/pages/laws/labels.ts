// Names of the library's codes in both languages.
import type { Translate } from '../../lib/i18n';
import type { LawKind, VersionStatus } from './types';

type Named<K extends string> = Record<K, [zh: string, en: string]>;

export const LAW_KIND_LABELS: Named<LawKind> = {
  law: ['法律', 'Law'],
  administrative_regulation: ['行政法规', 'Administrative regulation'],
  department_rule: ['部门规章', 'Department rule'],
  local_regulation: ['地方性法规', 'Local regulation'],
  normative_document: ['规范性文件', 'Normative document'],
};
export const LAW_KIND_COLORS: Record<LawKind, string> = {
  law: 'red', administrative_regulation: 'volcano', department_rule: 'blue', local_regulation: 'cyan', normative_document: 'default',
};

/** The kinds staff add (laws and State Council regulations ship with the platform). */
export const STAFF_KINDS: LawKind[] = ['department_rule', 'local_regulation', 'normative_document'];

export const VERSION_STATUS_LABELS: Named<VersionStatus> = {
  in_force: ['现行有效', 'In force'],
  superseded: ['已被修订', 'Superseded'],
  pending: ['尚未施行', 'Not yet in force'],
};
export const VERSION_STATUS_COLORS: Record<VersionStatus, string> = { in_force: 'green', superseded: 'default', pending: 'orange' };

export const summaryWarning = (t: Translate) => t('条文摘要，非官方文本，请以正式文本为准', 'Summary of the articles, not the official text; rely on the official text');
