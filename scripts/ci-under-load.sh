#!/usr/bin/env bash
# Issue 9's acceptance check: .ci/run on a clean clone, RUNS times in a row (default 3), while two busy
# loops keep both cores busy. The clone goes beside this checkout, so ../shared is where the tests expect it.
# Usage: scripts/ci-under-load.sh            (logs: /tmp/ci-under-load-<n>.log)
set -u
here="$(cd "$(dirname "$0")/.." && pwd)"
clone="$(dirname "$here")/ci-under-load-clone"
rm -rf "$clone" && git clone -q "$here" "$clone" && cd "$clone" || exit 2
echo "commit $(git log --oneline -1)"
node -e 'for(;;){}' & busy1=$!
node -e 'for(;;){}' & busy2=$!
trap 'kill $busy1 $busy2 2>/dev/null' EXIT
for run in $(seq 1 "${RUNS:-3}"); do
  started=$(date +%s)
  rm -rf node_modules dist ui/dist test-output
  .ci/run > "/tmp/ci-under-load-$run.log" 2>&1
  code=$?
  echo "run $run: exit $code after $(( $(date +%s) - started )) s: $(tail -n 1 "/tmp/ci-under-load-$run.log")"
  [ "$code" -eq 0 ] || exit 1
done
