import { mkdir, readdir, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";

/**
 * Gives this process a scratch folder, `<data dir>/tmp/<host>-<pid>`, as its TMPDIR, so everything a render leaves
 * in temporary files (ffmpeg input, decoded audio) is in one known place. A worker killed mid-render cannot clean
 * up; the next worker started on the same host removes the folders of processes that no longer exist.
 */
export async function useScratchDir(dataDir: string): Promise<{ path: string; remove(): Promise<void> }> {
  const root = join(dataDir, "tmp");
  const prefix = `${hostname()}-`;
  await mkdir(root, { recursive: true });
  for (const name of await readdir(root)) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && Number.isInteger(pid) && !alive(pid)) {
      await rm(join(root, name), { recursive: true, force: true });
    }
  }
  const path = join(root, `${prefix}${process.pid}`);
  await mkdir(path, { recursive: true });
  const before = process.env.TMPDIR;
  process.env.TMPDIR = path;
  return {
    path,
    /** Removes the folder and gives TMPDIR back (a command run in-process, as tests do, leaves no trace). */
    async remove() {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      await rm(path, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
