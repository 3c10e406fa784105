#!/usr/bin/env python3
"""Compare two `fazhi check --format json` outputs report by report.

    scripts/bench-compare.py BEFORE.json AFTER.json

Every report must be identical: status, meta, score, every item (status,
evidence spans, parts, message, location) and every finding. Prints the first
differences and exits 1 if there are any; used to check that a performance
change does not change behaviour (see docs/benchmarks.md).
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return {r["path"]: r for r in doc["reports"]}, doc.get("summary")


def diff(a, b, where, out, limit=20):
    if len(out) >= limit:
        return
    if type(a) is not type(b):
        out.append(f"{where}: {a!r} != {b!r}")
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{where}.{k}: only in {'after' if k in b else 'before'}")
            else:
                diff(a[k], b[k], f"{where}.{k}", out, limit)
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f"{where}: {len(a)} entries before, {len(b)} after")
        for i, (x, y) in enumerate(zip(a, b)):
            key = x.get("id", i) if isinstance(x, dict) else i
            diff(x, y, f"{where}[{key}]", out, limit)
    elif a != b:
        out.append(f"{where}: {a!r} != {b!r}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    before, sb = load(sys.argv[1])
    after, sa = load(sys.argv[2])
    out = []
    if set(before) != set(after):
        out.append(f"paths differ: {sorted(set(before) ^ set(after))[:5]}")
    for path in sorted(set(before) & set(after)):
        diff(before[path], after[path], path, out)
    diff(sb, sa, "summary", out)
    items = sum(len(r.get("items", [])) for r in before.values())
    findings = sum(len(r.get("findings", [])) for r in before.values())
    if out:
        print("\n".join(out))
        print(f"DIFFERENT ({len(before)} reports compared)")
        sys.exit(1)
    print(f"identical: {len(before)} reports, {items} items, {findings} findings")


if __name__ == "__main__":
    main()
