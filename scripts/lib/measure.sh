# Sourced by the benchmark scripts. measure NAME COMMAND... runs COMMAND under GNU time with its
# output in $work/NAME.log, prints "NAME  WALL s  peak RSS MB" and sets wall_NAME and rss_NAME
# (seconds, KB). On failure it shows the log's tail and exits. Needs $work.
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || {
    tail -20 "$work/$name.log" >&2; echo "$name failed" >&2; exit 1; }
  local wall rss
  read -r wall rss <"$work/$name.time"
  printf '%-8s %8.1f s   peak RSS %6d MB\n' "$name" "$wall" "$((rss / 1024))"
  eval "wall_$name=$wall; rss_$name=$rss"
}
