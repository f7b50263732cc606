#!/usr/bin/env bash
# Takes the figures of benchmarks/README.md in one go and files them under benchmarks/results/<UTC time>/:
# machine.txt (date, nproc, CPU, JDK, load), hot-path.json, studies.json, adaptive-rules.json and
# adaptive-studies.json (JMH; the last two: issue #16's Bayesian and multi-arm rules and W7), table.md (the Markdown
# table made from them), targets.txt (the target ratios), ten-million.txt (the -Xmx256m proof), peers.txt and
# peers/ (benchmarks/peers/run.sh: trialsim vs rpact, base R and Mediana at equal trial counts, in process and
# end to end).
#
#   benchmarks/measure.sh [--smoke|--quick] [--no-peers] [--no-ten-million]
#
# --smoke: one 1-second iteration after one warmup, 10^6 replicates for the memory proof, the peers' --quick
# mode (checks the pipeline on a shared machine, about 8 minutes; figures indicative only);
# --quick: two iterations (about 12 minutes); default: the settings of the table (about 25 minutes on 2
# quiet cores, plus the peers' full run with 3 rounds, roughly 30 minutes more; --no-peers skips it).
# Needs benchmarks/target/benchmarks.jar and, for the peers, R (rpact and Mediana where installed).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar="$here/target/benchmarks.jar"
quick=0; smoke=0; peers=1; ten=1
for a in "$@"; do
  case "$a" in
    --quick) quick=1 ;;
    --smoke) smoke=1 ;;
    --no-peers) peers=0 ;;
    --no-ten-million) ten=0 ;;
    *) echo "unknown option: $a (see the header of $0)" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "build first: mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }
out="$here/results/$(date -u +%Y-%m-%dT%H%MZ)"
mkdir -p "$out"
machine() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "jdk: $(java -version 2>&1 | head -1)"
  echo "load average (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
}
machine > "$out/machine.txt"
tenReps=10000000; peerArgs=()
if [ "$smoke" = 1 ]; then
  hot=(-f 1 -wi 1 -i 1 -w 1s -r 1s); study=(-f 1 -wi 1 -i 1 -w 1s -r 1s); tq=(--quick)
  tenReps=1000000; peerArgs=(--quick)
elif [ "$quick" = 1 ]; then
  hot=(-f 1 -wi 2 -i 2 -w 1s -r 1s); study=(-f 1 -wi 2 -i 2 -w 2s -r 2s); tq=(--quick)
else
  hot=(-f 1 -wi 3 -i 5 -w 1s -r 1s); study=(-f 1 -wi 3 -i 5 -w 2s -r 2s); tq=()
fi
java -Djmh.ignoreLock=true -jar "$jar" "${hot[@]}" "GeneratorPerformance|CohortSamplingPerformance|NaiveCohortPerformance|AnalysisPerformance|DecisionPerformance" \
  -rf json -rff "$out/hot-path.json" > "$out/hot-path.log" 2>&1
java -Djmh.ignoreLock=true -jar "$jar" "${study[@]}" "WholeStudyPerformance|CountLevelStudyPerformance" -p replicates=10000 \
  -rf json -rff "$out/studies.json" > "$out/studies.log" 2>&1
java -Djmh.ignoreLock=true -jar "$jar" "${study[@]}" "NaiveStudyPerformance" -p replicates=1000 \
  -rf json -rff "$out/naive.json" > "$out/naive.log" 2>&1
# issue #16: the Bayesian and multi-arm rules per call, then the multi-arm studies (W7 single-shot, 10,000 trials)
java -Djmh.ignoreLock=true -jar "$jar" "${hot[@]}" "BayesianRulePerformance|ProbabilityBestPerformance|ClosedTestPerformance" \
  -rf json -rff "$out/adaptive-rules.json" > "$out/adaptive-rules.log" 2>&1
if [ "$smoke" = 1 ]; then adaptive=(-f 1 -wi 0 -i 1 -p replicates=2000); else adaptive=(); fi
java -Djmh.ignoreLock=true -jar "$jar" "${adaptive[@]}" "ResponseAdaptivePerformance|MultiArmSelectionPerformance" \
  -rf json -rff "$out/adaptive-studies.json" > "$out/adaptive-studies.log" 2>&1
java -cp "$jar" org.trialsim.benchmarks.ResultsTable "$out/hot-path.json" "$out/studies.json" "$out/naive.json" \
  "$out/adaptive-rules.json" "$out/adaptive-studies.json" > "$out/table.md"
java -Djmh.ignoreLock=true -cp "$jar" org.trialsim.benchmarks.Targets "${tq[@]}" > "$out/targets.log" 2>&1
sed -n '/^target /,$p' "$out/targets.log" > "$out/targets.txt"
if [ "$ten" = 1 ]; then
  for path in engine engine-counts; do
    java -Xmx256m -cp "$jar" org.trialsim.benchmarks.TenMillionReplicates --path "$path" \
      --replicates "$tenReps" >> "$out/ten-million.txt" 2>&1
  done
fi
if [ "$peers" = 1 ]; then
  bash "$here/peers/run.sh" "${peerArgs[@]}" --out "$out/peers" > "$out/peers.txt" 2>&1
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo "$out"
