#!/usr/bin/env bash
# lucene.sh index CORPUS INDEX | query INDEX ROUNDS: runs tools/bench/LucenePeer.java (compiled
# once into build-bench/java) against Debian's Lucene 8 (liblucene8-java).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../build-bench/java"
cp=""
for jar in core analyzers-common queryparser highlighter memory queries sandbox; do
  f=$(ls /usr/share/java/lucene-$jar-8*.jar 2>/dev/null | head -1)
  [ -n "$f" ] || { echo "lucene.sh: lucene-$jar missing (apt-get install liblucene8-java)" >&2; exit 2; }
  cp="$cp:$f"
done
cp=${cp#:}
if [ ! -f "$out/LucenePeer.class" ] || [ "$here/LucenePeer.java" -nt "$out/LucenePeer.class" ]; then
  mkdir -p "$out"
  javac -nowarn -cp "$cp" -d "$out" "$here/LucenePeer.java"
fi
exec java -cp "$out:$cp" LucenePeer "$@"
