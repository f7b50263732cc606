#!/usr/bin/env bash
# Spark's overhead (issue #17's target: at most 20%): `trialsim power --spark local[2]` against the same run on
# one JVM with 2 threads, on W1 (patient level) and W2 (benchmarks/spark/w1.yaml, w2.yaml; the null scenario
# runs beside the first 12,000 replicates, the default of --null-reps, in both), plus the time to start a job
# (a trivial run of 500 replicates) and W1 at a tenth of the replicates (what does not grow with the run is
# Spark's fixed cost). Each pair runs alternated (one JVM, then Spark), both through the ./trialsim launcher,
# wall time of the whole command (JVM start included); the outputs' bytes are compared. A second table breaks
# Spark's time down: the CPU time (user + system) of each whole process, and the runner's own line from Spark's
# task metrics (tasks, the job's wall time, the tasks' time and CPU, the time to the first task, the slot time
# no task ran). Prints both tables and files them, with the machine's load, under
# benchmarks/results/spark-<UTC time>/.
#
#   benchmarks/spark-overhead.sh [--reps R]      (default R = 10000000, as the issue asks)
#
# Needs Maven and the network on first use (the launcher builds the cli jar and the spark module, and writes
# the class-data archives of both: that happens before any timed run), and GNU time (/usr/bin/time). On 2
# quiet cores W1 at 10^7 takes 13-20 s per run, W2 at 10^7 about 1.5 minutes per run. The lead's command on a
# quiet host:
#   benchmarks/spark-overhead.sh            (10^7; a check at small size: --reps 20000)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
reps=10000000
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
out="$here/results/spark-$(date -u +%Y-%m-%dT%H%MZ)"
# local[2] binds to the loopback address anyway; this only keeps Spark's warning about the host name out of the
# table's output
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
mkdir -p "$out"
ts() { date +%s.%N; }
# builds both jars first, so that no timed run includes a build
"$root/trialsim" --version >/dev/null
"$root/trialsim" power "$here/spark/w1.yaml" --reps 500 --spark 'local[2]' -q --format csv >/dev/null

load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "jdk: $(java -version 2>&1 | head -1)"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "replicates: $reps"
  echo "load average at start (1, 5, 15 min): $(load)"
} | tee "$out/machine.txt"

# run SLUG NAME FILE REPS EXTRA...: one JVM on 2 threads, then local[2]; appends a row to rows.txt and one to
# breakdown.txt
run() {
  local slug="$1" label="$2" file="$3" r="$4"; shift 4
  local name="$slug"
  local t0 t1 t2
  t0=$(ts)
  /usr/bin/time -f '%U %S' -o "$out/$name-jvm.cpu" \
    "$root/trialsim" power "$file" --reps "$r" "$@" --threads 2 -q --out "$out/$name-jvm.csv"
  t1=$(ts)
  /usr/bin/time -f '%U %S' -o "$out/$name-spark.cpu" \
    "$root/trialsim" power "$file" --reps "$r" "$@" --spark 'local[2]' --out "$out/$name-spark.csv" \
    >/dev/null 2>"$out/$name-spark.log"
  t2=$(ts)
  local same=no
  cmp -s "$out/$name-jvm.csv" "$out/$name-spark.csv" && same=yes
  local started counted
  started=$(sed -n 's/.*started in \([0-9.]*\) s.*/\1/p' "$out/$name-spark.log" | head -1)
  counted=$(sed -n 's/.*counted [0-9]* replicates in \([0-9.]*\) s.*/\1/p' "$out/$name-spark.log" | head -1)
  awk -v n="$label" -v r="$r" -v a="$t0" -v b="$t1" -v c="$t2" -v s="${started:-?}" -v k="${counted:-?}" \
      -v same="$same" -v l="$(load)" 'BEGIN {
    jvm = b - a; spark = c - b;
    printf "| %s | %d | %.1f | %.1f | %.2f | %+.0f%% | %s | %s | %s | %s |\n", n, r, jvm, spark, spark / jvm,
      100 * (spark / jvm - 1), s, k, same, l }' | tee -a "$out/rows.txt"
  # where Spark's time went: process CPU of both runs, and the runner's line from Spark's task metrics
  local times stopped
  times=$(grep '^spark: [0-9]* job' "$out/$name-spark.log" | head -1)
  stopped=$(sed -n 's/^spark: stopped in \([0-9.]*\) s.*/\1/p' "$out/$name-spark.log" | head -1)
  awk -v n="$label" -v r="$r" -v line="$times" -v st="${stopped:-?}" -v jc="$(cat "$out/$name-jvm.cpu")" \
      -v sc="$(cat "$out/$name-spark.cpu")" 'BEGIN {
    split(jc, j, " "); split(sc, s, " ");
    cj = j[1] + j[2]; cs = s[1] + s[2];
    tasks = "?"; job = "?"; ran = "?"; cpu = "?"; first = "?"; idle = "?";
    if (match(line, /[0-9]+ tasks/)) tasks = substr(line, RSTART, RLENGTH - 6);
    if (match(line, /slots in [0-9.]+ s/)) job = substr(line, RSTART + 9, RLENGTH - 11);
    if (match(line, /tasks ran [0-9.]+ s/)) ran = substr(line, RSTART + 10, RLENGTH - 12);
    if (match(line, /CPU [0-9.]+ s/)) cpu = substr(line, RSTART + 4, RLENGTH - 6);
    if (match(line, /first task [0-9.]+ s/)) first = substr(line, RSTART + 11, RLENGTH - 13);
    if (match(line, /idle [0-9.]+ s/)) idle = substr(line, RSTART + 5, RLENGTH - 7);
    printf "| %s | %d | %.1f | %.1f | %+.1f | %s | %s | %s | %s | %s | %s | %s |\n", n, r, cj, cs, cs - cj, tasks,
      job, ran, cpu, first, idle, st }' | tee -a "$out/breakdown.txt"
}

header="| workload | replicates | one JVM, 2 threads (s) | --spark local[2] (s) | ratio | overhead | Spark context up (s) | counted, incl. start (s) | same bytes | load after |
|---|---|---|---|---|---|---|---|---|---|"
breakdown="| workload | replicates | CPU one JVM (s) | CPU Spark (s) | CPU difference (s) | tasks | job (s) | tasks ran (s) | tasks' CPU (s) | first task after submission (s) | slots idle (s) | context stopped in (s) |
|---|---|---|---|---|---|---|---|---|---|---|---|"
: > "$out/rows.txt"
: > "$out/breakdown.txt"
tenth=$(( reps / 10 > 500 ? reps / 10 : 500 ))
run start "job start (W1, 500)" "$here/spark/w1.yaml" 500 --model patients
run w1-tenth "W1 patient level" "$here/spark/w1.yaml" "$tenth" --model patients
run w1 "W1 patient level" "$here/spark/w1.yaml" "$reps" --model patients
run w2 "W2" "$here/spark/w2.yaml" "$reps"
{ echo "$header"; cat "$out/rows.txt"; echo; echo "$breakdown"; cat "$out/breakdown.txt"; } > "$out/table.md"
echo
cat "$out/table.md"
echo
echo "ratio = Spark / one JVM (target: at most 1.20 on W1 and W2); the first row is the cost of starting a job, the"
echo "W1 row at a tenth of the replicates separates Spark's fixed cost from what grows with the run. Second table:"
echo "CPU = user + system time of the whole process (JVM start included); the rest is the runner's 'spark: N jobs'"
echo "line, from Spark's task metrics (tasks ran = the tasks' time on the executors; slots idle = slots x job time"
echo "- the tasks' time)."
echo "filed under $out"
