#!/usr/bin/env python3
"""Builds data/quotes/cues.tsv, the speech-cue lexicon of the quotes stage.

Input: the speech-verb list of the SFU Gender Gap Tracker (MIT licence), one
word form per line, e.g. ../shared/data/quotes/ggt_quote_verb_list.txt.
Every listed form is classified by the rules below; forms that are rarely
speech cues in news are dropped, and speech verbs missing from the list are
added. Deterministic: the same input gives the same output.

Usage: scripts/make_quote_cues.py GGT_LIST > data/quotes/cues.tsv

Output: one cue per line, "form<TAB>flags", flags a subset of
  z  may introduce an indirect content clause without "that" (said the gunman was...)
  t  may introduce an indirect content clause with "that"
  d  may attribute an adjacent direct quote ("...," she said / he shouted: "...")
  n  the form is also a common noun ("reports", "claims"); accepted as a cue
     only where the context rules out the noun reading
"""
import sys

# Lemmas whose forms take a content clause without "that".
ZERO_THAT = {"say", "tell", "add", "claim", "insist", "argue", "warn", "explain", "assert",
             "write", "tweet", "reckon", "suggest", "concede", "admit", "stress",
             "allege", "contend", "maintain", "testify"}
# Lemmas that only attribute direct quotes (never a content clause).
DIRECT_ONLY = {"continue", "shout", "scream", "yell", "cry", "exclaim", "quip", "chant",
               "whisper", "joke", "muse", "retort", "interject", "snap", "laugh", "sigh",
               "ask", "comment", "rave", "preach", "declaim",
               # Speech acts that attribute scare quotes ("called the report "misleading"").
               "call", "describe", "dub", "brand", "label", "term"}
# Lemmas dropped from the source list: in news these are rarely speech cues.
DROP = {"present", "release", "find", "persist", "ensure", "convince", "demonstrate",
        "illustrate", "think", "point", "highlight", "accept", "acclaim",
        "criticize", "dispute", "disclaim", "decry", "denounce", "notify", "inform",
        "advise", "assure", "reassure", "remind", "mention", "clarify", "indicate",
        "reconfirm", "restate", "reassert", "retell", "conclude", "proclaim"}
# Forms that are common nouns as well.
NOUNY = {"claims", "reports", "comments", "notes", "states", "tweets", "estimates",
         "replies", "cries", "warnings", "chants", "jokes", "laughs", "sighs", "snaps",
         "writing", "report", "comment", "note", "tweet", "claim", "estimate", "reply",
         "cry", "shout", "shouts", "joke", "chant", "whisper", "whispers", "state",
         "testimony", "statement", "retort", "retorts", "laugh", "sigh", "snap",
         "pledge", "pledges", "vow", "vows", "promise", "promises", "boast", "boasts",
         "threat", "charge", "charges", "ask", "asks", "muse", "muses", "counter", "counters",
         "caution", "cautions", "hint", "hints", "remark", "remarks", "complaint",
         "complaints", "calls", "brands", "labels", "terms", "describes"}
# Speech verbs missing from the source list: lemma -> forms.
EXTRA = {
    "shout": "shout shouts shouted shouting", "scream": "scream screams screamed screaming",
    "yell": "yell yells yelled yelling", "cry": "cry cries cried crying",
    "ask": "ask asks asked asking", "urge": "urge urges urged urging",
    "quip": "quip quips quipped quipping", "chant": "chant chants chanted chanting",
    "whisper": "whisper whispers whispered whispering", "recall": "recall recalls recalled recalling",
    "stress": "stress stresses stressed stressing", "emphasise": "emphasise emphasises emphasised emphasising",
    "emphasize": "emphasize emphasizes emphasized emphasizing", "concede": "concede concedes conceded conceding",
    "deny": "deny denies denied denying", "promise": "promise promises promised promising",
    "vow": "vow vows vowed vowing", "recount": "recount recounts recounted recounting",
    "boast": "boast boasts boasted boasting", "complain": "complain complains complained complaining",
    "joke": "joke jokes joked joking", "muse": "muse muses mused musing",
    "retort": "retort retorts retorted retorting", "interject": "interject interjects interjected interjecting",
    "observe": "observe observes observed observing", "remark": "remark remarks remarked remarking",
    "counter": "counter counters countered countering", "caution": "caution cautions cautioned cautioning",
    "threaten": "threaten threatens threatened threatening", "pledge": "pledge pledges pledged pledging",
    "allege": "allege alleges alleged alleging", "contend": "contend contends contended contending",
    "maintain": "maintain maintains maintained maintaining", "hint": "hint hints hinted hinting",
    "snap": "snapped", "laugh": "laughed", "sigh": "sighed", "believe": "believes believed",
    "speculate": "speculate speculates speculated speculating",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "call": "called calls calling", "dub": "dubbed dubs dubbing", "brand": "branded brands branding",
    "label": "labelled labeled labels labelling labeling", "term": "termed terms",
    "admit": "admit admits admitted admitting",
}
IRREGULAR = {"said": "say", "says": "say", "saying": "say", "say": "say", "told": "tell",
             "tell": "tell", "tells": "tell", "telling": "tell", "wrote": "write", "write": "write",
             "writes": "write", "writing": "write", "retold": "retell", "thought": "think",
             "finding": "find", "finds": "find", "replied": "reply", "replies": "reply",
             "reply": "reply", "replying": "reply", "testified": "testify", "testifies": "testify",
             "testify": "testify", "testifying": "testify", "notified": "notify", "notifies": "notify",
             "notify": "notify", "notifying": "notify", "clarified": "clarify", "clarifies": "clarify",
             "clarify": "clarify", "clarifying": "clarify", "decried": "decry", "decries": "decry",
             "decry": "decry", "decrying": "decry", "estimated": "estimate", "estimates": "estimate"}


def lemma_of(form, lemmas):
    if form in IRREGULAR:
        return IRREGULAR[form]
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if form.endswith(suffix):
            base = form[: len(form) - len(suffix)] + repl
            if base in lemmas:
                return base
            if len(base) > 2 and base[-1] == base[-2] and base[:-1] in lemmas:  # admitted
                return base[:-1]
    return form


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_quote_cues.py GGT_LIST")
    with open(sys.argv[1], encoding="utf-8") as f:
        forms = [w.strip().lower() for w in f if w.strip() and not w.startswith("#")]
    # Lemmas: the bare forms present in the list plus our extras.
    lemmas = set(forms) | set(EXTRA) | ZERO_THAT | DIRECT_ONLY
    entries = {}
    for form in forms:
        entries[form] = lemma_of(form, lemmas)
    for lem, fs in EXTRA.items():
        for form in fs.split():
            entries.setdefault(form, lem)
    print("# Speech cues of the quotes stage: form<TAB>flags (see scripts/make_quote_cues.py).")
    print("# Generated from the SFU Gender Gap Tracker speech-verb list (MIT) plus additions.")
    for form in sorted(entries):
        lem = entries[form]
        if lem in DROP:
            continue
        flags = "d"
        if lem in ZERO_THAT:
            flags += "zt"
        elif lem not in DIRECT_ONLY:
            flags += "t"
        if form in NOUNY:
            flags += "n"
        print(f"{form}\t{flags}")


if __name__ == "__main__":
    main()
