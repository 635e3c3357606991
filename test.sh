#!/usr/bin/env bash
# All checks: lint, then every test. Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
# --- browser tests (tests/browser): Debian's Chromium and CJK fonts for Playwright, which
# never downloads a browser here. Root only; a failed install makes those tests fail under CI.
if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        chromium fonts-noto-cjk >/dev/null; } || echo "test.sh: could not install chromium" >&2
  else
    echo "test.sh: not root, skipping apt-get install chromium fonts-noto-cjk" >&2
  fi
fi
# --- end browser tests
# --- store services: Debian's OpenLink Virtuoso, a second SPARQL store (tests/virtuoso.py
# starts it per test session on loopback ports; Oxigraph's server comes from PyPI). Root
# only; without it tests/test_virtuoso.py fails under CI and is skipped elsewhere.
if ! command -v virtuoso-t >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends virtuoso-opensource-7-bin >/dev/null; } \
      || echo "test.sh: could not install virtuoso-opensource-7-bin" >&2
  else
    echo "test.sh: not root, skipping apt-get install virtuoso-opensource-7-bin" >&2
  fi
fi
# --- end store services
.venv/bin/ruff check plankg tests benchmarks
set +e
# Two worker processes (this machine has two cores; PLANKG_TEST_WORKERS changes it, 0 runs
# in this process), each test file on one worker so its module fixtures (servers, stores)
# start once; the corpus store is built once for all of them (tests/conftest.py).
.venv/bin/python -m pytest -n "${PLANKG_TEST_WORKERS:-2}" --dist loadfile "$@"
status=$?
set -e
# pytest exits 5 when it collected nothing: that is a failure here, not a pass.
exit $status
