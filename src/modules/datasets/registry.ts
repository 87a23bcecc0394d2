// Every dataset that can be imported and exported (docs/data-exchange.md). A module adds
// its dataset by writing src/modules/<module>/dataset.ts (defineDataset) and listing it
// here: the routes, the template, the CLI commands and the export follow.
import type { Dataset } from '../../platform/imports/dataset';
import { organizationsDataset } from '../orgs/dataset';
import { entitiesDataset } from '../entities/dataset';
import { inspectorsDataset } from '../inspectors/dataset';
import { penaltyCasesDataset } from '../cases/dataset';
import { inspectionsDataset, randomPlansDataset, randomTasksDataset } from '../inspections/dataset';
import { catalogueItemsDataset } from '../licensing/catalogueDataset';
import { applicationsDataset } from '../licensing/applicationsDataset';
import { MATTER_DATASETS } from '../matters/datasets';
import { REGISTER_DATASETS } from '../registers/dataset';

export const DATASETS: Dataset[] = [
  organizationsDataset,
  entitiesDataset,
  inspectorsDataset,
  penaltyCasesDataset,
  randomPlansDataset,
  randomTasksDataset,
  inspectionsDataset,
  catalogueItemsDataset,
  applicationsDataset,
  ...MATTER_DATASETS,
  ...REGISTER_DATASETS,
];

export function datasetByName(name: string): Dataset | undefined {
  return DATASETS.find((d) => d.name === name);
}
