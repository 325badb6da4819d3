#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need first when it is missing:
# python3-stdnum (the independent oracle for identifier checks), through apt when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c 'import stdnum.cn.ric' 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq python3-stdnum >/dev/null
    else
        echo "python3-stdnum is missing: run 'sudo apt-get install python3-stdnum' first." >&2
        exit 2
    fi
fi

# The storage tests start their own PostgreSQL cluster (initdb, pg_ctl on 127.0.0.1); Debian keeps
# the programs in /usr/lib/postgresql/<version>/bin, where the tests look for them.
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
    else
        echo "PostgreSQL is missing: run 'sudo apt-get install postgresql' first." >&2
        exit 2
    fi
fi

# Chromium (Debian's package) is the browser the report tests drive; Playwright downloads none.
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    else
        echo "chromium is missing: run 'sudo apt-get install chromium fonts-noto-cjk' first." >&2
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
