#!/usr/bin/env bash
# W7 of issue #16 side by side: trialsim (Java API, W7Run) against vectorised base R (w7.R, P(best) by a grid
# quadrature, and by 5000 posterior draws per arm as adaptr does), the same design and the same number of trials.
# Prints one table: each tool's whole-process wall time, its in-process simulation time and trials per second,
# then every operating characteristic with its MCSE and each R run's |z| against trialsim
# (|difference| / its SE: the pooled binomial SE for proportions, sqrt(MCSE_R^2 + MCSE_trialsim^2) for means).
#
#   benchmarks/peers/w7.sh [--trials N] [--draws-trials N] [--threads LIST] [--no-draws] [--out FILE]
#
#   --trials N        trials for trialsim and for R with the grid (default 10000: W7)
#   --draws-trials N  trials for R with posterior draws (default --trials; about 20 ms per trial)
#   --threads LIST    trialsim thread counts, comma-separated (default 1)
#   --no-draws        skip the R run with posterior draws
#   --out FILE        the raw CSV (default benchmarks/peers/w7-last-run.csv)
#
# Needs Rscript and benchmarks/target/benchmarks.jar (built here if missing: mvn -B -q -pl benchmarks -am package
# -DskipTests). Timing figures mean something only on a quiet machine.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
trials=10000; draws_trials=""; threads=1; draws=1; out="$here/w7-last-run.csv"
while [ $# -gt 0 ]; do
  case "$1" in
    --trials) trials="$2"; shift ;;
    --draws-trials) draws_trials="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --no-draws) draws=0 ;;
    --out) out="$2"; shift ;;
    *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
draws_trials=${draws_trials:-$trials}
command -v Rscript >/dev/null || { echo "Rscript not found (Debian: apt-get install r-base-core)" >&2; exit 2; }
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $(java -version 2>&1 | head -1); $(Rscript --version 2>&1 | head -1)"
echo "tool,trials,seconds,measure,estimate,mcse,process_seconds" > "$out"
# runs a command, appends its CSV rows with the whole process's wall time as the last column
timed() {
  local start end rows
  start=$(date +%s.%N)
  rows=$("$@")
  end=$(date +%s.%N)
  local wall
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  echo "$rows" | sed "s/\$/,$wall/" >> "$out"
}
IFS=',' read -r -a thread_list <<< "$threads"
for t in "${thread_list[@]}"; do
  echo "trialsim, $t thread(s), $trials trials ..." >&2
  timed java -cp "$jar" org.trialsim.multiarm.W7Run --trials "$trials" --threads "$t"
done
echo "R, grid quadrature, $trials trials ..." >&2
timed Rscript "$here/w7.R" "$trials" grid
if [ "$draws" = 1 ]; then
  echo "R, 5000 posterior draws per arm, $draws_trials trials ..." >&2
  timed Rscript "$here/w7.R" "$draws_trials" draws
fi
Rscript "$here/w7_table.R" "$out"
echo "raw: $out" >&2
