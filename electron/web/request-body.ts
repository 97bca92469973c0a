/** Reading a whole (small) request body into memory, under a cap. */
import type http from 'node:http';

export class BodyTooLarge extends Error {}

/** Refuses early on a declared Content-Length over `max`, and again when the bytes actually sent pass it. */
export function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaresMoreThan(req, max)) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** True when the client's own Content-Length already passes `max` (no need to read a byte). */
export function declaresMoreThan(req: http.IncomingMessage, max: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > max;
}
