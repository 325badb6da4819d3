#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first when it is missing (through
# apt when run as root): python3-stdnum, the independent oracle for identifier checks; openssl,
# the SM2/SM3/SM4 interop peer; Debian's Chromium, which the browser tests drive (Playwright
# downloads none); PostgreSQL, whose initdb and pg_ctl the storage tests use to start a
# throwaway cluster on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
/usr/bin/python3 -c 'import stdnum.cn.ric' 2>/dev/null || missing+=(python3-stdnum)
[ -x /usr/bin/openssl ] || missing+=(openssl)
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-noto-cjk)
# Debian keeps initdb and pg_ctl in /usr/lib/postgresql/<version>/bin, where the tests look for them.
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "Missing packages: run 'sudo apt-get install ${missing[*]}' first." >&2
        exit 2
    fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Jinbao.slnx -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line with the totals of all test projects.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ total += $2 } END { print total + 0 }'; }
echo "tests: $(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit "$status"
