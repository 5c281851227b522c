#!/usr/bin/env bash
# The coverage campaign of src/site/markdown/sampling.md ("Coverage of the printed intervals"): for each setting,
# M independent campaigns on the refrigerator, and how many 95 % intervals cover the exact
# finite-time value <<Q_T^n>>/T. Arguments of qar.bench.CoverageCampaign: N T R M seed.
# Output: runs/out/coverage/<setting>.txt. About 12 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p runs/out/coverage
mvn -B -q -Pbench test-compile
# the last setting, qar sample's defaults, takes about 8 minutes of the total
for setting in "5 100 128 1000 302" "5 100 256 1000 301" "5 100 512 300 202" "5 100 2048 200 103" \
               "5 100 16384 100 106" "7 200 256 300 104" "7 200 2048 100 105" "31 1000 2560 100 107"; do
  name=$(echo "$setting" | awk '{print "N" $1 "-T" $2 "-R" $3}')
  mvn -B -q -Pbench exec:exec -Dbench.main=qar.bench.CoverageCampaign -Dbench.args="$setting" \
    | tee "runs/out/coverage/$name.txt"
done
