#!/usr/bin/env python3
"""End-to-end tests of `parole extract` batches: JSON Lines in and out, order
with several threads, error lines, exit codes, plain-text batches, encodings,
CSV/TSV output, closed pipe and full disk, progress on a terminal.

    cli_batch_test.py PAROLE_BINARY TEST_CORPUS_DIR
"""
import csv
import io
import json
import os
import pty
import select
import subprocess
import sys
import tempfile

PAROLE, CORPUS = sys.argv[1], sys.argv[2]
failures = []


def run(args, stdin=b"", **kw):
    return subprocess.run([PAROLE] + args, input=stdin, capture_output=True, timeout=300, **kw)


def check(name, condition, detail=""):
    if not condition:
        failures.append(f"{name}: {str(detail)[:2000]}")
    print(("ok   " if condition else "FAIL ") + name)


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def jsonl(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def lines_of(r):
    return [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]


def quotes(result):
    return [(q["text"], q["start"], q["end"], q["speaker"]["name"] if q["speaker"] else None) for q in result["quotes"]]


SENTENCE = "« Nous partirons demain matin, pas avant », a déclaré Marie Curie à Paris."

with tempfile.TemporaryDirectory() as tmp:
    # ---- JSON Lines: shape, kept fields, order with 2 threads -----------------
    n = 2000
    records = []
    for i in range(n):
        text = f"« Phrase numéro {i} », a dit Marie Curie."
        if i % 7 == 0:  # longer documents, so that workers finish out of order
            text += "\n\n" + " ".join([SENTENCE] * 60)
        records.append({"id": i, "source": "test", "text": text, "meta": {"n": i}})
    big = write(tmp, "many.jsonl", jsonl(records))
    r = run(["extract", "--jsonl", "--threads", "2", big])
    out = lines_of(r) if r.returncode == 0 else []
    check("jsonl --threads 2: exit 0", r.returncode == 0, r.stderr)
    check("jsonl: one output line per input line", len(out) == n, len(out))
    check("jsonl --threads 2: ids in input order", [o["id"] for o in out] == list(range(n)),
          [o.get("id") for o in out[:20]])
    check("jsonl: each result belongs to its record",
          all(o["result"]["quotes"] and o["result"]["quotes"][0]["text"] == f"Phrase numéro {o['id']}" for o in out))
    check("jsonl: id first, other fields kept in order, text left out, result last",
          bool(out) and list(out[0].keys()) == ["id", "source", "meta", "result"] and out[0]["meta"] == {"n": 0})
    for threads in ("1", "3", "5"):
        r1 = run(["extract", "--jsonl", "--threads", threads, big])
        check(f"jsonl: --threads {threads} and --threads 2 give the same bytes",
              r1.returncode == 0 and r1.stdout == r.stdout)

    # On a pipe, each record's line comes out before the next record is sent
    # (a pipeline stage that held lines back until the end of its input
    # would stall a reader waiting for them).
    for threads in ("1", "2"):
        p = subprocess.Popen([PAROLE, "extract", "--jsonl", "--threads", threads, "-"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        answered = []
        for i in range(3):
            p.stdin.write(jsonl(records[i:i + 1]))
            p.stdin.flush()
            ready, _, _ = select.select([p.stdout], [], [], 30)
            answered.append(json.loads(p.stdout.readline())["id"] if ready else None)
        p.stdin.close()
        rest = p.stdout.read()
        rc = p.wait(timeout=60)
        p.stdout.close()
        p.stderr.close()
        check(f"jsonl on a pipe, --threads {threads}: each line answered before the next is sent",
              answered == [0, 1, 2] and rest == b"" and rc == 0, (answered, rest[:200], rc))
    r = run(["extract", "--jsonl", "-"], stdin=jsonl(records[:3]))
    check("jsonl from stdin", r.returncode == 0 and [o["id"] for o in lines_of(r)] == [0, 1, 2], r.stderr)
    r = run(["extract", "--jsonl", "--keep-text", "-"], stdin=jsonl(records[:1]))
    check("--keep-text echoes the text", r.returncode == 0 and lines_of(r)[0]["text"] == records[0]["text"], r.stdout)
    r = run(["extract", "--jsonl", "--id-field", "doc", "--text-field", "body", "-"],
            stdin=jsonl([{"body": SENTENCE, "doc": "x1", "lang": "fr"}]))
    o = lines_of(r)[0] if r.returncode == 0 else {}
    check("--id-field / --text-field", list(o.keys()) == ["doc", "lang", "result"] and o["doc"] == "x1", r.stdout)
    r = run(["extract", "--jsonl", "-"], stdin=b'{"id": 1, "text": "a"}\r\n{"id": 2, "text": "b"}')
    check("CRLF line ends and a last line without newline", r.returncode == 0 and [o["id"] for o in lines_of(r)] == [1, 2],
          r.stdout + r.stderr)
    r = run(["extract", "--jsonl", "-"], stdin=b"")
    check("empty JSON Lines input: no output, exit 0", r.returncode == 0 and r.stdout == b"", r.stderr)
    r = run(["extract", "--jsonl", "-"], stdin=b'{"id": 1, "text": "x", "result": 3}\n')
    o = lines_of(r)
    check("a field named result is an error line, not overwritten",
          r.returncode == 3 and o[0]["id"] == 1 and "reserved" in o[0]["error"]["reason"], r.stdout)

    # ---- the flat-record reading (cli/text_literal.hpp: read_flat_record) ------
    # A flat record's fields are echoed as written, without nlohmann/json; each
    # line here is one whose bytes nlohmann/json writes otherwise, or one that
    # must stay an error: the output must be what nlohmann/json makes of it.
    for name, options, line, want in [
        ("-0 is written 0", [], b'{"id": -0, "n": -0, "text": "x"}', b'{"id":0,"n":0,"result":'),
        *[(f"the number {n} is written {w}", [], b'{"id": 1, "n": %s, "text": "x"}' % n.encode(),
           b'{"id":1,"n":%s,"result":' % w.encode())
          for n, w in [("1.50", "1.5"), ("1e2", "100.0"), ("-0.0", "-0.0"), ("99999999999999999999", "1e+20"),
                       ("18446744073709551616", "1.8446744073709552e+19"),
                       ("-9223372036854775809", "-9.223372036854776e+18")]],
        ("integers of 18, 19 and 20 digits", [],
         b'{"id": 123456789012345678, "s": -1234567890123456789, "q": 18446744073709551615, "text": "x"}',
         b'{"id":123456789012345678,"s":-1234567890123456789,"q":18446744073709551615,"result":'),
        ("escapes in other fields are decoded and written again", [],
         b'{"id": "a\\u0062", "a": "a\\/b", "b": "\\u00e9\\t", "c": "\\uD83D\\uDE00", "text": "x"}',
         '{"id":"ab","a":"a/b","b":"é\\t","c":"😀","result":'.encode()),
        ("a key with an escape", [], b'{"i\\u0064": "k", "te\\u0078t": "x"}', b'{"id":"k","result":'),
        ("a key given twice: first place, last value", [], b'{"id": 1, "x": 1, "x": 2, "text": "x"}',
         b'{"id":1,"x":2,"result":'),
        ("the id given twice", [], b'{"id": 1, "text": "x", "id": 2}', b'{"id":2,"result":'),
        ("whitespace around the object", [], b' \t{ "id" :1 ,"text":"x" }\t ', b'{"id":1,"result":'),
        ("a form feed is not JSON whitespace", [], b'{"id": 1, "text": "x"}\f',
         b'{"id":null,"error":{"file":"<stdin>","line":1,"column":23,"code":"json"'),
        ("a lone surrogate in the text", [], b'{"id": 1, "text": "a\\uD800b"}',
         b'{"id":null,"error":{"file":"<stdin>","line":1,"column":27,"code":"json"'),
        ("a raw tab in the text", [], b'{"id": 1, "text": "a\tb"}',
         b'{"id":null,"error":{"file":"<stdin>","line":1,"column":21,"code":"json"'),
        ("a truncated literal", [], b'{"id": 1, "text": "x", "z": tru}',
         b'{"id":null,"error":{"file":"<stdin>","line":1,"column":32,"code":"json"'),
        ("a leading zero", [], b'{"id": 1, "text": "x", "z": 01}',
         b'{"id":null,"error":{"file":"<stdin>","line":1,"column":30,"code":"json"'),
        ("a trailing comma", [], b'{"id": 1, "text": "x",}',
         b'{"id":null,"error":{"file":"<stdin>","line":1,"column":23,"code":"json"'),
        ("invalid UTF-8 in another field", [], b'{"id": 1, "a": "\xff", "text": "x"}',
         '{"id":1,"a":"\ufffd","input":{"encoding":"UTF-8","bom_bytes":0,"invalid_bytes":1,'
         '"first_invalid_offset":16},"result":'.encode()),
        ("a byte-order mark", [], b'\xef\xbb\xbf{"id": 2, "text": "x"}',
         b'{"id":2,"input":{"encoding":"UTF-8","bom_bytes":3,"invalid_bytes":0},"result":'),
        ("--keep-text with escapes in the text", ["--keep-text"], b'{"id": 1, "text": "a\\nb\\/c\\u00e9", "x": 2}',
         '{"id":1,"text":"a\\nb/cé","x":2,"result":'.encode()),
        ("--keep-text without escapes", ["--keep-text"], b'{"x": 2, "text": "a b", "id": 1}',
         b'{"id":1,"x":2,"text":"a b","result":'),
        ("the id field is the text field", ["--id-field", "text"], b'{"id": 1, "text": "a\\/b\\u00e9"}',
         '{"text":"a/bé","id":1,"result":'.encode()),
        ("33 fields", [], b"{" + b", ".join(b'"k%d": %d' % (i, i) for i in range(32)) + b', "text": "x"}',
         b'{"id":null,' + b",".join(b'"k%d":%d' % (i, i) for i in range(32)) + b',"result":'),
        ("a reserved field", [], b'{"id": "r", "text": "x", "input": 1}',
         b'{"id":"r","error":{"file":"<stdin>","line":1,"code":"schema"'),
        ("CSV: an id with an escape", ["--format", "csv"],
         b'{"id": "a\\u002cb", "text": "\\u00ab Oui \\u00bb, a dit Marie Curie."}',
         b'doc,speaker,entity,kind,text,start,end,confidence\n"a,b",Marie Curie,,direct,Oui,3,6,'),
        ("CSV: -0 as the id", ["--format", "csv"], b'{"id": -0, "text": "\\u00ab Oui \\u00bb, a dit Marie Curie."}',
         b'doc,speaker,entity,kind,text,start,end,confidence\n0,Marie Curie,,direct,Oui,3,6,'),
    ]:
        r = run(["extract", "--jsonl"] + options + ["-"], stdin=line + b"\n")
        check(f"flat record: {name}", r.stdout.startswith(want), (r.stdout[:300], want))

    # ---- error lines, line numbers, exit codes -------------------------------
    bad = b"\n".join([
        b'{"id": "ok1", "text": "\xc2\xab Oui \xc2\xbb, a dit Marie Curie."}',  # 1 fine
        b'{"id": "j", "text": ',                                            # 2 bad JSON
        b'',                                                                # 3 empty line
        b'{"id": "nt"}',                                                    # 4 no text
        b'{"id": 5, "text": 42}',                                           # 5 text not a string
        b'["not", "an", "object"]',                                         # 6 not an object
        b'{"id": "big", "text": "' + b"x" * 300 + b'"}',                    # 7 too large (--max-bytes 200)
        b'{"id": "u8", "text": "caf\xe9 \xc2\xab Non \xc2\xbb"}',           # 8 invalid UTF-8
        b'{"id": "ok2", "text": "fin"}',                                    # 9 fine
    ]) + b"\n"
    path = write(tmp, "bad.jsonl", bad)
    r = run(["extract", "--jsonl", "--max-bytes", "200", path])
    out = lines_of(r)
    check("errors: exit 3", r.returncode == 3, r.returncode)
    check("errors: exactly one output line per input line", len(out) == 9, len(out))
    errs = {o["error"]["line"]: o for o in out if "error" in o}
    check("errors: lines 2-7 are error lines with file and line", sorted(errs) == [2, 3, 4, 5, 6, 7] and
          all(e["error"]["file"] == path for e in errs.values()), out)
    check("errors: codes", [errs[k]["error"]["code"] for k in sorted(errs)] ==
          ["json", "empty", "schema", "schema", "schema", "too_large"], [e["error"] for e in errs.values()])
    check("errors: the id when known, null when not",
          errs.get(4, {}).get("id") == "nt" and errs.get(5, {}).get("id") == 5 and errs.get(2, {}).get("id") is None)
    check("errors: a reason for people", all(e["error"]["reason"] for e in errs.values()))
    check("errors: the good records still processed, in place",
          out[0].get("id") == "ok1" and "result" in out[0] and out[8].get("id") == "ok2")
    check("invalid UTF-8 in a record: read as U+FFFD and reported under input",
          out[7].get("input", {}).get("invalid_bytes") == 1 and out[7]["input"]["first_invalid_offset"] == 25 and
          "result" in out[7], out[7])
    check("errors: stderr sums up", b"6 of 9" in r.stderr, r.stderr)
    r = run(["extract", "--jsonl", "--max-bytes", "200", "--error-lines-ok", path])
    check("--error-lines-ok: the same lines, exit 0", r.returncode == 0 and len(lines_of(r)) == 9, r.returncode)
    r = run(["extract", "--jsonl", "--strict-utf8", path])
    o8 = lines_of(r)[7]
    check("--strict-utf8: invalid UTF-8 record is an error line with the byte offset",
          o8.get("error", {}).get("code") == "encoding" and o8["error"].get("offset") == 25, o8)
    r = run(["extract", "--jsonl", "-"], stdin=b'{"id": 1e500, "text": "x"}\n{"id": 2, "text": "y"}\n')
    out = lines_of(r) if r.returncode == 3 else []
    check("a number beyond double is an error line, not a crash", len(out) == 2 and
          out[0]["error"]["code"] == "json" and out[1]["id"] == 2, (r.returncode, r.stdout, r.stderr))
    # The column of a JSON error counts the bytes of the line as read: a BOM, invalid
    # bytes (parsed as U+FFFD) and converted characters do not shift it.
    for name, enc, line in [
        ("plain", "utf-8", b'{"id": 1 oops}'),
        ("after a BOM", "utf-8", b'\xef\xbb\xbf{"id": 1 oops}'),
        ("after invalid UTF-8", "utf-8", b'{"id": "\xff\xfe", "text": "x" oops}'),
        ("in cp1252", "cp1252", b'{"id": "\xe9\x92\x9c", "text": "x" oops}'),
    ]:
        r = run(["extract", "--jsonl", "--encoding", enc, "-"], stdin=line + b"\n")
        o = lines_of(r)[0] if r.returncode == 3 else {}
        want = line.index(b"oops") + 1
        check(f"JSON error column {name}: the byte of the line", o.get("error", {}).get("column") == want, (o, want))
    deep = 1_000_000
    r = run(["extract", "--jsonl", "-"], stdin=b'{"id": 1, "text": "x", "m": ' + b"[" * deep + b"]" * deep +
            b'}\n{"id": 2, "text": "y"}\n')
    out = lines_of(r) if r.returncode == 3 else []
    check("JSON nested a million deep is an error line, not a stack overflow", len(out) == 2 and
          "nested deeper" in out[0]["error"]["reason"] and out[1]["id"] == 2, (r.returncode, r.stderr))
    long_line = b'{"id": "huge", "text": "' + b"y" * 3_000_000 + b'"}\n{"id": "after", "text": "z"}\n'
    r = run(["extract", "--jsonl", "--max-bytes", "1000", "-"], stdin=long_line)
    out = lines_of(r)
    check("a line over 2 x --max-bytes + 1 MiB is skipped with an error line, the next one read",
          r.returncode == 3 and len(out) == 2 and out[0]["error"]["code"] == "too_large" and out[0]["error"]["line"] == 1
          and out[1]["id"] == "after", out)
    good = write(tmp, "good.jsonl", jsonl(records[:2]))
    r = run(["extract", "--jsonl", good, os.path.join(tmp, "missing.jsonl"), good])
    out = lines_of(r)
    check("several JSON Lines files; a missing one is an error line naming it, the run goes on",
          r.returncode == 3 and len(out) == 5 and out[2]["error"]["code"] == "io" and
          out[2]["error"]["file"].endswith("missing.jsonl") and out[4]["id"] == 1, out)
    r = run(["extract", "--jsonl", "--pretty", good])
    check("--pretty with --jsonl: usage error, exit 2", r.returncode == 2 and b"--pretty" in r.stderr, r.stderr)
    r = run(["extract", "--jsonl", "--threads", "-1", good])
    check("bad --threads: exit 2", r.returncode == 2, r.returncode)

    # ---- write errors: full disk, closed pipe --------------------------------
    full = subprocess.run(f"'{PAROLE}' extract --jsonl '{big}' > /dev/full", shell=True, capture_output=True,
                          timeout=300)
    check("full disk: exit 4 with a message", full.returncode == 4 and b"cannot write output" in full.stderr,
          full.stderr)
    p = subprocess.Popen([PAROLE, "extract", "--jsonl", "--threads", "2", big], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    rc = p.wait(timeout=300)
    check("closed pipe: the first line arrived", json.loads(first)["id"] == 0, first)
    check("closed pipe: exit 4, says broken pipe, no crash", rc == 4 and b"Broken pipe" in err, (rc, err))
    shell = subprocess.run(f"set -o pipefail; '{PAROLE}' extract --jsonl '{big}' | head -n 3 > /dev/null",
                           shell=True, executable="/bin/bash", capture_output=True, timeout=300)
    check("closed pipe (| head): exit 4", shell.returncode == 4, (shell.returncode, shell.stderr))

    # Every output mode, to a pipe whose reading end is already closed and to a
    # full disk: a message that says why, exit 4, never a silent death by SIGPIPE.
    one = write(tmp, "one.txt", SENTENCE)
    two = write(tmp, "two.jsonl", jsonl(records[:2]))
    empty = write(tmp, "empty.jsonl", b"")
    for mode, args in [
        ("single document", ["extract", one]),
        ("single document --format csv", ["extract", "--format", "csv", one]),
        ("--batch", ["extract", "--batch", one, one]),
        ("--batch --format tsv", ["extract", "--batch", "--format", "tsv", one]),
        ("--jsonl", ["extract", "--jsonl", two]),
        ("--jsonl --format csv", ["extract", "--jsonl", "--format", "csv", two]),
        # No record: the CSV header is all there is to write.
        ("--jsonl --format csv, no record", ["extract", "--jsonl", "--format", "csv", empty]),
    ]:
        read_end, write_end = os.pipe()
        os.close(read_end)
        p = subprocess.Popen([PAROLE] + args, stdout=write_end, stderr=subprocess.PIPE)
        os.close(write_end)
        err = p.communicate(timeout=300)[1]
        check(f"closed pipe, {mode}: exit 4, says broken pipe",
              p.returncode == 4 and b"cannot write output: Broken pipe" in err, (p.returncode, err))
        with open("/dev/full", "wb") as devfull:
            p = subprocess.run([PAROLE] + args, stdout=devfull, stderr=subprocess.PIPE, timeout=300)
        check(f"full disk, {mode}: exit 4, says no space left",
              p.returncode == 4 and b"cannot write output: No space left on device" in p.stderr,
              (p.returncode, p.stderr))
        if mode.startswith("--"):
            check(f"write error, {mode}: says how far it got", b"stopped after" in p.stderr, p.stderr)
    many = [write(tmp, f"many/{i:03}.txt", " ".join([SENTENCE] * 60)) for i in range(300)]
    p = subprocess.Popen([PAROLE, "extract", "--threads", "2"] + many, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    rc = p.wait(timeout=300)
    check("closed pipe in a plain-text batch: the first line arrived", json.loads(first)["file"] == many[0], first)
    check("closed pipe in a plain-text batch: exit 4, stopped early",
          rc == 4 and b"Broken pipe" in err and b"stopped after" in err, (rc, err))

    # ---- plain-text batch ------------------------------------------------------
    folder = os.path.join(tmp, "texts")
    write(tmp, "texts/b.txt", SENTENCE)
    write(tmp, "texts/a.txt", "« Oui », a dit Marie Curie.")
    write(tmp, "texts/sub/c.txt", "Rien à signaler.")
    write(tmp, "texts/.hidden.txt", "caché")
    r = run(["extract", folder])
    out = lines_of(r)
    names = [os.path.relpath(o["file"], folder) for o in out]
    check("folder: one line per file, sorted, hidden files left out", r.returncode == 0 and
          names == ["a.txt", "b.txt", os.path.join("sub", "c.txt")], (names, r.stderr))
    check("folder: each line has the result", all("result" in o and list(o) == ["file", "result"] for o in out), out)
    a, b = os.path.join(folder, "a.txt"), os.path.join(folder, "b.txt")
    r = run(["extract", a, os.path.join(tmp, "nope.txt"), b])
    out = lines_of(r)
    check("files: a missing file is an error line, exit 3", r.returncode == 3 and len(out) == 3 and
          out[1]["error"]["code"] == "io" and out[1]["file"].endswith("nope.txt") and out[2]["file"] == b, out)
    r = run(["extract", "--batch", a])
    check("--batch: batch line for one file", r.returncode == 0 and lines_of(r)[0]["file"] == a, r.stdout)
    r = run(["extract", "--max-bytes", "10", a, b])
    check("files: too large is an error line", r.returncode == 3 and
          all(o["error"]["code"] == "too_large" for o in lines_of(r)), r.stdout)

    # ---- encodings --------------------------------------------------------------
    text = "« L’œuvre coûte 5 €, c’est déjà ça », a affirmé Marie Curie à Montréal.\r\nFin."
    ref = run(["extract", "-"], stdin=text.encode("utf-8"))
    ref_doc = json.loads(ref.stdout)
    for enc, data, name in [
        ("cp1252", text.encode("cp1252"), "cp1252"),
        ("windows-1252", text.encode("cp1252"), "windows-1252 alias"),
        ("utf-16", text.encode("utf-16"), "UTF-16 with BOM (little-endian)"),
        ("utf-16", b"\xfe\xff" + text.encode("utf-16-be"), "UTF-16 with BOM (big-endian)"),
        ("utf-16le", text.encode("utf-16-le"), "UTF-16LE without BOM"),
        ("auto", text.encode("utf-16"), "auto on UTF-16 with BOM"),
    ]:
        r = run(["extract", "--encoding", enc, write(tmp, "enc.txt", data)])
        check(f"--encoding {name}: same result as the UTF-8 text", r.returncode == 0 and json.loads(r.stdout) == ref_doc,
              r.stdout + r.stderr)
    latin = "« Ça suffit, répète-t-il », a déclaré Marie Curie à Montréal."
    r = run(["extract", "--encoding", "latin1", write(tmp, "latin1.txt", latin.encode("latin-1"))])
    doc = json.loads(r.stdout) if r.returncode == 0 else {"quotes": []}
    u8 = latin.encode("utf-8")
    check("--encoding latin1: offsets into the converted UTF-8 text",
          doc["quotes"] and all(u8[q["start"]:q["end"]].decode() == q["text"] for q in doc["quotes"]), doc)
    r = run(["extract", "--batch", "--encoding", "latin1", write(tmp, "latin1.txt", latin.encode("latin-1"))])
    o = lines_of(r)[0] if r.returncode == 0 else {}
    check("batch line says how the input was read", o.get("input", {}).get("encoding") == "latin1", o)
    r = run(["extract", "--jsonl", "--encoding", "cp1252", "-"],
            stdin=b'{"id": 1, "text": "\xab L\x92\x9cuvre \xbb, a dit Marie Curie."}\n')
    o = lines_of(r)[0] if r.returncode == 0 else {}
    check("--jsonl --encoding cp1252", o.get("result", {}).get("quotes", [{}])[0].get("text") == "L’œuvre", o)

    # UTF-8 byte-order mark: skipped; offsets count from the byte after it.
    r = run(["extract", write(tmp, "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))])
    check("UTF-8 BOM skipped: offsets into the text after the BOM", r.returncode == 0 and json.loads(r.stdout) == ref_doc,
          r.stdout)
    r = run(["extract", "--batch", os.path.join(tmp, "bom.txt")])
    o = lines_of(r)[0]
    check("UTF-8 BOM reported in batch output", o.get("input", {}).get("bom_bytes") == 3, o)
    r = run(["extract", "--jsonl", "-"], stdin=b"\xef\xbb\xbf" + jsonl([{"id": 1, "text": "x"}]))
    check("UTF-8 BOM before the first JSON line", r.returncode == 0 and lines_of(r)[0]["id"] == 1, r.stdout)

    # auto detection on a French Windows-1252 text (a Wikinews article of the corpus)
    article = os.path.join(CORPUS, "wikinews-fr", sorted(f for f in os.listdir(os.path.join(CORPUS, "wikinews-fr"))
                                                         if f.endswith(".txt"))[0])
    with open(article, encoding="utf-8") as f:
        original = f.read()
    cp = original.encode("cp1252", errors="replace")
    ref = run(["extract", "-"], stdin=cp.decode("cp1252").encode("utf-8"))
    r = run(["extract", "--encoding", "auto", write(tmp, "auto.txt", cp)])
    check("--encoding auto on a cp1252 article: detected windows-1252", b"windows-1252" in r.stderr, r.stderr)
    check("--encoding auto on a cp1252 article: same result as its UTF-8 text",
          r.returncode == 0 and json.loads(r.stdout) == json.loads(ref.stdout))
    r = run(["extract", "--encoding", "auto", "-"], stdin=original.encode("utf-8"))
    check("--encoding auto on UTF-8: UTF-8", b"read as UTF-8" in r.stderr, r.stderr)

    # strict and lenient handling of bytes the encoding does not define
    r = run(["extract", "--strict-utf8", "-"], stdin=b"abc \xc2\xab d\xe9j\xe0 \xc2\xbb")
    check("--strict-utf8: exit 1 with the byte offset", r.returncode == 1 and b"byte offset 8" in r.stderr, r.stderr)
    r = run(["extract", "--strict-utf8", "-"], stdin=b"\xff")
    check("--strict-utf8: offset 0 is said too", r.returncode == 1 and b"byte offset 0" in r.stderr, r.stderr)
    r = run(["extract", "--strict-utf8", "-"], stdin=text.encode("utf-8"))
    check("--strict-utf8: valid UTF-8 passes", r.returncode == 0, r.stderr)
    r = run(["extract", "--encoding", "cp1252", "-"], stdin=b"abc \x81 def")
    check("cp1252 undefined byte: warning with offset, read as U+FFFD",
          r.returncode == 0 and b"byte offset 4" in r.stderr, r.stderr)
    r = run(["extract", "--encoding", "cp1252", "--strict-utf8", "-"], stdin=b"abc \x81 def")
    check("cp1252 undefined byte with --strict-utf8: exit 1", r.returncode == 1 and b"byte offset 4" in r.stderr,
          r.stderr)
    r = run(["extract", "--encoding", "utf-16le", "--strict-utf8", "-"], stdin=b"a\x00\x00\xd8b\x00")
    check("UTF-16 unpaired surrogate with --strict-utf8: exit 1 with offset",
          r.returncode == 1 and b"byte offset 2" in r.stderr, r.stderr)
    r = run(["extract", "--encoding", "klingon-8", "-"], stdin=b"x")
    check("unknown encoding: exit 2", r.returncode == 2 and b"klingon-8" in r.stderr, r.stderr)
    r = run(["extract", "--jsonl", "--encoding", "utf-16", "-"], stdin=b"")
    check("--jsonl with UTF-16: exit 2, explained", r.returncode == 2 and b"ASCII" in r.stderr, r.stderr)

    # ---- CSV / TSV ----------------------------------------------------------------
    tricky = ('« Il a dit "non", puis "oui", voilà », a déclaré Marie Curie.\n\n'
              '« Première ligne,\n\n« deuxième\tcolonne \\ fin », a ajouté Pierre Martin.')
    recs = [{"id": "a,1", "text": tricky}, {"id": 7, "text": SENTENCE}, {"text": "« Sans id », a dit Marie Curie."}]
    src = jsonl(recs)
    js = lines_of(run(["extract", "--jsonl", "-"], stdin=src))
    want = []
    for rec, o in zip(recs, js):
        for q in o["result"]["quotes"]:
            sp = q["speaker"] or {}
            want.append([str(rec.get("id", "<stdin>:3")), sp.get("name") or "", sp.get("entity") or "", q["kind"],
                         q["text"], str(q["start"]), str(q["end"])])
    r = run(["extract", "--jsonl", "--format", "csv", "-"], stdin=src)
    rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8"), newline="")))
    check("csv: header", rows and rows[0] == ["doc", "speaker", "entity", "kind", "text", "start", "end", "confidence"],
          rows[:1])
    check("csv: one row per quote, fields round-trip through a CSV reader",
          [row[:7] for row in rows[1:]] == want, (rows[1:], want))
    check("csv: quotes, commas and newlines are inside quoted fields", any('"non"' in row[4] for row in rows[1:]) and
          any("\n" in row[4] for row in rows[1:]))
    r = run(["extract", "--jsonl", "--format", "tsv", "-"], stdin=src)
    tl = r.stdout.decode("utf-8").split("\n")

    def untsv(field):
        out, i = [], 0
        while i < len(field):
            if field[i] == "\\" and i + 1 < len(field):
                out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[field[i + 1]])
                i += 2
            else:
                out.append(field[i])
                i += 1
        return "".join(out)

    trows = [[untsv(f) for f in line.split("\t")] for line in tl[1:] if line]
    check("tsv: one row per quote, tabs/newlines/backslashes escaped",
          r.returncode == 0 and [row[:7] for row in trows] == want and all(len(row) == 8 for row in trows),
          (trows, want))
    r = run(["extract", "--jsonl", "--format", "csv", "-"], stdin=b'{"id": 1}\n')
    check("csv: an error goes to stderr with file:line, exit 3",
          r.returncode == 3 and b"<stdin>:1" in r.stderr and r.stdout.count(b"\n") == 1, r.stderr)
    r = run(["extract", "--format", "csv", a])
    check("csv: single document", r.returncode == 0 and r.stdout.decode().splitlines()[1].startswith(a + ",Marie Curie"),
          r.stdout)

    # ---- progress: only on a terminal ------------------------------------------------
    r = run(["extract", "--jsonl", good])
    check("no progress when stderr is not a terminal", r.stderr == b"", r.stderr)
    master, slave = pty.openpty()
    p = subprocess.Popen([PAROLE, "extract", "--jsonl", good], stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    out, _ = p.communicate(timeout=120)
    tty = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        tty += chunk
    os.close(master)
    check("progress on a terminal: documents, MB, MB/s, ETA", p.returncode == 0 and b"2 docs" in tty and
          b"MB/s" in tty and b"ETA" in tty and out.count(b"\n") == 2, tty)

print(f"{len(failures)} failed" if failures else "all CLI batch checks passed")
for f in failures:
    print("  " + f)
sys.exit(1 if failures else 0)
