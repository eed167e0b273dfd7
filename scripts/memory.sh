#!/bin/sh
# Peak memory and time of a build for inputs at the size of imprint's limits (issue 19, item 6).
# Usage: scripts/memory.sh [case...]   cases: paragraph sections categories spans (default: all)
# Each case is a copy of tests/fixtures/base with one thing made large; the figures come from
# GNU time (`/usr/bin/time -v`): maximum resident set size and elapsed time.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
bin="$repo/target/release/imprint"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
front='+++\nid = "intro"\ntitle = "Introduction"\n+++\n\n'

make_project() {
  rm -rf "$work/p"
  cp -r "$repo/tests/fixtures/base" "$work/p"
  ln -s "$repo/fonts" "$work/p/fonts"
}

run_case() {
  make_project
  case "$1" in
    paragraph)  # one paragraph of 1 MB
      { printf "$front"; python3 -c "print('word ' * 200000)"; } > "$work/p/sources/content/intro.md" ;;
    sections)   # 10,000 sections, one file each
      python3 - "$work/p" <<'PY'
import sys, os
p = sys.argv[1]
ids = []
for i in range(10000):
    ids.append(f"s{i}")
    open(os.path.join(p, "sources/content", f"s{i:05}.md"), "w").write(f'+++\nid = "s{i}"\ntitle = "Section {i}"\n+++\n\nText of section {i}.\n')
c = open(os.path.join(p, "sources/imprint.toml")).read()
c = c.replace('sections = ["intro", "facts"]', "sections = [" + ", ".join(f'"{x}"' for x in ["intro", "facts"] + ids) + "]")
open(os.path.join(p, "sources/imprint.toml"), "w").write(c)
PY
      ;;
    categories) # a chart with 10,000 categories
      python3 - "$work/p" <<'PY'
import sys, os
p = sys.argv[1]
rows = ",\n".join(f'  {{ label = "Category {i}", percent = {0.1 if i < 1000 else 0} }}' for i in range(10000))
f = os.path.join(p, "sources/data/facts.toml")
t = open(f).read()
start = t.index("category = [")
end = t.index("]\n", start) + 2
open(f, "w").write(t[:start] + "category = [\n" + rows + "\n]\n" + t[end:])
PY
      ;;
    spans)      # [x]{lang=es} 50,000 times in one paragraph
      { printf "$front"; python3 -c "print('[x]{lang=es} ' * 50000)"; } > "$work/p/sources/content/intro.md" ;;
  esac
  printf '%-11s ' "$1"
  /usr/bin/time -v timeout 600 "$bin" --project "$work/p" build >/dev/null 2>"$work/err" || true
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/err")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/err")
  status=$(sed -n 's/.*Exit status: //p' "$work/err")
  echo "peak $((peak / 1024)) MB, $wall, exit $status"
}

cases=${*:-paragraph sections categories spans}
for c in $cases; do run_case "$c"; done
