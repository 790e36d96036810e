"""Compare the answers of two `coach eval --report` runs: byte-identical or not, case by case (CONTRIBUTING.md).

usage: python scripts/answers_same.py BEFORE/results.json AFTER/results.json   (exit 1 when any differ)"""

import json
import sys


def answers(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8") as handle:
        return {f"{case['id']}|{case['split']}": case["answer"] for case in json.load(handle)["cases"]}


def main() -> int:
    before, after = answers(sys.argv[1]), answers(sys.argv[2])
    differ = [key for key in before if before[key] != after.get(key)]
    print(f"{len(before)} answers, {len(differ)} differ", differ[:10])
    return 1 if differ or before.keys() != after.keys() else 0


if __name__ == "__main__":
    sys.exit(main())
