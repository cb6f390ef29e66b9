#!/usr/bin/env python3
"""Test of the Dask example (CTest: dask-example).

    test_parole_dask.py PAROLE_BINARY TEST_CORPUS_DIR

Turns every text of the test corpus into a JSON Lines record (id = its path),
adds a few records that give error lines, spreads them over three files, runs
examples/dask/parole_dask.py on a LocalCluster of 2 worker processes with small
partitions (so that there are many), and checks that every record comes back
exactly once, in input order, with the same result as a plain
`parole extract --jsonl` run over the same files.

Runs the example with an interpreter that has dask and distributed: this one,
else Debian's /usr/bin/python3 (python3-dask, python3-distributed).
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

PAROLE, CORPUS = os.path.abspath(sys.argv[1]), sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))


def interpreter():
    for exe in [sys.executable, "/usr/bin/python3"]:
        if exe and os.path.exists(exe) and subprocess.run(
                [exe, "-c", "import dask.bag, distributed"], capture_output=True).returncode == 0:
            return exe
    sys.exit("dask-example: no Python with dask and distributed; install python3-dask python3-distributed "
             "(scripts/install-deps.sh)")


def main():
    texts = sorted(glob.glob(os.path.join(CORPUS, "**", "*.txt"), recursive=True))
    if len(texts) < 10:
        sys.exit(f"dask-example: too few texts under {CORPUS}")
    records = []
    for path in texts:
        with open(path, encoding="utf-8") as f:
            records.append(json.dumps({"id": os.path.relpath(path, CORPUS), "text": f.read(), "n": len(records)},
                                      ensure_ascii=False))
    records.insert(5, '{"id": "broken-json", "text": ')
    records.insert(40, json.dumps({"id": "no-text"}))
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        third = (len(records) + 2) // 3
        for k in range(3):
            path = os.path.join(tmp, f"corpus-{k}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in records[k * third:(k + 1) * third]))
            inputs.append(path)
        out_dir = os.path.join(tmp, "out")
        # ~10 KB partitions: dozens of pipes through parole over 2 worker processes.
        proc = subprocess.run([interpreter(), os.path.join(HERE, "parole_dask.py"), "--parole", PAROLE,
                               "--output", out_dir, "--workers", "2", "--partition-mb", "0.01"] + inputs,
                              capture_output=True, timeout=900)
        print(proc.stderr.decode(errors="replace")[-3000:])
        failures = []
        if proc.returncode != 3:
            failures.append(f"exit code {proc.returncode}, want 3 (two error lines)")
        parts = sorted(glob.glob(os.path.join(out_dir, "part-*.jsonl")))
        got = []
        for part in parts:
            with open(part, encoding="utf-8") as f:
                got.extend(f.read().splitlines())
        want_ids = [json.loads(r)["id"] if r != records[5] else None for r in records]
        got_ids = [json.loads(line).get("id") for line in got]
        if len(parts) < 5:
            failures.append(f"only {len(parts)} partitions: the test should use many")
        if sorted(map(str, got_ids)) != sorted(map(str, want_ids)):
            missing = set(map(str, want_ids)) - set(map(str, got_ids))
            failures.append(f"records not back exactly once: {len(got_ids)} lines for {len(want_ids)} records, "
                            f"missing {sorted(missing)[:5]}")
        if got_ids != want_ids:
            failures.append("output not in input order")
        errors = [json.loads(line) for line in got if "error" in json.loads(line)]
        if sorted(str(e["id"]) for e in errors) != ["None", "no-text"]:
            failures.append(f"error lines: {errors}")
        plain = subprocess.run([PAROLE, "extract", "--jsonl", "--threads", "2"] + inputs, capture_output=True,
                               timeout=900)
        plain_lines = plain.stdout.decode("utf-8").splitlines()

        def strip(line):  # error lines differ by file and line number (partition-relative in Dask)
            obj = json.loads(line)
            if "error" in obj:
                obj["error"] = obj["error"]["code"]
            return obj

        if [strip(line) for line in got] != [strip(line) for line in plain_lines]:
            failures.append("results differ from a plain `parole extract --jsonl` run")
        print(f"dask-example: {len(records)} records, {len(parts)} partitions, {len(got)} lines back, "
              f"{len(errors)} error lines")
        for f in failures:
            print("FAIL " + f)
        print("dask-example: 1 passed, 0 failed" if not failures else "dask-example: 0 passed, 1 failed")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
