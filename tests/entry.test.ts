import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../server/src/auth/password.js';
import { UserStore } from '../server/src/auth/users.js';
import { openDatabase } from '../server/src/store/db.js';
import type { LiveUpdate } from '@retailmind/sdk/contract';
import { TokenService } from '../server/src/auth/tokens.js';
import { connectSocket, nextEvent } from './helpers/sockets.js';

/** The real entry point (server/src/index.ts) in a child process: configuration, demo accounts, live wiring. */
interface Running {
  child: ChildProcess;
  output: () => string;
  url: Promise<string>;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(env: Record<string, string>, args: string[] = []): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts', ...args], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', HOST: '127.0.0.1', RM_DB_URL: ':memory:', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  url.catch(() => undefined);
  return { child, output: () => out, url, exited };
}

/** A signing key as `openssl rand -base64 32` makes one. */
const realSecret = () => randomBytes(32).toString('base64');

const login = async (url: string, username: string, password: string) => {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: res.status, body: (await res.json()) as { token: string } };
};

describe('server/src/index.ts', () => {
  it.each([
    ['a short one', 'too-short', /RM_JWT_SECRET is shorter than 32 characters: it must be a random key/],
    ['a long one of one character', 'p'.repeat(40), /RM_JWT_SECRET has 1 distinct characters, fewer than 8/],
    ['a long placeholder', 'your-jwt-secret-here-change-it-please', /RM_JWT_SECRET looks like a placeholder/],
  ])('refuses to start in production without a real RM_JWT_SECRET: %s', async (_label, secret, message) => {
    const server = start({ NODE_ENV: 'production', RM_DATA_DIR: 'data/sample', RM_JWT_SECRET: secret });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(message);
  });

  it('never creates the demo accounts in production', async () => {
    const server = start({ NODE_ENV: 'production', RM_DATA_DIR: 'data/sample', RM_JWT_SECRET: realSecret() });
    const url = await server.url;
    expect((await login(url, 'manager', 'demo')).status).toBe(401);
    expect(server.output()).not.toMatch(/demo accounts/);
  });

  it('on the sample data outside production: warns about the generated secret, creates the demo accounts, serves live', async () => {
    const server = start({ RM_DATA_DIR: 'data/sample' });
    const url = await server.url;
    expect(server.output()).toMatch(/RM_JWT_SECRET is not set: signing tokens with a random per-process secret/);
    const { status, body } = await login(url, 'leadership', 'demo');
    expect(status).toBe(200);
    const socket = await connectSocket(url, body.token);
    socket.close();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('creates no demo accounts on other data, and RM_LIVE=1 appends a day through the ingest path', async () => {
    const server = start({ RM_DATA_DIR: 'tests/fixtures/tiny', RM_LIVE: '1' });
    const url = await server.url;
    expect((await login(url, 'manager', 'demo')).status).toBe(401);
    await expect.poll(() => server.output(), { timeout: 8000, interval: 200 }).toMatch(/live feed: appended 2026-03-04/);
  });

  it('with --live (`npm start -- --live`) the feed\'s appended day reaches a connected socket', async () => {
    const secret = realSecret();
    const server = start({ RM_DATA_DIR: 'tests/fixtures/tiny', RM_JWT_SECRET: secret }, ['--live']);
    const url = await server.url;
    const { token } = await new TokenService(secret).issue('entry-test', 'leadership');
    const socket = await connectSocket(url, token);
    try {
      const update = await nextEvent<LiveUpdate<'summary'>>(socket, 'summary', 8000);
      expect(update.payload.range.to).toBe('2026-03-04'); // the fixture ends on 2026-03-03
    } finally {
      socket.close();
    }
  });
});

describe('a database filled in development, then served in production', () => {
  it('refuses to start while a demo account accepts "demo", naming the accounts and the fix; starts once they are changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-demo-'));
    const dbUrl = join(dir, 'db.sqlite');
    try {
      const dev = start({ RM_DB_URL: dbUrl, RM_DATA_DIR: 'data/sample' });
      await dev.url;
      expect(dev.output()).toMatch(/created the demo accounts/);
      dev.child.kill('SIGTERM');
      expect(await dev.exited).toBe(0);

      const production = { RM_DB_URL: dbUrl, RM_DATA_DIR: 'data/sample', NODE_ENV: 'production', RM_JWT_SECRET: realSecret() };
      const refused = start(production);
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toMatch(/refusing to start with NODE_ENV=production: the demo accounts manager, analyst, leadership still accept the password "demo"/);
      expect(refused.output()).toContain('npm run user -- leadership leadership < password-file');

      // The fix the message names: a new password for each (the script behind `npm run user`).
      for (const name of ['manager', 'analyst', 'leadership']) {
        const saved = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/user.ts', name, name], {
          env: { PATH: process.env['PATH'] ?? '', RM_DB_URL: dbUrl },
          input: 'a long enough password\n',
          encoding: 'utf8',
        });
        expect(saved.status, saved.stderr).toBe(0);
      }
      const fixed = start(production);
      const url = await fixed.url;
      expect((await login(url, 'manager', 'demo')).status).toBe(401);
      expect((await login(url, 'manager', 'a long enough password')).status).toBe(200);
      fixed.child.kill('SIGTERM');
      expect(await fixed.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('server/src/cli/user.ts (`npm run user`)', () => {
  it('saves an account with the password from stdin, and refuses a short one or an unknown role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rm-user-'));
    try {
      const env = { PATH: process.env['PATH'] ?? '', RM_DB_URL: join(dir, 'db.sqlite') };
      const run = (args: string[], input: string) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/user.ts', ...args], { env, input, encoding: 'utf8' });
      expect(run(['ana', 'analyst'], 'long enough secret\n').status).toBe(0);
      expect(run(['bob', 'analyst'], 'short\n').status).toBe(2);
      expect(run(['eve', 'admin'], 'long enough secret\n').status).toBe(2);
      const db = await openDatabase(join(dir, 'db.sqlite'));
      const users = new UserStore(db);
      const ana = await users.find('ana');
      expect(ana?.role).toBe('analyst');
      expect(await verifyPassword('long enough secret', ana!.passwordHash)).toBe(true);
      expect(await users.find('bob')).toBeNull();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
