# Shared by the wrk benchmarks (bench/feed, bench/pages): sourced, not run.
# rps URL [HEADER] -> requests/s of one wrk run (THREADS, CONNECTIONS, DURATION from the caller).
rps() {
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION")
  [ $# -gt 1 ] && args+=(-H "$2")
  wrk "${args[@]}" "$1" | awk '/Requests\/sec/{print $2}'
}
# median of the numbers on stdin, one a line
median() { sort -n | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# install_missing TOOL... : apt-get install what is not on PATH (needs root)
install_missing() {
  local need=()
  for tool in "$@"; do command -v "$tool" >/dev/null || need+=("$tool"); done
  if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
}
# etag_of URL -> the ETag header of a HEAD
etag_of() { curl -sfI "$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }
