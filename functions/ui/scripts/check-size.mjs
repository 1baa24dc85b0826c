// Measures the first page's JavaScript (the entry script and every module it preloads, as index.html
// names them), gzipped, and fails the build past UI_MAX_GZIP_BYTES (default 300 KB). Writes
// target/ui-size.txt so the figure is on record for each build.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const out = 'target/classes/tollgate-ui';
const limit = Number(process.env.UI_MAX_GZIP_BYTES || 300 * 1024);
const html = readFileSync(join(out, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
if (scripts.length === 0) {
  console.error('check-size: no script found in index.html');
  process.exit(1);
}
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) {
  console.error('check-size: index.html has an inline script; the CSP (script-src \'self\') would block it');
  process.exit(1);
}
let raw = 0;
let gz = 0;
for (const file of new Set(scripts)) {
  const bytes = readFileSync(join(out, file));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const line = `first page JavaScript: ${scripts.length} file(s), ${raw} bytes, ${gz} bytes gzipped (limit ${limit})`;
writeFileSync('target/ui-size.txt', line + '\n');
console.log(line);
if (gz > limit) {
  console.error(`check-size: ${gz} bytes gzipped is over the limit of ${limit}`);
  process.exit(1);
}
