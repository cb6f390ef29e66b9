#!/usr/bin/env python3
"""Deterministic ~1 M surface-form gazetteer for the scaling figures of issue #6.

    bench/make-gazetteer-1m.py OUT.tsv [--forms 1000000] [--shared ../shared]

Writes the TSV format of ../shared/bench/gazetteer-100k.parole.tsv
(`id<TAB>type<TAB>name<TAB>alias|alias`, a `#` header line) with about
--forms surface forms (names + aliases). The same inputs give the same bytes.

What goes in, in this order (real names first, then synthetic people to reach
the count):

* GeoNames cities >= 15k inhabitants (bench/raw/geonames-cities15000.zip): the
  name, the ASCII name and every Latin-script alternate name (no cap, unlike the
  100k list), plus the French names of shared/data/cities/cities_fr.tsv.
* Prolex French toponyms (bench/raw/prolex-*.dic, UTF-16 DELA): proper nouns,
  inhabitants (+Hum) left out.
* Pantheon famous people (bench/raw/pantheon-1.0.tsv) with the surname alias.
* shared/data: countries (every French and English form), international
  organisations (names and acronyms in fr/en/de/es), news agencies and their
  variants, French deputies and senators, heads of state and government, and
  Dicollecte proper nouns.
* Synthetic people: a first name (INSEE file, then the multilingual lists) and
  a surname (from every person source above), paired by a fixed arithmetic
  walk; each has the alias « P. Nom ». They rarely occur in text: they measure
  build time, memory and the cost of a large automaton, not tagging quality.

Licences (see the SOURCES.md files): GeoNames CC BY 4.0, Prolex LGPLLR,
Pantheon CC BY-SA (unverified), mledoze ODbL, SupraVerden CC BY-SA 4.0,
impresso MIT, INSEE / AN / Sénat Licence Ouverte, Dicollecte MPL-2.0, CIA
Factbook public domain. The output mixes them: it is a benchmark input, built in
a temporary or build directory and never committed.
"""
import argparse
import csv
import io
import os
import sys
import zipfile

csv.field_size_limit(1 << 24)


def latin(s):
    """Latin script only: the French text never has the others."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00 or c in "’‘" for c in s)


def clean(s):
    s = " ".join(s.split())
    return s if len(s) >= 3 and latin(s) else ""


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


class Out:
    def __init__(self):
        self.rows = []
        self.forms = 0

    def add(self, ident, typ, names):
        seen = set()
        kept = []
        for n in names:
            n = clean(n)
            if n and n.lower() not in seen:
                seen.add(n.lower())
                kept.append(n.replace("|", " ").replace("\t", " "))
        if kept:
            self.rows.append((ident, typ, kept[0], kept[1:]))
            self.forms += len(kept)


def geonames(raw, shared, out):
    french = {}
    for row in read_tsv(os.path.join(shared, "data/cities/cities_fr.tsv")):
        if row["name_fr"]:
            french[row["geonameid"]] = row["name_fr"]
    with zipfile.ZipFile(os.path.join(raw, "geonames-cities15000.zip")) as z:
        text = z.read("cities15000.txt").decode("utf-8")
    for line in text.splitlines():
        f = line.split("\t")
        alternates = [a for a in f[3].split(",") if not (a.isupper() and len(a) <= 4)]
        out.add("gn:" + f[0], "LOC", [f[1], french.get(f[0], ""), f[2]] + alternates)


def prolex(raw, out):
    for name in ("prolex-PaysCapitales.dic", "prolex-Toponymes.dic"):
        with open(os.path.join(raw, name), "rb") as f:
            text = f.read().decode("utf-16")
        for k, line in enumerate(text.splitlines()):
            if "+PR" not in line or "+Hum" in line or "," not in line:
                continue
            form = line.split(",", 1)[0].replace("\\", "")
            out.add("prolex:%s:%d" % (name[7:10].lower(), k), "LOC", [form])


def pantheon(raw, out, surnames):
    for row in read_tsv(os.path.join(raw, "pantheon-1.0.tsv")):
        name = row["Name"]
        last = name.split()[-1] if name.split() else ""
        aliases = [last] if len(last) >= 4 and last[0].isupper() else []
        if aliases:
            surnames.append(last)
        out.add("pantheon:" + row["en_curid"], "PERSON", [name] + aliases)


def shared_data(shared, out, surnames):
    d = os.path.join(shared, "data")
    for row in read_tsv(os.path.join(d, "countries/countries_fr.tsv")):
        names = [row[k] for k in ("name_fr", "name_fr_official", "name_fr_cldr", "name_fr_geonames", "name_en",
                                  "name_en_official")]
        names += [a for a in row["alt_spellings"].split("|") if len(a) > 3]
        out.add("country:" + row["iso2"], "LOC", names)
    for row in read_tsv(os.path.join(d, "organisations/international_orgs_supraverden.tsv")):
        names = [row[k] for k in ("name_fr", "name_en", "abbrev_fr", "abbrev_en", "name_de", "name_es")]
        names += row["name_other_en"].split("|") + row["abbrev_other_en"].split("|")
        out.add("sprvd:" + row["sprvd_id"], "ORG", names)
    for row in read_tsv(os.path.join(d, "organisations/news_agencies_impresso.tsv")):
        out.add("agency:" + row["tag"], "ORG", [row["full_name"], row["tag"]] + row["variants"].split(","))
    for row in read_tsv(os.path.join(d, "people/fr_deputes_an_17e.tsv")):
        surnames.append(row["nom"])
        out.add("an:" + row["id"], "PERSON", [row["prenom"] + " " + row["nom"], row["nom"]])
    for row in read_tsv(os.path.join(d, "people/fr_senateurs_2021.tsv")):
        surnames.append(row["nom"])
        out.add("senat:" + row["matricule"], "PERSON", [row["prenom"] + " " + row["nom"]])
    for row in read_tsv(os.path.join(d, "people/world_leaders_factbook.tsv")):
        for k in ("chief_of_state_name", "head_of_government_name"):
            if row[k]:
                words = [w if not w.isupper() else w.capitalize() for w in row[k].split()]
                out.add("factbook:%s:%s" % (row["fips"], k[:4]), "PERSON", [" ".join(words)])
    for k, row in enumerate(read_tsv(os.path.join(d, "lexicon/dicollecte_proper_nouns.tsv"))):
        if "patr" in row["pos"]:
            surnames.append(row["word"])
        if "npr" in row["pos"] or "patr" in row["pos"]:
            out.add("dicollecte:%d" % k, "PERSON" if "patr" in row["pos"] else "LOC", [row["word"]])


def first_names(shared):
    d = os.path.join(shared, "data/firstnames")
    names = [row["given_name"] for row in read_tsv(os.path.join(d, "fr_given_names_insee_1900_2018.tsv"))]
    names += [row["given_name"].title() for row in read_tsv(os.path.join(d, "given_names_gender_multilang.tsv"))]
    seen = set()
    return [n for n in names if clean(n) and " " not in n and not (n.lower() in seen or seen.add(n.lower()))]


def synthetic_people(out, first, surnames, target):
    last = sorted({s for s in surnames if clean(s) and len(s) >= 3})
    seen = set()
    i = 0
    # Walk the first x last grid with steps coprime to nothing in particular:
    # deterministic, spread over both lists, and no pair repeats (seen).
    while out.forms < target and i < 50 * target:
        f = first[(i * 7919) % len(first)]
        s = last[(i * 104729 + i // len(first)) % len(last)]
        i += 1
        full = f + " " + s
        if full.lower() in seen:
            continue
        seen.add(full.lower())
        out.add("synth:%d" % i, "PERSON", [full, f[0] + ". " + s])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--forms", type=int, default=1_000_000)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    args = ap.parse_args()
    raw = os.path.join(args.shared, "bench", "raw")
    out = Out()
    surnames = []
    geonames(raw, args.shared, out)
    prolex(raw, out)
    pantheon(raw, out, surnames)
    shared_data(args.shared, out, surnames)
    real = out.forms
    synthetic_people(out, first_names(args.shared), surnames, args.forms)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# id\ttype\tname\taliases (| separated)\n")
        for ident, typ, name, aliases in out.rows:
            f.write("%s\t%s\t%s\t%s\n" % (ident, typ, name, "|".join(aliases)))
    print("make-gazetteer-1m: %d entities, %d surface forms (%d from real names, %d synthetic) -> %s"
          % (len(out.rows), out.forms, real, out.forms - real, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
