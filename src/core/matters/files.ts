// The categories of the files attached to a matter (事项附件, modules/matters/files.ts):
// the code stored in matter_files.category (0036_matter_files.sql checks the same codes)
// and its Chinese name, here once for the server, the list it answers and the web page.
export const MATTER_FILE_CATEGORIES = {
  incoming: '来件材料', // the letter, the complaint, the application, the petition's scans
  reply: '答复文书', // replies, notices and written opinions sent out, often written in Word
  evidence: '证据材料', // what was gathered while verifying or handling
  agreement: '协议', // mediation agreements, settlement records
  decision: '决定文书', // reconsideration decisions and other decisions received or issued
  judgment: '裁判文书', // judgments and rulings of the court
  other: '其他',
} as const;

export type MatterFileCategory = keyof typeof MATTER_FILE_CATEGORIES;
export const MATTER_FILE_CATEGORY_CODES = Object.keys(MATTER_FILE_CATEGORIES) as [MatterFileCategory, ...MatterFileCategory[]];
