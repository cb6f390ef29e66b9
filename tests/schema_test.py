#!/usr/bin/env python3
"""Checks parole's JSON output against schema/parole-output.schema.json.

    schema_test.py SCHEMA PAROLE_BINARY TEST_CORPUS_DIR [README.md]

Validates, against the schema:
  * the output of `parole extract` on every TEST_CORPUS_DIR/**/*.txt, with and
    without --report-terms;
  * outputs on edge inputs (invalid UTF-8, nested and unclosed quotes, a user
    gazetteer with extra keys, an empty text);
  * the example in the README's "JSON output" section.
and checks that every span's text is the input's bytes [start, end).

The validation uses nothing but the standard library: validate() below knows
the JSON Schema keywords the schema uses and refuses any other, so the schema
cannot silently grow beyond what is checked. When the `jsonschema` module is
present (Debian: python3-jsonschema, installed by scripts/install-deps.sh) the
schema is also checked against the draft 2020-12 meta-schema and every document
is validated by it too; both validators must agree.
"""
import glob
import json
import math
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema  # optional second opinion
except ImportError:  # pragma: no cover - depends on the machine
    jsonschema = None

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default", "$defs"}


class SchemaError(Exception):
    pass


def is_type(value, name):
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "integer":
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    raise SchemaError(f"unknown type {name!r}")


def json_equal(a, b):
    """Equality of JSON values: 1 == 1.0, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if is_type(a, "number") and is_type(b, "number"):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def resolve(root, ref):
    if not ref.startswith("#/"):
        raise SchemaError(f"only local $ref is supported: {ref}")
    node = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def validate(value, schema, root, path="$"):
    """Returns a list of error strings (empty when value is valid)."""
    if schema is True:
        return []
    if schema is False:
        return [f"{path}: no value is allowed here"]
    errors = []
    for key in schema:
        if key in ANNOTATIONS or key in ("then", "else"):
            continue
        rule = schema[key]
        if key == "$ref":
            errors += validate(value, resolve(root, rule), root, path)
        elif key == "type":
            names = rule if isinstance(rule, list) else [rule]
            if not any(is_type(value, n) for n in names):
                errors.append(f"{path}: {json.dumps(value)[:60]} is not of type {rule}")
        elif key == "const":
            if not json_equal(value, rule):
                errors.append(f"{path}: {json.dumps(value)[:60]} is not {json.dumps(rule)}")
        elif key == "enum":
            if not any(json_equal(value, r) for r in rule):
                errors.append(f"{path}: {json.dumps(value)[:60]} is not one of {rule}")
        elif key == "minimum":
            if is_type(value, "number") and value < rule:
                errors.append(f"{path}: {value} < {rule}")
        elif key == "maximum":
            if is_type(value, "number") and value > rule:
                errors.append(f"{path}: {value} > {rule}")
        elif key == "required":
            if isinstance(value, dict):
                errors += [f"{path}: missing {name!r}" for name in rule if name not in value]
        elif key == "properties":
            if isinstance(value, dict):
                for name, sub in rule.items():
                    if name in value:
                        errors += validate(value[name], sub, root, f"{path}.{name}")
        elif key == "additionalProperties":
            if isinstance(value, dict):
                known = schema.get("properties", {})
                for name in value:
                    if name not in known:
                        errors += validate(value[name], rule, root, f"{path}.{name}")
        elif key == "items":
            if isinstance(value, list):
                for i, item in enumerate(value):
                    errors += validate(item, rule, root, f"{path}[{i}]")
        elif key == "anyOf":
            branches = [validate(value, sub, root, path) for sub in rule]
            if all(branches):
                errors.append(f"{path}: matches none of anyOf: " + " | ".join(b[0] for b in branches))
        elif key == "not":
            if not validate(value, rule, root, path):
                errors.append(f"{path}: matches a schema it must not match: {json.dumps(rule)}")
        elif key == "if":
            branch = "then" if not validate(value, rule, root, path) else "else"
            if branch in schema:
                errors += validate(value, schema[branch], root, path)
        else:
            raise SchemaError(f"keyword {key!r} is not supported by this validator")
    return errors


def check_spans(doc, data, where):
    """Every (text, start, end) must be a copy of the input bytes."""
    errors = []

    def span(obj, path):
        start, end = obj["start"], obj["end"]
        if not start <= end <= len(data):
            errors.append(f"{where}: {path}: bad range [{start}, {end}) for {len(data)} bytes")
        elif data[start:end].decode("utf-8", "replace") != obj["text"]:
            errors.append(f"{where}: {path}: text {obj['text']!r} is not input[{start}:{end}]")

    for i, q in enumerate(doc["quotes"]):
        span(q, f"quotes[{i}]")
        if q["cue"]:
            span(q["cue"], f"quotes[{i}].cue")
        if q["speaker"] and q["speaker"]["mention"]:
            span(q["speaker"]["mention"], f"quotes[{i}].speaker.mention")
        if q["parent"] is not None and not 0 <= q["parent"] < i:
            errors.append(f"{where}: quotes[{i}].parent {q['parent']} is not an earlier quote")
    for i, e in enumerate(doc["entities"]):
        for j, m in enumerate(e["mentions"]):
            span(m, f"entities[{i}].mentions[{j}]")
    return errors


def readme_example(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"^## JSON output\s*\n+```json\n(.*?)\n```", text, re.S | re.M)
    if not match:
        raise SystemExit(f"{path}: no ```json block right after '## JSON output'")
    return json.loads(match.group(1))


def main():
    if len(sys.argv) not in (4, 5):
        raise SystemExit(__doc__)
    schema_path, parole, corpus = sys.argv[1:4]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    failures = []
    checked = 0

    official = None
    if jsonschema is not None:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)  # raises on a schema that is not valid draft 2020-12
        official = cls(schema)
        print(f"ok   schema is valid {schema['$schema']} ({cls.__name__})")
    else:
        print("note: python3-jsonschema not installed, only the built-in validator runs")

    def check(doc, where):
        nonlocal checked
        checked += 1
        errors = validate(doc, schema, schema)
        if official is not None:
            official_errors = sorted(official.iter_errors(doc), key=lambda e: list(e.absolute_path))
            if bool(errors) != bool(official_errors):
                errors.append("validators disagree: jsonschema says "
                              + ("; ".join(e.message for e in official_errors[:3]) or "valid"))
        failures.extend(f"{where}: {e}" for e in errors[:5])

    def run(args, data, where):
        r = subprocess.run([parole] + args, input=data, capture_output=True, timeout=120)
        if r.returncode != 0:
            failures.append(f"{where}: exit {r.returncode}: {r.stderr.decode(errors='replace')[:300]}")
            return None
        try:
            return json.loads(r.stdout)
        except ValueError as e:
            failures.append(f"{where}: not JSON: {e}")
            return None

    texts = sorted(glob.glob(os.path.join(corpus, "**", "*.txt"), recursive=True))
    if not texts:
        raise SystemExit(f"no .txt under {corpus}")
    for path in texts:
        with open(path, "rb") as f:
            data = f.read()
        name = os.path.relpath(path, corpus)
        for args in ([], ["--report-terms"]):
            doc = run(["extract"] + args + [path], b"", f"{name} {' '.join(args)}".strip())
            if doc is not None:
                check(doc, name)
                failures.extend(check_spans(doc, data, name))
    print(f"ok   CLI output on {len(texts)} corpus texts (with and without --report-terms)")

    with tempfile.TemporaryDirectory() as tmp:
        gazetteer = os.path.join(tmp, "mine.json")
        with open(gazetteer, "w", encoding="utf-8") as f:
            json.dump({"entities": [{"id": "dupont", "name": "Marie Dupont", "type": "PERSON", "gender": "f",
                                     "roles": ["maire de Lyon"], "wikidata": "Q1", "score": 3.5,
                                     "tags": ["a", {"b": None}], "verified": True}]}, f)
        edge_cases = {
            "invalid UTF-8": (b"\xff\xfe\xc2\xab caf\xe9 \xc2\xbb, a dit Paul Durand.", []),
            "nested quotes": ("« Il a dit : “ Je reste ” puis il est parti », a raconté Marie Dupont."
                              .encode(), ["-g", gazetteer]),
            "unclosed and stray marks": ("Texte » étrange. « Nous verrons, a dit Marie Dupont.\n\nFin."
                                         .encode(), ["-g", gazetteer]),
            "gazetteer with extra keys": ("La maire de Lyon, Marie Dupont, a déclaré : « Rien n’est fait. »"
                                          .encode(), ["-g", gazetteer]),
            "unknown speaker": ("« C’est trop cher », a dit un manifestant.".encode(), []),
            "no speaker": ("Sur le panneau : rien. « Une phrase sans auteur. »".encode(), ["--report-terms"]),
            "empty": (b"", []),
        }
        for name, (data, args) in edge_cases.items():
            doc = run(["extract"] + args + ["-"], data, name)
            if doc is not None:
                check(doc, name)
                if b"\xff" not in data:
                    failures.extend(check_spans(doc, data, name))
        print(f"ok   CLI output on {len(edge_cases)} edge cases")

    if len(sys.argv) == 5:
        check(readme_example(sys.argv[4]), "README example")
        print("ok   README's JSON output example")

    # The validator itself: documents that must be refused.
    good = {"schema_version": "1.0", "quotes": [], "entities": [],
            "diagnostics": {"too_large": False, "invalid_utf8_bytes": 0, "unclosed_quotes": 0,
                            "stray_closing_marks": 0}}
    bad_docs = {
        "unknown top-level key": dict(good, extra=1),
        "wrong schema_version": dict(good, schema_version="2.0"),
        "first_invalid_offset without invalid bytes":
            dict(good, diagnostics=dict(good["diagnostics"], first_invalid_offset=0)),
        "invalid bytes without first_invalid_offset": dict(good, diagnostics=dict(good["diagnostics"],
                                                                              invalid_utf8_bytes=2)),
        "boolean as integer": dict(good, diagnostics=dict(good["diagnostics"], unclosed_quotes=True)),
        "quote without speaker key": dict(good, quotes=[{"text": "a", "start": 0, "end": 1, "kind": "direct",
                                                         "cue": None, "confidence": 0, "parent": None}]),
        "unknown via": dict(good, quotes=[{"text": "a", "start": 0, "end": 1, "kind": "direct", "cue": None,
                                           "confidence": 0.5, "parent": None,
                                           "speaker": {"name": "X", "entity": None, "mention": None,
                                                       "via": "guess"}}]),
    }
    for name, doc in bad_docs.items():
        errors = validate(doc, schema, schema)
        agree = official is None or bool(list(official.iter_errors(doc))) == bool(errors)
        if not errors or not agree:
            failures.append(f"the validators accept or disagree on an invalid document: {name}")
    if validate(good, schema, schema):
        failures.append("the minimal valid document is refused")
    print(f"ok   {len(bad_docs)} invalid documents refused")

    for f in failures[:50]:
        print("FAIL " + f)
    print(f"{checked} documents checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
