#!/usr/bin/env bash
# End-to-end benchmark: ctxd (`ctx build --stream`, cold CLI, daemon running) against
# `rsync -a` to a local dir, rsync to an `rsync --daemon` on 127.0.0.1 and `tar -c | tar -x`,
# on the same files, over the dev-loop scenarios. See docs/benchmarks.md.
# Usage: benchmarks/run-e2e.sh
#   env: REPS=5 (runs per row), HEAVY_REPS=3 (touch-all, branch-switch: every tool rehashes or
#   rewrites 1.3 GB per run), FIRST_REPS=2 (first-sync), WORK=/dev/shm/ctxd-e2e,
#   CORPORA=/dev/shm/ctxd-corpora, DOC=docs/benchmarks.md; to try the harness quickly:
#   TREE=DIR (a context dir with a Dockerfile and kernel/sched/core.c instead of the kernel) and BIG_MIB=1024. The defaults keep a loaded 2-core
#   machine under 30 minutes; on an idle one, HEAVY_REPS=5 FIRST_REPS=5 fit as well.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
REPS=${REPS:-5}; HEAVY_REPS=${HEAVY_REPS:-3}; FIRST_REPS=${FIRST_REPS:-2}
WORK=${WORK:-/dev/shm/ctxd-e2e}; CORPORA=${CORPORA:-/dev/shm/ctxd-corpora}
DOC=${DOC:-$repo/docs/benchmarks.md}
started=$(date +%s)

command -v rsync >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q rsync >/dev/null; }
echo "e2e: building ctxd and the benchmarks jar" >&2
(cd "$repo" && mvn -B -q -ntp -Dmaven.test.skip=true package -pl cli,benchmarks -am) >&2
touch "$repo/cli/target/ctx.jar"   # so ./ctx does not rebuild inside a timed run
bench_jar="$repo/benchmarks/target/benchmarks.jar"
corpus=${TREE:-$(bash "$repo/benchmarks/corpora/kernel.sh" "$CORPORA/kernel" | tail -n1)}

rm -rf "$WORK"; mkdir -p "$WORK"/{dest,state,log}
W=$WORK; results=$W/results.tsv; : > "$results"
export XDG_RUNTIME_DIR=$W/state/run XDG_DATA_HOME=$W/state/data XDG_CACHE_HOME=$W/state/cache
mkdir -p "$XDG_RUNTIME_DIR"
src=$W/src
tools=(ctxd rsync-local rsync-daemon tar)
source "$repo/benchmarks/e2e/lib.sh"
trap stop_all EXIT

echo "e2e: copying the corpus to $src" >&2
cp -a "$corpus" "$src"
CTX_DIR=$src
start_rsyncd

# --- kernel tree -----------------------------------------------------------------------
scenario first-sync "$FIRST_REPS" fresh_first_sync
scenario no-change "$REPS" true
tools=(ctxd_nocds); scenario "no-change, CTX_CDS=0" "$REPS" true; tools=(ctxd rsync-local rsync-daemon tar)
scenario one-file-edit "$REPS" edit_one_file
tools=(ctxd_raw); scenario "one-file-edit --compress=never" "$REPS" edit_one_file; tools=(ctxd rsync-local rsync-daemon tar)
scenario touch-all "$HEAVY_REPS" touch_all
scenario branch-switch "$HEAVY_REPS" branch_switch
for ((r = 1; r <= REPS; r++)); do true_floors "$r"; done
lz4_edit=$(java -cp "$bench_jar" dev.ctxd.bench.e2e.Lz4Size "$src/kernel/sched/core.c")   # the edited file

# --- one 1 GiB file, 1 MiB rewritten in the middle ---------------------------------------
reset_for_bigfile
scenario bigfile-1MiB-edit "$REPS" edit_big_file

elapsed=$(( $(date +%s) - started ))
java -cp "$bench_jar" dev.ctxd.bench.e2e.E2eReport "$results" "$DOC" \
  "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) at the end; ${elapsed}s in all; \
kernel tree $(find "$corpus" -type f | wc -l) files, $(du -sb --apparent-size "$corpus" | cut -f1) bytes; \
sources and every destination on tmpfs (/dev/shm), fresh directories; $REPS runs per row, $HEAVY_REPS for touch-all and branch-switch, $FIRST_REPS for first-sync, 1 for bigfile-first-sync" \
  "$lz4_edit"
