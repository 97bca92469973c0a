import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A small real filesystem (tmpfs) of its own, to fill up or make read-only:
 * the disk faults an offline laptop really meets. Needs root, as CI and the
 * development machines have.
 */
export interface TinyFs {
  dir: string;
  fill(leaveBytes: number): void;
  unfill(): void;
  readOnly(on: boolean): void;
  unmount(): void;
}

function sh(args: string[]): void {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
}

export function mountTinyFs(sizeBytes: number): TinyFs {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ys-tinyfs-'));
  sh(['mount', '-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  const filler = path.join(dir, 'filler.bin');
  return {
    dir,
    fill(leaveBytes) {
      const st = fs.statfsSync(dir);
      const free = st.bavail * st.bsize;
      const size = Math.max(0, free - leaveBytes);
      const fd = fs.openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      let written = 0;
      try {
        while (written < size) written += fs.writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e; // full already: that is the point
      } finally {
        fs.closeSync(fd);
      }
    },
    unfill() {
      fs.rmSync(filler, { force: true });
    },
    readOnly(on) {
      sh(['mount', '-o', `remount,${on ? 'ro' : 'rw'}`, dir]);
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
