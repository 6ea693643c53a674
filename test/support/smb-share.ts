import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';

/**
 * A real SMB share for the sync tests: Samba's smbd on 127.0.0.1 (a spare
 * port, a guest share in a temporary folder), mounted twice through FUSE with
 * `rclone mount`, one mount per simulated computer — the setup of
 * /work/shared/tools/smb-share, kept here so that a fresh clone in CI has it.
 * Every process is started here and stopped by its id.
 *
 * What the mounts do, as observed (they behave like two network clients):
 * - a file written on one mount reaches the server about `writeBackMs` after
 *   it is closed, written straight under its final name — so the other mount
 *   can see it half copied;
 * - a listing (and a stat) on the other mount can be `dirCacheMs` stale;
 * - O_CREAT|O_EXCL is not atomic across the mounts, flock() is local to one;
 * - rclone keeps unsent writes in its cache folder and sends them when it is
 *   mounted again;
 * - rclone may show a folder named «．» (U+FF0E) at the root.
 *
 * Needs root, /dev/fuse, and Debian's samba, rclone and fuse3 (.ci/run installs them).
 */

export interface SmbShare {
  /** The folder smbd serves (what the server's disk holds). */
  serverDir: string;
  /** The two computers' mounts. */
  mountA: string;
  mountB: string;
  port: number;
  /** A third mount of the same folder through a read-only share. */
  mountReadOnly(): Promise<string>;
  /** The network drops for one computer: its rclone dies (SIGKILL), its mount answers ENOTCONN. */
  drop(which: 'a' | 'b'): Promise<void>;
  /** Connects it again (rclone sends what it kept in its cache). */
  reconnect(which: 'a' | 'b'): Promise<void>;
  stop(): Promise<void>;
}

export interface SmbShareOptions {
  /** Directory cache of the mounts (a Windows client keeps 10 s). */
  dirCacheMs?: number;
  /** Delay before a closed file is uploaded. */
  writeBackMs?: number;
}

/** Why this machine cannot run the share, or null when it can. */
export function smbUnavailable(): string | null {
  if (process.platform !== 'linux') return 'SMB tests need Linux';
  if (process.getuid?.() !== 0) return 'SMB tests need root (FUSE mounts)';
  if (!fs.existsSync('/dev/fuse')) return 'SMB tests need /dev/fuse';
  for (const tool of ['smbd', 'rclone', 'fusermount3']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `SMB tests need ${tool} (Debian: samba, rclone, fuse3)`;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, log: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up in ${timeoutMs} ms: ${log()}`);
}

function isMounted(dir: string): boolean {
  return spawnSync('mountpoint', ['-q', dir]).status === 0;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-5).join('\n');
  } catch {
    return '(no log)';
  }
}

function stopProcess(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startSmbShare(options: SmbShareOptions = {}): Promise<SmbShare> {
  const why = smbUnavailable();
  if (why) throw new Error(why);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-smb-'));
  const serverDir = path.join(base, 'share');
  const run = path.join(base, 'run');
  const mounts = { a: path.join(base, 'mnt-a'), b: path.join(base, 'mnt-b'), ro: path.join(base, 'mnt-ro') };
  for (const d of [serverDir, run, ...Object.values(mounts)]) fs.mkdirSync(d, { recursive: true });
  const port = await freePort();
  const conf = path.join(run, 'smb.conf');
  fs.writeFileSync(
    conf,
    `[global]
  server role = standalone server
  smb ports = ${port}
  interfaces = lo
  bind interfaces only = yes
  disable netbios = yes
  pid directory = ${run}
  lock directory = ${run}
  state directory = ${run}
  cache directory = ${run}
  private dir = ${run}
  log file = ${run}/smbd.log
  map to guest = Bad User
[school]
  path = ${serverDir}
  read only = no
  guest ok = yes
  force user = root
[school-ro]
  path = ${serverDir}
  read only = yes
  guest ok = yes
  force user = root
`,
  );
  // In the foreground, stopped by its id (not by a pid file); in a process group of its own, because on
  // SIGTERM smbd signals its whole group — which must not be the test runner's.
  const smbd = spawn('smbd', ['--foreground', '--no-process-group', '-s', conf], { stdio: 'ignore', detached: true });
  const rclones: Record<'a' | 'b' | 'ro', ChildProcess | null> = { a: null, b: null, ro: null };

  const mount = async (which: 'a' | 'b' | 'ro'): Promise<void> => {
    const dir = mounts[which];
    const child = spawn(
      'rclone',
      [
        'mount',
        `:smb,host=127.0.0.1,port=${port},user=guest:${which === 'ro' ? 'school-ro' : 'school'}`,
        dir,
        // The read-only mount writes through (no cache), so that the server's refusal reaches the writer as
        // a Windows client's would, instead of being accepted into a local cache and failing later.
        '--vfs-cache-mode',
        which === 'ro' ? 'off' : 'writes',
        '--vfs-write-back',
        `${options.writeBackMs ?? 1000}ms`,
        '--dir-cache-time',
        `${options.dirCacheMs ?? 10_000}ms`,
        '--cache-dir',
        path.join(run, `cache-${which}`),
        '--config',
        '/dev/null',
        '--log-file',
        path.join(run, `rclone-${which}.log`),
      ],
      { stdio: 'ignore' },
    );
    rclones[which] = child;
    await waitFor(`rclone mount ${which}`, () => isMounted(dir), 15_000, () => tail(path.join(run, `rclone-${which}.log`)));
  };

  const unmount = (which: 'a' | 'b' | 'ro'): void => {
    // A mount whose client died still holds the mount point (ENOTCONN) until it is unmounted.
    spawnSync('fusermount3', ['-u', '-z', mounts[which]]);
  };

  const share: SmbShare = {
    serverDir,
    mountA: mounts.a,
    mountB: mounts.b,
    port,
    async mountReadOnly() {
      if (!rclones.ro) await mount('ro');
      return mounts.ro;
    },
    async drop(which) {
      const child = rclones[which];
      rclones[which] = null;
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    },
    async reconnect(which) {
      unmount(which);
      await mount(which);
    },
    async stop() {
      for (const which of ['a', 'b', 'ro'] as const) {
        const child = rclones[which];
        rclones[which] = null;
        unmount(which);
        await stopProcess(child);
      }
      await stopProcess(smbd);
      fs.rmSync(base, { recursive: true, force: true });
    },
  };

  try {
    await waitFor('smbd', () => listening(port), 15_000, () => tail(path.join(run, 'smbd.log')));
    await mount('a');
    await mount('b');
  } catch (e) {
    await share.stop().catch(() => undefined);
    throw e;
  }
  return share;
}

/** The version line of a tool, for the test's log. */
export function toolVersion(tool: string): string {
  try {
    return execFileSync(tool, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return `${tool}: unknown version`;
  }
}
