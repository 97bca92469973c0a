import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connect } from '../../electron/core/db/driver';
import { applyPragmas, integrity, openDatabase } from '../../electron/core/db/open';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { LATEST_SCHEMA_VERSION, migrations } from '../../electron/core/db/migrations';
import { applySeeds } from '../../electron/core/catalogue/seed';
import { applyObservationChange } from '../../electron/core/observations/write';
import { tmpDir } from '../helpers/tmp';
import { miniSeeds } from '../fixtures/mini-seeds';

const dir = tmpDir('ys-store-');
let n = 0;
const fresh = () => path.join(dir, `db-${++n}.db`);

describe('opening and migrating a real file', () => {
  it('creates an empty database at the latest schema with the pragmas set', async () => {
    const file = fresh();
    const { db, migratedFrom, preMigrationBackup } = await openDatabase(file);
    expect(migratedFrom).toBe(0);
    expect(preMigrationBackup).toBeNull();
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
    expect(integrity(db)).toBe('ok');
    db.close();
  });

  it('each migration runs on the previous version, keeping data', () => {
    const file = fresh();
    const db = connect(file);
    applyPragmas(db);
    for (let i = 0; i < migrations.length; i++) {
      const res = migrate(db, migrations.slice(0, i + 1));
      expect(res.to).toBe(migrations[i]!.version);
      expect(integrity(db)).toBe('ok');
      if (i === 0) applySeeds(db, miniSeeds(), 'tester');
    }
    expect((db.prepare('SELECT count(*) n FROM observations').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('upgrades a database at the previous version with data, backing it up first', async () => {
    const file = fresh();
    const old = connect(file);
    applyPragmas(old);
    migrate(old, migrations.slice(0, -1));
    applySeeds(old, miniSeeds(), 'tester');
    const before = old.prepare('SELECT * FROM observations').all();
    old.close();

    const { db, migratedFrom, preMigrationBackup } = await openDatabase(file);
    expect(migratedFrom).toBe(LATEST_SCHEMA_VERSION - 1);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT * FROM observations').all()).toEqual(before);
    expect(preMigrationBackup).not.toBeNull();
    const copy = connect(preMigrationBackup!, { readonly: true });
    expect(schemaVersion(copy)).toBe(LATEST_SCHEMA_VERSION - 1);
    expect(copy.prepare('SELECT * FROM observations').all()).toEqual(before);
    copy.close();
    db.close();
  });

  it('refuses a database written by a newer app, in Chinese, without touching it', async () => {
    const file = fresh();
    const { db } = await openDatabase(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const bytes = fs.readFileSync(file);
    await expect(openDatabase(file)).rejects.toThrow(/更新版本/);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a failing migration leaves the file at the old version', () => {
    const file = fresh();
    const db = connect(file);
    applyPragmas(db);
    migrate(db, migrations.slice(0, 1));
    const broken = [
      ...migrations.slice(0, 1),
      { version: 2, name: 'half', up: (d: typeof db) => { d.exec('CREATE TABLE half_done(x)'); throw new Error('boom'); } },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT count(*) n FROM sqlite_master WHERE name = 'half_done'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a file that is not a database', async () => {
    const file = fresh();
    fs.writeFileSync(file, 'PK\u0003\u0004 this is a spreadsheet, not a database'.repeat(100));
    await expect(openDatabase(file)).rejects.toThrow(/不是工作站的数据库|已损坏/);
  });
});

describe('the append-only history', () => {
  it('records every change and refuses UPDATE and DELETE', async () => {
    const { db } = await openDatabase(fresh());
    applySeeds(db, miniSeeds(), 'tester');
    const at = new Date().toISOString();
    const change = (value: number | null) =>
      applyObservationChange(db, { indicator: 'KB-TIME', region: '460100', period: '2026Q1', value, source: { kind: 'manual' }, user: 'u', at });
    expect(change(2)).toBe('new');
    expect(change(2)).toBe('unchanged');
    expect(change(1.5)).toBe('changed');
    expect(change(null)).toBe('removed');
    const rows = db.prepare(`SELECT old_value, new_value FROM observation_history WHERE region = '460100' ORDER BY id`).all();
    expect(rows).toEqual([
      { old_value: null, new_value: 2 },
      { old_value: 2, new_value: 1.5 },
      { old_value: 1.5, new_value: null },
    ]);
    expect(() => db.prepare('UPDATE observation_history SET new_value = 99').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM observation_history').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE catalogue_history SET source = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM return_history').run()).not.toThrow(); // empty table: trigger fires per row
    db.prepare(`INSERT INTO return_history(region, period, new_state, os_user, changed_at) VALUES ('460100','2026Q1','expected','u','t')`).run();
    expect(() => db.prepare('DELETE FROM return_history').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('consistency check', () => {
  it('finds an observation changed behind the history’s back', async () => {
    const { checkConsistency } = await import('../../electron/core/db/consistency');
    const { db } = await openDatabase(fresh());
    applySeeds(db, miniSeeds(), 'tester');
    applyObservationChange(db, { indicator: 'KB-TIME', region: '460100', period: '2026Q1', value: 2, source: { kind: 'manual' }, user: 'u', at: 't' });
    expect(checkConsistency(db)).toEqual({ mismatches: [], partialBatches: [] });
    db.prepare(`UPDATE observations SET value = 9 WHERE region = '460100'`).run();
    expect(checkConsistency(db).mismatches).toEqual([{ indicator: 'KB-TIME', region: '460100', period: '2026Q1', value: 9, history: 2 }]);
    db.close();
  });
});
