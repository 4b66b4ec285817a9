import { readConfig } from '../config.js';
import { openDatabase } from '../store/db.js';
import { contractFiles, ingestPath } from '../store/ingest/directory.js';
import { Store } from '../store/store.js';

/** `npm run ingest -- DIR|FILE`: ingests contract CSVs into RM_DB_URL with progress on stderr. */
async function main(args: string[]) {
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length === 0) {
    console.error('usage: npm run ingest -- DIR|FILE [DIR|FILE...]');
    process.exit(2);
  }
  for (const p of paths) contractFiles(p); // fail on a bad path before writing anything
  const config = readConfig();
  const store = new Store(await openDatabase(config.RM_DB_URL, config.RM_DB_AUTH_TOKEN));
  let failed = false;
  for (const path of paths) {
    const results = await ingestPath(store, path, (file) => {
      const started = Date.now();
      return {
        onProgress: (p) => {
          const rate = Math.round(p.rowsRead / Math.max(0.001, (Date.now() - started) / 1000));
          process.stderr.write(`\r${file.kind}: ${p.rowsRead} rows read, ${p.rowsStored} stored, ${p.rowsRejected} rejected (${rate} rows/s)`);
        },
      };
    });
    process.stderr.write('\n');
    for (const r of results) {
      console.log(`${r.file}: ${r.rowsStored} stored, ${r.rowsRejected} rejected of ${r.rowsRead}`);
      for (const row of r.rejected) console.log(`  line ${row.line}${row.column ? ` [${row.column}=${JSON.stringify(row.value)}]` : ''}: ${row.reason}`);
      if (r.rejectedTruncated) console.log('  … more rejections not listed');
      if (r.rowsRejected > 0) failed = true;
    }
  }
  store.close();
  process.exit(failed ? 1 : 0);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
