#!/usr/bin/env python3
"""Run parole over a partitioned JSON Lines corpus with Dask.

    python3 examples/dask/parole_dask.py --parole build/parole \
        --output OUT_DIR [--workers N] [--partition-mb MB] [--scheduler ADDRESS] \
        CORPUS.jsonl [MORE.jsonl | 'glob/*.jsonl' ...]

Each input file is cut into partitions of whole lines (dask.bag.read_text with
a block size). A worker process of the cluster pipes each partition through
`parole extract --jsonl --threads 1 -`: JSON Lines in on stdin, one output
line per input line on stdout (the record's id and fields plus "result", or an
"error" line). The partitions' outputs are written to OUT_DIR/part-NNNNN.jsonl
in input order, so OUT_DIR/part-* read in name order has one line per input
line, in the order of the input.

Without --scheduler a LocalCluster of N worker processes (default: all cores,
one thread each) is started: each worker runs one parole process at a time,
so the machine's cores are used by N single-threaded parole processes. With
--scheduler the same code runs on an existing Dask cluster (every worker needs
the parole binary at the --parole path).

Error lines count lines from the start of their partition, not of the file;
join them back to the input by their "id". parole's exit code 3 (some error
lines) is not a failure here: those lines are part of the output, counted,
and the script exits with 3 as parole does. Any other non-zero exit of parole,
or an output that does not have one line per input line, fails the partition
and the run.

Needs the Debian packages python3-dask and python3-distributed
(scripts/install-deps.sh installs them).
"""
import argparse
import json
import os
import subprocess
import sys


def parole_partition(lines, parole, extra_args):
    """Pipes one partition (an iterable of lines with their "\\n") through parole."""
    lines = list(lines)
    if not lines:
        return []
    # surrogateescape: bytes that are not UTF-8 reach parole unchanged, which
    # reports them itself (as U+FFFD, or as an error line with --strict-utf8).
    data = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    data = data.encode("utf-8", errors="surrogateescape")
    proc = subprocess.run([parole, "extract", "--jsonl", "--no-progress"] + list(extra_args) + ["-"],
                          input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"parole exited with {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")
    out = proc.stdout.decode("utf-8").splitlines()
    if len(out) != len(lines):
        raise RuntimeError(f"parole wrote {len(out)} lines for {len(lines)} input lines")
    return out


def parole_to_file(lines, parole, extra_args, path):
    """One partition: through parole, then to `path`. Returns (lines, error lines)."""
    out = parole_partition(lines, parole, extra_args)
    with open(path, "w", encoding="utf-8") as f:
        for line in out:
            f.write(line + "\n")
    errors = 0
    for line in out:
        record = json.loads(line)
        errors += "error" in record and "result" not in record
    return len(out), errors


def run(inputs, output, parole, workers=None, partition_mb=64.0, scheduler=None, parole_args=()):
    """Processes `inputs` (paths or globs of JSON Lines) into OUTPUT/part-NNNNN.jsonl.

    Returns the output files in order, the number of lines and of error lines.
    """
    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster

    parole = os.path.abspath(parole)
    os.makedirs(output, exist_ok=True)
    for old in os.listdir(output):  # parts of an earlier run would mix with this one's
        if old.startswith("part-") and old.endswith(".jsonl"):
            os.remove(os.path.join(output, old))
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        # Lines come with their "\n"; a partition is a block of whole lines.
        lines = db.read_text(list(inputs), blocksize=int(partition_mb * 1e6), encoding="utf-8",
                             errors="surrogateescape", linedelimiter="\n")
        paths = [os.path.join(output, f"part-{i:05d}.jsonl") for i in range(lines.npartitions)]
        tasks = [dask.delayed(parole_to_file)(part, parole, list(parole_args), path)
                 for part, path in zip(lines.to_delayed(), paths)]
        counts = dask.compute(*tasks)
        return paths, sum(c[0] for c in counts), sum(c[1] for c in counts)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSON Lines files or globs")
    ap.add_argument("--parole", default="build/parole", help="the parole CLI (default build/parole)")
    ap.add_argument("--output", required=True, help="folder for part-NNNNN.jsonl")
    ap.add_argument("--workers", type=int, default=None, help="worker processes of the local cluster (default: cores)")
    ap.add_argument("--partition-mb", type=float, default=64.0, help="partition size in MB (default 64)")
    ap.add_argument("--scheduler", default=None, help="address of an existing Dask scheduler instead of a local one")
    ap.add_argument("--parole-arg", action="append", default=[],
                    help="extra argument for `parole extract`, repeatable (e.g. --parole-arg=--report-terms)")
    args = ap.parse_args()
    files, lines, errors = run(args.inputs, args.output, args.parole, args.workers, args.partition_mb,
                               args.scheduler, ["--threads", "1"] + args.parole_arg)
    print(f"parole_dask: {lines} line(s), {errors} error line(s), in {len(files)} partition file(s) under "
          f"{args.output}", file=sys.stderr)
    sys.exit(3 if errors else 0)


if __name__ == "__main__":
    main()
