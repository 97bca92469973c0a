/**
 * Security properties of the shells and the contract, under plain Node
 * (issue "Proof under load, faults and hostile input", item 4):
 *
 * - the BUILT preload (out/preload/index.js), run with a stand-in 'electron'
 *   that offers only contextBridge and ipcRenderer, exposes exactly
 *   window.workstation.invoke, refuses channels outside the contract without
 *   sending anything, and forwards contract channels unchanged;
 * - the BUILT main process (out/main/index.js) under a stand-in 'electron'
 *   (the technique of electron-main.test.ts, which already covers the CSP
 *   header, the sandboxed window, the IPC sender check and a plain
 *   navigation/popup/permission denial): here the gaps — every URL and every
 *   kind of click refused, every permission and device refused, and the path
 *   policy on IPC (only dialog-chosen files or the data folder's exchange
 *   folders);
 * - every channel refuses malformed input in its schema (wrong types, extra
 *   keys, huge strings, arrays, prototype-pollution keys) with a Chinese
 *   usage error, writes nothing, and pollutes no prototype;
 * - PATH_FIELDS lists every path-like input field of every channel, and the
 *   path policy (electron/core/path-policy.ts) holds against traversal,
 *   symbolic links, prefixes and relative paths;
 * - browser mode refuses CSRF-style simple POSTs, foreign preflights (with
 *   no permissive CORS headers) and paths outside the exchange folders;
 * - the audit gate (scripts/security-audit.mjs) really fails on an insecure
 *   window and on an allow-list entry without a justification.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core/dispatch';
import {
  BROWSER_PATH_REFUSAL,
  checkInputPaths,
  DESKTOP_PATH_REFUSAL,
  exchangeRoots,
  insideRoots,
  isStrictlyInside,
  realLocation,
} from '../../electron/core/path-policy';
import { closeStore, openStore, type CoreContext } from '../../electron/core/store';
import { grantPath, isGranted, revokeAllGrants } from '../../electron/main/path-grants';
import type { WebServer } from '../../electron/web/server';
import { channels, CHANNELS, type Channel } from '../../shared/contract';
import { PATH_FIELDS, pathsOf } from '../../shared/path-fields';
import { miniSeeds } from '../fixtures/mini-seeds';
import { buildAppOnce, ROOT } from '../helpers/built-app';
import { fakeElectron, runBuiltMainUnder } from '../helpers/fake-electron';
import { tmpDir } from '../helpers/tmp';
import { request, startOnTempStore, type Reply, type TempWebServer } from '../helpers/web-server';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any
const CHINESE = /[\u4e00-\u9fff]/;

// ---------------------------------------------------------------------------
// zod introspection (zod 4): enough to walk the channels' input objects.

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; element?: ZodLike; catchall?: ZodLike } };
  shape?: Record<string, ZodLike>;
  safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ code: string; path: PropertyKey[]; keys?: string[] }> } };
}

function unwrap(s: ZodLike): ZodLike {
  let x = s;
  while (['optional', 'nullable', 'default'].includes(x._zod.def.type) && x._zod.def.innerType) x = x._zod.def.innerType;
  return x;
}

const inputOf = (c: Channel) => channels[c].input as unknown as ZodLike;

function shapeOf(c: Channel): Record<string, ZodLike> {
  const s = inputOf(c);
  if (s._zod.def.type !== 'object' || !s.shape) throw new Error(`${c}: input is not a plain object schema`);
  return s.shape;
}

/** A value of the wrong type for a field of this kind. */
function wrongTypeFor(field: ZodLike): unknown[] {
  const t = unwrap(field)._zod.def.type;
  switch (t) {
    case 'string':
      return [12345, ['a'], { toString: 'x' }];
    case 'number':
      return ['1', '', [1], Number.NaN.toString()];
    case 'boolean':
      return ['true', 1, []];
    case 'enum':
      return [42, 'no-such-value', ['x']];
    case 'array':
      return ['x', { 0: 'x', length: 1 }, [{ evil: true }]];
    case 'object':
      return ['x', [], { evil: true }];
    default:
      return [{ evil: true }, Symbol.for('x').toString()];
  }
}

// ---------------------------------------------------------------------------

describe('the built preload (sandboxed, under a stand-in electron)', () => {
  const exposed: Record<string, unknown> = {};
  const sent: unknown[][] = [];
  const required: string[] = [];
  const listeners = new Set<Fn>();

  beforeAll(() => {
    buildAppOnce();
    const code = fs.readFileSync(path.join(ROOT, 'out', 'preload', 'index.js'), 'utf8');
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          sent.push(args);
          // Progress the main process would send while the request runs: for this request, and for another one.
          if (typeof args[3] === 'string') {
            for (const l of [...listeners]) {
              l({}, args[3], 1, 3, '检查内容');
              l({}, 'someone-else', 2, 3, '不是这个请求');
            }
          }
          return Promise.resolve({ ok: true, value: 'forwarded' });
        },
        on: (channel: string, l: Fn) => {
          expect(channel).toBe('invoke-progress');
          listeners.add(l);
        },
        removeListener: (channel: string, l: Fn) => {
          expect(channel).toBe('invoke-progress');
          listeners.delete(l);
        },
      },
    };
    const module = { exports: {} };
    // A sandboxed preload can require 'electron' (and a few harmless built-ins); ours needs only 'electron'.
    const sandboxRequire = (id: string) => {
      required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    };
    const fn = vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: 'preload/index.js' });
    fn(module.exports, sandboxRequire, module, 'preload/index.js', 'preload');
  });

  it('the built preload exposes exactly window.workstation.invoke', () => {
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['workstation']);
    const api = exposed.workstation as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
  });

  it('the preload refuses a channel outside the contract without sending it', async () => {
    const api = exposed.workstation as { invoke: Fn };
    const hostile: unknown[] = ['fs.readFile', 'shell.openExternal', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'APP.INFO', ' app.info', 'app.info\0', 42, null, undefined, { toString: () => 'app.info' }, ['app.info']];
    for (const channel of hostile) {
      sent.length = 0;
      await expect(api.invoke(channel, {}), String(channel)).rejects.toThrow(/未知的请求/);
      expect(sent, String(channel)).toEqual([]);
    }
  });

  it('the preload forwards every contract channel, as it is, over the one IPC channel', async () => {
    const api = exposed.workstation as { invoke: Fn };
    for (const channel of CHANNELS) {
      sent.length = 0;
      const input = { probe: channel };
      await expect(api.invoke(channel, input)).resolves.toEqual({ ok: true, value: 'forwarded' });
      expect(sent).toEqual([['invoke', channel, input]]);
    }
  });

  it('with a progress callback: names the request, hands on only that request’s progress, and stops listening after', async () => {
    const api = exposed.workstation as { invoke: Fn };
    sent.length = 0;
    const heard: unknown[] = [];
    await expect(api.invoke('import.preview', { file: 'x.xlsx' }, (p: unknown) => heard.push(p))).resolves.toEqual({ ok: true, value: 'forwarded' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.slice(0, 3)).toEqual(['invoke', 'import.preview', { file: 'x.xlsx' }]);
    expect(sent[0]![3]).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    expect(heard).toEqual([{ done: 1, total: 3, label: '检查内容' }]);
    expect(listeners.size).toBe(0);
    // A callback that is not a function is ignored, not called.
    sent.length = 0;
    await api.invoke('app.info', {}, 'not a function');
    expect(sent).toEqual([['invoke', 'app.info', {}]]);
  });
});

// ---------------------------------------------------------------------------

describe('the built main process: navigation, permissions and the path policy on IPC', () => {
  const dataDir = tmpDir('ys-sec-main-');
  const outside = tmpDir('ys-sec-outside-');
  const fake = fakeElectron(dataDir);
  const { state, appHandlers } = fake;
  const ours = () => ({ senderFrame: { url: pathToFileURL(path.join(ROOT, 'out', 'renderer', 'index.html')).href, parent: null }, sender: {} });
  const ipc = (channel: string, input: unknown) => state.ipc.invoke!(ours(), channel, input) as Promise<{ ok: boolean; error?: { kind: string; message: string } }>;

  runBuiltMainUnder(fake, dataDir);
  beforeAll(() => {
    expect(state.errors).toEqual([]);
  });

  it('refuses every navigation and every new window, whatever the URL or the click', () => {
    const on: Record<string, Fn> = {};
    let openHandler: Fn | undefined;
    const contents = { on: (e: string, fn: Fn) => (on[e] = fn), setWindowOpenHandler: (fn: Fn) => (openHandler = fn) };
    for (const fn of appHandlers['web-contents-created'] ?? []) fn({}, contents);
    const ownPage = pathToFileURL(path.join(ROOT, 'out', 'renderer', 'index.html')).href;
    const urls = ['https://evil.example/', 'http://127.0.0.1:1/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'about:blank', `${ownPage}#/other`];
    for (const e of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      if (!on[e]) continue;
      for (const url of urls) {
        let prevented = false;
        on[e]!({ preventDefault: () => (prevented = true), url }, url);
        expect(prevented, `${e} ${url}`).toBe(true);
      }
    }
    expect(on['will-navigate'], 'will-navigate handler').toBeTypeOf('function');
    let webviewPrevented = false;
    on['will-attach-webview']!({ preventDefault: () => (webviewPrevented = true) }, { nodeIntegration: true }, { src: 'https://evil.example/' });
    expect(webviewPrevented).toBe(true);
    // window.open, target=_blank, middle-click (background-tab), shift-click (new-window), ctrl-click (foreground-tab).
    for (const disposition of ['default', 'foreground-tab', 'background-tab', 'new-window', 'other']) {
      for (const url of urls) {
        expect(openHandler!({ url, frameName: '', features: '', disposition, referrer: { url: ownPage } }), `${disposition} ${url}`).toEqual({ action: 'deny' });
      }
    }
  });

  it('denies every permission request, check and device', () => {
    const permissions = ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'idle-detection', 'hid', 'serial', 'usb', 'window-management', 'unknown'];
    for (const p of permissions) {
      let granted: boolean | undefined;
      state.permissionRequest!({}, p, (ok: boolean) => (granted = ok), { requestingUrl: 'file:///x' });
      expect(granted, p).toBe(false);
      expect(state.permissionCheck!({}, p, 'file://', {}), p).toBe(false);
    }
    expect(state.devicePermission, 'setDevicePermissionHandler').toBeTypeOf('function');
    for (const deviceType of ['hid', 'serial', 'usb']) expect(state.devicePermission!({ deviceType, origin: 'file://' }), deviceType).toBe(false);
  });

  it('accepts paths from the page only when chosen in a dialog or inside the exchange folders', async () => {
    const foreign = path.join(outside, '偷写.xlsx');
    const refused = await ipc('reports.export', { period: '2026Q1', out: foreign });
    expect(refused).toEqual({ ok: false, error: { kind: 'usage', message: DESKTOP_PATH_REFUSAL } });
    expect(fs.existsSync(foreign)).toBe(false);
    // The live database and the data folder itself are not exchange folders.
    for (const [channel, input] of [
      ['backup.inspect', { file: path.join(dataDir, 'workstation.db') }],
      ['catalogue.exportXlsx', { out: path.join(dataDir, 'workstation.db') }],
      ['backup.restore', { file: path.join(dataDir, 'backups', '..', 'workstation.db') }],
      ['import.preview', { file: 'relative.xlsx' }],
      ['consolidate.preview', { files: [path.join(dataDir, 'uploads', 'a.xlsx'), '/etc/passwd'] }],
    ] as const) {
      await expect(ipc(channel, input), channel).resolves.toMatchObject({ ok: false, error: { message: DESKTOP_PATH_REFUSAL } });
    }

    // Inside downloads: allowed.
    fs.mkdirSync(path.join(dataDir, 'downloads'), { recursive: true });
    const inDownloads = path.join(dataDir, 'downloads', '目录.xlsx');
    await expect(ipc('catalogue.exportXlsx', { out: inDownloads })).resolves.toMatchObject({ ok: true });
    expect(fs.existsSync(inDownloads)).toBe(true);

    // Chosen in the save dialog: that exact file may be written (and read back), no other.
    state.saveDialogPath = foreign;
    await expect(ipc('files.chooseSave', { suggestedName: '偷写.xlsx' })).resolves.toEqual({ ok: true, value: { path: foreign } });
    await expect(ipc('catalogue.exportXlsx', { out: foreign })).resolves.toMatchObject({ ok: true });
    expect(fs.existsSync(foreign)).toBe(true);
    await expect(ipc('catalogue.importPreview', { file: foreign })).resolves.not.toMatchObject({ error: { message: DESKTOP_PATH_REFUSAL } });
    await expect(ipc('catalogue.exportXlsx', { out: path.join(outside, 'other.xlsx') })).resolves.toMatchObject({ ok: false, error: { message: DESKTOP_PATH_REFUSAL } });

    // Chosen in the open dialog: may be read, not overwritten.
    const picked = path.join(outside, '填报.xlsx');
    fs.writeFileSync(picked, 'not really a workbook');
    state.openDialog = { canceled: false, filePaths: [picked] };
    await expect(ipc('files.chooseOpen', {})).resolves.toEqual({ ok: true, value: { path: picked } });
    const read = await ipc('import.preview', { file: picked });
    expect(read.ok).toBe(false); // not a workbook — but refused by the reader, not by the policy
    expect(read.error!.message).not.toBe(DESKTOP_PATH_REFUSAL);
    await expect(ipc('catalogue.exportXlsx', { out: picked })).resolves.toMatchObject({ ok: false, error: { message: DESKTOP_PATH_REFUSAL } });
    expect(fs.readFileSync(picked, 'utf8')).toBe('not really a workbook');
  });
});

// ---------------------------------------------------------------------------

describe('malformed input, for every channel, through the dispatch', () => {
  let ctx: CoreContext;
  let dir: string;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const arrayProtoBefore = Object.getOwnPropertyNames(Array.prototype).sort();
  const HUGE = 'x'.repeat(1_000_000);
  /**
   * String fields whose schema has no length cap today. A 1 MB string passes
   * the schema there and is refused later (a file name too long for the file
   * system, an unknown batch): ok:false and nothing written, but not a usage
   * error from the schema. Shrinks to [] once these get .max() in
   * shared/contract.ts and shared/channels/tracker.ts.
   */
  const UNCAPPED_TODAY: string[] = [];

  beforeAll(async () => {
    dir = tmpDir('ys-sec-input-');
    ctx = await openStore({ dbFile: path.join(dir, 'data', 'input.db'), seeds: miniSeeds(), user: 'sec' });
  });
  afterAll(() => {
    if (ctx) closeStore(ctx);
  });

  const writes = () => ({
    history: (ctx.db.prepare('SELECT count(*) AS n FROM observation_history').get() as { n: number }).n,
    changes: (ctx.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n,
  });
  const listing = () => fs.readdirSync(dir, { recursive: true }).map(String).sort();

  it('every channel takes a strict object (extra keys are refused, not dropped)', () => {
    for (const c of CHANNELS) {
      const s = inputOf(c);
      expect(s._zod.def.type, c).toBe('object');
      expect(s._zod.def.catchall?._zod.def.type, `${c} is .strict()`).toBe('never');
      const r = s.safeParse({ sneaky: 1 });
      expect(r.success, c).toBe(false);
      expect(r.error!.issues.some((i) => i.code === 'unrecognized_keys' && i.keys?.includes('sneaky')), c).toBe(true);
    }
  });

  it('a 1 MB string is refused by the schema of every string field but the known uncapped ones', () => {
    const uncapped: string[] = [];
    for (const c of CHANNELS) {
      for (const [key, field] of Object.entries(shapeOf(c))) {
        const inner = unwrap(field);
        const t = inner._zod.def.type;
        const value = t === 'string' ? HUGE : t === 'array' && unwrap(inner._zod.def.element!)._zod.def.type === 'string' ? [HUGE] : undefined;
        if (value === undefined) continue;
        const r = inputOf(c).safeParse({ [key]: value });
        const refusedHere = !r.success && r.error!.issues.some((i) => i.path[0] === key);
        if (!refusedHere) uncapped.push(`${c}.${key}`);
      }
    }
    expect(uncapped.sort()).toEqual([...UNCAPPED_TODAY].sort());
  });

  it('refuses malformed input on every channel with a Chinese usage error, writing nothing', async () => {
    const before = writes();
    const filesBefore = listing();
    let cases = 0;
    for (const c of CHANNELS) {
      const shape = shapeOf(c);
      const inputs: Array<[string, unknown]> = [
        ['array', []],
        ['array of objects', [{}]],
        ['string', 'app.info'],
        ['number', 42],
        ['boolean', true],
        ['__proto__ key', JSON.parse('{"__proto__": {"polluted": "yes"}}')],
        ['constructor key', { constructor: { prototype: { polluted: 'yes' } } }],
        ['prototype key', { prototype: { polluted: 'yes' } }],
        ['extra key', { sneaky: 1 }],
      ];
      for (const [key, field] of Object.entries(shape)) {
        for (const wrong of wrongTypeFor(field)) inputs.push([`${key}: ${JSON.stringify(wrong)}`, { [key]: wrong }]);
        if (!field.safeParse(null).success) inputs.push([`${key}: null`, { [key]: null }]);
        inputs.push([`${key} + __proto__`, JSON.parse(`{"${key}": {"__proto__": {"polluted": "yes"}}, "__proto__": {"polluted": "yes"}}`)]);
        const t = unwrap(field)._zod.def.type;
        if (t === 'string' && !UNCAPPED_TODAY.includes(`${c}.${key}`)) inputs.push([`${key}: 1 MB`, { [key]: HUGE }]);
        if (t === 'array') inputs.push([`${key}: [1 MB]`, { [key]: [HUGE] }]);
      }
      for (const [label, input] of inputs) {
        cases += 1;
        const r = await invoke(ctx, c, input);
        expect(r.ok, `${c} ${label}`).toBe(false);
        if (r.ok) continue;
        expect(r.error.kind, `${c} ${label}: ${r.error.message}`).toBe('usage');
        expect(r.error.message, `${c} ${label}`).toMatch(CHINESE);
        expect(r.error.message.length, `${c} ${label}: the message does not echo the input`).toBeLessThan(2000);
      }
      // The uncapped fields: still refused (later), still nothing written.
      for (const key of Object.keys(shape)) {
        if (!UNCAPPED_TODAY.includes(`${c}.${key}`)) continue;
        const r = await invoke(ctx, c, { [key]: HUGE });
        expect(r.ok, `${c}.${key} 1 MB`).toBe(false);
        if (!r.ok) expect(r.error.message, `${c}.${key}`).toMatch(CHINESE);
      }
    }
    expect(cases).toBeGreaterThan(CHANNELS.length * 9);
    expect(writes()).toEqual(before);
    expect(listing()).toEqual(filesBefore);
    // Nothing leaked onto the prototypes.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayProtoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });

  it('an unknown channel, including prototype names, is a usage error', async () => {
    for (const c of ['fs.readFile', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'app.info ']) {
      const r = await invoke(ctx, c, {});
      expect(r, c).toMatchObject({ ok: false, error: { kind: 'usage' } });
      if (!r.ok) expect(r.error.message).toMatch(/未知的请求/);
    }
  });

  it('a missing or null input means "no input" (the same answer as {})', async () => {
    for (const c of CHANNELS) {
      const [a, b] = [await invoke(ctx, c, null), await invoke(ctx, c, {})];
      expect(a.ok, c).toBe(b.ok);
      if (!a.ok && !b.ok) expect(a.error.kind, c).toBe(b.error.kind);
    }
  });
});

// ---------------------------------------------------------------------------

describe('path fields and the path policy', () => {
  const PATH_LIKE = /^(file|files|out|path|paths|dir|dirs|directory|folder)$|(File|Files|Path|Paths|Dir|Dirs|Directory|Folder)$/;

  it('PATH_FIELDS lists every path-like input field of every channel, and only real fields', () => {
    for (const c of CHANNELS) {
      const shape = shapeOf(c);
      const spec = PATH_FIELDS[c] ?? {};
      const listed = [...(spec.read ?? []), ...(spec.write ?? [])];
      for (const key of Object.keys(shape)) {
        if (PATH_LIKE.test(key)) expect(listed, `${c}.${key} must be in shared/path-fields.ts`).toContain(key);
      }
      for (const key of listed) {
        expect(Object.keys(shape), `${c}.${key} listed but not in the schema`).toContain(key);
        const inner = unwrap(shape[key]!);
        const ok = inner._zod.def.type === 'string' || (inner._zod.def.type === 'array' && unwrap(inner._zod.def.element!)._zod.def.type === 'string');
        expect(ok, `${c}.${key} is a string or an array of strings`).toBe(true);
      }
    }
    for (const c of Object.keys(PATH_FIELDS)) expect(CHANNELS, c).toContain(c);
  });

  it('pathsOf takes strings and string arrays from the listed fields only', () => {
    expect(pathsOf('import.errorsCopy', { file: '/a', out: '/b', other: '/c' })).toEqual({ read: ['/a'], write: ['/b'] });
    expect(pathsOf('consolidate.preview', { files: ['/a', 5, '/b'] })).toEqual({ read: ['/a', '/b'], write: [] });
    expect(pathsOf('backup.create', {})).toEqual({ read: [], write: [] });
    expect(pathsOf('app.info', { file: '/etc/passwd' })).toEqual({ read: [], write: [] });
    expect(pathsOf('__proto__', { file: '/x' })).toEqual({ read: [], write: [] });
    expect(pathsOf('backup.inspect', null)).toEqual({ read: [], write: [] });
    expect(pathsOf('backup.inspect', ['/x'])).toEqual({ read: [], write: [] });
    expect(pathsOf('backup.inspect', JSON.parse('{"__proto__": {"file": "/etc/passwd"}}'))).toEqual({ read: [], write: [] });
  });

  describe('the pure check', () => {
    const base = tmpDir('ys-sec-policy-');
    const data = path.join(base, 'data');
    const elsewhere = path.join(base, 'elsewhere');
    const roots = exchangeRoots(data);
    let symlinks = true;

    beforeAll(() => {
      for (const d of ['uploads/u1', 'downloads', 'backups', '../elsewhere']) fs.mkdirSync(path.join(data, d), { recursive: true });
      fs.writeFileSync(path.join(data, 'uploads', 'u1', 'a.xlsx'), 'a');
      fs.writeFileSync(path.join(data, 'workstation.db'), 'db');
      fs.writeFileSync(path.join(elsewhere, 'secret.txt'), 'secret');
      try {
        fs.symlinkSync(elsewhere, path.join(data, 'downloads', 'link-dir'), 'dir');
        fs.symlinkSync(path.join(elsewhere, 'secret.txt'), path.join(data, 'uploads', 'link-file.xlsx'), 'file');
        fs.symlinkSync(data, path.join(base, 'data-link'), 'dir');
      } catch {
        symlinks = false;
      }
    });

    it('accepts files strictly inside the right folders, for the right access', () => {
      const inUploads = path.join(data, 'uploads', 'u1', 'a.xlsx');
      expect(insideRoots(inUploads, roots.read)).toBe(true);
      expect(insideRoots(inUploads, roots.write)).toBe(false);
      expect(insideRoots(path.join(data, 'downloads', 'new', 'deep', 'r.xlsx'), roots.write)).toBe(true); // not there yet
      expect(insideRoots(path.join(data, 'backups', 'b.db'), roots.write)).toBe(true);
      expect(checkInputPaths('import.errorsCopy', { file: inUploads, out: path.join(data, 'downloads', 'e.xlsx') }, { roots })).toEqual({ ok: true });
      expect(checkInputPaths('import.errorsCopy', { file: inUploads, out: path.join(data, 'uploads', 'e.xlsx') }, { roots })).toMatchObject({ ok: false, access: 'write' });
    });

    it('refuses traversal, prefixes, relative paths, the folders themselves and the database', () => {
      const bad = [
        path.join(data, 'workstation.db'),
        data,
        path.join(data, 'uploads'),
        path.join(data, 'downloads') + path.sep,
        `${path.join(data, 'uploads')}-evil${path.sep}x.xlsx`,
        `${path.join(data, 'downloads')}..${path.sep}x`,
        `${path.join(data, 'uploads')}${path.sep}..${path.sep}workstation.db`,
        `${path.join(data, 'uploads', 'u1')}${path.sep}..${path.sep}..${path.sep}..${path.sep}elsewhere${path.sep}secret.txt`,
        `${path.join(data, 'uploads')}/u1/../a.xlsx`,
        `${path.join(data, 'uploads')}\\..\\workstation.db`,
        'uploads/u1/a.xlsx',
        './a.xlsx',
        '',
        `${path.join(data, 'uploads', 'u1', 'a.xlsx')}\0.png`,
        path.join(elsewhere, 'secret.txt'),
        '/etc/passwd',
      ];
      for (const p of bad) {
        expect(insideRoots(p, roots.read), JSON.stringify(p)).toBe(false);
        expect(insideRoots(p, roots.write), JSON.stringify(p)).toBe(false);
      }
    });

    it('follows symbolic links before deciding', () => {
      if (!symlinks) return;
      expect(insideRoots(path.join(data, 'downloads', 'link-dir', 'secret.txt'), roots.read)).toBe(false);
      expect(insideRoots(path.join(data, 'downloads', 'link-dir', 'new.xlsx'), roots.write)).toBe(false);
      expect(insideRoots(path.join(data, 'uploads', 'link-file.xlsx'), roots.read)).toBe(false);
      // A data folder reached through a link is still the data folder.
      expect(insideRoots(path.join(base, 'data-link', 'uploads', 'u1', 'a.xlsx'), exchangeRoots(path.join(base, 'data-link')).read)).toBe(true);
      expect(insideRoots(path.join(base, 'data-link', 'uploads', 'u1', 'a.xlsx'), roots.read)).toBe(true);
      expect(realLocation(path.join(data, 'downloads', 'link-dir', 'x', 'y'))).toBe(path.join(fs.realpathSync(elsewhere), 'x', 'y'));
    });

    it('checks every element of a list, and leaves non-strings to the schema', () => {
      const good = path.join(data, 'uploads', 'u1', 'a.xlsx');
      expect(checkInputPaths('consolidate.preview', { files: [good, good] }, { roots })).toEqual({ ok: true });
      expect(checkInputPaths('consolidate.commit', { files: [good, '/etc/passwd'], resolutions: [] }, { roots })).toEqual({ ok: false, access: 'read', path: '/etc/passwd' });
      expect(checkInputPaths('backup.inspect', { file: 5 }, { roots })).toEqual({ ok: true });
      expect(checkInputPaths('backup.create', {}, { roots })).toEqual({ ok: true });
      expect(checkInputPaths('observations.list', { file: '/etc/passwd' }, { roots })).toEqual({ ok: true }); // not a path field: the schema refuses the key
    });

    it('isStrictlyInside is about path segments, not string prefixes', () => {
      expect(isStrictlyInside(path.join('/a', 'b', 'c'), path.join('/a', 'b'))).toBe(true);
      expect(isStrictlyInside(path.join('/a', 'bc'), path.join('/a', 'b'))).toBe(false);
      expect(isStrictlyInside(path.join('/a', 'b'), path.join('/a', 'b'))).toBe(false);
      expect(isStrictlyInside('/a', path.join('/a', 'b'))).toBe(false);
      expect(isStrictlyInside(path.join('/a', 'b', '..c'), path.join('/a', 'b'))).toBe(true); // a name that starts with two dots
    });
  });

  it('grants: exactly the chosen file; an open dialog grants reading only', () => {
    revokeAllGrants();
    const chosen = path.resolve('/home/someone/报告.xlsx');
    expect(isGranted(chosen, 'read')).toBe(false);
    grantPath(chosen, 'read');
    expect(isGranted(chosen, 'read')).toBe(true);
    expect(isGranted(chosen, 'write')).toBe(false);
    grantPath(chosen, 'write');
    expect(isGranted(chosen, 'write')).toBe(true);
    grantPath(chosen, 'read'); // a later open dialog does not take the write grant away
    expect(isGranted(chosen, 'write')).toBe(true);
    expect(isGranted(path.resolve('/home/someone/other.xlsx'), 'read')).toBe(false);
    expect(isGranted('报告.xlsx', 'read')).toBe(false);
    grantPath('relative.xlsx', 'write');
    expect(isGranted('relative.xlsx', 'write')).toBe(false);
    for (let i = 0; i < 1100; i++) grantPath(path.resolve(`/tmp/g${i}.xlsx`), 'read');
    expect(isGranted(chosen, 'read')).toBe(false); // the oldest are forgotten
    expect(isGranted(path.resolve('/tmp/g1099.xlsx'), 'read')).toBe(true);
    revokeAllGrants();
    expect(isGranted(path.resolve('/tmp/g1099.xlsx'), 'read')).toBe(false);
  });
});

// ---------------------------------------------------------------------------

describe('browser mode: CSRF, CORS and the path policy', () => {
  let site: TempWebServer;
  let ctx: CoreContext;
  let web: WebServer;
  let base: string;
  let data: string;

  beforeAll(async () => {
    site = await startOnTempStore('ys-sec-web-');
    ({ ctx, web, dir: base } = site);
    data = ctx.dataDir;
  });
  afterAll(() => site?.stop());

  const history = () => (ctx.db.prepare('SELECT count(*) AS n FROM observation_history').get() as { n: number }).n;
  const write = { channel: 'observations.set', input: { indicator: 'KB-TIME', region: '460100', period: '2026Q1', value: 99 } };
  const call = (body: unknown, headers: Record<string, string> = {}) =>
    request(web.port, { method: 'POST', path: '/api/invoke', headers: { 'Content-Type': 'application/json', 'X-Workstation-Token': web.token, ...headers }, body: JSON.stringify(body) });
  const noCors = (r: Reply) => Object.keys(r.headers).filter((h) => h.startsWith('access-control-'));

  it('refuses a CSRF-style simple POST (text/plain, no token), from anywhere', async () => {
    const before = history();
    const variants: Array<Record<string, string>> = [
      { 'Content-Type': 'text/plain' },
      { 'Content-Type': 'text/plain;charset=UTF-8', Origin: 'http://evil.example' },
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null' },
      { 'Content-Type': 'multipart/form-data; boundary=x', Origin: `http://127.0.0.1:${web.port}` },
      { 'Content-Type': 'text/plain', Referer: `http://127.0.0.1:${web.port}/` },
    ];
    for (const headers of variants) {
      const r = await request(web.port, { method: 'POST', path: '/api/invoke', headers, body: JSON.stringify(write) });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(noCors(r)).toEqual([]);
    }
    // The token in the query string or a cookie is not the token.
    const elsewhere: Array<Record<string, string>> = [{ Cookie: `token=${web.token}; x-workstation-token=${web.token}` }, {}];
    for (const headers of elsewhere) {
      const r = await request(web.port, { method: 'POST', path: `/api/invoke?token=${web.token}&x-workstation-token=${web.token}`, headers: { 'Content-Type': 'text/plain', ...headers }, body: JSON.stringify(write) });
      expect(r.status).toBe(403);
    }
    expect(history()).toBe(before);
    const ok = await call(write); // the page's own call, for contrast
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
    expect(noCors(ok)).toEqual([]);
    expect(history()).toBe(before + 1);
  });

  it('gives a preflight no permissive CORS answer', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${web.port}`]) {
      const r = await request(web.port, {
        method: 'OPTIONS',
        path: '/api/invoke',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-workstation-token' },
      });
      expect(r.status, origin).toBeGreaterThanOrEqual(400);
      expect(noCors(r), origin).toEqual([]);
    }
    for (const p of ['/', '/api/upload', '/api/download-ticket', '/api/nope']) {
      const r = await request(web.port, { method: 'OPTIONS', path: p, headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(noCors(r), p).toEqual([]);
    }
  });

  it('lets the page name files only inside the exchange folders', async () => {
    const uploads = path.join(data, 'uploads', 'abc');
    fs.mkdirSync(uploads, { recursive: true });
    fs.mkdirSync(path.join(data, 'downloads'), { recursive: true });
    fs.mkdirSync(path.join(data, 'backups'), { recursive: true });
    const uploaded = path.join(uploads, '填报.xlsx');
    fs.writeFileSync(uploaded, 'not a workbook');
    const outsideFile = path.join(base, 'outside.xlsx');
    const refusal = { ok: false, error: { kind: 'usage', message: BROWSER_PATH_REFUSAL } };

    const refusedCases: Array<[string, Record<string, unknown>]> = [
      ['reports.export', { period: '2026Q1', out: outsideFile }],
      ['catalogue.exportXlsx', { out: path.join(data, 'web.db') }],
      ['backup.inspect', { file: path.join(data, 'web.db') }],
      ['backup.restore', { file: '/etc/passwd' }],
      ['import.preview', { file: `${uploads}${path.sep}..${path.sep}..${path.sep}web.db` }],
      ['import.errorsCopy', { file: uploaded, out: path.join(uploads, 'e.xlsx') }],
      ['returns.template', { region: '海口', period: '2026Q1', out: 'template.xlsx' }],
      ['consolidate.preview', { files: [uploaded, '/etc/passwd'] }],
      ['tracker.exportMissing', { period: '2026Q1', out: `${path.join(data, 'downloads')}-evil${path.sep}x.xlsx` }],
      ['catalogue.importPreview', { file: path.join(data, 'uploads') }],
    ];
    for (const [channel, input] of refusedCases) {
      const r = await call({ channel, input });
      expect(r.status, channel).toBe(403);
      expect(JSON.parse(r.body), channel).toEqual(refusal);
    }
    expect(fs.existsSync(outsideFile)).toBe(false);

    try {
      fs.symlinkSync(base, path.join(data, 'downloads', 'escape'), 'dir');
      const r = await call({ channel: 'catalogue.exportXlsx', input: { out: path.join(data, 'downloads', 'escape', 'x.xlsx') } });
      expect(r.status).toBe(403);
      expect(fs.existsSync(path.join(base, 'x.xlsx'))).toBe(false);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e; // no symlinks on this machine
    }

    // Inside: the request goes on to the core.
    const report = path.join(data, 'downloads', '报告.xlsx');
    expect(JSON.parse((await call({ channel: 'reports.export', input: { period: '2026Q1', out: report } })).body)).toMatchObject({ ok: true });
    expect(fs.existsSync(report)).toBe(true);
    const backup = path.join(data, 'backups', 'b.db');
    expect(JSON.parse((await call({ channel: 'backup.create', input: { out: backup } })).body)).toMatchObject({ ok: true });
    expect(JSON.parse((await call({ channel: 'backup.inspect', input: { file: backup } })).body)).toMatchObject({ ok: true });
    expect(JSON.parse((await call({ channel: 'backup.create', input: {} })).body)).toMatchObject({ ok: true });
    const preview = await call({ channel: 'import.preview', input: { file: uploaded } });
    expect(preview.status).toBe(200);
    expect(JSON.parse(preview.body).error?.message).not.toBe(BROWSER_PATH_REFUSAL);
    // A path of the wrong type is the schema's to refuse.
    const typed = await call({ channel: 'backup.inspect', input: { file: 5 } });
    expect(typed.status).toBe(200);
    expect(JSON.parse(typed.body)).toMatchObject({ ok: false, error: { kind: 'usage' } });
  });

  it('the CLI is not restricted: the person typed the path', async () => {
    const out = path.join(base, 'cli-export.xlsx');
    await expect(invoke(ctx, 'catalogue.exportXlsx', { out })).resolves.toMatchObject({ ok: true });
    expect(fs.existsSync(out)).toBe(true);
  });
});

// ---------------------------------------------------------------------------

describe('the audit gate (scripts/security-audit.mjs)', () => {
  const base = tmpDir('ys-sec-audit-');
  const audit = (input: string, allowlist: string) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'security-audit.mjs'), '--input', input, '--allowlist', allowlist, '--out-dir', path.join(base, 'results')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('fails on an insecure window, reading the report rather than the exit code', () => {
    const input = path.join(base, 'insecure');
    fs.mkdirSync(input, { recursive: true });
    fs.writeFileSync(
      path.join(input, 'main.js'),
      [
        "const { app, BrowserWindow, shell } = require('electron');",
        'app.whenReady().then(() => {',
        "  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });",
        "  win.webContents.on('new-window', (e, url) => shell.openExternal(url));",
        "  win.loadURL('http://example.com/');",
        '});',
      ].join('\n'),
    );
    const allow = path.join(base, 'empty-allowlist.json');
    fs.writeFileSync(allow, JSON.stringify({ entries: [] }));
    const r = audit(input, allow);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    // HIGH, and MEDIUM of the gated checks: each one fails the audit.
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(r.stdout).toMatch(new RegExp(`FAIL\\s+│ ${check}\\s`));
    }
    expect(r.stderr).toMatch(/安全审计未通过/);
    const report = JSON.parse(fs.readFileSync(path.join(base, 'results', 'electronegativity.json'), 'utf8')) as { issues: Array<{ id: string; severity: string }> };
    expect(report.issues.some((i) => i.id === 'CONTEXT_ISOLATION_JS_CHECK' && i.severity === 'HIGH')).toBe(true);
    const sarif = JSON.parse(fs.readFileSync(path.join(base, 'results', 'electronegativity.sarif'), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]!.results).toHaveLength(report.issues.length);
  });

  it('refuses an allow-list entry without a justification or a proving test', () => {
    const input = path.join(base, 'empty-app');
    fs.mkdirSync(input, { recursive: true });
    fs.writeFileSync(path.join(input, 'main.js'), "module.exports = 1;\n");
    const allow = path.join(base, 'lazy-allowlist.json');
    const missingTitle = ['no', 'such', 'test', 'title'].join(' '); // built here, so this file does not contain it
    fs.writeFileSync(
      allow,
      JSON.stringify({
        entries: [
          { check: 'PRELOAD_JS_CHECK', file: 'main.js', justification: 'fine', evidence: [] },
          { check: 'AUXCLICK_JS_CHECK', file: 'main.js', justification: 'x'.repeat(100), evidence: [`test/integration/security.test.ts › ${missingTitle}`] },
        ],
      }),
    );
    const r = audit(input, allow);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/需要书面理由/);
    expect(r.stderr).toMatch(/需要证明该性质的测试/);
    expect(r.stderr).toContain(`中没有测试「${missingTitle}」`);
  });

  it('the project allow-list is justified, and each entry names tests that exist', () => {
    const list = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'security-allowlist.json'), 'utf8')) as {
      entries: Array<{ check: string; file: string; justification: string; evidence: string[] }>;
    };
    for (const e of list.entries) {
      expect(e.justification.length, e.check).toBeGreaterThanOrEqual(80);
      expect(e.evidence.length, e.check).toBeGreaterThan(0);
      for (const ev of e.evidence) {
        const [file, title] = ev.split(' › ');
        const text = fs.readFileSync(path.join(ROOT, file!), 'utf8');
        expect(text, ev).toContain(title!);
      }
    }
  });
});
