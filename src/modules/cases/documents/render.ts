// The documents of a penalty case (卫生行政执法文书), each as a .docx in the GB/T 9704 layout
// under the agency's name and the case number. A document whose part of the case does not
// exist yet (a decision before deciding) is refused with 422 CASE_DOCUMENT_UNAVAILABLE.
import { badRequest } from '../../../platform/http/errors';
import { officialDocument, type Block } from '../../../platform/documents/officialDocument';
import type { CaseDocumentData } from './data';
import { decisionDocument } from './decision';
import { hearingNotice, priorNotice } from './notices';
import {
  closureReport, collectiveRecord, filingApproval, hearingRecord, legalReviewOpinion, serviceReceipt, siteRecord,
} from './forms';

/** In the order they arise in a case. */
export const CASE_DOCUMENT_KINDS = [
  { kind: 'filing_approval', title: '立案审批表' },
  { kind: 'site_record', title: '现场笔录' },
  { kind: 'prior_notice', title: '行政处罚事先告知书' },
  { kind: 'hearing_notice', title: '听证告知书' },
  { kind: 'hearing_record', title: '听证笔录' },
  { kind: 'legal_review_opinion', title: '法制审核意见书' },
  { kind: 'collective_record', title: '集体讨论记录' },
  { kind: 'decision', title: '行政处罚决定书' },
  { kind: 'service_receipt', title: '送达回证' },
  { kind: 'closure_report', title: '结案报告' },
] as const;

export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number]['kind'];

const BODIES: Record<CaseDocumentKind, (data: CaseDocumentData) => Block[]> = {
  filing_approval: filingApproval,
  site_record: siteRecord,
  prior_notice: priorNotice,
  hearing_notice: hearingNotice,
  hearing_record: hearingRecord,
  legal_review_opinion: legalReviewOpinion,
  collective_record: collectiveRecord,
  decision: decisionDocument,
  service_receipt: serviceReceipt,
  closure_report: closureReport,
};

/** The .docx of one document of the case. */
export async function renderCaseDocument(kind: CaseDocumentKind, data: CaseDocumentData): Promise<Buffer> {
  // The kind may come from a URL: check it at run time too.
  const entry = CASE_DOCUMENT_KINDS.find((k) => k.kind === kind);
  if (!entry) throw badRequest('CASE_DOCUMENT_KIND', '文书种类不正确');
  return officialDocument({ agency: data.agency.name, title: entry.title, documentNo: data.caseNo, blocks: BODIES[entry.kind](data) });
}
