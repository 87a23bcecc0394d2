// The seven kinds of matter on a legal clock, each declared once (its procedure, forms,
// clocks and documents); modules/matters runs them all the same way.
import type { MatterKind } from './clocks';
import type { MatterKindSpec } from './procedure';
import { HOTLINE } from './hotline';
import { PETITION } from './petition';
import { DISCLOSURE } from './disclosure';
import { MEDIATION } from './mediation';
import { RECONSIDERATION } from './reconsideration';
import { LITIGATION } from './litigation';
import { PROPOSAL } from './proposal';

export const MATTER_SPECS: Record<MatterKind, MatterKindSpec> = {
  hotline: HOTLINE as unknown as MatterKindSpec,
  petition: PETITION as unknown as MatterKindSpec,
  disclosure: DISCLOSURE as unknown as MatterKindSpec,
  mediation: MEDIATION as unknown as MatterKindSpec,
  reconsideration: RECONSIDERATION as unknown as MatterKindSpec,
  litigation: LITIGATION as unknown as MatterKindSpec,
  proposal: PROPOSAL as unknown as MatterKindSpec,
};
