#!/usr/bin/env python3
"""Scores the main event's date and place against hand-annotated Reuters-21578 stories.

Usage: bench/main_event_eval.py [--tidings BIN] [--details] [--heldout]

The gold file bench/data/main_event_reuters.tsv (written for tidings, see its header) names
38 stories of Reuters-21578 (../shared/data/news/reuters21578) with the date and place of the
event their headline and lead report. The stories were chosen without looking at tidings'
output: every story under 2,500 characters with at least three conflict or crime words
(troops, killed, attack, police, ...), taking every third of the 151 found. Each story is
converted with scripts/reuters_to_jsonl.py (wire date as the document date, dateline kept in
the text) and run through `tidings extract`; a story counts as right on date when
main_event.date is one of the accepted values, and right on place when main_event.location
lies in an accepted country and, where the gold names places, is one of them. Stories without
a main event count as wrong on both. Prints one line per story with --details, then the totals.
--heldout scores bench/data/main_event_reuters_heldout.tsv instead: 33 further stories annotated
before tidings was run on them and not used to develop the rules (see its header).
Skips (exit 0, saying so) when the shared data is not there.
"""
import argparse, json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
sys.path.insert(0, os.path.join(root, "scripts"))
import reuters_to_jsonl  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tidings", default=os.path.join(root, "build", "tidings"))
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--heldout", action="store_true")
    a = ap.parse_args()
    corpus = os.path.join(a.shared, "data", "news", "reuters21578")
    if not os.path.isdir(corpus):
        print(f"skipped: {corpus} not found (the Reuters-21578 stories are not part of the repository)")
        return 0
    gold = {}
    gold_file = "main_event_reuters_heldout.tsv" if a.heldout else "main_event_reuters.tsv"
    for line in open(os.path.join(here, "data", gold_file), encoding="utf-8"):
        if line.startswith("#") or line.startswith("id\t") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if f[1] == "-":
            continue
        gold[f[0]] = (set(f[1].split("|")), set(f[2].split("|")),
                      {n.lower() for n in f[3].split("|") if n}, f[4])
    stories = []
    for name in sorted(os.listdir(corpus)):
        if name.endswith(".sgm"):
            stories += [s for s in reuters_to_jsonl.stories(os.path.join(corpus, name)) if s["id"] in gold]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as tmp:
        for s in stories:
            tmp.write(json.dumps(s, ensure_ascii=False) + "\n")
    out = subprocess.run([a.tidings, "extract", "--no-text", "--no-progress", tmp.name],
                         capture_output=True, text=True)
    os.unlink(tmp.name)
    if out.returncode not in (0, 1):
        sys.stderr.write(out.stderr)
        return 1
    got = {}
    for line in out.stdout.splitlines():
        d = json.loads(line)
        got[d["id"]] = d.get("main_event")
    date_ok = place_ok = 0
    for sid, (dates, countries, names, note) in gold.items():
        m = got.get(sid) or {}
        loc = m.get("location") or {}
        dk = m.get("date") in dates or (m.get("date") or "")[:10] in dates
        pk = loc.get("country") in countries and (not names or (loc.get("name") or "").lower() in names)
        date_ok += dk
        place_ok += pk
        if a.details:
            print(f"{sid}\tdate {'OK ' if dk else 'BAD'} {m.get('date')}\tplace {'OK ' if pk else 'BAD'} "
                  f"{loc.get('name')}/{loc.get('country')}\tgold {'|'.join(sorted(dates))} "
                  f"{'|'.join(sorted(names)) or '*'}/{'|'.join(sorted(countries))}\t{note}")
    n = len(gold)
    missing = n - len([s for s in gold if s in got])
    print(f"main event on {n} Reuters-21578 stories ({missing} not in the output): "
          f"date right {date_ok}/{n} = {date_ok / n:.3f}, place right {place_ok}/{n} = {place_ok / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
