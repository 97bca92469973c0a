/**
 * The process boundaries are lint rules (eslint.config.mjs). This proves they
 * still fire — a rule that silently stopped matching would let the renderer
 * reach Node or the core reach Electron — and that the repository passes.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function restrictedIn(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint: process boundaries', () => {
  it('forbids Node built-ins, native packages and electron/ code in the renderer', async () => {
    const cases = [
      "import fs from 'node:fs';",
      "import fs from 'fs';",
      "import path from 'path';",
      "import os from 'os';",
      "import { spawn } from 'child_process';",
      "import { readFile } from 'fs/promises';",
      "import Database from 'better-sqlite3';",
      "import ExcelJS from 'exceljs';",
      "import { ipcRenderer } from 'electron';",
      "import { openStore } from '../../../electron/core/store';",
      "import { invoke } from '../../electron/core/dispatch';",
      "const m = await import('node:fs');",
      "const e = require('electron');",
    ];
    for (const code of cases) {
      const errors = await restrictedIn('renderer/src/features/__lint_probe__.tsx', code + '\nexport {};\n');
      expect(errors.length, code).toBeGreaterThan(0);
    }
  });

  it('lets the renderer use shared/ and its own modules', async () => {
    const ok = await restrictedIn(
      'renderer/src/features/__lint_probe__.tsx',
      "import type { Channel } from '../../../shared/contract';\nimport { t } from '../i18n';\nimport { useState } from 'react';\nexport type X = Channel;\nexport { t, useState };\n",
    );
    expect(ok).toEqual([]);
  });

  it("forbids 'electron' in the core, the CLI, browser mode and shared code", async () => {
    for (const file of ['electron/core/__lint_probe__.ts', 'electron/cli/__lint_probe__.ts', 'electron/web/__lint_probe__.ts', 'shared/__lint_probe__.ts', 'scripts/__lint_probe__.mjs']) {
      expect(await restrictedIn(file, "import { app } from 'electron';\nexport { app };\n"), file).not.toEqual([]);
      expect(await restrictedIn(file, "export const m = () => import('electron');\n"), file).not.toEqual([]);
    }
  });

  it("allows 'electron' in electron/main and electron/preload only", async () => {
    expect(await restrictedIn('electron/main/__lint_probe__.ts', "import { app } from 'electron';\nexport { app };\n")).toEqual([]);
    expect(await restrictedIn('electron/preload/__lint_probe__.ts', "import { contextBridge } from 'electron';\nexport { contextBridge };\n")).toEqual([]);
  });

  it('passes on the whole repository', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.ruleId ?? ''} ${m.message}`),
    );
    expect(problems).toEqual([]);
    expect(results.some((r) => r.filePath.endsWith(path.join('renderer', 'src', 'App.tsx')))).toBe(true);
  });
});
