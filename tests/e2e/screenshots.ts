/**
 * `npm run screenshots`: regenerates the README's screenshots under docs/ from a real server on a
 * temporary database (the same harness as the end-to-end suite): each role's dashboard at 1440 px,
 * the manager's at 390 px, and the embedding example.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { settle, startE2E, type Role } from './harness.js';

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));

async function main() {
  await mkdir(DOCS, { recursive: true });
  const e2e = await startE2E();
  try {
    const shots: { role: Role; width: number; height: number; file: string }[] = [
      { role: 'manager', width: 1440, height: 1100, file: 'dashboard-manager.png' },
      { role: 'analyst', width: 1440, height: 1100, file: 'dashboard-analyst.png' },
      { role: 'leadership', width: 1440, height: 1100, file: 'dashboard-leadership.png' },
      { role: 'manager', width: 390, height: 844, file: 'dashboard-manager-390.png' },
    ];
    for (const shot of shots) {
      const context = await e2e.browser.newContext({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await e2e.signIn(page, shot.role);
      await page.waitForTimeout(600); // chart animations finish
      await page.screenshot({ path: `${DOCS}${shot.file}` });
      console.log(`docs/${shot.file}`);
      await context.close();
    }
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${e2e.url}/embed.html`);
    await settle(page);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `${DOCS}embed.png` });
    console.log('docs/embed.png');
    await context.close();
  } finally {
    await e2e.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
