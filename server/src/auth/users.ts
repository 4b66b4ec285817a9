import type { Client } from '@libsql/client';
import { ROLES, type Role } from '@retailmind/sdk/contract';
import { hashPassword, verifyPassword } from './password.js';

export interface UserRecord {
  username: string;
  role: Role;
  passwordHash: string;
}

/** The `users` table (migration 2). Accounts are not data: they never touch the data version. */
export class UserStore {
  constructor(private readonly db: Client) {}

  async find(username: string): Promise<UserRecord | null> {
    const result = await this.db.execute({
      sql: 'SELECT username, role, password_hash FROM users WHERE username = ?',
      args: [username],
    });
    const row = result.rows[0];
    if (!row) return null;
    const role = String(row['role']);
    if (!(ROLES as readonly string[]).includes(role)) return null;
    return { username: String(row['username']), role: role as Role, passwordHash: String(row['password_hash']) };
  }

  /** Creates the account or replaces its role and password. */
  async set(username: string, role: Role, password: string): Promise<void> {
    await this.db.execute({
      sql: `INSERT INTO users (username, role, password_hash) VALUES (?, ?, ?)
            ON CONFLICT (username) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash`,
      args: [username, role, await hashPassword(password)],
    });
  }
}

/** The demo accounts, one per role, password `demo`. Only ever created on the sample data outside production. */
export const DEMO_PASSWORD = 'demo';
export async function createDemoUsers(users: UserStore): Promise<void> {
  for (const role of ROLES) await users.set(role, role, DEMO_PASSWORD);
}

/**
 * The demo accounts that still open with the demo password. Only their usernames are tried: every
 * other account comes from `npm run user`, which refuses passwords shorter than 8 characters.
 */
export async function openDemoAccounts(users: UserStore): Promise<UserRecord[]> {
  const open: UserRecord[] = [];
  for (const username of ROLES) {
    const user = await users.find(username);
    if (user && (await verifyPassword(DEMO_PASSWORD, user.passwordHash))) open.push(user);
  }
  return open;
}

/**
 * Throws, naming the accounts and the fix, while a demo account opens with `demo`. Production calls
 * it at start: a database filled in development keeps those accounts when later served in production.
 */
export async function refuseOpenDemoAccounts(users: UserStore): Promise<void> {
  const open = await openDemoAccounts(users);
  if (open.length === 0) return;
  const names = open.map((u) => u.username).join(', ');
  const fixes = open.map((u) => `  npm run user -- ${u.username} ${u.role} < password-file`);
  throw new Error(
    [
      `refusing to start with NODE_ENV=production: the demo accounts ${names} still accept the password "${DEMO_PASSWORD}".`,
      'Give each a new password (at least 8 characters, on stdin) with the same RM_DB_URL, then start again:',
      ...fixes,
    ].join('\n'),
  );
}
