#!/usr/bin/env bash
# Benchmark: Haven's `linkage run` (target/haven.jar) against Duke 1.2 on febrl1-4, splink fake_1000 and the
# synthetic Khmer registrations. Both run as separate JVMs on the same files; wall time includes JVM start.
# Precision / recall / F1 are pairwise, computed by evaluate.py over each tool's output.
#
# usage: bench/linkage/run.sh [REPEATS]   (default 3; medians reported)   env: SHARED=../shared  SKIP_DUKE=1  JAR=haven.jar
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PROJECT="$(cd "$HERE/../.." && pwd)"
SHARED="${SHARED:-$PROJECT/../shared}"
[ -d "$SHARED" ] || SHARED="$PROJECT/../../shared"   # inside a git worktree under /work/wt
DATA="$SHARED/data/linkage"
REPEATS="${1:-3}"
WORK="$HERE/work"
JAR="${JAR:-$PROJECT/target/haven.jar}"
mkdir -p "$WORK"
[ -f "$JAR" ] || (cd "$PROJECT" && mvn -B -q -o -DskipTests package)

# Duke 1.2 and its dependencies, into a bench folder outside the project's dependencies
if [ -z "${SKIP_DUKE:-}" ] && [ ! -f "$HERE/duke-lib/duke-1.2.jar" ]; then
  mvn -B -q -f "$HERE/duke-pom.xml" dependency:copy-dependencies -DoutputDirectory="$HERE/duke-lib" -DincludeScope=runtime
fi

# Duke reads headers literally: give it copies with the spaces around fields removed (Haven trims by itself and
# reads the original files)
python3 - "$DATA" "$WORK" "$PROJECT/src/test/resources/linkage/khmer_registrations.csv" <<'PY'
import csv, sys, os
data, work, khmer = sys.argv[1:4]
files = {f"dataset{n}.csv": f"{data}/febrl/dataset{n}.csv" for n in ("1", "2", "3", "4a", "4b")}
files["fake_1000.csv"] = f"{data}/splink_fake_1000/fake_1000.csv"
files["khmer_registrations.csv"] = khmer
for name, src in files.items():
    with open(src, encoding="utf-8", newline="") as f, open(os.path.join(work, name), "w", encoding="utf-8", newline="") as o:
        w = csv.writer(o, lineterminator="\n")
        for row in csv.reader(f, skipinitialspace=True):
            w.writerow([c.strip() for c in row])
PY
for cfg in "$HERE"/duke/*.xml; do sed "s#@WORK@#$WORK#g" "$cfg" > "$WORK/$(basename "$cfg")"; done

F="$DATA/febrl"
FEBRL_MAP=(--id rec_id --map given_name=given_name --map family_name=surname --map birth_date=date_of_birth:yyyyMMdd
  --map id_number=soc_sec_id --map address=street_number --map address=address_1 --map locality=suburb
  --map postcode=postcode --map region=state)
FAKE_MAP=(--id unique_id --map given_name=first_name --map family_name=surname --map birth_date=dob --map locality=city)
KHMER_MAP=(--id record_id --map family_name=family_name --map given_name=given_name --map sex=sex
  --map birth_date=birth_date --map birth_year=birth_year --map phone=phone --map locality=village)
KHMER="$PROJECT/src/test/resources/linkage/khmer_registrations.csv"

haven() { # name, truth args..., -- haven args...
  local name="$1"; shift; local truth=(); while [ "$1" != "--" ]; do truth+=("$1"); shift; done; shift
  local t0 t1; t0=$(date +%s.%N)
  java -jar "$JAR" linkage run "$@" --out "$WORK/haven_$name.csv" > "$WORK/haven_$name.log"
  t1=$(date +%s.%N)
  echo "haven $name $(python3 "$HERE/evaluate.py" "$WORK/haven_$name.csv" "${truth[@]}") $(echo "$t1 - $t0" | bc)"
}
duke() { # name, config, extra flag, truth args...
  local name="$1" cfg="$2" flag="$3"; shift 3
  local t0 t1; t0=$(date +%s.%N)
  java -cp "$HERE/duke-lib/*" no.priv.garshol.duke.Duke --threads=2 $flag --linkfile="$WORK/duke_$name.txt" \
    "$WORK/$cfg" > "$WORK/duke_$name.log" 2>&1
  t1=$(date +%s.%N)
  echo "duke $name $(python3 "$HERE/evaluate.py" "$WORK/duke_$name.txt" "$@") $(echo "$t1 - $t0" | bc)"
}

RESULTS="$WORK/raw.txt"; : > "$RESULTS"
for r in $(seq 1 "$REPEATS"); do
  {
    for n in 1 2 3; do
      haven "febrl$n" pairs "$F/dataset${n}_true_pairs.csv" -- --input "$F/dataset$n.csv" "${FEBRL_MAP[@]}"
      [ -n "${SKIP_DUKE:-}" ] || duke "febrl$n" "febrl$n.xml" "" pairs "$F/dataset${n}_true_pairs.csv"
    done
    haven febrl4 pairs "$F/dataset4_true_pairs.csv" -- --input "$F/dataset4a.csv" --input "$F/dataset4b.csv" \
      "${FEBRL_MAP[@]}" --one-to-one
    haven febrl4-privacy pairs "$F/dataset4_true_pairs.csv" -- --input "$F/dataset4a.csv" --input "$F/dataset4b.csv" \
      "${FEBRL_MAP[@]}" --one-to-one --privacy
    [ -n "${SKIP_DUKE:-}" ] || duke febrl4 febrl4.xml --singlematch pairs "$F/dataset4_true_pairs.csv"
    haven fake_1000 cluster "$DATA/splink_fake_1000/fake_1000.csv" unique_id cluster -- \
      --input "$DATA/splink_fake_1000/fake_1000.csv" "${FAKE_MAP[@]}"
    [ -n "${SKIP_DUKE:-}" ] || duke fake_1000 fake_1000.xml "" cluster "$DATA/splink_fake_1000/fake_1000.csv" unique_id cluster
    haven khmer cluster "$KHMER" record_id person_id -- --input "$KHMER" "${KHMER_MAP[@]}"
    [ -n "${SKIP_DUKE:-}" ] || duke khmer khmer.xml "" cluster "$KHMER" record_id person_id
  } | tee -a "$RESULTS"
done

echo
echo "| tool | dataset | P | R | F1 | wall s (median of $REPEATS) |"
echo "|---|---|---|---|---|---|"
python3 - "$RESULTS" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    t, d, p, r, f1, pred, true, tp, wall = line.split()
    rows.setdefault((t, d), []).append((float(p), float(r), float(f1), float(wall)))
for (t, d), v in sorted(rows.items(), key=lambda x: (x[0][1], x[0][0])):
    p, r, f1, _ = v[-1]
    print(f"| {t} | {d} | {p:.4f} | {r:.4f} | {f1:.4f} | {statistics.median(x[3] for x in v):.2f} |")
PY
