#!/usr/bin/env bash
# imprint beside its peer, in one run: pandoc 3.9 making ONE language's eight artifacts of the
# same content (EPUB, HTML, PDF via its Typst engine and a large-print PDF, for the standard and
# the plain-language editions), and `imprint build` making the WHOLE matrix (every language,
# edition and format, with the fonts of each web page). Prints both wall times and the ratio.
#
#   scripts/bench-pandoc.sh [runs]      (default 3 timed runs each, after one warm-up; median)
#   IMPRINT=path/to/imprint scripts/bench-pandoc.sh   (that binary, instead of cargo build --release)
#
# Installs into target/bench-pandoc/ (nothing global): pandoc 3.9 from PyPI (pypandoc-binary
# 1.17 ships it) and Typst 0.15.2 (the PyPI `typst` package, Python bindings of the same Typst
# compiler; pandoc calls `typst compile IN OUT`, so a three-line wrapper on the PATH hands that
# to the bindings). pandoc's 8 runs go 2 at a time (`xargs -P`, one per core), as imprint uses
# every core. Both read the same section texts: the script writes imprint's sources as pandoc
# Markdown (front matter dropped, the title as a heading, charts as tables, the timeline as a
# list); pandoc sets them in its default templates with the project's fonts.
set -euo pipefail

runs=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/bench-pandoc"
py="$work/py"
mkdir -p "$work/bin" "$work/in" "$work/pandoc-out"

if [ ! -x "$py/pypandoc/files/pandoc" ] || ! PYTHONPATH="$py" python3 -c 'import typst' 2>/dev/null; then
  echo "installing pandoc 3.9 and typst 0.15.2 into $py ..." >&2
  python3 -m pip install --quiet --disable-pip-version-check --target "$py" \
    pypandoc-binary==1.17 typst==0.15.2 >&2
fi
pandoc="$py/pypandoc/files/pandoc"
"$pandoc" --version | head -1 | grep -q '^pandoc 3\.9' || { echo "expected pandoc 3.9" >&2; exit 1; }

cat > "$work/bin/typst" <<EOF
#!/bin/sh
# pandoc runs \`typst compile IN OUT\`; the PyPI typst package compiles with the same engine.
[ "\$1" = compile ] || { echo "only 'typst compile IN OUT' is supported" >&2; exit 2; }
PYTHONPATH="$py" exec python3 -c 'import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=["$root/fonts"])' "\$2" "\$3"
EOF
chmod +x "$work/bin/typst"

# imprint's sources as pandoc Markdown, one file per edition, in the source language.
python3 - "$root/sources" "$work/in" <<'EOF'
import pathlib, re, sys, tomllib
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
config = tomllib.loads((src / "imprint.toml").read_text())
pub = config["publication"][0]
charts = {c["id"]: c for c in tomllib.loads((src / "data/statistics.toml").read_text()).get("chart", [])}
timelines = {t["id"]: t for t in tomllib.loads((src / "data/timeline.toml").read_text()).get("timeline", [])}
sections = {}
for f in sorted((src / "content").glob("*.md")):
    front, body = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n(.*)", f.read_text(), re.S).groups()
    meta = tomllib.loads(front)
    sections.setdefault(meta["id"], {})["plain" if f.name.endswith(".plain.md") else "standard"] = (meta["title"], body)
def pick(d, key, plain):
    return d.get("plain-" + key, d[key]) if plain else d[key]
for edition in ("standard", "plain"):
    plain = edition == "plain"
    title = pub.get("plain-title", pub["title"]) if plain else pub["title"]
    parts = [f"---\ntitle: \"{title}\"\nlang: en\n---\n"]
    for sid in pub["sections"]:
        s = sections[sid]
        heading, body = s.get(edition) or s["standard"]
        def chart(m):
            c = charts[m.group(1)]
            rows = "\n".join(f"| {pick(k, 'label', plain)} | {k['percent']}% |" for k in c["category"])
            return f"**{pick(c, 'title', plain)}** ({pick(c, 'population', plain)})\n\n| | |\n|---|--:|\n{rows}\n"
        def timeline(m):
            return "\n".join(f"- **{e['year']}: {pick(e, 'title', plain)}.** {pick(e, 'text', plain)}"
                             for e in timelines[m.group(1)]["event"]) + "\n"
        body = re.sub(r"^::chart\[([^\]]+)\]\s*$", chart, body, flags=re.M)
        body = re.sub(r"^::timeline\[([^\]]+)\]\s*$", timeline, body, flags=re.M)
        parts.append(f"# {heading}\n\n{body}\n")
    (out / f"{edition}.md").write_text("\n".join(parts))
EOF

# The eight pandoc commands, one per line.
jobs="$work/pandoc-jobs.txt"
: > "$jobs"
for ed in standard plain; do
  in="$work/in/$ed.md"; o="$work/pandoc-out/about-$ed"
  common="-f markdown -V mainfont=\"Noto Sans\""
  echo "$pandoc $in $common -o $o.epub" >> "$jobs"
  echo "$pandoc $in $common --standalone -o $o.html" >> "$jobs"
  echo "$pandoc $in $common --pdf-engine=typst -o $o.pdf" >> "$jobs"
  echo "$pandoc $in $common --pdf-engine=typst -V fontsize=18pt -V linestretch=1.5 -o $o-large-print.pdf" >> "$jobs"
done

# IMPRINT=/path/to/imprint runs that binary instead of building target/release/imprint.
imprint=${IMPRINT:-}
if [ -z "$imprint" ]; then
  (cd "$root" && cargo build --release --quiet)
  imprint="$root/target/release/imprint"
fi


median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Wall time and CPU time (user + system, the children included) of a command, as "wall cpu".
timed() { /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" >/dev/null; awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time.txt"; }
run_pandoc() { PATH="$work/bin:$PATH" xargs -d '\n' -P "$(nproc)" -I{} sh -c '{}' < "$jobs"; }
run_imprint() { "$imprint" --project "$root" --quiet build --output "$work/imprint-out"; }

export -f run_pandoc run_imprint 2>/dev/null || true
export work jobs imprint root
run_pandoc; run_imprint   # warm-up: page cache, fonts
p_wall=(); p_cpu=(); i_wall=(); i_cpu=()
for _ in $(seq "$runs"); do
  read -r w c < <(timed bash -c run_pandoc); p_wall+=("$w"); p_cpu+=("$c")
  read -r w c < <(timed bash -c run_imprint); i_wall+=("$w"); i_cpu+=("$c")
done
for f in "$work"/pandoc-out/*; do [ -s "$f" ] || { echo "pandoc made an empty $f" >&2; exit 1; }; done
p=$(printf '%s\n' "${p_wall[@]}" | median); pc=$(printf '%s\n' "${p_cpu[@]}" | median)
i=$(printf '%s\n' "${i_wall[@]}" | median); ic=$(printf '%s\n' "${i_cpu[@]}" | median)
n_pandoc=$(find "$work/pandoc-out" -type f | wc -l)
n_imprint=$(find "$work/imprint-out" -type f | wc -l)
n_docs=$(find "$work/imprint-out" -mindepth 2 -maxdepth 2 -type f \( -name '*.html' -o -name '*.pdf' -o -name '*.epub' \) | wc -l)
langs=$(find "$work/imprint-out" -mindepth 1 -maxdepth 1 -type d ! -name fonts | wc -l)
peak=$( { /usr/bin/time -f '%M' "$imprint" --project "$root" --quiet build --output "$work/imprint-out"; } 2>&1 | tail -1)

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $runs timed runs each after a warm-up, medians"
echo "pandoc $("$pandoc" --version | head -1 | cut -d' ' -f2) (Typst 0.15.2 engine), 1 language, $n_pandoc artifacts: wall $p s, CPU $pc s  (wall of each run: ${p_wall[*]})"
echo "imprint build, $langs languages, $n_docs artifacts ($n_imprint files with the web fonts and images): wall $i s, CPU $ic s  (wall of each run: ${i_wall[*]}); peak memory $((peak / 1024)) MiB"
echo "ratio imprint / pandoc: wall $(echo "scale=2; $i / $p" | bc | sed 's/^\./0./'), CPU $(echo "scale=2; $ic / $pc" | bc | sed 's/^\./0./')"
