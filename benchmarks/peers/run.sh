#!/usr/bin/env bash
# Runs trialsim, rpact and vectorised base R on the peer workloads W1, W2, W3 on this machine and prints one
# table: workload, tool, trials/s, power ± MCSE, trialsim's speed-up, agreement within Monte Carlo error.
#
#   benchmarks/peers/run.sh [--install] [--replicates N] [--base-r-replicates N] [--threads 1,2]
#                           [--out FILE] [--no-rpact]
#
#   --install               apt-get install R and rpact from Debian first (r-base-core, r-cran-rpact; root)
#   --replicates N          trials per workload for trialsim and rpact (default 10000)
#   --base-r-replicates N   trials per sample size for base R, and replicates of trialsim's count model (default
#                           1000000: both are fast, small runs are noise; W3 is then 10^7 trials for both)
#   --threads LIST          trialsim thread counts (default 1 and nproc)
#   --out FILE              where the raw CSV goes (default benchmarks/peers/last-run.csv)
#   --no-rpact              skip rpact (slow: W2 takes about a minute at 10000 trials)
#
# Needs benchmarks/target/benchmarks.jar (built here if missing: mvn -pl benchmarks -am package).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
install=0
replicates=10000
base_r_replicates=1000000
threads="1,$(nproc)"
out="$here/last-run.csv"
rpact=1
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --replicates) replicates="$2"; shift ;;
    --base-r-replicates) base_r_replicates="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --out) out="$2"; shift ;;
    --no-rpact) rpact=0 ;;
    *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$install" = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends r-base-core r-cran-rpact
fi
command -v Rscript >/dev/null || { echo "Rscript not found: run with --install (Debian) or install R and rpact" >&2; exit 2; }

jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "java: $(java -version 2>&1 | head -1)" >&2
echo "workload,tool,threads,trials,seconds,power,mcse" > "$out"
echo "trialsim ..." >&2
java -cp "$jar" org.trialsim.peers.PeerWorkloads --replicates "$replicates" --count-replicates "$base_r_replicates" \
  --threads "$threads" >> "$out"
echo "base R ..." >&2
Rscript "$here/base_r.R" "$base_r_replicates" >> "$out"
if [ "$rpact" = 1 ]; then
  echo "rpact ..." >&2
  Rscript "$here/rpact.R" "$replicates" >> "$out"
fi
Rscript "$here/table.R" "$out"
echo "raw: $out" >&2
