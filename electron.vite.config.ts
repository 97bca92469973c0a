/**
 * electron-vite 6 build of the three parts:
 *   main     electron/main/index.ts     → out/main/index.js     (CommonJS; better-sqlite3 and other deps stay external)
 *   preload  electron/preload/index.ts  → out/preload/index.js  (CommonJS, one self-contained file: a sandboxed preload can require only 'electron')
 *   renderer renderer/index.html        → out/renderer/         (also served by browser mode, electron/web/server.ts)
 * `npm run build` needs no Electron binary.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CSP_META, DEV_CSP_META } from './shared/csp';

const root = __dirname;

/** The dev server's react-refresh preamble is an inline script: relax the meta CSP for `electron-vite dev` only. */
function devCsp(): Plugin {
  return {
    name: 'ys-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(CSP_META, DEV_CSP_META);
    },
  };
}

/** The built page must carry exactly the CSP the shells send. */
function checkCsp(): Plugin {
  return {
    name: 'ys-check-csp',
    apply: 'build',
    transformIndexHtml(html) {
      if (!html.includes(`content="${CSP_META}"`)) throw new Error('renderer/index.html：CSP meta 标签与 shared/csp.ts 不一致');
      return html;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        // The core runs in a worker thread beside the shell: built as its own file.
        input: { index: resolve(root, 'electron/main/index.ts'), 'core-worker': resolve(root, 'electron/core/worker.ts') },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      // Bundle everything (the CHANNELS list) into the one file; only 'electron' stays a require.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCsp(), checkCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
