#!/usr/bin/env python3
"""Helpers for writing and checking parole gold annotations (NAME.gold.json).

    goldtool.py locate TEXT.txt "string"     every byte offset of "string", with context
    goldtool.py check  NAME.gold.json ...    validate gold files against their texts
    goldtool.py stats  DIR                   counts over a corpus folder

Offsets are half-open byte offsets into the UTF-8 text file. The schema and
the annotation rules are in ../README.md. This tool never annotates anything:
it only finds strings and checks what a human wrote.
"""
import json
import pathlib
import sys

KINDS = {"direct", "partial"}
NON_QUOTE_WHY = {"title", "name", "term", "scare", "slogan", "other"}
ENTITY_TYPES = {"PERSON", "ORG", "LOC"}
MENTION_KINDS = {"name"}


def fold(form):
    """Case and apostrophe variants of one alias count as the same form."""
    return form.replace("\u2019", "'").casefold()


def load_text(gold_path):
    text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    return text_path, text_path.read_bytes()


def context(data, start, end, width=40):
    left = data[max(0, start - width):start].decode("utf-8", "replace")
    mid = data[start:end].decode("utf-8", "replace")
    right = data[end:end + width].decode("utf-8", "replace")
    return f"{left}[{mid}]{right}".replace("\n", "⏎")


def cmd_locate(text_file, needle):
    data = pathlib.Path(text_file).read_bytes()
    target = needle.encode("utf-8")
    pos = data.find(target)
    found = 0
    while pos != -1:
        print(f"{pos}\t{pos + len(target)}\t{context(data, pos, pos + len(target))}")
        found += 1
        pos = data.find(target, pos + 1)
    if not found:
        print(f"not found: {needle!r}", file=sys.stderr)
        return 1
    return 0


class Checker:
    def __init__(self, gold_path):
        self.path = gold_path
        self.errors = []

    def error(self, where, message):
        self.errors.append(f"{self.path}: {where}: {message}")

    def span(self, where, item, data):
        start, end, text = item.get("start"), item.get("end"), item.get("text")
        if not isinstance(start, int) or not isinstance(end, int) or not isinstance(text, str):
            self.error(where, "needs integer start/end and string text")
            return False
        if not 0 <= start <= end <= len(data):
            self.error(where, f"span {start}-{end} outside the text ({len(data)} bytes)")
            return False
        actual = data[start:end].decode("utf-8", "replace")
        if actual != text:
            self.error(where, f"text {text!r} != bytes {start}-{end} {actual!r}")
            return False
        if text != text.strip():
            self.error(where, f"text {text!r} has outer spaces")
        return True

    def run(self):
        try:
            gold = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.error("file", f"unreadable JSON: {exc}")
            return self.errors
        text_path, data = load_text(self.path)
        if gold.get("text") != text_path.name:
            self.error("text", f"must name the text file {text_path.name!r}")
        entity_ids = self.check_entities(gold.get("entities", []), data)
        self.check_quotes(gold.get("quotes", []), data, entity_ids)
        for i, nq in enumerate(gold.get("non_quotes", [])):
            where = f"non_quotes[{i}]"
            self.span(where, nq, data)
            if nq.get("why") not in NON_QUOTE_WHY:
                self.error(where, f"why must be one of {sorted(NON_QUOTE_WHY)}")
        return self.errors

    def check_entities(self, entities, data):
        ids = set()
        spans = []
        for i, ent in enumerate(entities):
            where = f"entities[{i}]"
            if not ent.get("id") or ent["id"] in ids:
                self.error(where, "missing or duplicate id")
            ids.add(ent.get("id"))
            if not ent.get("name"):
                self.error(where, "missing name")
            if ent.get("type") not in ENTITY_TYPES:
                self.error(where, f"type must be one of {sorted(ENTITY_TYPES)}")
            if ent.get("gender") not in (None, "m", "f"):
                self.error(where, "gender must be m, f or absent")
            forms = {fold(f) for f in [ent.get("name", "")] + list(ent.get("aliases", []))}
            for j, men in enumerate(ent.get("mentions", [])):
                mwhere = f"{where}.mentions[{j}]"
                if self.span(mwhere, men, data):
                    spans.append((men["start"], men["end"], mwhere))
                    if fold(men["text"]) not in forms:
                        self.error(mwhere, f"{men['text']!r} is neither the name nor an alias")
        spans.sort()
        for (s1, e1, w1), (s2, e2, w2) in zip(spans, spans[1:]):
            if s2 < e1:
                self.error(w2, f"overlaps {w1}")
        return ids

    def check_quotes(self, quotes, data, entity_ids):
        for i, quote in enumerate(quotes):
            where = f"quotes[{i}]"
            self.span(where, quote, data)
            if quote.get("kind") not in KINDS:
                self.error(where, f"kind must be one of {sorted(KINDS)}")
            speaker = quote.get("speaker")
            if speaker is not None and not isinstance(speaker, str):
                self.error(where, "speaker must be a string or null")
            if not isinstance(quote.get("speaker_aliases", []), list):
                self.error(where, "speaker_aliases must be a list")
            entity = quote.get("speaker_entity")
            if entity is not None and entity not in entity_ids:
                self.error(where, f"speaker_entity {entity!r} is not an entity id")
            parent = quote.get("parent")
            if parent is not None:
                if not isinstance(parent, int) or not 0 <= parent < len(quotes) or parent == i:
                    self.error(where, "parent must be the index of another quote")
                else:
                    outer = quotes[parent]
                    if not outer.get("start", 0) <= quote.get("start", -1) <= quote.get("end", -1) <= outer.get("end", 0):
                        self.error(where, "a nested quote must lie inside its parent")


def cmd_check(paths):
    failures = 0
    for name in paths:
        errors = Checker(pathlib.Path(name)).run()
        for err in errors:
            print(err)
        failures += len(errors)
    print(f"checked {len(paths)} file(s): {failures} problem(s)")
    return 1 if failures else 0


def cmd_stats(folder):
    quotes = entities = mentions = files = 0
    for gold_path in sorted(pathlib.Path(folder).rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        files += 1
        quotes += len(gold.get("quotes", []))
        entities += len(gold.get("entities", []))
        mentions += sum(len(e.get("mentions", [])) for e in gold.get("entities", []))
    print(f"{files} gold files, {quotes} quotes, {entities} entities, {mentions} name mentions")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "locate":
        return cmd_locate(argv[2], argv[3] if len(argv) > 3 else "")
    if len(argv) >= 3 and argv[1] == "check":
        return cmd_check(argv[2:])
    if len(argv) == 3 and argv[1] == "stats":
        return cmd_stats(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
