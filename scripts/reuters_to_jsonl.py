#!/usr/bin/env python3
"""Converts Reuters-21578 SGML files to tidings JSONL: one object per story with
id ("reuters-NEWID"), date (from <DATE>, YYYY-MM-DD), title and text (title,
blank line, dateline and body as printed on the wire)."""
import html, json, re, sys

MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}

def stories(path):
    raw = open(path, encoding="latin-1").read()
    for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', raw, re.S):
        newid, s = m.group(1), m.group(2)
        d = re.search(r"<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})", s)
        title = re.search(r"<TITLE>(.*?)</TITLE>", s, re.S)
        dateline = re.search(r"<DATELINE>(.*?)</DATELINE>", s, re.S)
        body = re.search(r"<BODY>(.*?)</BODY>", s, re.S)
        if not (d and title and body):
            continue
        clean = lambda t: html.unescape(re.sub(r"&#\d+;", "", t)).strip()
        text = clean(title.group(1)) + "\n\n" + (clean(dateline.group(1)) + " " if dateline else "") + \
            re.sub(r"\s*\bREUTER\s*$", "", clean(body.group(1)), flags=re.I)
        yield {"id": "reuters-" + newid,
               "date": "%s-%02d-%02d" % (d.group(3), MONTHS[d.group(2)], int(d.group(1))),
               "title": clean(title.group(1)), "text": text}

if __name__ == "__main__":
    for p in sys.argv[1:]:
        for st in stories(p):
            print(json.dumps(st, ensure_ascii=False))
