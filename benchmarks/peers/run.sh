#!/usr/bin/env bash
# trialsim against its peers (rpact, vectorised base R, Mediana, and for W5 the hand-written benchmarks/peers/w5.R)
# on the workloads W1, W2, W3, W5 (benchmarks/README.md, "Workloads"), EQUAL TRIAL COUNTS on both sides, two ways:
#
#  (a) in process: trialsim's study timed inside one warm JVM (org.trialsim.peers.PeerWorkloads: the same
#      scenario, seed and model as the command below) against the R function timed inside an already running R
#      session after a warm-up call (`Rscript PEER.R W N --inproc`, see common.R);
#  (b) end to end: whole processes as a user runs them, `./trialsim power ... --null-reps none` (the launcher,
#      JVM start, class-data-sharing archive and all) against `Rscript PEER.R W N`, over --rounds interleaved
#      rounds (every command once per round, the order rotated from round to round), min and median per command.
#
# Every peer's estimates are compared with trialsim's, measure by measure: z = (peer - trialsim) / combined MCSE,
# printed, with those beyond 3 counted. Output: a report on stdout, the raw files in --out.
#
#   bash benchmarks/peers/run.sh [--quick] [--rounds K] [--workloads W1,W2,W3,W5] [--peers rpact,base,mediana]
#                                [--mediana-max TRIALS] [--threads T] [--no-inproc] [--no-e2e] [--out DIR] [--install]
#
#   --quick            smoke mode: W1 at 10^3 and 10^4, W2 at 10^3, W3 at 10 x 10^3, W5 at 500, 2 rounds, Mediana
#                      up to 2,000 trials (checks the pipeline in a few minutes; figures are not results)
#   (full, default)    W1 at 10^4, 10^5, 10^6; W2 at 10^4, 10^5 (trialsim on one thread); W3 at 10 sizes x 10^4;
#                      W5 at the scenario's default replicates and 10^5; 3 rounds
#   --rounds K         interleaved end-to-end rounds (default 3; 2 with --quick)
#   --workloads LIST   a subset of W1,W2,W3,W5
#   --peers LIST       a subset of rpact,base,mediana (W5's peer is w5.R, in "base")
#   --mediana-max N    run Mediana only where the trials (replicates x sizes) are at most N (default 10000, that
#                      is W1 at 10^4 only: Mediana runs prop.test once per trial on a cluster it starts per call,
#                      minutes per 10^4 trials on a loaded host; 100000 adds W1 at 10^5 and W3)
#   --threads T        trialsim's threads for W1, W3, W5 (default: all processors, the command line's default);
#                      W2 always runs on one thread (--threads 1), as the peers
#   --no-inproc, --no-e2e   skip part (a) or (b)
#   --out DIR          where the raw files go (default benchmarks/results/peers-<UTC time>)
#   --install          apt-get install r-base-core r-cran-rpact r-cran-mediana first (root)
#
# For figures worth quoting run it on a quiet host, for example (the lead's frozen host):
#   env LEAD_MEASURE=1 bash benchmarks/peers/run.sh --rounds 5
# The trialsim jar and its class-data-sharing archive are built by the launcher before any timing (untimed);
# benchmarks/target/benchmarks.jar is built if missing or older than the sources (mvn -pl benchmarks -am package).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

quick=0
rounds=""
workloads="W1,W2,W3,W5"
peers="rpact,base,mediana"
mediana_max=""
threads=""
inproc=1
e2e=1
out=""
install=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --rounds) rounds="$2"; shift ;;
    --workloads) workloads="$2"; shift ;;
    --peers) peers="$2"; shift ;;
    --mediana-max) mediana_max="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --no-inproc) inproc=0 ;;
    --no-e2e) e2e=0 ;;
    --out) out="$2"; shift ;;
    --install) install=1 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see the header of $0, or --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$quick" = 1 ]; then
  : "${rounds:=2}" "${mediana_max:=2000}"
else
  : "${rounds:=3}" "${mediana_max:=10000}"
fi
case "$rounds" in ''|*[!0-9]*|0) echo "run.sh: --rounds must be a positive whole number, not '$rounds'" >&2; exit 2 ;; esac
case "$mediana_max" in ''|*[!0-9]*) echo "run.sh: --mediana-max must be a whole number, not '$mediana_max'" >&2; exit 2 ;; esac
for w in ${workloads//,/ }; do
  case "$w" in W1|W2|W3|W5) ;; *) echo "run.sh: unknown workload '$w'; allowed: W1,W2,W3,W5" >&2; exit 2 ;; esac
done
for p in ${peers//,/ }; do
  case "$p" in rpact|base|mediana) ;; *) echo "run.sh: unknown peer '$p'; allowed: rpact,base,mediana" >&2; exit 2 ;; esac
done
has() { case ",$1," in *",$2,"*) return 0 ;; *) return 1 ;; esac; }

if [ "$install" = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends r-base-core r-cran-rpact r-cran-mediana
fi
command -v Rscript >/dev/null || { echo "run.sh: Rscript not found: run with --install (Debian) or install R" >&2; exit 2; }
command -v java >/dev/null || { echo "run.sh: java not found (Java 17 or newer is needed)" >&2; exit 2; }

stamp=$(date -u +%Y-%m-%dT%H%MZ)
[ -n "$out" ] || out="$root/benchmarks/results/peers-$stamp"
mkdir -p "$out/outputs" || exit 2
cd "$root" || exit 2

# ---- the machine and the tools ----
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "date (UTC): $(date -u '+%Y-%m-%d %H:%M:%S')"
  echo "host: $(uname -n), $(uname -sr)"
  echo "nproc: $(nproc); CPU: ${cpu:-unknown}"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "LEAD_MEASURE: ${LEAD_MEASURE:-unset}"
  echo "trialsim commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "R: $(Rscript -e 'cat(R.version.string)' 2>/dev/null)"
  echo "mode: $([ "$quick" = 1 ] && echo 'quick (smoke: figures are not results)' || echo full); rounds: $rounds; workloads: $workloads; peers: $peers"
} > "$out/machine.txt"
cat "$out/machine.txt"

# Which peers can run: a missing package is a skip line, not a failure.
rpkg() { Rscript -e "quit(status = if (requireNamespace('$1', quietly = TRUE)) 0 else 1)" >/dev/null 2>&1; }
rver() { Rscript -e "cat(as.character(packageVersion('$1')))" 2>/dev/null; }
skip_lines=()
if has "$peers" rpact && ! rpkg rpact; then
  peers=$(echo ",$peers," | sed 's/,rpact,/,/; s/^,//; s/,$//')
  skip_lines+=("skip: rpact is not installed in R (Debian: apt-get install r-cran-rpact, or run.sh --install)")
fi
if has "$peers" mediana; then
  policy=$(apt-cache policy r-cran-mediana 2>/dev/null | sed -n 's/^ *\(Installed\|Candidate\): */\1 /p' | paste -sd';' -)
  echo "apt-cache policy r-cran-mediana: ${policy:-not in the apt lists of this host (run apt-get update)}"
  if ! rpkg Mediana; then
    peers=$(echo ",$peers," | sed 's/,mediana,/,/; s/^,//; s/,$//')
    skip_lines+=("skip: Mediana is not installed in R (Debian bookworm: apt-get install r-cran-mediana, or run.sh --install)")
  fi
fi
rpkg rpact && echo "rpact: $(rver rpact)"
rpkg Mediana && echo "Mediana: $(rver Mediana)"
for s in "${skip_lines[@]}"; do echo "$s"; done
printf '%s\n' "${skip_lines[@]}" > "$out/skipped.txt"

# ---- builds (untimed) ----
echo "building / checking the trialsim jar and its class-data-sharing archive (./trialsim --version, untimed) ..." >&2
./trialsim --version > "$out/trialsim-version.txt" 2>&1 || { cat "$out/trialsim-version.txt" >&2; echo "run.sh: ./trialsim does not run" >&2; exit 1; }
bjar="$root/benchmarks/target/benchmarks.jar"
if [ "$inproc" = 1 ] && { [ ! -f "$bjar" ] || [ -n "$(find "$root/core/src/main" "$root/benchmarks/src/main" "$root/pom.xml" \
    "$root/core/pom.xml" "$root/benchmarks/pom.xml" -newer "$bjar" -type f -print -quit 2>/dev/null)" ]; }; then
  echo "building benchmarks/target/benchmarks.jar (mvn -pl benchmarks -am package, untimed) ..." >&2
  (mvn -B -q -pl benchmarks -am package -DskipTests > "$out/build.log" 2>&1) || { cat "$out/build.log" >&2; exit 1; }
fi

# ---- the plan: replicate counts per workload ----
w5_default=$(sed -n 's/^ *replicates: *\([0-9][0-9]*\).*/\1/p' \
  "$root/core/src/main/resources/org/trialsim/scenarios/ketamine-vs-midazolam.yaml" | head -1)
: "${w5_default:=2000}"
if [ "$quick" = 1 ]; then
  reps_W1="1000 10000"; reps_W2="1000"; reps_W3="1000"; reps_W5="500"
else
  reps_W1="10000 100000 1000000"; reps_W2="10000 100000"; reps_W3="10000"; reps_W5="$w5_default 100000"
fi
sizes_W1=1; sizes_W2=1; sizes_W3=10; sizes_W5=9
scenario_W1="examples/two-arm-binary-chisq.yaml"; n_W1="200"
scenario_W2="benchmarks/peers/w2.yaml"; n_W2=""
scenario_W3="examples/two-arm-binary-chisq.yaml"; n_W3="40:400:40"
scenario_W5="ketamine-vs-midazolam"; n_W5=""
tthreads() { if [ "$1" = W2 ]; then echo 1; else echo "$threads"; fi; }
peer_script() { case "$1" in rpact) echo rpact.R ;; base) if [ "$2" = W5 ]; then echo w5.R; else echo base_r.R; fi ;; mediana) echo mediana.R ;; esac; }
peer_label() { case "$1" in rpact) echo rpact ;; base) if [ "$2" = W5 ]; then echo "base R (w5.R)"; else echo "base R"; fi ;; mediana) echo Mediana ;; esac; }
peer_runs() {  # peer workload -> 0 if the peer defines the workload
  case "$1:$2" in rpact:W5|mediana:W2|mediana:W5) return 1 ;; *) return 0 ;; esac
}
for w in W1 W2 W3 W5; do
  has "$workloads" $w || continue
  for p in rpact mediana; do
    if has "$peers" $p && ! peer_runs $p $w; then
      case "$p:$w" in
        mediana:W2) echo "skip: Mediana W2: its event-driven design enrols until the patients enrolled so far have 300 events among their own outcomes, not an analysis at the calendar time of the 300th event of a fixed N = 500 (see mediana.R)" ;;
        *) echo "skip: $p $w: not defined for this peer (W5's peer is the hand-written w5.R)" ;;
      esac
    fi
  done
done | tee -a "$out/skipped.txt"

# ---- (a) in process ----
if [ "$inproc" = 1 ]; then
  echo "workload,tool,threads,trials,seconds,n_total,measure,power,mcse" > "$out/inproc.csv"
  for w in W1 W2 W3 W5; do
    has "$workloads" $w || continue
    eval "reps=\$reps_$w; scen=\$scenario_$w; n=\$n_$w; sz=\$sizes_$w"
    t=$(tthreads $w)
    echo "in process: $w trialsim (PeerWorkloads) at ${reps// /, } replicates ..." >&2
    java -cp "$bjar" org.trialsim.peers.PeerWorkloads --workload $w --scenario "$scen" ${n:+--n $n} \
      --replicates "${reps// /,}" ${t:+--threads $t} >> "$out/inproc.csv" 2>> "$out/inproc.err" \
      || echo "in process: $w trialsim FAILED (see $out/inproc.err)" >&2
    for p in rpact base mediana; do
      has "$peers" $p && peer_runs $p $w || continue
      list=""
      for r in $reps; do
        if [ $p = mediana ] && [ $((r * sz)) -gt "$mediana_max" ]; then
          echo "skip: Mediana $w at $((r * sz)) trials (above --mediana-max $mediana_max)" | tee -a "$out/skipped.txt" >&2
          continue
        fi
        list="${list:+$list,}$r"
      done
      [ -n "$list" ] || continue
      echo "in process: $w $p at ${list//,/, } replicates ..." >&2
      Rscript "$here/$(peer_script $p $w)" $w "$list" --inproc >> "$out/inproc.csv" 2>> "$out/inproc.err"
      rc=$?
      [ $rc = 0 ] || echo "in process: $w $p exited $rc (see $out/inproc.err)" >&2
    done
  done
fi

# ---- (b) end to end: the commands ----
ids=(); cmds=()
add() { ids+=("$1"); cmds+=("$2"); }
for w in W1 W2 W3 W5; do
  has "$workloads" $w || continue
  eval "reps=\$reps_$w; scen=\$scenario_$w; n=\$n_$w; sz=\$sizes_$w"
  t=$(tthreads $w)
  for r in $reps; do
    repsopt="--reps $r"
    # W5 at the scenario's default: the command a user types, without --reps
    [ $w = W5 ] && [ "$quick" = 0 ] && [ "$r" = "$w5_default" ] && repsopt=""
    add "$w|$r|$((r * sz))|trialsim" "./trialsim power $scen${n:+ --n $n} $repsopt${t:+ --threads $t} --null-reps none --format csv -q"
    # the issue's target command runs the null scenario as by default (on the first 12,000 replicates)
    [ $w = W1 ] && add "$w|$r|$((r * sz))|trialsim, default null" "./trialsim power $scen${n:+ --n $n} $repsopt${t:+ --threads $t} --format csv -q"
    for p in rpact base mediana; do
      has "$peers" $p && peer_runs $p $w || continue
      [ $p = mediana ] && [ $((r * sz)) -gt "$mediana_max" ] && continue
      add "$w|$r|$((r * sz))|$(peer_label $p $w)" "Rscript benchmarks/peers/$(peer_script $p $w) $w $r"
    done
  done
done

if [ "$e2e" = 1 ]; then
  count=${#cmds[@]}
  echo "round,position,index,workload,replicates,trials,tool,seconds,exit,command" > "$out/e2e.csv"
  printf '%s\n' "${cmds[@]}" > "$out/commands.txt"
  # untimed: one pass of every R peer's start (file cache) and the launcher (CDS archive) before the rounds
  ./trialsim --version > /dev/null 2>&1; Rscript -e 'invisible(0)' > /dev/null 2>&1
  for ((k = 0; k < rounds; k++)); do
    shift_by=$(( k * count / rounds ))
    for ((j = 0; j < count; j++)); do
      i=$(( (j + shift_by) % count ))
      IFS='|' read -r w r trials tool <<< "${ids[$i]}"
      cmd=${cmds[$i]}
      file="$out/outputs/e2e-$i-round$((k + 1)).txt"
      t0=$EPOCHREALTIME
      eval "$cmd" > "$file" 2> "$file.err"
      rc=$?
      t1=$EPOCHREALTIME
      secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
      echo "$((k + 1)),$((j + 1)),$i,$w,$r,$trials,\"$tool\",$secs,$rc,\"$cmd\"" >> "$out/e2e.csv"
      printf 'round %d/%d [%2d/%d] %s %s %-22s %8.3f s%s\n' $((k + 1)) "$rounds" $((j + 1)) "$count" "$w" "$r" "$tool" "$secs" \
        "$([ $rc = 0 ] || echo "  (exit $rc: $file.err)")" >&2
    done
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
echo
Rscript "$here/report.R" "$out"
echo "raw files: $out"
