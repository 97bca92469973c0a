/**
 * POST /api/upload?name=<file name> (token header; raw bytes, capped): browser
 * mode has no open dialog, so the page sends the file here and gets back a
 * path inside <dataDir>/uploads/<random>/ to hand to import.preview etc.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { isTokenPost } from './guards';
import { declaresMoreThan } from './request-body';
import { errorResult, megabytes, sendJson } from './responses';

/** Uploads older than this are removed when the server starts. */
const UPLOAD_KEEP_MS = 24 * 60 * 60_000;

/** The random folder name of one upload; pruneUploads removes nothing else. */
const UPLOAD_FOLDER = /^[0-9a-f]{24}$/;

/**
 * A file name from the page, made safe to store: no folders, no control or
 * reserved characters, no leading dots, not a Windows device name, at most
 * 180 bytes (the extension kept). Never empty.
 */
export function sanitizeUploadName(raw: string): string {
  let name = (raw.normalize('NFC').split(/[/\\]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) name = `_${name}`;
  if (!name) name = 'upload';
  const fullExt = path.extname(name);
  const ext = fullExt.length <= 16 ? fullExt : '';
  let stem = ext ? name.slice(0, -ext.length) : name;
  while (Buffer.byteLength(stem + ext, 'utf8') > 180 && stem.length > 1) stem = stem.slice(0, -1);
  return stem + ext;
}

export function uploadRoute(uploadsDir: string, token: string, maxUpload: number) {
  /** The body, streamed to <uploadsDir>/<random>/<name>; a partial file is removed. */
  return async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): Promise<void> {
    if (!isTokenPost(req, res, token)) return;
    const rawName = query.get('name');
    if (!rawName) {
      sendJson(res, 400, errorResult('usage', '请在地址中给出文件名（?name=…）。'));
      return;
    }
    const tooLarge = () => {
      sendJson(res, 413, errorResult('usage', `文件过大（上限 ${megabytes(maxUpload)} MB）。`), { Connection: 'close' });
      // Stop the client sending the rest of a file we will not keep.
      res.on('finish', () => req.destroy());
    };
    if (declaresMoreThan(req, maxUpload)) return tooLarge();
    const dir = path.join(uploadsDir, crypto.randomBytes(12).toString('hex'));
    const file = path.join(dir, sanitizeUploadName(rawName));
    fs.mkdirSync(dir, { recursive: true });
    const out = fs.createWriteStream(file, { flags: 'wx' });
    let size = 0;
    let over = false;
    try {
      await new Promise<void>((resolve, reject) => {
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxUpload) {
            over = true;
            req.pause();
            out.destroy();
            resolve();
            return;
          }
          if (!out.write(chunk)) {
            req.pause();
            out.once('drain', () => req.resume());
          }
        });
        req.on('end', () => out.end(resolve));
        req.on('error', reject);
        out.on('error', reject);
      });
    } catch {
      out.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
      if (!res.headersSent) sendJson(res, 400, errorResult('usage', '文件上传失败，请重试。'));
      return;
    }
    if (over) {
      fs.rmSync(dir, { recursive: true, force: true });
      return tooLarge();
    }
    sendJson(res, 200, { path: file, name: path.basename(file), size });
  };
}

/** Removes upload folders older than a day (the imports have long been read by then). */
export function pruneUploads(uploadsDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(uploadsDir);
  } catch {
    return;
  }
  const cutoff = Date.now() - UPLOAD_KEEP_MS;
  for (const name of names) {
    if (!UPLOAD_FOLDER.test(name)) continue;
    const dir = path.join(uploadsDir, name);
    try {
      if (fs.statSync(dir).mtimeMs < cutoff) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
}
