#!/usr/bin/env python3
"""Rebuilds the embedded default gazetteer (data/gazetteer/) from the openly
licensed tables in ../shared/data (or the folder given with --data).

    scripts/build-default-gazetteer.py [--data DIR] [--out DIR]

Deterministic: the same inputs give byte-identical files. Each output keeps
the licence of its source (see data/gazetteer/SOURCES.md), which is why the
parts are separate files:

  countries.tsv      countries, official names          ODbL 1.0 (mledoze) + CC BY 4.0 (GeoNames)
  nationalities.tsv  nationality adjectives per country ODbL 1.0 (mledoze)
  cities.tsv         capitals and major cities          CC BY 4.0 (GeoNames)
  regions.tsv        states, provinces, regions         CC BY 4.0 (GeoNames)
  organisations.tsv  international organisations       CC BY-SA 4.0 (SupraVerden)
  agencies.tsv       news agencies                      MIT (impresso)
  people.jsonl       heads of state and government,     public domain (CIA Factbook),
                     French deputies and senators       Licence Ouverte (AN, Sénat)

Entries whose id (or Wikidata id) is in the hand-written curated.jsonl are
left out, so that an entity is never listed twice. The hand-written
organisation_acronyms.tsv gives the French acronyms the organisations' table
lacks (OIT, PNUD, CEDEAO).

Place names that are also French common words are left out (Hunspell French
dictionary), except state capitals and seats of regions or départements that
the Dicollecte list of proper nouns (lexicon/, only read to decide) knows as
places: « Damas », « Pékin », « Bordeaux », « Berne »; and French regions it
writes capitalised: « Corse ». Regions named like a given name (« Paul », a
region of Cape Verde) are left out.

tests/default_gazetteer_coverage.py checks that the result tags every country,
capital, international organisation and news agency of test-corpus/.
"""
import argparse
import csv
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Title words of the Factbook (English) and their French forms.
TITLES_FR = {
    "President": ("président", "présidente"),
    "Prime Minister": ("premier ministre", "première ministre"),
    "King": ("roi", None),
    "Queen": (None, "reine"),
    "Chancellor": ("chancelier", "chancelière"),
    "Emir": ("émir", None),
    "Sultan": ("sultan", None),
    "Supreme Leader": ("guide suprême", None),
    "Crown Prince": ("prince héritier", None),
    "Premier": ("premier ministre", "première ministre"),
    "Chairman": ("président", "présidente"),
    "Federal Chancellor": ("chancelier", "chancelière"),
    "Federal President": ("président", "présidente"),
    "Grand Duke": ("grand-duc", None),
    "Prince": ("prince", None),
}

# Words that show a Factbook cell names an office or a body, not a person.
LEADER_NOISE = {"President", "Presidential", "Council", "Chairperson", "Chairman", "Dr", "Acting", "Interim",
                "Transitional", "Committee", "Leadership", "Government", "vacant", "Vacant"}

# Short common-word names that would tag ordinary words as places.
MIN_CITY_NAME = 3


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def clean(text):
    return re.sub(r"\s+", " ", (text or "").strip())


def unique(forms, name):
    seen = {name.casefold()}
    out = []
    for form in forms:
        form = clean(form)
        if form and form.casefold() not in seen and "|" not in form and "\t" not in form:
            seen.add(form.casefold())
            out.append(form)
    return out


def is_latin(text):
    return all(ord(c) < 0x250 or c in "’‘" for c in text)


def write_tsv(path, rows, header):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# " + header + "\n")
        f.write("id\ttype\tname\taliases\n")
        for row in sorted(rows, key=lambda r: r[0]):
            f.write("\t".join([row[0], row[1], row[2], "|".join(row[3])]) + "\n")


def curated_keys(out):
    ids, wikidata = set(), set()
    path = out / "curated.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            ids.add(entry["id"])
            if "wikidata" in entry:
                wikidata.add(entry["wikidata"])
    return ids, wikidata


def build_countries(data, out, skip_ids):
    rows, nationalities = [], []
    for r in read_tsv(data / "countries" / "countries_fr.tsv"):
        cid = "country:" + r["iso2"].lower()
        name = clean(r["name_fr"])
        if cid in skip_ids or not name:
            continue
        forms = [r["name_fr_official"], r["name_fr_cldr"], r["name_fr_geonames"]]
        # An English name that keeps letters of the country's own spelling is the
        # name the country asks for (« Türkiye », « São Tomé and Príncipe »), and
        # French text writes it as is. Plain English names (China, Jordan, Chad)
        # show up in French news only inside English names or as given names.
        if not r["name_en"].isascii():
            forms.append(r["name_en"])
        aliases = unique(forms, name)
        rows.append((cid, "LOC", name, aliases))
        forms = [r[k] for k in ("demonym_fr_ms", "demonym_fr_fs", "demonym_fr_mp", "demonym_fr_fp")]
        if all(forms):
            nationalities.append((cid, *forms))
    write_tsv(out / "countries.tsv", rows,
              "Countries: French names. Derived from mledoze/countries (ODbL 1.0) and GeoNames (CC BY 4.0); "
              "see SOURCES.md. Generated by scripts/build-default-gazetteer.py.")
    with open(out / "nationalities.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("# Nationality adjectives (ms, fs, mp, fp) of each country. Derived from mledoze/countries "
                "(ODbL 1.0); plurals by rule. Generated by scripts/build-default-gazetteer.py.\n")
        f.write("# country\tms\tfs\tmp\tfp\n")
        for row in sorted(nationalities):
            f.write("\t".join(row) + "\n")
    return {r["iso2"]: r for r in read_tsv(data / "countries" / "countries_fr.tsv")}


def without_article(name):
    """« Le Caire » -> « Caire », as in « au Caire », « du Havre »."""
    for article in ("Le ", "La ", "Les "):
        if name.startswith(article) and len(name) > len(article) + 2:
            return [name[len(article):]]
    return []


HUNSPELL_FR = pathlib.Path("/usr/share/hunspell/fr.dic")


def french_common_words():
    """Lower-case French words (Hunspell lemmas, not proper nouns): « sur », « orange »."""
    words = set()
    if not HUNSPELL_FR.exists():
        print("build-default-gazetteer: hunspell-fr-comprehensive not installed; no common-word filter",
              file=sys.stderr)
        return words
    for line in HUNSPELL_FR.read_text(encoding="utf-8").splitlines()[1:]:
        word = line.split("/")[0].split("\t")[0].strip()
        if word and word[0].islower() and " po:npr" not in line:
            words.add(word)
    return words


COMMON_WORDS = None


def dictionary_place_names(data):
    """Capitalised words the Dicollecte dictionary lists as proper nouns (po:npr) and
    not as given names (po:prn): « Damas », « Pékin », « Tripoli », beside the
    common nouns « damas », « pékin », « tripoli »."""
    names, given = set(), set()
    for r in read_tsv(data / "lexicon" / "dicollecte_proper_nouns.tsv"):
        pos = r["pos"].split("+")
        if "npr" in pos:
            names.add(r["word"])
        if "prn" in pos:
            given.add(r["word"])
    return names - given


def dictionary_capitalised(data):
    """Capitalised words the Dicollecte dictionary lists as nouns or proper nouns
    (« Corse », « Tibet »), and its given names (« Virginie »)."""
    names, given = set(), set()
    for r in read_tsv(data / "lexicon" / "dicollecte_proper_nouns.tsv"):
        pos = r["pos"].split("+")
        if r["word"][:1].isupper() and ("npr" in pos or "nom" in pos):
            names.add(r["word"])
        if "prn" in pos:
            given.add(r["word"])
    return names - given, given


def not_a_word(form):
    """A place name that is not also a French common word (« Sur », Oman, is « sur »)."""
    global COMMON_WORDS
    if COMMON_WORDS is None:
        COMMON_WORDS = french_common_words()
    return " " in form or form.lower() not in COMMON_WORDS


def build_cities(data, out, skip_ids, countries):
    capitals = {r["capital_geonameid"] for r in countries.values() if r["capital_geonameid"]}
    state_capitals = {r["capital_geonameid"] for r in countries.values()
                      if r["capital_geonameid"] and r["independent"] == "True"}
    place_names = dictionary_place_names(data)
    with open(ROOT / "data" / "lexicon" / "first_names.tsv", encoding="utf-8") as f:
        given_names = {line.split("\t")[0] for line in f if not line.startswith("#")}
    rows = []
    for r in read_tsv(data / "cities" / "cities_fr.tsv"):
        population = int(r["population"] or 0)
        french = r["country"] == "FR"
        exonym = bool(r["name_fr"]) and r["name_fr"] != r["name"]  # a French name of its own: known in French
        major = (r["geonameid"] in capitals or r["feature_code"] == "PPLC" or population >= 500_000 or
                 (r["feature_code"] in ("PPLA", "PPLC") and population >= 100_000) or (exonym and population >= 100_000))
        if not (major or (french and population >= 30_000)):
            continue
        cid = "city:" + r["geonameid"]
        name = clean(r["name_fr"]) or clean(r["name"])
        # A city whose name is also a common word (Damas: damask, Pékin,
        # Bordeaux, Valence, Berne) is kept when it is a state capital or the
        # seat of a region or département, and the dictionary knows the
        # capitalised word as a place name that is no given name: the matcher
        # wants the capital letter, and a capitalised « Damas » or « Bordeaux »
        # in the news is the city. Other towns stay out (« Orange », the
        # company; « Plaisir »), and so do territories' capitals such as
        # Saint-Pierre (a saint's name).
        seat = r["geonameid"] in state_capitals or (
            r["feature_code"] in ("PPLC", "PPLA", "PPLA2") and r["geonameid"] not in capitals)
        known_place = seat and name in place_names and name not in given_names
        if cid in skip_ids or len(name) < MIN_CITY_NAME or not (known_place or not_a_word(name)):
            continue
        # « au Caire »: the article-less form only for French names (not « La Serena »).
        short = without_article(name) if exonym else []
        forms = ([r["name"]] if is_latin(r["name"]) else []) + short
        aliases = [a for a in unique(forms, name) if not_a_word(a) or (known_place and a in place_names)]
        rows.append((cid, "LOC", name, aliases))
    write_tsv(out / "cities.tsv", rows,
              "Capitals, cities of 500,000 or more, regional capitals of 100,000 or more, cities with a French "
              "name of their own, French cities of 30,000 or more: French names. From GeoNames (CC BY 4.0, "
              "geonames.org); see SOURCES.md. Generated by scripts/build-default-gazetteer.py.")


def build_regions(data, out, skip_ids):
    # Given names stay out (« Paul », a region of Cape Verde), and common words
    # (« Centre »), but for a French region whose name the dictionary writes
    # capitalised as a noun of its own: « Corse » (« corse », Corsican); the
    # matcher wants the capital letter for it. French news names French
    # regions bare; another country's « Centre » or « Sud-Ouest » would mostly
    # tag something else.
    capitalised, given = dictionary_capitalised(data)
    rows = []
    for r in read_tsv(data / "cities" / "geonames_fr_admin1.tsv"):
        name = clean(r["name_fr"])
        rid = "region:" + r["code"].lower()
        if r["level"] != "admin1" or rid in skip_ids or len(name) < 4 or name in given:
            continue
        if not (not_a_word(name) or (r["code"].startswith("FR.") and name in capitalised)):
            continue
        rows.append((rid, "LOC", name, unique(without_article(name), name)))
    write_tsv(out / "regions.tsv", rows,
              "First-level divisions (states, provinces, regions) with a French name. From GeoNames "
              "(CC BY 4.0, geonames.org); see SOURCES.md. Generated by scripts/build-default-gazetteer.py.")


UN_SUFFIX = re.compile(r"\s+des Nations [Uu]nies$")
UN_WORDS = re.compile(r"\b(United Nations|UN)\b")


def un_short_form(r):
    """« Conseil des droits de l'Homme des Nations unies » -> « Conseil des droits de
    l'Homme », when the source gives an English name without « United Nations »
    too (« Human Rights Council »): the body is known by its short name."""
    name_fr = clean(r["name_fr"])
    english = [r["name_en"]] + (r["name_other_en"] or "").split("|")
    if not UN_SUFFIX.search(name_fr) or not any(e.strip() and not UN_WORDS.search(e) for e in english):
        return []
    short = UN_SUFFIX.sub("", name_fr)
    return [short] if " " in short else []


def french_acronyms(out):
    """organisation_acronyms.tsv: wikidata id -> (French acronyms, English name)."""
    acronyms = {}
    for line in (out / "organisation_acronyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            wikidata, forms, english = line.split("\t")
            acronyms[wikidata] = (forms.split("|"), english)
    return acronyms


def build_organisations(data, out, skip_wikidata):
    acronyms = french_acronyms(out)
    rows = []
    for r in read_tsv(data / "organisations" / "international_orgs_supraverden.tsv"):
        if r["wikidata"] in skip_wikidata:
            continue
        name = clean(r["name_fr"]) or clean(r["name_en"])
        if not name:
            continue
        french, english = acronyms.pop(r["wikidata"], ([], r["name_en"]))
        if english != r["name_en"]:
            sys.exit(f"organisation_acronyms.tsv: {r['wikidata']} is {r['name_en']!r} in the data, not {english!r}")
        forms = [r["abbrev_fr"]] + french + [r["name_en"], r["abbrev_en"]]
        forms += (r["name_other_en"] or "").split("|") + (r["abbrev_other_en"] or "").split("|")
        forms += un_short_form(r)
        aliases = [f for f in unique(forms, name) if len(f) >= 2]
        oid = "org:" + r["sprvd_id"].lower()
        rows.append((oid, "ORG", name, aliases))
    if acronyms:
        sys.exit("organisation_acronyms.tsv: not in the data: " + ", ".join(sorted(acronyms)))
    write_tsv(out / "organisations.tsv", rows,
              "International organisations. From SupraVerden (CC BY-SA 4.0); see SOURCES.md. "
              "Generated by scripts/build-default-gazetteer.py.")


def build_agencies(data, out, skip_ids, skip_wikidata):
    rows = []
    for r in read_tsv(data / "organisations" / "news_agencies_impresso.tsv"):
        if (r["wikidata"] and r["wikidata"] in skip_wikidata) or "agency:" + r["tag"].lower() in skip_ids:
            continue
        if "today" not in r["active_years"]:
            continue
        tag = clean(r["tag"].split("-")[0]) if "-" in r["tag"] and r["tag"] != "ATS-SDA" else clean(r["tag"])
        forms = [r["full_name"]] + [v for v in re.split(r",\s*", r["variants"] or "")]
        if r["tag"] == "ATS-SDA":
            forms += ["ATS", "SDA"]
        rows.append(("agency:" + r["tag"].lower(), "ORG", tag, unique(forms, tag)))
    write_tsv(out / "agencies.tsv", rows,
              "News agencies. From impresso (MIT); see SOURCES.md. Generated by scripts/build-default-gazetteer.py.")


def leader_name(raw):
    """« Vladimir Vladimirovich PUTIN » -> « Vladimir Vladimirovich Putin »."""
    words = clean(raw).split(" ")
    surname = [w for w in words if w.isupper() and len(w) > 1]
    fixed = [w.capitalize() if w.isupper() and len(w) > 1 else w for w in words]
    fixed = ["-".join(p.capitalize() for p in w.split("-")) if w in surname else w for w in fixed]
    last = "-".join(p.capitalize() for p in surname[-1].split("-")) if surname else ""
    return " ".join(fixed), last


def french_roles(title, country):
    roles = []
    for en, (masc, fem) in TITLES_FR.items():
        if title.strip() == en:
            for word in (masc, fem):
                if word and country.get("demonym_fr_ms"):
                    adj = country["demonym_fr_ms"] if word == masc else country["demonym_fr_fs"]
                    roles.append(f"{word} {adj}")
                if word and country.get("name_fr"):
                    roles.append(f"{word} ({country['name_fr']})")
    return roles


def build_people(data, out, skip_ids, countries):
    entries = {}
    given_names = set()
    with open(ROOT / "data" / "lexicon" / "first_names.tsv", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                given_names.add(line.split("\t")[0])
    for r in read_tsv(data / "people" / "world_leaders_factbook.tsv"):
        country = countries.get(r["iso2_guess"], {})
        for name_col, title_col in (("chief_of_state_name", "chief_of_state_title"),
                                    ("head_of_government_name", "head_of_government_title")):
            raw = r[name_col]
            if not raw or ";" in raw or "," in raw or not is_latin(raw):
                continue
            # The Factbook writes surnames in capitals; a cell without one is a
            # title or a body (« President », « Presidential Leadership Council … »).
            words = raw.split()
            if not any(w.isupper() and len(w) > 1 for w in words) or any(
                    w.rstrip(".") in LEADER_NOISE for w in words):
                continue
            name, surname = leader_name(raw)
            if " " not in name and name in given_names:
                continue  # a king « Philippe » alone would be every Philippe of the news
            pid = "person:leader:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            if pid in skip_ids:
                continue
            entry = entries.setdefault(pid, {"id": pid, "name": name, "type": "PERSON", "aliases": [], "roles": []})
            # No surname-only alias: « Hassan » alone is too often someone else. The
            # library links a surname to a person once the document names them in full.
            for role in french_roles(r[title_col], country):
                role = role.split(" (")[0]
                if role not in entry["roles"]:
                    entry["roles"].append(role)
            entry.setdefault("country", r["iso2_guess"])
    for r in read_tsv(data / "people" / "fr_deputes_an_17e.tsv"):
        pid = "person:an:" + r["id"].lower()
        gender = "f" if r["civ"].startswith("Mme") else "m"
        entries[pid] = {"id": pid, "name": f"{clean(r['prenom'])} {clean(r['nom'])}", "type": "PERSON",
                        "gender": gender, "roles": ["députée" if gender == "f" else "député"],
                        "group": r["groupeAbrev"]}
    for r in read_tsv(data / "people" / "fr_senateurs_2021.tsv"):
        if r["etat"] != "ACTIF":
            continue
        pid = "person:senat:" + r["matricule"].lower()
        gender = "f" if r["civ"].startswith("Mme") else "m"
        nom = " ".join(w.capitalize() if w.isupper() else w for w in clean(r["nom"]).split(" "))
        entries[pid] = {"id": pid, "name": f"{clean(r['prenom'])} {nom}", "type": "PERSON",
                        "gender": gender, "roles": ["sénatrice" if gender == "f" else "sénateur"]}
    # One name, one person: drop later duplicates of a full name (a deputy who is also listed elsewhere).
    seen = set()
    with open(out / "people.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for pid in sorted(entries):
            entry = entries[pid]
            if entry["name"].casefold() in seen:
                continue
            seen.add(entry["name"].casefold())
            if not entry.get("aliases"):
                entry.pop("aliases", None)
            f.write(json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--out", default=str(ROOT / "data" / "gazetteer"))
    args = parser.parse_args()
    data, out = pathlib.Path(args.data), pathlib.Path(args.out)
    if not (data / "countries" / "countries_fr.tsv").exists():
        print(f"build-default-gazetteer: no data in {data}", file=sys.stderr)
        return 2
    skip_ids, skip_wikidata = curated_keys(out)
    countries = build_countries(data, out, skip_ids)
    build_cities(data, out, skip_ids, countries)
    build_regions(data, out, skip_ids)
    build_organisations(data, out, skip_wikidata)
    build_agencies(data, out, skip_ids, skip_wikidata)
    build_people(data, out, skip_ids, countries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
