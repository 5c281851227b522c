#!/usr/bin/env bash
# Submits a qar sampling campaign to Slurm as an array of n shards and a merge step that runs
# when all of them succeeded:
#   QAR_OUT=/scratch/camp QAR_SHARDS=16 QAR_CPUS=8 runs/slurm/submit.sh --seed 5 --replicas 100000 --window 10 --ft
# The arguments are the campaign options of qar sample (not --out, --shard, --threads, --json).
# Result: $QAR_OUT/merged (as qar sample --out would write it), the shards in $QAR_OUT/shard-i,
# job logs in $QAR_OUT/logs. The last line of standard output is "array_job=ID merge_job=ID".
#
# Environment:
#   QAR_JAR         path of qar.jar (default: target/qar.jar, made absolute)
#   QAR_OUT         campaign folder (default: qar-campaign, made absolute)
#   QAR_SHARDS      number of shards n = array tasks (default 8; at most min(64, R/8))
#   QAR_CPUS        CPUs per shard, passed to qar sample --threads (default 4)
#   QAR_SBATCH_OPTS more sbatch options for both jobs, word-split (e.g. "--partition=long --time=2:00:00")
#   QAR_MERGE_OPTS  options of qar merge, word-split (e.g. "--json")
#   QAR_JAVA        java command on the compute nodes (default: java)
# QAR_JAR, QAR_OUT and QAR_JAVA reach the jobs through sbatch --export, so they must not contain commas.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

[ $# -gt 0 ] || { echo "usage: [QAR_OUT=dir QAR_SHARDS=n ...] $0 <qar sample options>" >&2; exit 2; }
jar=$(realpath -m "${QAR_JAR:-target/qar.jar}")
out=$(realpath -m "${QAR_OUT:-qar-campaign}")
shards=${QAR_SHARDS:-8}
cpus=${QAR_CPUS:-4}
[ -f "$jar" ] || { echo "submit.sh: no $jar (build with mvn -B -q package -DskipTests, or set QAR_JAR)" >&2; exit 2; }
mkdir -p "$out/logs"

# shellcheck disable=SC2086  # the *_OPTS variables are word-split on purpose
array=$(sbatch --parsable ${QAR_SBATCH_OPTS:-} --array="1-$shards" --cpus-per-task="$cpus" \
  --output="$out/logs/sample-%A_%a.out" \
  --export="ALL,QAR_JAR=$jar,QAR_OUT=$out,QAR_JAVA=${QAR_JAVA:-java}" \
  "$here/sample-array.sbatch" "$@")
array=${array%%;*}   # --parsable prints "id" or "id;cluster"
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${QAR_SBATCH_OPTS:-} --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$out/logs/merge-%j.out" \
  --export="ALL,QAR_JAR=$jar,QAR_OUT=$out,QAR_SHARDS=$shards,QAR_JAVA=${QAR_JAVA:-java}" \
  "$here/merge.sbatch" ${QAR_MERGE_OPTS:-})
merge=${merge%%;*}
echo "submitted $shards shards as array job $array and the merge as job $merge; result in $out/merged" >&2
echo "array_job=$array merge_job=$merge"
