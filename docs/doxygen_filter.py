#!/usr/bin/env python3
"""Doxygen input filter: reads the public headers' plain `//` comments as documentation.

    doxygen_filter.py FILE   (called by doxygen, see FILTER_PATTERNS in docs/Doxyfile)

The headers in include/parole/ are written for people reading them, in plain
`//` comments (Google style), and Doxygen only reads `///`. This filter prints
FILE with, line for line (so doxygen's line numbers stay true):
  * the comment block that opens the file -> the file's documentation (`\\file`);
  * a comment block right before a declaration -> `///`, that declaration's doc;
  * a comment after code on the same line (`int x;  // ...`) -> `///<`, the doc of
    that member, and the comment-only lines aligned under it continue it;
  * a heading underlined with --- or === becomes a `###` heading, the underline
    a blank line;
  * in a comment, lines indented by two spaces or more after a blank comment
    line or a heading underline are code: they are indented further so that
    Markdown shows them as a code block.
Comments inside function bodies and code lines are left as they are.
"""
import re
import sys

COMMENT = re.compile(r"^(\s*)//(?!/)(.*)$")


def trailing_comment(line):
    """Column of a `//` comment that follows code on the line, or -1."""
    in_string = None
    i = 0
    while i < len(line) - 1:
        c = line[i]
        if in_string:
            if c == "\\":
                i += 2
                continue
            if c == in_string:
                in_string = None
        elif c in "\"'":
            in_string = c
        elif line.startswith("//", i):
            before = line[:i]
            return i if before.strip() and not line.startswith("///", i) else -1
        i += 1
    return -1


def filter_lines(lines):
    out = []
    in_file_block = True  # the comment lines before any code
    trailing_column = -1  # column of the previous line's trailing comment, continued by aligned lines
    previous_text = None  # text of the previous comment line (None: previous line was no comment)
    in_code = False
    for line in lines:
        m = COMMENT.match(line)
        if m:
            indent, text = m.group(1), m.group(2)
            if trailing_column >= 0 and len(indent) == trailing_column:
                out.append(f"{indent}///<{text}")
                continue
            trailing_column = -1
            body = text[1:] if text.startswith(" ") else text
            blank = body.strip() == ""
            underline = re.fullmatch(r"-{3,}|={3,}", body.strip() or "x") is not None
            if blank:
                in_code = False
            elif body.startswith("  ") and (previous_text is not None and
                                             (previous_text.strip() == "" or in_code or
                                              re.fullmatch(r"-{3,}|={3,}", previous_text.strip()))):
                in_code = True
            elif not body.startswith("  "):
                in_code = False
            if in_code:
                body = "    " + body
            if in_file_block and not out:
                body += r" \file"  # the opening block documents the file
            if underline and out and previous_text:
                # « Title / ----- » -> « ### Title / (blank) »: a heading, then the
                # blank line a code block right under it needs.
                out[-1] = re.sub(r"^(\s*)/// ?", r"\1/// ### ", out[-1])
                body = ""
            out.append(f"{indent}/// {body}" if body else f"{indent}///")
            previous_text = "" if blank else ("---" if underline else body)
            continue
        previous_text = None
        in_code = False
        if line.strip():
            in_file_block = False
        col = trailing_comment(line)
        if col >= 0:
            text = line[col + 2:]
            out.append(f"{line[:col]}///<{text}")
            trailing_column = col
        else:
            out.append(line)
            trailing_column = -1
    return out


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    sys.stdout.write("\n".join(filter_lines(lines)))


if __name__ == "__main__":
    main()
