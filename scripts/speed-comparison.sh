#!/usr/bin/env bash
# Training speed of the LeNet-5 example at batch 1, measured by `taxo train` itself over SAMPLES samples (fixed point
# and float32, one thread), next to PyTorch's on the same network and data (scripts/pytorch_lenet5_speed.py, Debian's
# python3-torch), all in one run; prints a Markdown table with the ratios.
#
#   scripts/speed-comparison.sh [DATA] [SAMPLES]     (defaults: examples/data/mnist, 10000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/examples/data/mnist}"
samples="${2:-10000}"
dotnet build -c Release "$root/src/Cli" > /dev/null
taxo=(dotnet "$root/src/Cli/bin/Release/net10.0/taxo.dll")
speed() { # PRECISION -> samples/s as taxo train reports it
    "${taxo[@]}" train "$root/examples/lenet5-mnist.taxo" --data "$data" --precision "$1" --epochs 1000 --limit "$samples" 2>/dev/null |
        sed -n "s/^$1.*test misclassification.* \([0-9,]*\) samples\/s.*/\1/p" | tr -d ,
}
fixed=$(speed fixed)
float=$(speed float)
pytorch=$(/usr/bin/python3 "$root/scripts/pytorch_lenet5_speed.py" "$data" "$samples" 1 | awk '{print $3}')
echo "| path | samples/s | vs PyTorch |"
echo "|---|---|---|"
echo "| taxo fixed point (bit-exact) | $fixed | $(awk "BEGIN{printf \"%.1fx\", $fixed/$pytorch}") |"
echo "| taxo float32 | $float | $(awk "BEGIN{printf \"%.1fx\", $float/$pytorch}") |"
echo "| PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') float32, 1 thread | $pytorch | 1.0x |"
