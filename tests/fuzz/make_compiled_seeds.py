#!/usr/bin/env python3
"""Writes the seeds of the fuzz_compiled target (tests/fuzz/corpus/compiled/)
again, for the current compiled format: run it when kCompiledVersion changes
(CTest "the fuzzer's seeds are files of this format version" fails until then).

    tests/fuzz/make_compiled_seeds.py build/parole

A seed is the payload of a file that `parole compile-gazetteer
--no-default-gazetteer` writes (the file without its 32-byte header, which the
fuzz target puts back): of
compiled-seeds/a.jsonl, of b.jsonl, of both, of no entity; and
regress-mask-past-match.bin, the payload of both whose form ends all have
every capital-mask bit set, tokens past the match included (the damage that
once made Matcher::accepts read past the tokens).
"""
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus", "compiled")
HEADER = 32


def payload(parole, sources, folder):
    gazetteer = os.path.join(folder, "in.jsonl")
    with open(gazetteer, "wb") as out:
        for source in sources:
            with open(source, "rb") as f:
                out.write(f.read())
    compiled = os.path.join(folder, "out.parolegz")
    # Without the default gazetteer's forms: seeds stay within the fuzzer's input size.
    subprocess.run([parole, "compile-gazetteer", "--no-default-gazetteer", gazetteer, compiled], check=True,
                   stderr=subprocess.DEVNULL)
    with open(compiled, "rb") as f:
        return f.read()[HEADER:]


class Cursor:
    """Walks a payload as lib/entities/compiled.cpp lays it out."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def u64(self):
        value = struct.unpack_from("<Q", self.data, self.pos)[0]
        self.pos += 8
        return value

    def skip(self, n):
        self.pos += n + (8 - (self.pos + n) % 8) % 8

    def string(self):
        self.skip(self.u64())


def with_masks_past_match(data):
    data = bytearray(data)
    c = Cursor(data)
    for _ in range(c.u64()):  # records: id, name, type, gender, aliases, roles, extra fields
        for _ in range(4):
            c.string()
        for _ in range(2):
            for _ in range(c.u64()):
                c.string()
        for _ in range(2 * c.u64()):
            c.string()
    c.skip(4 * c.u64())  # the id table
    c.u64()  # the default gazetteer's forms: records
    c.u64()  # and fingerprint
    c.string()  # token_text
    # token_offsets, token_slots, lower_start_ids, token_filter,
    # lower_start_filter, capital_start_filter, root_children, edge_keys,
    # edge_children, edge_filter, end_offsets: element sizes
    for size in (4, 16, 4, 8, 8, 8, 4, 8, 4, 8, 4):
        c.skip(size * c.u64())
    ends = c.u64()  # FormEnd: entity, capital_mask, upper_mask
    for k in range(ends):
        struct.pack_into("<I", data, c.pos + 12 * k + 4, 0xFFFFFFFF)
    c.skip(12 * ends)
    c.u64()  # form_count
    if c.pos != len(data):
        sys.exit("make_compiled_seeds: the payload's layout is not the one this script knows: update it")
    return bytes(data)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    parole = sys.argv[1]
    a = os.path.join(HERE, "compiled-seeds", "a.jsonl")
    b = os.path.join(HERE, "compiled-seeds", "b.jsonl")
    with tempfile.TemporaryDirectory() as folder:
        seeds = {
            "payload-a.bin": payload(parole, [a], folder),
            "payload-b.bin": payload(parole, [b], folder),
            "payload-ab.bin": payload(parole, [a, b], folder),
            "payload-empty.bin": payload(parole, [], folder),
        }
    seeds["regress-mask-past-match.bin"] = with_masks_past_match(seeds["payload-ab.bin"])
    for name, data in seeds.items():
        with open(os.path.join(CORPUS, name), "wb") as f:
            f.write(data)
        print(name, len(data), "bytes")


if __name__ == "__main__":
    main()
