import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { applySeeds } from '../../electron/core/catalogue/seed';
import { readCatalogue, resolveRegion } from '../../electron/core/catalogue/read';
import { applyObservationChange } from '../../electron/core/observations/write';
import { tmpDir } from '../helpers/tmp';
import { miniSeeds } from '../fixtures/mini-seeds';

const dir = tmpDir('ys-seed-');
let n = 0;
const open = async () => (await openDatabase(path.join(dir, `s-${++n}.db`))).db;

describe('seeding', () => {
  it('is idempotent', async () => {
    const db = await open();
    expect(applySeeds(db, miniSeeds(), 'u').applied).toBe(true);
    const snapshot = () => ({
      ind: db.prepare('SELECT * FROM indicators ORDER BY code').all(),
      tgt: db.prepare('SELECT * FROM targets ORDER BY id').all(),
      obs: db.prepare('SELECT * FROM observations').all(),
      hist: db.prepare('SELECT count(*) n FROM catalogue_history').get(),
    });
    const first = snapshot();
    expect(applySeeds(db, miniSeeds(), 'u').applied).toBe(false);
    // Even forcing a re-run (hash cleared) changes nothing.
    db.prepare(`DELETE FROM meta WHERE key = 'seeds_hash'`).run();
    applySeeds(db, miniSeeds(), 'u');
    expect(snapshot()).toEqual(first);
    db.close();
  });

  it('a newer catalogue upgrades seed rows but never a user edit, and never re-adds a removed value', async () => {
    const db = await open();
    applySeeds(db, miniSeeds('1.0.0'), 'u');
    // The user edits one target and removes the seeded actual.
    db.prepare(`UPDATE targets SET value = 0.5, user_edited = 1, origin = 'user' WHERE indicator = 'KB-TIME'`).run();
    applyObservationChange(db, { indicator: 'KB-TIME', region: '460000', period: '2025', value: null, source: { kind: 'manual' }, user: 'u', at: 't' });

    const next = miniSeeds('1.1.0');
    next.catalogue.indicators[0]!.targets[0]!.value = 0.9;
    next.catalogue.indicators[1]!.targets[0]!.value = 8;
    next.catalogue.indicators[1]!.name = '低压小微企业办电时间';
    expect(applySeeds(db, next, 'u').applied).toBe(true);
    const cat = readCatalogue(db);
    expect(cat.version).toBe('1.1.0');
    expect(cat.indicators.find((i) => i.code === 'KB-TIME')!.targets[0]!.value).toBe(0.5);
    const dl = cat.indicators.find((i) => i.code === 'DL-LOW-DAYS')!;
    expect(dl.targets[0]!.value).toBe(8);
    expect(dl.name).toBe('低压小微企业办电时间');
    expect(db.prepare('SELECT count(*) n FROM observations').get()).toEqual({ n: 0 });

    // An older catalogue never downgrades.
    expect(applySeeds(db, miniSeeds('1.0.0'), 'u').applied).toBe(false);
    expect(readCatalogue(db).version).toBe('1.1.0');
    db.close();
  });

  it('retires, never deletes, an indicator a newer catalogue dropped', async () => {
    const db = await open();
    applySeeds(db, miniSeeds('1.0.0'), 'u');
    const next = miniSeeds('2.0.0');
    next.catalogue.indicators = next.catalogue.indicators.slice(0, 1);
    applySeeds(db, next, 'u');
    const dl = readCatalogue(db).indicators.find((i) => i.code === 'DL-LOW-DAYS');
    expect(dl?.retired).toBe(true);
    db.close();
  });

  it('resolves regions by name, short name and code', async () => {
    const db = await open();
    applySeeds(db, miniSeeds(), 'u');
    expect(resolveRegion(db, '海口')?.code).toBe('460100');
    expect(resolveRegion(db, '海口市')?.code).toBe('460100');
    expect(resolveRegion(db, ' 白沙 ')?.code).toBe('469025');
    expect(resolveRegion(db, '460200')?.name).toBe('三亚市');
    expect(resolveRegion(db, '火星')).toBeNull();
    db.close();
  });
});
