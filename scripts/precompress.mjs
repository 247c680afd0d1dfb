// Writes a brotli (.br) and a gzip (.gz) copy beside each text and wasm file of the built SPA, at
// the strongest settings (built once, served many times). The server sends them to browsers
// that accept them; a static host can do the same (README, "Hosting the SPA elsewhere").
// config.json is left alone: it is edited per deployment, and a stale compressed copy would win.
// Run by Trunk (a post_build hook in Trunk.toml) on its staging directory.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!root) throw new Error("usage: node precompress.mjs <dir> (or TRUNK_STAGING_DIR)");

const compressible = /\.(html|js|wasm|css|svg)$/;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !compressible.test(entry.name)) continue;
  const path = join(entry.parentPath ?? entry.path, entry.name);
  const data = readFileSync(path);
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  );
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
}
