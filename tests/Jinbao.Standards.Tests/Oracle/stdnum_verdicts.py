"""Print python-stdnum's verdict on each identifier of an input file.

The oracle test of the identifier validators writes the input file and compares the verdicts with
its own. Each input line is "ric<TAB>value" or "uscc<TAB>value".

The first output line is "#stdnum <version>". Then each input line gets one output line
"<verdict><TAB><place>". The verdict is "valid" or the name of the stdnum exception class. The place
is "known" when stdnum's division list contains the first six characters of a ric value, "unknown"
when it does not, and "-" for uscc values. Exit status 3 means stdnum could not be imported.
"""

import sys

try:
    import stdnum
    from stdnum.cn import ric, uscc
    from stdnum.exceptions import ValidationError
except ImportError as error:
    print(f"python-stdnum cannot be imported ({error}); install the Debian package python3-stdnum.", file=sys.stderr)
    sys.exit(3)


def verdict(module, value):
    try:
        module.validate(value)
        return "valid"
    except ValidationError as error:
        return type(error).__name__


def place(value):
    try:
        ric.get_birth_place(value)
        return "known"
    except ValidationError:
        return "unknown"


def main(path):
    print(f"#stdnum {stdnum.__version__}")
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            kind, value = line.rstrip("\n").split("\t", 1)
            if kind == "ric":
                print(f"{verdict(ric, value)}\t{place(value)}")
            elif kind == "uscc":
                print(f"{verdict(uscc, value)}\t-")
            else:
                print(f"Invalid input kind {kind!r} on line {number} of {path}; expected ric or uscc.", file=sys.stderr)
                sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1])
