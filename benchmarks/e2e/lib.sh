# Functions for run-e2e.sh (sourced; uses its variables: repo W src results tools).
# One results line per timed run, tab-separated, "-" where a number does not apply:
# scenario tool rep wall_ms user_s sys_s client_rss_kb content_bytes wire_bytes
# server_cpu_s daemon_rss_kb daemon_heap_mb client_heap_mb

sock=$XDG_RUNTIME_DIR/ctxd.sock
daemon_pid=; rsyncd_pid=; GEN=0; SET=kernel; CTX_DIR=
rsync_port=$(( 20000 + RANDOM % 20000 ))
# The launcher's defaults (client; daemon in start_daemon) plus a GC log, which costs nothing until a collection happens.
client_opts="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn256m -Xlog:gc,gc+heap+exit:file=$W/log/client-gc.log"

start_daemon() {
  rm -f "$sock"
  CTX_JAVA_OPTS="-XX:+UseSerialGC -Xmn64m -XX:InitialRAMPercentage=0.5 -Xlog:gc:file=$W/log/daemon-gc.log" \
    "$repo/ctx" daemon --root "$W/dest/ctxd.$GEN" --host "unix://$sock" > "$W/log/daemon.$GEN.log" 2>&1 &
  daemon_pid=$!
  local deadline=$(( $(date +%s) + 60 ))
  until [ -S "$sock" ]; do
    kill -0 "$daemon_pid" 2>/dev/null || { cat "$W/log/daemon.$GEN.log" >&2; echo "e2e: the ctxd daemon died" >&2; exit 1; }
    [ "$(date +%s)" -lt "$deadline" ] || { echo "e2e: the ctxd daemon did not listen within 60s" >&2; exit 1; }
    sleep 0.1
  done
}

stop_daemon() {
  [ -n "$daemon_pid" ] || return 0
  kill "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || true
  daemon_pid=
}

start_rsyncd() {
  mkdir -p "$W/dest/rsyncd"
  printf 'pid file = %s\nuse chroot = no\n[bench]\npath = %s\nread only = no\nuid = 0\ngid = 0\n' \
    "$W/state/rsyncd.pid" "$W/dest/rsyncd" > "$W/state/rsyncd.conf"
  rsync --daemon --no-detach --address=127.0.0.1 --port="$rsync_port" --config="$W/state/rsyncd.conf" \
    > "$W/log/rsyncd.log" 2>&1 &
  rsyncd_pid=$!
  local deadline=$(( $(date +%s) + 30 ))
  until rsync "rsync://127.0.0.1:$rsync_port/" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "e2e: rsync --daemon did not start" >&2; exit 1; }
    sleep 0.1
  done
}

stop_all() {
  stop_daemon
  if [ -n "$rsyncd_pid" ]; then kill "$rsyncd_pid" 2>/dev/null || true; wait "$rsyncd_pid" 2>/dev/null || true; fi
}

# user+sys+children's, in seconds, of a process (the rsync daemon reaps a child per connection).
cpu_of() { sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($12+$13+$14+$15)/hz}'; }
# The largest heap occupancy a GC log shows before a collection, from line $2 on, in MB.
gc_peak_mb() { tail -n +"$2" "$1" 2>/dev/null | grep -o '[0-9]*M->' | sed 's/M->//' | sort -n | tail -n1; }
# Heap in use summed over the generations in a heap summary (jcmd GC.heap_info, gc+heap+exit), in MB.
heap_used_mb() { grep 'generation' | grep -o 'used [0-9]*K' | awk '{s+=$2} END {printf "%d", s/1024}'; }
max_of() { printf '%s\n' "$@" | grep -E '^[0-9]+$' | sort -n | tail -n1; }
num() { tr -d , <<<"${1:-}"; }

# measure TOOL SCENARIO REP CMD...: times CMD and appends its results line.
measure() {
  local tool=$1 scen=$2 rep=$3; shift 3
  local out=$W/log/out.log t0 t1 cpu0=- cpu1 gc_from=1 drss=- dheap=- cheap=- content=- wire=- server=-
  local dpid=
  case $tool in ctxd*) dpid=$daemon_pid ;; rsync-daemon) dpid=$rsyncd_pid ;; esac
  if [ -n "$dpid" ]; then
    cpu0=$(cpu_of "$dpid")
    echo 5 > "/proc/$dpid/clear_refs"   # resets VmHWM, so the peak is this run's
    gc_from=$(( $(wc -l < "$W/log/daemon-gc.log" 2>/dev/null || echo 0) + 1 ))
  fi
  rm -f "$W/log/meta.json" "$W/log/client-gc.log"
  t0=$(date +%s%N)
  if ! /usr/bin/time -o "$W/log/time.out" -f '%U %S %M' "$@" > "$out" 2>&1; then
    echo "e2e: $tool $scen #$rep failed: $*" >&2; tail -n 20 "$out" >&2; exit 1
  fi
  t1=$(date +%s%N)
  read -r user sys crss < "$W/log/time.out"
  if [ -n "$dpid" ]; then
    # The rsync daemon's CPU shows once it has reaped the connection's child.
    [ "$tool" = rsync-daemon ] && sleep 0.3
    server=$(awk -v a="$cpu0" -v b="$(cpu_of "$dpid")" 'BEGIN {printf "%.2f", b-a}')
  fi
  case $tool in
    ctxd*)
      if [ -f "$W/log/meta.json" ]; then
        content=$(grep -o '"contentBytes" *: *[0-9]*' "$W/log/meta.json" | grep -o '[0-9]*$')
        wire=$(grep -o '"wireBytes" *: *[0-9]*' "$W/log/meta.json" | grep -o '[0-9]*$')
      fi
      drss=$(awk '/VmHWM/ {print $2}' "/proc/$dpid/status")
      dheap=$(max_of "$(gc_peak_mb "$W/log/daemon-gc.log" "$gc_from")" "$(jcmd "$dpid" GC.heap_info 2>/dev/null | heap_used_mb)")
      cheap=$(max_of "$(gc_peak_mb "$W/log/client-gc.log" 1)" "$(heap_used_mb < "$W/log/client-gc.log")") ;;
    rsync*)
      content=$(num "$(sed -n 's/^Literal data: \([0-9,]*\).*/\1/p' "$out")")
      wire=$(( $(num "$(sed -n 's/^Total bytes sent: \([0-9,]*\).*/\1/p' "$out")") + $(num "$(sed -n 's/^Total bytes received: \([0-9,]*\).*/\1/p' "$out")") )) ;;
    tar) content=$(du -sb --apparent-size "$CTX_DIR" | cut -f1) ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scen" "$tool" "$rep" $(( (t1 - t0) / 1000000 )) \
    "$user" "$sys" "$crss" "${content:--}" "${wire:--}" "$server" "${drss:--}" "${dheap:--}" "${cheap:--}" >> "$results"
}

run_ctxd() {
  CTXD_HOST=unix://$sock CTX_JAVA_OPTS=$client_opts measure ctxd "$1" "$2" \
    "$repo/ctx" build --stream --progress=quiet --metadata-file "$W/log/meta.json" "$CTX_DIR"
}
# The same edit with LZ4 off (auto compresses a sync's first 8 MiB): what the compression costs in time.
run_ctxd_raw() {
  CTXD_HOST=unix://$sock CTX_JAVA_OPTS=$client_opts measure ctxd "$1" "$2" \
    "$repo/ctx" build --stream --compress=never --progress=quiet --metadata-file "$W/log/meta.json" "$CTX_DIR"
}
# No-change without the launcher's AppCDS archive, to show what the archive saves.
run_ctxd_nocds() { CTX_CDS=0 run_ctxd "$@"; }
run_rsync_local() { measure rsync-local "$1" "$2" rsync -a --stats "$CTX_DIR/" "$W/dest/rsync-local/$SET.$GEN/"; }
run_rsync_daemon() { measure rsync-daemon "$1" "$2" rsync -a --stats "$CTX_DIR/" "rsync://127.0.0.1:$rsync_port/bench/$SET.$GEN/"; }
run_tar() {
  local d=$W/dest/tar.$1.$2
  mkdir -p "$d"
  measure tar "$1" "$2" bash -c 'tar -C "$1" -cf - . | tar -C "$2" -xf -' tar "$CTX_DIR" "$d"
  rm -rf "$d"
}

# scenario NAME REPS MUTATE: per rep, MUTATE REP once, then every tool syncs the same files.
scenario() {
  local name=$1 n=$2 mutate=$3 r tool
  echo "e2e: $name x$n ($(( $(date +%s) - started ))s so far)" >&2
  for (( r = 1; r <= n; r++ )); do
    $mutate "$r"
    for tool in "${tools[@]}"; do "run_${tool//-/_}" "$name" "$r"; done
  done
}

# Each first sync gets fresh destinations and a daemon with an empty store.
fresh_first_sync() {
  stop_daemon
  rm -rf "$W"/dest/ctxd.* "$W"/dest/rsync-local "$W"/dest/rsyncd/* "$XDG_CACHE_HOME"
  mkdir -p "$W/dest/rsync-local"
  GEN=$1; start_daemon
  # A throw-away build first, so the launcher's AppCDS archive exists before any timed run.
  [ "$1" = 1 ] && CTXD_HOST=unix://$sock "$repo/ctx" build --stream --progress=quiet "$repo/benchmarks/e2e/warmup" > /dev/null
  return 0
}
edit_one_file() { printf '/* e2e edit %s %s */\n' "$1" "$RANDOM" >> "$src/kernel/sched/core.c"; }
touch_all() { find "$src" -type f -exec touch {} +; }
# A branch switch rewrites the tree in place: same path, same bytes, new inodes and mtimes.
branch_switch() {
  cp -R --preserve=mode,links "$src" "$src.next"
  mv "$src" "$W/old"; mv "$src.next" "$src"; rm -rf "$W/old"
}
edit_big_file() { head -c 1M /dev/urandom | dd of="$CTX_DIR/big.bin" bs=1M seek=$(( ${BIG_MIB:-1024} / 2 )) conv=notrunc status=none; }

# Drops the kernel destinations and syncs a fresh 1 GiB file once, as that scenario's base.
reset_for_bigfile() {
  stop_daemon
  rm -rf "$W"/dest/ctxd.* "$W"/dest/rsync-local "$W"/dest/rsyncd/* "$XDG_CACHE_HOME" "$src"
  mkdir -p "$W/dest/rsync-local" "$W/src-big"
  CTX_DIR=$W/src-big; SET=big; GEN=big
  head -c "${BIG_MIB:-1024}M" /dev/urandom > "$CTX_DIR/big.bin"
  printf 'FROM scratch\nCOPY . /data\n' > "$CTX_DIR/Dockerfile"
  start_daemon
  scenario bigfile-first-sync 1 true
}

# Reference points, not contenders: JVM start of the CLI, and the floors a sync cannot beat.
true_floors() {
  measure ctx-version "cli start: ctx --version" "$1" "$repo/ctx" --version
  CTX_CDS=0 measure ctx-version "cli start: ctx --version, CTX_CDS=0" "$1" "$repo/ctx" --version
  measure find-printf "floor: stat walk (find -printf)" "$1" find "$src" -printf '%s %T@ %p\n'
  measure cat-all "floor: read every byte" "$1" bash -c 'find "$1" -type f -print0 | xargs -0 cat > /dev/null' cat "$src"
}
