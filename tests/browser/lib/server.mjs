// Starts the real `reseau` binary on a free loopback port in a fresh temporary directory, with
// mail written to files (each link it carries printed on standard output), and reads the
// confirmation links back from that output.

import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const here = fileURLToPath(new URL('.', import.meta.url));
export const workspace = resolve(here, '..', '..', '..');

export function binaryPath() {
  return process.env.RESEAU_BIN ? resolve(process.env.RESEAU_BIN) : join(workspace, 'target', 'debug', 'reseau');
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * A running server: `base` (http://127.0.0.1:PORT), `waitForLink()`, `waitForLinkTo()`,
 * `stop()`. `env` adds settings; each of `organizers` (`{ email, name, role, chapter,
 * password }`) is created with `reseau organizer create` on the same database before the
 * server starts.
 */
export async function startServer({ env: extraEnv = {}, organizers = [] } = {}) {
  const bin = binaryPath();
  const dir = await mkdtemp(join(tmpdir(), 'reseau-browser-'));
  // Run a copy: a `cargo build` elsewhere may replace target/debug/reseau while tests run.
  const copy = join(dir, 'reseau');
  for (let attempt = 1; ; attempt += 1) {
    try {
      await copyFile(bin, copy);
      break;
    } catch (e) {
      if (attempt >= 20) {
        await rm(dir, { recursive: true, force: true });
        const hint = existsSync(bin) ? '' : ': run `cargo build --bin reseau` or set RESEAU_BIN';
        throw new Error(`could not copy the reseau binary ${bin} (${e.message})${hint}`);
      }
      await sleep(500);
    }
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    RESEAU_BIND: `127.0.0.1:${port}`,
    RESEAU_BASE_URL: base,
    RESEAU_DATABASE_URL: `sqlite://${dir}/reseau.db`,
    RESEAU_MAIL__TRANSPORT: 'file',
    RESEAU_MAIL__FILE_DIR: join(dir, 'mail'),
    // The checks type example.org addresses, which only tests may use.
    RESEAU_MAIL__ALLOW_RESERVED_DOMAINS: 'true',
    RESEAU_FORMS__MIN_FILL_SECONDS: '0',
    RESEAU_LIMITS__IP_BURST: '1000',
    RESEAU_LIMITS__IP_PER_MINUTE: '1000',
    RESEAU_SECRET_KEY: 'browser-test-secret-key-0123456789abcdef',
    ...extraEnv,
  };
  // Settings given by the caller's own environment must not leak in.
  delete env.RESEAU_CONFIG;

  for (const o of organizers) {
    const args = ['organizer', 'create', '--email', o.email, '--name', o.name, '--role', o.role, '--chapter', o.chapter];
    await new Promise((ok, fail) => {
      execFile(copy, args, { cwd: dir, env: { ...env, RESEAU_ORGANIZER_PASSWORD: o.password }, timeout: 30_000 },
        (error, stdout, stderr) => {
          if (error) fail(new Error(`reseau ${args.join(' ')} failed (${error.message})\n${stdout}\n${stderr}`));
          else ok();
        });
    }).catch(async (e) => {
      await rm(dir, { recursive: true, force: true });
      throw e;
    });
  }

  const child = spawn(copy, [], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const stderr = [];
  let exited = null;
  const waiters = new Set();
  const notify = () => waiters.forEach((w) => w());
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop();
    lines.push(...parts);
    notify();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr.push(chunk);
    if (process.env.RESEAU_BROWSER_VERBOSE) process.stderr.write(chunk);
  });
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    notify();
  });
  child.on('error', (error) => {
    exited = { error: error.message };
    notify();
  });
  const output = () => `--- stdout (end) ---\n${(lines.join('\n') + partial).slice(-4000)}\n--- stderr ---\n${stderr.join('').slice(-4000)}`;

  async function stop() {
    if (exited === null && child.pid !== undefined) {
      const gone = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      const timedOut = await Promise.race([gone.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await gone;
      }
    }
    await rm(dir, { recursive: true, force: true });
  }

  // Wait for /healthz.
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`reseau exited during start-up (${JSON.stringify(exited)})\n${output()}`);
    }
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok && (await res.text()).trim() === 'ok') break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`reseau did not answer /healthz within 30 s\n${output()}`);
    }
    await sleep(100);
  }

  /**
   * The first confirmation link printed for a recipient whose masked address (`a***@domain`)
   * ends with `@domain`, waiting up to `timeout` ms for the mail worker to write it.
   */
  function waitForLink(domain, options) {
    return waitForLinkTo(domain, '/confirm/[0-9a-f]{64}', { what: 'confirmation link', ...options });
  }

  /**
   * The first link printed for a recipient at `@domain` whose address ends with a match of
   * `pathPattern` (regular-expression source, e.g. `/sign-in/[0-9a-f]{64}`).
   */
  async function waitForLinkTo(domain, pathPattern, { timeout = 15_000, what = `link to ${pathPattern}` } = {}) {
    const pattern = new RegExp(`^link emailed to [^:]*@${domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (\\S+${pathPattern})\\s*$`);
    const find = () => {
      for (const line of lines) {
        const m = pattern.exec(line);
        if (m) return m[1];
      }
      return null;
    };
    let found = find();
    if (found) return found;
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        fail(new Error(`no ${what} for @${domain} within ${timeout} ms\n${output()}`));
      }, timeout);
      const check = () => {
        found = find();
        if (found || exited !== null) {
          clearTimeout(timer);
          waiters.delete(check);
          if (found) ok(found);
          else fail(new Error(`reseau exited while waiting for a link (${JSON.stringify(exited)})\n${output()}`));
        }
      };
      waiters.add(check);
    });
  }

  return { base, dir, port, waitForLink, waitForLinkTo, stop, output };
}
