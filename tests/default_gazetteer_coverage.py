#!/usr/bin/env python3
"""Issue #6: the default gazetteer alone tags every country, capital, major
organisation and agency of the annotated corpus.

    default_gazetteer_coverage.py PAROLE CORPUS_DIR [--data DIR] [--verbose]

PAROLE is the CLI; CORPUS_DIR is test-corpus/ (every X.txt with its
X.gold.json below it); DIR is the shared open-data folder (default:
../shared/data beside the repository). Exit 0 when nothing is missed, 1 on a
miss, 77 (CTest: skipped) when the data folder is absent.

Which gold entities are checked is decided from the raw open data in DIR, never
from the corpus nor from the gazetteer under test. Names are compared after
case folding, accent stripping, ’ -> ' and hyphens/spaces folded to one space.
A gold entity is in scope when its `name` or the text of one of its mentions is
one of these forms:

  country   (gold type LOC) a name of an ISO 3166-1 country or territory in
            countries/countries_fr.tsv: French common, official, CLDR and
            GeoNames names, English common and official names, and the Latin
            script `alt_spellings` of four letters or more; or a country name
            of cities/geonames_fr_admin1.tsv.
  capital   (gold type LOC) the capital of such a country (countries_fr.tsv
            `capital_fr`, `capital_geonames_name`, `capital_en`), or a GeoNames
            national capital (`PPLC`) of cities/cities_fr.tsv (`name`, `name_fr`).
  major organisation
            (gold type ORG) an international organisation of SupraVerden,
            organisations/international_orgs_supraverden.tsv (intergovernmental
            organisations, their organs and agencies: UN system, EU
            institutions, development banks, regional organisations...): its
            `key`, English and French names and acronyms and English variants,
            plus the French acronym made of the initials of the content words
            of its French name (« Organisation du traité de l'Atlantique nord »
            -> OTAN), since the list leaves most French acronyms empty, and
            the French name without « des Nations unies » when an English name
            of the row has no « United Nations » (« Conseil des droits de
            l'Homme »: « Human Rights Council »).
  agency    (gold type ORG) a news agency of
            organisations/news_agencies_impresso.tsv: its tag (and the parts of
            a tag such as ATS-SDA), full name and spelling variants.

Every mention of an entity in scope must then be tagged by `parole extract`
with the default gazetteer only (no -g): an entity mention with the same byte
offsets and the same type (LOC for LOC, ORG for ORG). The one exception is a
mention misspelt in the text (« Ougadougou »): a mention of five characters or
more whose text is no form of the data but one edit away from the entity's name
or from the form that put it in scope is reported as a note, not as a miss
(matching is exact by design). A run that finds no entity in scope fails too.
"""
import argparse
import csv
import json
import pathlib
import re
import subprocess
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SKIP = 77

# Words left out of a French acronym: articles, prepositions, conjunctions.
ACRONYM_STOP = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "a", "au", "aux", "sur",
                "dans", "par", "contre"}

COMPATIBLE = {"LOC": {"LOC"}, "ORG": {"ORG"}}

# « Conseil des droits de l'Homme des Nations unies », known as « Conseil des droits
# de l'Homme » when the source gives an English name without « United Nations ».
UN_SUFFIX = re.compile(r"\s+des Nations [Uu]nies$")
UN_WORDS = re.compile(r"\b(United Nations|UN)\b")


def norm(text):
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    text = re.sub(r"[\s\u00a0\u202f\-‐‑–]+", " ", text)
    return text.strip()


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def split(cell):
    return [c for c in (cell or "").split("|") if c.strip()]


def is_latin(text):
    return all(ord(c) < 0x250 or c in "’‘" for c in text)


def french_acronym(name):
    """« Organisation du traité de l'Atlantique nord » -> « OTAN »."""
    words = [w for w in re.split(r"[\s'’\-]+", name) if w]
    letters = [w[0] for w in words if norm(w) not in ACRONYM_STOP and w[0].isalpha()]
    return "".join(letters).upper() if len(letters) >= 2 else ""


def load_classes(data):
    """{class: {normalised form: source description}}, and the set of all forms."""
    classes = {"country": {}, "capital": {}, "major organisation": {}, "agency": {}}

    def add(cls, form, why):
        key = norm(form)
        if key:
            classes[cls].setdefault(key, why)

    for r in read_tsv(data / "countries" / "countries_fr.tsv"):
        why = f"countries_fr.tsv {r['iso2']}"
        for col in ("name_fr", "name_fr_official", "name_fr_cldr", "name_fr_geonames", "name_en", "name_en_official"):
            add("country", r[col], why)
        for alt in split(r["alt_spellings"]):
            if len(alt) >= 4 and is_latin(alt):
                add("country", alt, why)
        for col in ("capital_fr", "capital_geonames_name"):
            add("capital", r[col], f"capital of {r['iso2']} (countries_fr.tsv)")
        for cap in split(r["capital_en"]):
            add("capital", cap, f"capital of {r['iso2']} (countries_fr.tsv)")
    for r in read_tsv(data / "cities" / "geonames_fr_admin1.tsv"):
        if r["level"] == "country":
            add("country", r["name_fr"], f"geonames_fr_admin1.tsv {r['code']}")
    for r in read_tsv(data / "cities" / "cities_fr.tsv"):
        if r["feature_code"] == "PPLC":
            for col in ("name", "name_fr"):
                add("capital", r[col], f"PPLC {r['geonameid']} (cities_fr.tsv)")
    for r in read_tsv(data / "organisations" / "international_orgs_supraverden.tsv"):
        why = f"SupraVerden {r['sprvd_id']} {r['key']}"
        for col in ("key", "name_en", "name_fr", "abbrev_en", "abbrev_fr"):
            add("major organisation", r[col], why)
        for col in ("name_other_en", "abbrev_other_en"):
            for form in split(r[col]):
                add("major organisation", form, why)
        if r["name_fr"]:
            add("major organisation", french_acronym(r["name_fr"]), why + " (French initials)")
            english = [r["name_en"]] + split(r["name_other_en"])
            if UN_SUFFIX.search(r["name_fr"]) and any(not UN_WORDS.search(e) for e in english):
                add("major organisation", UN_SUFFIX.sub("", r["name_fr"]), why + " (short name)")
    for r in read_tsv(data / "organisations" / "news_agencies_impresso.tsv"):
        why = f"impresso agency {r['tag']}"
        forms = [r["tag"], r["full_name"]] + r["tag"].split("-") + re.split(r",\s*", r["variants"] or "")
        for form in forms:
            add("agency", form, why)
    return classes


CLASS_TYPE = {"country": "LOC", "capital": "LOC", "major organisation": "ORG", "agency": "ORG"}


def edit_distance_at_most_one(a, b):
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def in_scope(entity, classes):
    """[(class, form, why)] for a gold entity."""
    hits = []
    forms = [entity["name"]] + [m["text"] for m in entity.get("mentions", [])]
    for cls, table in classes.items():
        if CLASS_TYPE[cls] != entity["type"]:
            continue
        for form in forms:
            key = norm(form)
            if key in table:
                hits.append((cls, form, table[key]))
                break
    return hits


def run_parole(parole, texts):
    """{text path: result} from one batch run of `parole extract` (default gazetteer only)."""
    proc = subprocess.run([parole, "extract", "--no-progress", *map(str, texts)], capture_output=True)
    if proc.returncode != 0:
        sys.exit(f"default_gazetteer_coverage: parole extract exited {proc.returncode}: "
                 f"{proc.stderr.decode('utf-8', 'replace')}")
    results = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        if "error" in record:
            sys.exit(f"default_gazetteer_coverage: {record['file']}: {record['error']}")
        results[record["file"]] = record["result"]
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parole")
    parser.add_argument("corpus")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--verbose", "-v", action="store_true", help="also list every entity in scope")
    args = parser.parse_args()
    data = pathlib.Path(args.data)
    if not (data / "countries" / "countries_fr.tsv").exists():
        print(f"default_gazetteer_coverage: no open data in {data}: skipped", file=sys.stderr)
        return SKIP
    classes = load_classes(data)
    all_forms = set().union(*classes.values())

    corpus = pathlib.Path(args.corpus)
    pairs = []
    for gold_path in sorted(corpus.rglob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name[:-len(".gold.json")] + ".txt")
        pairs.append((text_path, json.loads(gold_path.read_text(encoding="utf-8"))))
    results = run_parole(args.parole, [p for p, _ in pairs])

    checked = misses = notes = 0
    per_class = {cls: 0 for cls in classes}
    for text_path, gold in pairs:
        result = results[str(text_path)]
        tagged = {}
        for entity in result["entities"]:
            for m in entity["mentions"]:
                tagged.setdefault((m["start"], m["end"]), []).append((entity["type"], entity["id"]))
        rel = text_path.relative_to(corpus)
        for entity in gold["entities"]:
            hits = in_scope(entity, classes)
            if not hits:
                continue
            cls, form, why = hits[0]
            per_class[cls] += 1
            if args.verbose:
                print(f"in scope: {rel}: {entity['name']} ({entity['type']}): {cls}, « {form} » = {why}")
            data_forms = {norm(entity["name"])} | {norm(f) for _, f, _ in hits}
            for m in entity["mentions"]:
                got = tagged.get((m["start"], m["end"]), [])
                if any(t in COMPATIBLE[entity["type"]] for t, _ in got):
                    checked += 1
                    continue
                key = norm(m["text"])
                if key not in all_forms and len(key) >= 5 and any(
                        edit_distance_at_most_one(key, f) for f in data_forms):
                    notes += 1
                    print(f"note: {rel}:{m['start']}-{m['end']}: « {m['text']} » ({entity['name']}, {cls}) "
                          f"is misspelt in the text: not required")
                    continue
                misses += 1
                other = ", ".join(f"{i} ({t})" for t, i in got) or "nothing"
                print(f"MISS: {rel}:{m['start']}-{m['end']}: « {m['text']} » ({entity['name']}, {entity['type']}, "
                      f"{cls}: « {form} » = {why}): tagged {other}")
    scope = ", ".join(f"{n} {cls}" for cls, n in per_class.items())
    print(f"default gazetteer coverage: {checked} mentions tagged, {misses} missed, {notes} misspelt "
          f"(gold entities in scope: {scope})")
    if not any(per_class.values()):
        print("default_gazetteer_coverage: no gold entity in scope: wrong corpus or data folder?")
        return 1
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
