#!/usr/bin/env bash
# The SPA's Rust → wasm step, run by Trunk (a post_build hook in Trunk.toml) in place of its own
# because Trunk cannot split a wasm module yet. It builds the app, cuts it at the `#[wasm_split]`
# functions of src/lazy.rs with wasm-split-cli (so each group of pages is fetched on first visit),
# runs wasm-bindgen on the main module, and for release builds wasm-opt on every module and terser
# on the JavaScript. The files go to `app-<hash>/` in Trunk's staging directory, one hash of
# them all (they name each other, so no file can carry its own), and index.html gets the script
# that starts the app; last, for release, every file gets its brotli and gzip copies. The tools
# come from scripts/setup.sh; nothing is downloaded here.
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?run by trunk build}
cd "$(dirname "$0")/.."

if [ "${TRUNK_PROFILE:-debug}" = release ]; then
  profile=wasm-release release=true
else
  profile=dev release=false
fi
# --emit-relocs (.cargo/config.toml) keeps the relocations wasm-split-cli needs.
cargo build --quiet -p portal-app --target wasm32-unknown-unknown --profile "$profile"
built="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$([ "$profile" = dev ] && echo debug || echo "$profile")/portal-app.wasm"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-split-cli "$built" "$work" --out-name portal-app
# The split main module imports the loaders of the other modules from __wasm_split.js, and the
# other modules reach its functions through the exports lld made, which wasm-bindgen must keep.
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$work" \
  --out-name portal-app "$work/portal-app.wasm"
rm "$work/portal-app.wasm"

if $release; then
  # The features rustc's wasm32 target enables; wasm-opt must not lower them. The producers and
  # target features sections are for tools, not browsers: 0.3 KB a module, and there are 50.
  ls "$work"/*.wasm | xargs -P 2 -I{} wasm-opt -Oz --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --strip-producers --strip-target-features {} -o {}
  for js in "$work"/*.js; do terser "$js" --module --compress --mangle --output "$js"; done
fi

hash=$(cat "$work"/* | sha256sum | cut -c1-16)
rm -rf "$staging"/app-*
mv "$work" "$staging/app-$hash"
trap - EXIT
chmod 755 "$staging/app-$hash"

# Fetch the main module and its glue (both JavaScript modules: the glue imports the chunk loader)
# in parallel with the HTML, then start the app.
tags="<link rel=\"modulepreload\" href=\"/app-$hash/portal-app.js\">"
tags+="<link rel=\"modulepreload\" href=\"/app-$hash/__wasm_split.js\">"
tags+="<link rel=\"preload\" href=\"/app-$hash/portal-app_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
tags+="<script type=\"module\">import init from\"/app-$hash/portal-app.js\";init({module_or_path:\"/app-$hash/portal-app_bg.wasm\"})</script>"
sed -i -e "s#<link [^>]*data-trunk-skip[^>]*>##" -e "s#</head>#$tags</head>#" "$staging/index.html"

# Compressed copies are for serving a release; `trunk serve` compresses nothing.
if $release; then node scripts/precompress.mjs "$staging"; fi
