#!/usr/bin/env bash
# W6 side by side: one MMRM fit by R's nlme::gls (corSymm + varIdent, REML) and by trialsim on the same data
# sets, per-fit time at 100 and 500 patients (6 visits, monotone dropout); then the whole W6 study (two arms,
# 200 patients, 6 visits, MMRM, 10,000 trials, one thread) by JMH, with the share of it spent in the MMRM.
#
#   benchmarks/peers/w6.sh [--datasets K] [--replicates N] [--quick]
#
# --datasets K: the first K of MmrmFitPerformance's 16 data sets per size for R (default 16; nlme takes seconds
# per fit at 500 patients); --replicates N: W6 trials (default 10000); --quick: K = 2, N = 500, one short JMH
# iteration (checks the pipeline; figures indicative only). Needs benchmarks/target/benchmarks.jar
# (mvn -B -q -pl benchmarks -am package -DskipTests) and Rscript with nlme. Prints a Markdown table; the raw
# files stay in the folder it names. Takes about 10 minutes with the defaults on 2 quiet cores.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$here/target/benchmarks.jar"
datasets=16; replicates=10000; quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --datasets) datasets="$2"; shift ;;
    --replicates) replicates="$2"; shift ;;
    --quick) quick=1; datasets=2; replicates=500 ;;
    *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$jar" ] || { echo "build first: mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }
command -v Rscript > /dev/null || { echo "needs Rscript (apt-get install r-base-core r-cran-nlme)" >&2; exit 2; }
out=$(mktemp -d "${TMPDIR:-/tmp}/w6-peers.XXXXXX")
if [ "$quick" = 1 ]; then
  fitOpts=(-f 1 -wi 1 -i 1 -w 1s -r 1s); studyOpts=(-f 1 -wi 0 -i 1)
else
  fitOpts=(-f 1 -wi 3 -i 5 -w 1s -r 1s); studyOpts=(-f 1 -wi 1 -i 3)
fi
echo "w6.sh: files in $out; load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -cp "$jar" org.trialsim.stats.MmrmFitPerformance "$out" "$datasets"
Rscript "$here/mmrm/nlme_gls_timing.R" "$out" "$datasets" | tee "$out/nlme.txt" >&2
java -Djmh.ignoreLock=true -jar "$jar" "${fitOpts[@]}" 'MmrmFitPerformance\.fit$' -p patients=100,200,500 \
  -rf csv -rff "$out/fit.csv" > "$out/fit.log" 2>&1
java -Djmh.ignoreLock=true -jar "$jar" "${studyOpts[@]}" 'MmrmStudyPerformance' -p replicates="$replicates" \
  -rf csv -rff "$out/w6.csv" > "$out/w6.log" 2>&1
echo "w6.sh: load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$out" "$replicates" <<'PY'
import csv, re, sys
out, reps = sys.argv[1], int(sys.argv[2])
nlme = {}
for line in open(f"{out}/nlme.txt"):
    f = dict(kv.split("=") for kv in line.split()[1:])
    nlme[int(f["n"])] = f
fit = {int(r["Param: patients"]): float(r["Score"]) for r in csv.DictReader(open(f"{out}/fit.csv"))}
print("| patients x 6 visits | nlme::gls, s per fit (median, min-max) | trialsim, us per fit (JMH) | ratio | same fit: max abs diff, rel SE diff |")
print("|---|---|---|---|---|")
for n in sorted(nlme):
    f = nlme[n]; ours = fit[n]
    print(f"| {n} | {float(f['median_s']):.4f} ({float(f['min_s']):.4f}-{float(f['max_s']):.4f}), {f['datasets']} data sets "
          f"| {ours:.1f} | {float(f['median_s']) * 1e6 / ours:.0f}x | {f['max_abs_diff']}, {f['max_rel_se_diff']} |")
w6 = {r["Benchmark"].rsplit(".", 1)[1]: float(r["Score"]) for r in csv.DictReader(open(f"{out}/w6.csv"))}
print()
print(f"| W6, {reps} trials, one thread | ms per study | us per trial |")
print("|---|---|---|")
for k in ("w6", "w6KenwardRoger", "w6WithoutFit"):
    print(f"| {k} | {w6[k]:.0f} | {w6[k] * 1000 / reps:.1f} |")
print()
print(f"MMRM share of W6: 1 - w6WithoutFit / w6 = {1 - w6['w6WithoutFit'] / w6['w6']:.3f}; "
      f"{reps} x one fit at 200 patients / w6 = {reps * fit[200] / 1000 / w6['w6']:.3f}")
PY
