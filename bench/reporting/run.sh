#!/usr/bin/env bash
# Reporting benchmark: CTDC import and de-identified exports through the command line, on a throw-away data dir.
#   bench/reporting/run.sh [ROWS]     (ROWS of generated global-layout CTDC data; default 250000)
# Needs target/haven.jar (mvn -DskipTests package) and ../shared/data/ctdc beside the project.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-250000}
DATA=$(mktemp -d /tmp/haven-bench-reporting.XXXXXX)
OUT=$(mktemp -d /tmp/haven-bench-reporting-out.XXXXXX)
trap 'rm -rf "$DATA" "$OUT"' EXIT
JAR="java -jar target/haven.jar --haven.data-dir=$DATA"
VP=../shared/data/ctdc/CTDC_VPsynthetic_condensed.csv

# Generated global-layout file: skewed towards South-East Asia, like Haven's first deployment.
awk -v n="$ROWS" 'BEGIN {
  srand(42);
  print "yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths,meansDebtBondageEarnings,meansThreats,meansAbusePsyPhySex,meansFalsePromises,meansDrugsAlcohol,meansDenyBasicNeeds,meansExcessiveWorkHours,meansWithholdDocs,isForcedLabour,isSexualExploit,isOtherExploit,typeOfLabourAgriculture,typeOfLabourConstruction,typeOfLabourDomesticWork,typeOfLabourHospitality,typeOfSexProstitution,typeOfSexPornography,recruiterRelationIntimatePartner,recruiterRelationFriend,recruiterRelationFamily,recruiterRelationOther";
  split("Woman,Man,Trans/Transgender/NonConforming,", g, ",");
  split("0--8,9--17,18--20,21--23,24--26,27--29,30--38,39--47,48+,", a, ",");
  split("KHM,KHM,KHM,THA,VNM,MMR,LAO,MYS,CHN,IDN,PHL,UKR,NGA,", c, ",");
  for (i = 0; i < n; i++) {
    y = (rand() < 0.1) ? "" : 2002 + int(rand() * 21);
    line = y "," g[1 + int(rand() * 4)] "," a[1 + int(rand() * 10)] "," c[1 + int(rand() * 13)] "," c[1 + int(rand() * 13)] ",";
    for (f = 0; f < 21; f++) line = line "," ((rand() < 0.3) ? "1" : "");
    print line;
  }
}' > "$OUT/generated.csv"

t() { local s=$(date +%s.%N); "$@" > "$OUT/last.out" 2> "$OUT/last.err"; local e=$(date +%s.%N); printf '%-60s %6.1f s\n' "$*" "$(echo "$e - $s" | bc)" | sed "s|$DATA|DATA|g; s|$OUT|OUT|g"; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB; rows generated: $ROWS"
t $JAR help
t $JAR import ctdc "$VP"
t $JAR import ctdc "$VP"                      # second time: recognised, nothing added
t $JAR export ctdc --k 11 --source ctdc-analysis --out "$OUT/vp-ctdc.csv"
grep -E 'released|suppressed' "$OUT/last.out"
t $JAR import ctdc "$OUT/generated.csv"
t $JAR export ctdc --k 11 --source ctdc-analysis --out "$OUT/all-ctdc.csv"
grep -E 'read|released|suppressed' "$OUT/last.out"
t $JAR export htcds --k 11 --source ctdc-analysis --out "$OUT/all-htcds.csv"
