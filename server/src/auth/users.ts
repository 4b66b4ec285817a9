import type { Client } from '@libsql/client';
import { ROLES, type Role } from '@retailmind/sdk/contract';
import { hashPassword } from './password.js';

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
