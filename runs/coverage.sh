#!/usr/bin/env bash
# The coverage campaign of the README ("Coverage of the printed intervals"): for each setting,
# M independent campaigns on the refrigerator, and how many 95 % intervals cover the exact
# finite-time value <<Q_T^n>>/T. Arguments of qar.bench.CoverageCampaign: N T R M seed.
# Output: runs/out/coverage/<setting>.txt. About 10 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p runs/out/coverage
mvn -B -q -Pbench test-compile
for setting in "5 100 256 400 101" "5 100 512 400 102" "5 100 2048 200 103" "7 200 256 300 104" \
               "7 200 2048 100 105" "5 100 16384 100 106"; do
  name=$(echo "$setting" | awk '{print "N" $1 "-T" $2 "-R" $3}')
  mvn -B -q -Pbench exec:exec -Dbench.main=qar.bench.CoverageCampaign -Dbench.args="$setting" \
    | tee "runs/out/coverage/$name.txt"
done
