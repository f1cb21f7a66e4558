#!/usr/bin/env bash
# Trains LeNet-5 (examples/lenet5-mnist.taxo's network and settings) with one uniform fixed-point format for every
# layer and pass, fixed(W, W-4) (4 integer bits with the sign, as Q4.12 at 16 bits), for W from 21 down to 8, and
# prints a Markdown table of the test misclassification after one epoch:
#   nearest     every pass rounds to nearest-even
#   stoch. W    every pass rounds to nearest-even except the weight update, which rounds stochastically
#   stochastic  every pass rounds stochastically
#
#   scripts/uniform-bitwidth-table.sh DATA [WIDTHS...]     e.g.  scripts/uniform-bitwidth-table.sh data/mnist-full
#
# DATA is a folder with the MNIST files (scripts/fetch-mnist.sh writes one). Each run's set-up and output are kept
# in a temporary folder whose name is printed first.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: scripts/uniform-bitwidth-table.sh DATA [WIDTHS...]" >&2; exit 2; }
data="$(cd "$1" && pwd)"
shift
widths=("$@")
((${#widths[@]} > 0)) || widths=(21 20 19 18 17 16 15 14 13 12 11 10 9 8)
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
echo "set-ups and logs in $work" >&2
dotnet build -c Release "$root/src/Cli" > "$work/build.log"
taxo=(dotnet "$root/src/Cli/bin/Release/net10.0/taxo.dll")
cp "$root/examples/eyeriss.taxo" "$work/"

# The example's network and training settings, with its precision block replaced.
setup() { # NAME PRECISION-STATEMENTS
    sed -n '/^  precision {/q;p' "$root/examples/lenet5-mnist.taxo" > "$work/$1.taxo"
    printf '  precision {\n%s\n  }\n}\n' "$2" >> "$work/$1.taxo"
}

run() { # NAME -> misclassification
    "${taxo[@]}" train "$work/$1.taxo" --data "$data" > "$work/$1.log" 2>&1 || true
    sed -n 's/^fixed  test misclassification \([0-9.]* %\).*/\1/p' "$work/$1.log" | head -n 1
}

echo "| w | format | nearest | stoch. W | stochastic |"
echo "|---|---|---|---|---|"
for w in "${widths[@]}"; do
    f=$((w - 4))
    setup "n$w" "    default fixed($w, $f) nearest_even"
    setup "w$w" "    default fixed($w, $f) nearest_even
    update fixed($w, $f) stochastic"
    setup "s$w" "    default fixed($w, $f) stochastic"
    echo "| $w | fixed($w, $f) | $(run "n$w") | $(run "w$w") | $(run "s$w") |"
done
