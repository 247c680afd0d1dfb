#!/usr/bin/env bash
# Installs what the build and the tests need, and only what is missing: safe to run every time.
#   scripts/setup.sh              the wasm target, trunk, wasm-bindgen-cli, wasm-split-cli, leptosfmt, chromium, end2end's npm packages
#   scripts/setup.sh --postgres   the same, plus Debian's postgresql (for the PostgreSQL test run)
# Everything comes from the Rust, Debian or npm package registries: no browser or binary downloads
# from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

with_postgres=false
[ "${1:-}" = "--postgres" ] && with_postgres=true

say() { printf '==> %s\n' "$*"; }

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  say "installing Debian packages: $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.22 needs a newer Rust than our machines have.
if ! trunk --version 2>/dev/null | grep -q ' 0\.21\.14$'; then
  say "installing trunk 0.21.14 (about 10 minutes on 2 cores)"
  cargo install --locked trunk@0.21.14
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${bindgen_version}\$"; then
  say "installing wasm-bindgen-cli ${bindgen_version}"
  # --locked can ask for a crate version the registry lacks; then resolve afresh.
  cargo install --locked "wasm-bindgen-cli@${bindgen_version}" || cargo install "wasm-bindgen-cli@${bindgen_version}"
fi

# wasm-split-cli cuts the app's wasm into the chunks fetched on demand (scripts/build-wasm.sh).
# It must understand the split points of the wasm_split_helpers version in Cargo.lock: 0.2.x.
# (It has no --version; cargo's list of installed packages says which one is there.)
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -q '^wasm_split_cli_support v0\.2\.4:'; then
  say "installing wasm-split-cli 0.2.4 (about a minute on 2 cores)"
  cargo install --locked wasm_split_cli_support@0.2.4 --features build-binary
fi

# leptosfmt formats the view! macros; make test checks them as it checks cargo fmt.
if ! leptosfmt --version 2>/dev/null | grep -q ' 0\.1\.33$'; then
  say "installing leptosfmt 0.1.33 (about 2 minutes on 2 cores)"
  cargo install --locked leptosfmt@0.1.33
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# pdftotext: the tests read the invoice PDFs back as text.
[ -x /usr/bin/pdftotext ] || missing+=(poppler-utils)
# Python with venv: schemathesis, which fuzzes the API (scripts/fuzz-api.sh), is a Python tool.
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3 python3-venv)
if $with_postgres && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

# schemathesis and an OpenAPI validator, in a virtual environment of the repository's own (.venv,
# not committed); again whenever the versions here change.
python_tools="schemathesis==4.32.5 openapi-spec-validator==0.9.0"
if [ "$(cat .venv/installed 2>/dev/null)" != "$python_tools" ]; then
  say "installing $python_tools"
  python3 -m venv .venv
  # shellcheck disable=SC2086 # one argument per package
  .venv/bin/pip install --quiet --disable-pip-version-check $python_tools
  echo "$python_tools" >.venv/installed
fi

# Playwright, axe-core and binaryen (wasm-opt): again whenever package-lock.json changed.
if [ ! -f end2end/node_modules/.package-lock.json ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing end2end's npm packages"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
