"""Build assets/sports_teams.json from assets/sports_teams.txt (written for this project).

    python assets/build_teams.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def parse(lines: list[str]) -> dict:
    leagues: dict[str, list[dict]] = {}
    league = "other"
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            league = line[1:].strip()
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[0]:
            raise ValueError(f"sports_teams.txt line {number}: expected 'Name|safe;…|context;…'")
        name, safe, context = parts
        leagues.setdefault(league, []).append({
            "name": name,
            "short": [s.strip() for s in safe.split(";") if s.strip()],
            "context": [s.strip() for s in context.split(";") if s.strip()],
        })
    return {"source": "written for this project from general knowledge of league memberships (2025)",
            "licence": "the project's own", "leagues": leagues}


def main() -> None:
    data = parse((HERE / "sports_teams.txt").read_text(encoding="utf-8").splitlines())
    (HERE / "sports_teams.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                            encoding="utf-8")


if __name__ == "__main__":
    main()
