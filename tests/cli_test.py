#!/usr/bin/env python3
"""End-to-end tests of the `parole` command line: output, exit codes, errors.

    cli_test.py PAROLE_BINARY TEST_CORPUS_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

PAROLE, CORPUS = sys.argv[1], sys.argv[2]
SEED = os.path.join(CORPUS, "seed", "tass-2021-10-18.txt")
failures = []


def run(args, stdin=b""):
    return subprocess.run([PAROLE] + args, input=stdin, capture_output=True, timeout=60)


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}: {detail}")
    print(("ok   " if condition else "FAIL ") + name)


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


with tempfile.TemporaryDirectory() as tmp:
    r = run(["extract", SEED])
    doc = json.loads(r.stdout) if r.returncode == 0 else {}
    check("seed: exit 0", r.returncode == 0, r.stderr)
    quotes = doc.get("quotes", [])
    check("seed: 10 quotes", len(quotes) == 10, len(quotes))
    check("seed: every quote is Lavrov's",
          all(q["speaker"] and q["speaker"]["entity"] == "person:sergey-lavrov" for q in quotes))
    check("seed: one JSON line on stdout", r.stdout.count(b"\n") == 1)

    # Golden: the CLI's quotes and mentions against the human annotation of the seed.
    with open(SEED.replace(".txt", ".gold.json"), encoding="utf-8") as f:
        gold = json.load(f)
    got = [(q["start"], q["end"], q["kind"], q["speaker"]["name"] if q["speaker"] else None) for q in quotes]
    want = [(q["start"], q["end"], q["kind"], q["speaker"]) for q in gold["quotes"]]
    check("seed golden: quotes, kinds and speakers equal the gold", got == want, f"got {got} want {want}")
    names = {e["name"] for e in doc.get("entities", [])}
    want_mentions = {(m["start"], m["end"]) for e in gold["entities"] if e["name"] in names for m in e["mentions"]}
    got_mentions = {(m["start"], m["end"]) for e in doc.get("entities", []) for m in e["mentions"]}
    check("seed golden: every mention of the known entities, nothing else", got_mentions == want_mentions,
          f"missing {sorted(want_mentions - got_mentions)} extra {sorted(got_mentions - want_mentions)}")
    check("seed golden: no quote goes to Stoltenberg or TASS",
          not any(q["speaker"] and q["speaker"]["name"] in ("Jens Stoltenberg", "TASS") for q in quotes))

    r = run(["extract", "-"], stdin="« Oui », a dit Marie Curie.".encode())
    check("stdin: one quote", r.returncode == 0 and len(json.loads(r.stdout)["quotes"]) == 1, r.stderr)

    r = run(["extract"], stdin=b"")
    check("empty input: valid empty result", r.returncode == 0 and json.loads(r.stdout)["quotes"] == [], r.stderr)

    r = run(["--version"])
    check("--version", r.returncode == 0 and r.stdout.startswith(b"parole "), r.stdout)

    r = run(["extract", "--help"])
    check("--help documents the options", r.returncode == 0 and b"--gazetteer" in r.stdout and b"--no-default-gazetteer" in r.stdout)

    r = run(["extract", os.path.join(tmp, "missing.txt")])
    check("missing input: exit 1, names the file", r.returncode == 1 and b"missing.txt" in r.stderr, r.stderr)

    bad = write(tmp, "bad.json", b'{"entities": [\n  {"id": "a", "name": "A", "type": "ORG"},\n  {"id": "b" "name": "B"}\n]}')
    r = run(["extract", "--gazetteer", bad, SEED])
    check("malformed gazetteer: exit 2 with file:line:col", r.returncode == 2 and b"bad.json:3:" in r.stderr, r.stderr)

    # The gazetteer loads while the document file is read: its error still
    # comes alone, before anything the document would have caused.
    for extra in ([], ["--format", "csv"], ["--strict-utf8"]):
        for doc in (os.path.join(tmp, "missing.txt"), write(tmp, "latin1.txt", "« Déjà », dit-il.".encode("latin-1"))):
            r = run(["extract", "--gazetteer", bad] + extra + [doc])
            check("gazetteer error before the document's (%s, %s)" % (" ".join(extra), os.path.basename(doc)),
                  r.returncode == 2 and b"bad.json:3:" in r.stderr and os.path.basename(doc).encode() not in r.stderr
                  and r.stdout == b"", r.stderr)

    dup = write(tmp, "dup.tsv", "a\tORG\tAlpha\na\tORG\tBeta\n".encode())
    r = run(["extract", "--gazetteer", dup, SEED])
    check("duplicate id: exit 2", r.returncode == 2 and b"duplicate" in r.stderr, r.stderr)

    people = write(tmp, "people.jsonl", '{"id": "curie", "name": "Marie Curie", "type": "PERSON", "gender": "f", "orcid": "x"}\n'.encode())
    r = run(["extract", "--no-default-gazetteer", "--gazetteer", people, "-"], stdin="« Oui », a dit Marie Curie à Moscou.".encode())
    doc = json.loads(r.stdout)
    check("user gazetteer links the speaker and echoes extra fields",
          doc["quotes"][0]["speaker"]["entity"] == "curie" and doc["entities"][0].get("orcid") == "x", doc)
    check("--no-default-gazetteer leaves Moscou out", all(e["name"] != "Moscou" for e in doc["entities"]))

    # compile-gazetteer: several sources into one compiled file, read back with the same results.
    orgs = write(tmp, "orgs.tsv", "udd\tORG\tUnion des dockers\tUDD\n".encode())
    compiled = os.path.join(tmp, "all.parolegz")
    r = run(["compile-gazetteer", people, orgs, compiled])
    check("compile-gazetteer: exit 0, says what it wrote", r.returncode == 0 and b"2 entities" in r.stderr, r.stderr)
    text = "« Oui », a dit Marie Curie, de l'UDD, à Moscou.".encode()
    plain = run(["extract", "-g", people, "-g", orgs, "-"], stdin=text)
    fast = run(["extract", "-g", compiled, "-"], stdin=text)
    check("compiled gazetteer: same output as its sources", fast.returncode == 0 and fast.stdout == plain.stdout,
          fast.stderr)
    lean = os.path.join(tmp, "lean.parolegz")
    r = run(["compile-gazetteer", "--no-default-gazetteer", people, orgs, lean])
    check("compile-gazetteer --no-default-gazetteer: a smaller file",
          r.returncode == 0 and os.path.getsize(lean) < os.path.getsize(compiled), r.stderr)
    for flags in ([], ["--no-default-gazetteer"]):
        plain = run(["extract"] + flags + ["-g", people, "-g", orgs, "-"], stdin=text)
        fast = run(["extract"] + flags + ["-g", lean, "-"], stdin=text)
        check("compiled without the default forms: same output %s" % flags,
              fast.returncode == 0 and fast.stdout == plain.stdout, fast.stderr)
    r = run(["compile-gazetteer", people, dup, os.path.join(tmp, "x.parolegz")])
    check("compile-gazetteer: a malformed source is exit 2", r.returncode == 2 and b"dup.tsv" in r.stderr, r.stderr)
    r = run(["compile-gazetteer", people, people, os.path.join(tmp, "x.parolegz")])
    check("compile-gazetteer: an id in two sources is exit 2", r.returncode == 2 and b"also defined" in r.stderr,
          r.stderr)
    with open(compiled, "rb") as f:
        damaged = bytearray(f.read())
    damaged[len(damaged) // 2] ^= 0x01
    broken = write(tmp, "broken.parolegz", bytes(damaged))
    r = run(["extract", "-g", broken, SEED])
    check("damaged compiled gazetteer: exit 2, names the file", r.returncode == 2 and b"broken.parolegz" in r.stderr
          and b"checksum" in r.stderr, r.stderr)

    r = run(["extract", "-"], stdin=b"\xff\xfe \xc2\xab caf\xe9 \xc2\xbb, a dit Marie Curie.")
    check("invalid UTF-8: warning with the offset, still JSON",
          r.returncode == 0 and b"byte offset 0" in r.stderr and json.loads(r.stdout)["diagnostics"]["invalid_utf8_bytes"] == 3,
          r.stderr)

    r = run(["extract", "--max-bytes", "10", SEED])
    check("too large: exit 1 with the limit", r.returncode == 1 and b"exceeds the limit" in r.stderr, r.stderr)

    r = run(["extract", "--bogus"])
    check("unknown option: exit 2", r.returncode == 2, r.returncode)

    full = subprocess.run(f"'{PAROLE}' extract '{SEED}' > /dev/full", shell=True, capture_output=True)
    check("write error: exit 4 and a message", full.returncode == 4 and b"cannot write" in full.stderr, full.stderr)

print(f"{len(failures)} failed" if failures else "all CLI checks passed")
for f in failures:
    print("  " + f)
sys.exit(1 if failures else 0)
