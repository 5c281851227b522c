#!/usr/bin/env bash
# The interval campaigns of src/site/markdown/sampling.md, "Coverage of the printed intervals"
# (issue 15, section 5), over seeds 1 .. M as `qar sample --seed s` runs them (qar.bench.IntervalCampaign):
#   cumulants: kappa_n intervals on the bursty chain and the refrigerator, with the old rule's counts;
#   ratios: TUR and COP intervals; gof: uniformity of the P(n, t) chi-square p-values.
# Output: runs/out/intervals/*.txt. Needs no network (plain javac against the shaded jar).
# About 25 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/out/intervals
mkdir -p "$out" target/interval-campaign
mvn -B -q package -DskipTests
mvn -B -q test-compile
cp=target/qar.jar:target/test-classes
javac -nowarn -cp "$cp" -d target/interval-campaign src/jmh/java/qar/bench/IntervalCampaign.java
run() { java -cp "target/interval-campaign:$cp" qar.bench.IntervalCampaign "$@" | tee "$out/$(echo "$@" | tr ' ' '-').txt"; }
run cumulants bursty 100 256 200
run cumulants bursty 20 1024 1000
run cumulants bursty 100 4096 200
run cumulants N5 100 256 200
run cumulants N5 100 2048 200
run cumulants slow15 1000 20480 100
run ratios 5 40 2048 2 400
run ratios 5 20 1024 2 200
run gof 15 1000 2048 1 200
