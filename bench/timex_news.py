#!/usr/bin/env python3
"""Time expressions on present-day web news: tidings against hand annotation.

The annotations (bench/data/timex_news.tsv) are stand-off: character offsets
into the article bodies of the ScrapingHub article-extraction benchmark
(data/html/scrapinghub/ground-truth.json in the shared data directory) and into
Reuters-21578 stories (data/news/reuters21578, text as scripts/reuters_to_jsonl.py
prints it). This
script rebuilds TimeML files from the two, runs `tidings eval-time` on them and
prints its scores (TempEval-3 measures), per set:

  test  20 web articles (2014-2019), kept out of rule development (held out)
  wire  20 Reuters-21578 stories (1987 newswire, as TimeBank's), held out too
  dev   39 web articles used to find and fix errors

  python3 bench/timex_news.py                 # both sets
  python3 bench/timex_news.py --set test --errors
  python3 bench/timex_news.py --agreement     # second annotation of the test set
                                              # scored against the first

Without the shared data the script says so and exits 0 (nothing to measure).
--from-tml SET DIR converts annotated TimeML files (DOCID = article id prefix)
into records of the .tsv (how the file was made).
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TSV = os.path.join(ROOT, 'bench', 'data', 'timex_news.tsv')


def load_articles(shared, want_reuters):
    """Article texts by id: the ScrapingHub bodies (id = first 12 hex digits of
    the page hash) and, when asked, the Reuters-21578 stories as
    scripts/reuters_to_jsonl.py prints them (id = reuters-NEWID)."""
    path = os.path.join(shared, 'data', 'html', 'scrapinghub', 'ground-truth.json')
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        gt = json.load(f)
    arts = {k[:12]: v['articleBody'] for k, v in gt.items()}
    corpus = os.path.join(shared, 'data', 'news', 'reuters21578')
    if want_reuters and os.path.isdir(corpus):
        sys.path.insert(0, os.path.join(ROOT, 'scripts'))
        import reuters_to_jsonl  # noqa: E402
        for fn in sorted(os.listdir(corpus)):
            if fn.startswith('reut2-') and fn.endswith('.sgm'):
                for st in reuters_to_jsonl.stories(os.path.join(corpus, fn)):
                    arts[st['id']] = st['text']
    return arts


def sha1(text):
    return hashlib.sha1(text.encode('utf-8')).hexdigest()


def read_tsv(path=TSV):
    """-> {doc: {'set','dct','sha1','n','ann': {name: [(b, e, type, value)]}}}"""
    docs = {}
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            p = line.split('\t')
            try:
                if p[0] == 'D':
                    docs[p[2]] = {'set': p[1], 'dct': p[3], 'sha1': p[4], 'n': int(p[5]), 'ann': {}}
                elif p[0] == 'T':
                    docs[p[1]]['ann'].setdefault(p[2], []).append((int(p[3]), int(p[4]), p[5], p[6]))
                else:
                    raise ValueError('unknown record ' + p[0])
            except (IndexError, ValueError, KeyError) as e:
                sys.exit(f'{path}:{lineno}: malformed line ({e})')
    return docs


def xml_escape(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def to_tml(doc, dct, text, spans):
    out, pos = [], 0
    for k, (b, e, typ, val) in enumerate(sorted(spans)):
        out.append(xml_escape(text[pos:b]))
        out.append(f'<TIMEX3 tid="t{k + 1}" type="{typ}" value="{val}">{xml_escape(text[b:e])}</TIMEX3>')
        pos = e
    out.append(xml_escape(text[pos:]))
    return (f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{doc}</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" '
            f'value="{dct}" temporalFunction="false" functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n'
            f'<TEXT>{"".join(out)}</TEXT>\n</TimeML>\n')


def check_text(doc, meta, articles):
    text = articles.get(doc)
    if text is None:
        sys.exit(f'{TSV}: article {doc} is not in the shared ground-truth.json')
    if sha1(text) != meta['sha1'] or len(text) != meta['n']:
        sys.exit(f'{TSV}: article {doc} differs from the annotated text (checksum)')
    return text


def score(gold, sys_spans):
    """Relaxed (overlap) matching, greedy by overlap; TempEval-3 measures."""
    used = [False] * len(sys_spans)
    rel = strict = val = 0
    for b, e, _, v in gold:
        best, best_ov = -1, 0
        for k, (sb, se, _, _) in enumerate(sys_spans):
            ov = min(e, se) - max(b, sb)
            if not used[k] and ov > best_ov:
                best, best_ov = k, ov
        if best >= 0:
            used[best] = True
            rel += 1
            strict += sys_spans[best][:2] == (b, e)
            val += sys_spans[best][3] == v
    return rel, strict, val


def agreement(docs, articles, first, second):
    g = s = rel = strict = val = 0
    for doc, meta in sorted(docs.items()):
        if meta['set'] != 'test':  # the second annotation covers the test set
            continue
        check_text(doc, meta, articles)
        a, b = meta['ann'].get(first, []), meta['ann'].get(second, [])
        r, st, v = score(a, b)
        g, s, rel, strict, val = g + len(a), s + len(b), rel + r, strict + st, val + v
    p, r = rel / s if s else 0, rel / g if g else 0
    f1 = 2 * p * r / (p + r) if p + r else 0
    sp, sr = strict / s if s else 0, strict / g if g else 0
    sf1 = 2 * sp * sr / (sp + sr) if sp + sr else 0
    print(f'annotation "{second}" scored against "{first}": {g} and {s} expressions, {rel} overlapping')
    print(f'relaxed  P {p:.4f}  R {r:.4f}  F1 {f1:.4f}')
    print(f'strict   F1 {sf1:.4f}')
    print(f'value    accuracy {val / rel if rel else 0:.4f}  F1 {(val / rel if rel else 0) * f1:.4f}')


def from_tml(set_name, directory, name):
    """Prints D/T records for the annotated TimeML files of `directory`."""
    for fn in sorted(os.listdir(directory)):
        if not fn.endswith('.tml'):
            continue
        with open(os.path.join(directory, fn), encoding='utf-8') as f:
            s = f.read()
        doc = re.search(r'<DOCID>(.*?)</DOCID>', s).group(1)
        dct = re.search(r'<DCT><TIMEX3[^>]*value="([^"]*)"', s).group(1)
        body = s[s.index('<TEXT>') + 6:s.index('</TEXT>')]
        text, spans, pos, open_tag = [], [], 0, None
        unesc = lambda x: x.replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&')
        for m in re.finditer(r'<(/?)TIMEX3([^>]*)>', body):
            text.append(unesc(body[pos:m.start()]))
            pos = m.end()
            n = len(''.join(text))
            if m.group(1):
                spans.append((open_tag[0], n, open_tag[1], open_tag[2]))
            else:
                attrs = m.group(2)
                open_tag = (n, re.search(r'type="([^"]*)"', attrs).group(1),
                            re.search(r'value="([^"]*)"', attrs).group(1))
        text.append(unesc(body[pos:]))
        text = ''.join(text)
        print(f'D\t{set_name}\t{doc}\t{dct}\t{sha1(text)}\t{len(text)}')
        for b, e, t, v in spans:
            print(f'T\t{doc}\t{name}\t{b}\t{e}\t{t}\t{v}')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--shared', default=os.path.join(ROOT, '..', 'shared'), help='shared data directory')
    ap.add_argument('--tidings', default=os.path.join(ROOT, 'build', 'tidings'), help='tidings binary')
    ap.add_argument('--set', choices=['test', 'wire', 'dev', 'all'], default='all')
    ap.add_argument('--errors', action='store_true', help='print every miss, false alarm and wrong value')
    ap.add_argument('--agreement', action='store_true', help='score annotation "b" against annotation "a"')
    ap.add_argument('--from-tml', nargs=3, metavar=('SET', 'DIR', 'NAME'), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.from_tml:
        from_tml(*args.from_tml)
        return 0
    docs = read_tsv()
    sets = ['test', 'wire', 'dev'] if args.set == 'all' else [args.set]
    need_reuters = any(m['set'] in sets and d.startswith('reuters-') for d, m in docs.items())
    articles = load_articles(args.shared, need_reuters)
    if articles is None:
        print(f'timex_news: skipped: no {args.shared}/data/html/scrapinghub/ground-truth.json here')
        return 0
    if need_reuters and not os.path.isdir(os.path.join(args.shared, 'data', 'news', 'reuters21578')):
        print(f'timex_news: skipped: no {args.shared}/data/news/reuters21578 here')
        return 0
    if args.agreement:
        agreement(docs, articles, 'a', 'b')
        return 0
    if not os.access(args.tidings, os.X_OK):
        sys.exit(f'timex_news: {args.tidings}: no tidings binary (build first, or pass --tidings)')
    with tempfile.TemporaryDirectory() as tmp:
        for st in sets:
            d = os.path.join(tmp, st)
            os.makedirs(d)
            n = 0
            for doc, meta in sorted(docs.items()):
                if meta['set'] != st:
                    continue
                text = check_text(doc, meta, articles)
                with open(os.path.join(d, doc + '.tml'), 'w', encoding='utf-8') as f:
                    f.write(to_tml(doc, meta['dct'], text, meta['ann'].get('a', [])))
                n += 1
            if n == 0:
                print(f'== {st} set: no articles in {TSV} ==')
                continue
            print(f'== {st} set: {n} articles ==', flush=True)
            cmd = [args.tidings, 'eval-time'] + (['--errors'] if args.errors else []) + [d]
            r = subprocess.run(cmd)
            if r.returncode != 0:
                return r.returncode
    return 0


if __name__ == '__main__':
    sys.exit(main())
