// What the documents of a penalty case are written from. The case service fills it from
// the database; the renderers only format it, so every period, percentage and citation a
// document states comes from here (and from there, from the rules in force for the case).
//
// Dates are 'YYYY-MM-DD'. Citations are already formatted (《中华人民共和国行政处罚法》第四十五条).
// Sanctions are their names as SANCTION_NAMES writes them; the amounts of 罚款 and 没收违法所得
// are given separately (fineYuan, confiscatedYuan) and printed beside those names.

export interface CaseDocumentData {
  agency: { name: string; address?: string | null; phone?: string | null }; // 执法机关（卫生健康委员会）
  caseNo: string;                 // 案号，如 嘉南卫医罚〔2026〕12号
  causeOfAction: string;          // 案由，如 未取得医疗机构执业许可证擅自执业
  party: { kind: 'person' | 'organisation'; name: string; uscc?: string | null; idNumber?: string | null; legalRep?: string | null; address: string; phone?: string | null };
  source: string;                 // 案件来源：日常监督检查、投诉举报、上级交办、移送……
  leadOn: string;                 // 发现线索日期 YYYY-MM-DD
  filedOn?: string | null;        // 立案日期
  filingApproval?: { approver: string; opinion: string; date: string } | null;
  inspectors: { name: string; certificateNo: string }[];
  facts: string;                  // 违法事实（可多段，\n 分段）
  evidence: string[];             // 证据目录
  violated: string[];             // 违反的条款（已格式化的引文）
  penaltyBasis: string[];         // 处罚依据（已格式化的引文）
  benchmark?: { provision: string; tier: string; range: string; reasons: string } | null; // 裁量基准：条款编号、档次、幅度、理由
  proposed?: { sanctions: string[]; fineYuan: number; confiscatedYuan?: number | null } | null;  // 拟处罚（告知书）
  decision?: { date: string; sanctions: string[]; fineYuan: number; confiscatedYuan?: number | null; paymentDays: number; paymentAccount?: string | null } | null;
  defence: { periodWorkdays: number; citation: string; statements?: string | null; adopted?: string | null };
  hearing?: { right: boolean; requestWorkdays: number; citation: string; date?: string | null; place?: string | null; host?: string | null; clerk?: string | null; participants?: string[]; record?: string | null } | null;
  legalReview?: { reviewer: string; date: string; opinion: string; passed: boolean } | null;
  collective?: { date: string; host: string; attendees: string[]; minutes: string; decision: string } | null;
  service?: { documentTitle: string; documentNo: string; method: string; servedOn?: string | null; recipient?: string | null; place?: string | null; server: string[] } | null;
  closure?: { date: string; outcome: string; summary: string } | null;
  remedies: { reconsiderationBody: string; reconsiderationDays: number; reconsiderationCitation: string; court: string; litigationMonths: number; litigationCitation: string; lateSurchargePercent: number; lateSurchargeCitation: string };
  issuedOn: string;               // 文书日期
}
