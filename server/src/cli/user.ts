import { ROLES, type Role } from '@retailmind/sdk/contract';
import { UserStore } from '../auth/users.js';
import { readConfig } from '../config.js';
import { openDatabase } from '../store/db.js';

/**
 * `npm run user -- USERNAME ROLE < password-file`: creates an account in RM_DB_URL or replaces its
 * role and password. The password comes on stdin, never as an argument (arguments show in `ps`).
 */
async function main([username, role]: string[]) {
  if (!username || !(ROLES as readonly string[]).includes(role ?? '')) {
    console.error(`usage: npm run user -- USERNAME ${ROLES.join('|')} < password-file`);
    process.exit(2);
  }
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const password = input.replace(/\r?\n$/, '');
  if (password.length < 8) {
    console.error('the password (on stdin) must have at least 8 characters');
    process.exit(2);
  }
  const config = readConfig();
  const db = await openDatabase(config.RM_DB_URL, config.RM_DB_AUTH_TOKEN);
  await new UserStore(db).set(username, role as Role, password);
  db.close();
  console.log(`${username} (${role}) saved`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
