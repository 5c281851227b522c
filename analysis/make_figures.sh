#!/usr/bin/env bash
# Regenerate every figure of the paper: run each specification in runs/ (fig*.args, appD.args) with
# qar, then each analysis script on its output; PNGs land next to the CSVs under runs/out/.
#
#   analysis/make_figures.sh            # the full grids (about 40 s on two cores)
#   analysis/make_figures.sh --quick    # reduced grids (or QUICK=1): steps x4, N = 2..20 in Fig. 7
#
# Environment: JAVA (default java), PYTHON (default /usr/bin/python3), JAR (default target/qar.jar,
# built with mvn -B -q -o package -DskipTests when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=${QUICK:-0}
for a in "$@"; do
  case $a in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "make_figures.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done
JAVA=${JAVA:-java}
PYTHON=${PYTHON:-/usr/bin/python3}
JAR=${JAR:-target/qar.jar}
[ -f "$JAR" ] || mvn -B -q -o package -DskipTests

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The specification to run: the file itself, or on --quick a copy with coarser grids.
spec() {
  local f=$1
  if [ "$QUICK" = 1 ]; then
    "$PYTHON" - "$f" "$tmp/$(basename "$f")" <<'PY'
import re, sys
src, dst = sys.argv[1:]
out, prev = [], None
for line in open(src):
    s = line.strip()
    m = re.fullmatch(r"([\w-]+)=([-+.\deE]+):([-+.\deE]+):([-+.\deE]+)", s)
    if prev == "--sweep" and m:          # OPT=a:b:step -> step x4 (N: x2, keeps the parity)
        opt, a, b, step = m.groups()
        k = 2 if opt == "N" else 4
        line = f"{opt}={a}:{b}:{float(step) * k:g}\n" if opt != "N" else f"{opt}={a}:{b}:{int(step) * k}\n"
    elif prev == "--sweep" and re.fullmatch(r"[\w-]+=.*:log\d+", s):
        opt, rest = s.split("=", 1)
        a, b, k = rest.split(":")
        line = f"{opt}={a}:{b}:log{max(2, int(k[3:]) // 4)}\n"
    elif prev == "--N" and re.fullmatch(r"\d+:\d+", s):   # qar relax sizes
        a, b = map(int, s.split(":"))
        line = f"{a}:{min(b, 20)}\n"
    out.append(line)
    if s and not s.startswith("#"):
        prev = s
open(dst, "w").writelines(out)
PY
    echo "$tmp/$(basename "$f")"
  else
    echo "$f"
  fi
}

run() {  # run COMMAND SPEC
  echo "== qar $1 @$2"
  "$JAVA" -jar "$JAR" "$1" @"$(spec "$2")" | grep -v '^  wrote' || true
}

start=$SECONDS
run sweep runs/fig2-full.args
run sweep runs/fig2-reduced.args
run sweep runs/fig3a.args
run sweep runs/fig3b.args
run sweep runs/fig4.args
for p in a b c d; do run sweep runs/fig5$p.args; done
run relax runs/fig7.args
run sweep runs/appD.args

cd analysis
O=../runs/out
"$PYTHON" fig2.py $O/fig2-full $O/fig2-reduced
"$PYTHON" fig3.py $O/fig3a $O/fig3b
"$PYTHON" fig4.py $O/fig4
"$PYTHON" fig5.py $O/fig5a $O/fig5b $O/fig5c $O/fig5d
"$PYTHON" fig7.py $O/fig7
"$PYTHON" appD.py $O/appD
cd ..

missing=0
for png in fig2-full/fig2 fig3a/fig3 fig4/fig4 fig5a/fig5 fig5b/fig5 fig5c/fig5 fig5d/fig5 fig7/fig7 appD/appD; do
  [ -s "runs/out/$png.png" ] || { echo "missing runs/out/$png.png" >&2; missing=1; }
done
echo "make_figures.sh: done in $((SECONDS - start)) s$([ "$QUICK" = 1 ] && echo ' (quick grids)')"
exit $missing
