#!/bin/sh
# Makes schemas/baseline/ a copy of the current schemas (every *.avsc and topics.json).
# Run it right after a release has been cut (the released schemas become the new compatibility baseline),
# then commit: git add schemas/baseline && git commit -m "schemas: baseline = release X" -- schemas/baseline
set -eu
cd "$(dirname "$0")"
rm -rf baseline
mkdir baseline
cp topics.json baseline/topics.json
find . -path ./baseline -prune -o -type f -name '*.avsc' -print | while read -r f; do
  mkdir -p "baseline/$(dirname "$f")"
  cp "$f" "baseline/$f"
done
echo "baseline refreshed: $(find baseline -name '*.avsc' | wc -l) schemas"
