#!/usr/bin/env python3
"""Writes tokenized unlabelled news text (one paragraph a line) for learning
word clusters: BBC articles, Reuters-21578 bodies and the words (only) of the
CoNLL-2003 training file. Usage: news_corpus.py SHARED_DATA_DIR > corpus.txt"""
import glob
import html
import os
import re
import sys

TOKEN = re.compile(r"""(?x)
    https?://\S+ | [\w.+-]+@[\w-]+\.[\w.]+      # urls, e-mail
  | (?:[A-Za-z]\.){2,}                          # U.S. abbreviations
  | \d+(?:[.,:/-]\d+)*                          # numbers 1,000.5 1996-08-22
  | n't | 's | 're | 've | 'll | 'd | 'm          # clitics (after split below)
  | \w+(?:[-']\w+)*                             # words with inner hyphens
  | \.\.\. | -- | [^\w\s]                       # punctuation
""")


def tokenize(text):
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u201c\u201d]|''|``", ' " ', text)
    text = re.sub(r"(\w)(n't)\b", r"\1 \2", text)
    text = re.sub(r"(\w)('s|'re|'ve|'ll|'d|'m)\b", r"\1 \2", text)
    return TOKEN.findall(text)


def emit(par):
    toks = tokenize(par)
    if len(toks) >= 3:
        sys.stdout.write(" ".join(toks) + "\n")


def main():
    root = sys.argv[1]
    for path in sorted(glob.glob(os.path.join(root, "news/bbc/*/*.txt"))):
        with open(path, encoding="latin-1") as f:
            for par in f.read().split("\n"):
                if par.strip():
                    emit(par)
    for path in sorted(glob.glob(os.path.join(root, "news/reuters21578/*.sgm"))):
        with open(path, encoding="latin-1") as f:
            data = f.read()
        for m in re.finditer(r"<TITLE>(.*?)</TITLE>|<BODY>(.*?)</BODY>", data, re.S):
            if m.group(1):
                emit(html.unescape(m.group(1)))
                continue
            body = html.unescape(m.group(2)).replace("\x03", "")
            for par in re.split(r"\n\s{3,}|\n\s*\n", body):
                emit(" ".join(par.split()))
    sent = []
    with open(os.path.join(root, "conll2003/train.txt"), encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols:
                if sent:
                    sys.stdout.write(" ".join(sent) + "\n")
                sent = []
            elif cols[0] != "-DOCSTART-":
                sent.append(cols[0])
    if sent:
        sys.stdout.write(" ".join(sent) + "\n")


if __name__ == "__main__":
    main()
