// What the public sees of a penalty decision (双公示): natural persons' names keep only
// the surname, ID numbers, phone numbers and home addresses are hidden. Which of these
// are masked is a local rule (publication.masking); masking is applied to the structured
// fields and to the free text of the facts, where ID and phone numbers are found by
// their shape and the party's own name by its value.

export const MASKABLE = ['name', 'id_number', 'phone', 'address'] as const;
export type Maskable = (typeof MASKABLE)[number];

export function parseMaskingRule(value: string): Set<Maskable> {
  return new Set(value.split(',').map((s) => s.trim()).filter((s): s is Maskable => (MASKABLE as readonly string[]).includes(s)));
}

/** 张三丰 → 张某某; compound surnames are rare enough in enforcement records to keep the first character. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return name;
  return chars[0] + '某'.repeat(Math.min(chars.length - 1, 2));
}

const ID_NUMBER = /(?<![0-9])([1-9][0-9]{5})(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}([0-9Xx])(?![0-9])/g;
const PHONE = /(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])|(?<![0-9])(0[0-9]{2,3}-?)[0-9]{7,8}(?![0-9])/g;

export function maskIdNumbers(text: string): string {
  return text.replace(ID_NUMBER, (_, head: string, tail: string) => `${head}${'*'.repeat(11)}${tail}`);
}

export function maskPhones(text: string): string {
  return text.replace(PHONE, (m, mobileHead?: string, mobileTail?: string, areaCode?: string) =>
    (mobileHead ? `${mobileHead}****${mobileTail}` : `${areaCode}${'*'.repeat(m.length - (areaCode?.length ?? 0))}`));
}

export interface PartyForPublication { kind: 'person' | 'organisation'; name: string; code: string | null; legalRep: string | null; address: string }

export interface PublicParty { name: string; code: string | null; legalRep: string | null; address: string | null }

export function maskParty(p: PartyForPublication, rule: Set<Maskable>): PublicParty {
  const person = p.kind === 'person';
  return {
    name: person && rule.has('name') ? maskName(p.name) : p.name,
    // An organisation's credit code is public; a person's ID number is not.
    code: p.code === null ? null : person ? (rule.has('id_number') ? maskIdNumbers(p.code) : p.code) : p.code,
    legalRep: p.legalRep === null ? null : rule.has('name') ? maskName(p.legalRep) : p.legalRep,
    // An organisation's address is its business address; a person's is a home.
    address: person && rule.has('address') ? null : p.address,
  };
}

export function maskText(text: string, p: PartyForPublication, rule: Set<Maskable>): string {
  let out = text;
  if (rule.has('id_number')) out = maskIdNumbers(out);
  if (rule.has('phone')) out = maskPhones(out);
  if (rule.has('name')) {
    for (const n of [p.kind === 'person' ? p.name : null, p.legalRep].filter((x): x is string => !!x && [...x].length > 1)) {
      out = out.split(n).join(maskName(n));
    }
  }
  if (rule.has('address') && p.kind === 'person' && p.address) out = out.split(p.address).join('（住址已隐去）');
  return out;
}
