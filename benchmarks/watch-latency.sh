#!/usr/bin/env bash
# Measures the IDE session (issue 4) on a tree: save one file -> "synced" (median of RUNS),
# the build right after over the same session, next to cold `ctx build --stream` runs (a new
# JVM each: first build into an empty cache, and a build after one edit with a warm cache).
# Usage: benchmarks/watch-latency.sh TREE FILE [RUNS] [QUIET_MS]
#   TREE is modified (FILE, relative to TREE, gets a line appended per run): pass a copy, e.g.
#   cp -a "$(benchmarks/corpora/kernel.sh)" /dev/shm/kernel-copy && \
#     benchmarks/watch-latency.sh /dev/shm/kernel-copy Makefile
# A private daemon runs under temporary XDG dirs and is stopped at the end.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tree=$(realpath "$1"); file=$2; runs=${3:-20}; quiet=${4:-75}
(cd "$here" && mvn -B -q -ntp -Dmaven.test.skip=true package -pl cli,benchmarks -am) >&2
export XDG_RUNTIME_DIR=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d) XDG_CACHE_HOME=$(mktemp -d) LC_ALL=C.UTF-8
host="unix://$XDG_RUNTIME_DIR/ctxd.sock"
jvm=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
ctx() { "${jvm[@]}" -jar "$here/cli/target/ctx.jar" "$@"; }
"${jvm[@]}" -jar "$here/cli/target/ctx.jar" daemon --root "$XDG_DATA_HOME/daemon" --host "$host" >"$XDG_DATA_HOME/daemon.log" 2>&1 &
daemon=$!
# `|| true`: under set -e a failing wait (the daemon dies of the kill) would skip the cleanup.
trap 'kill $daemon 2>/dev/null || true; wait $daemon 2>/dev/null || true; rm -rf "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"' EXIT
for _ in $(seq 300); do [ -S "$XDG_RUNTIME_DIR/ctxd.sock" ] && break; sleep 0.1; done

ms() { local s=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "tree: $tree ($(find "$tree" -type f | wc -l) files, $(du -sh "$tree" | cut -f1))"
echo "cold ctx build --stream, empty cache: $(ms ctx build --stream --progress=quiet --host "$host" "$tree")ms"
cold=$(for i in 1 2 3 4 5; do
  echo "// cold edit $i" >>"$tree/$file"
  ms ctx build --stream --progress=quiet --host "$host" "$tree"
done | median)
echo "cold ctx build --stream after one edit, warm cache: median ${cold}ms of 5"
"${jvm[@]}" -cp "$here/cli/target/ctx.jar:$here/benchmarks/target/classes" dev.ctxd.bench.WatchLatency "$host" "$tree" "$file" "$runs" "$quiet"
