// A lock between processes on one machine (issue 23: two servers on one DATA_DIR must never run the
// daily run at once): a file created with O_EXCL holding the holder's pid. A lock whose process is gone
// (killed mid-run) is taken over. Within the run each job also holds its own D1 lease (worker/lib/lease.ts).
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock at `path`; false when a living process holds it. */
export function takeFileLock(path: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) return false;
      rmSync(path, { force: true });
    }
  }
  return false;
}

export function releaseFileLock(path: string): void {
  try {
    if (Number(readFileSync(path, 'utf8')) === process.pid) rmSync(path, { force: true });
  } catch {
    // already gone
  }
}
