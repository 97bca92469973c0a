/** The seed data, bundled into the app (JSON imports), validated by test/unit/seeds.test.ts. */
import type { CatalogueSeed, RegionDef, SeedObservation } from '../shared/domain';
import catalogue from './catalogue.json';
import regions from './regions.json';
import actuals from './actuals.json';

export const seeds = {
  catalogue: catalogue as CatalogueSeed,
  regions: regions as RegionDef[],
  actuals: actuals as SeedObservation[],
};
