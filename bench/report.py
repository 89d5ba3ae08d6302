"""The printed table of a benchmark run, from the same dict that goes to JSON."""

from .generate import scale_label

# The targets, checked on the national scale (1x).
PAGE_P95_MS = 150
LIST_P95_MS = 50


def _cell(row: dict | None) -> str:
    if row is None:
        return f"{'-':>28}"
    if row.get("status") != "measured":
        return f"{'not available':>28}"
    queries = "-" if row["queries"] is None else row["queries"]
    return f"{row['p50_ms']:>7.1f} {row['p95_ms']:>7.1f} {row['p95_ratio']:>5.1f}x {queries:>4}q"


def _backend_table(backend: str, databases: list[dict]) -> list[str]:
    databases = sorted(databases, key=lambda d: d["scale"])
    labels = [scale_label(d["scale"]) for d in databases]
    header = f"{backend + ' (p50 ms, p95 ms, p95/floor, queries)':<40}" + "".join(
        f"  {label:>28}" for label in labels
    )
    lines = [header, "-" * len(header)]
    floor_cells = "".join(
        f"  {d['floor']['p50_ms']:>7.1f} {d['floor']['p95_ms']:>7.1f} {'1.0':>5}x "
        f"{d['floor']['queries']:>4}q"
        if "floor" in d
        else f"  {'failed':>28}"
        for d in databases
    )
    lines.append(f"{'floor: /healthz':<40}{floor_cells}")
    keys = []
    for database in databases:
        for row in database.get("targets", []):
            if row["key"] not in keys:
                keys.append(row["key"])
    for key in keys:
        rows = [next((r for r in d.get("targets", []) if r["key"] == key), None) for d in databases]
        queries = {
            r["queries"]
            for r in rows
            if r and r.get("status") == "measured" and r["queries"] is not None
        }
        flag = "  queries differ by scale" if len(queries) > 1 else ""
        failed = sorted(
            {
                str(r.get("http_status"))
                for r in rows
                if r and r.get("status") == "measured" and r.get("http_status") != 200
            }
        )
        if failed:
            flag += f"  HTTP {', '.join(failed)}"
        lines.append(f"{key[:40]:<40}" + "".join(f"  {_cell(r)}" for r in rows) + flag)
    return lines


def _targets_missed(databases: list[dict]) -> list[str]:
    missed = []
    for database in databases:
        if database["scale"] != 1:
            continue
        for row in database.get("targets", []):
            if row.get("status") != "measured" or row["kind"] == "export":
                continue
            where = f"{database['backend']} 1x {row['key']}"
            if row["p95_ms"] > PAGE_P95_MS:
                missed.append(f"{where}: p95 {row['p95_ms']} ms > {PAGE_P95_MS} ms")
            elif "list" in row["key"] and row["p95_ms"] > LIST_P95_MS:
                missed.append(f"{where}: p95 {row['p95_ms']} ms > {LIST_P95_MS} ms (list aim)")
    return missed


def _extras(name: str, database: dict) -> list[str]:
    """The rules check and the letters measured on one database."""
    lines = []
    rules = database.get("rules_check", {})
    if rules.get("status") == "done":
        for code in ("rekom", "dekom"):
            figure = rules.get(code, {})
            if "p95_ms" in figure:
                lines.append(
                    f"rules check {name}, {rules['lines']} lines, {figure['rule_set']}: p50 "
                    f"{figure['p50_ms']} ms, p95 {figure['p95_ms']} ms per check "
                    f"({figure['findings']} findings)"
                )
    else:
        lines.append(f"rules check {name}: {rules.get('status')} {rules.get('reason', '')}")
    letters = database.get("letters", {})
    if letters.get("status") == "done":
        lines.append(
            f"letters {name}: {letters['letters']} of the {letters['issued_in_round']} in "
            f"{letters['round']}: {letters['letters_per_second']} letters/s, p50 "
            f"{letters['p50_ms']} ms, p95 {letters['p95_ms']} ms per letter"
        )
    else:
        lines.append(f"letters {name}: {letters.get('status')} {letters.get('reason', '')}")
    return lines


def table(results: dict) -> str:
    databases = results["databases"]
    lines = []
    for backend in sorted({d["backend"] for d in databases}):
        lines += _backend_table(backend, [d for d in databases if d["backend"] == backend])
        lines.append("")
    unmeasured = sorted(
        {r["key"] for d in databases for r in d.get("targets", []) if r.get("status") != "measured"}
    )
    lines.append("Not available: " + (", ".join(unmeasured) or "none"))
    lines.append("")
    for database in databases:
        name = f"{database['backend']} {scale_label(database['scale'])}"
        for step in database.get("generated", {}).get("steps", []):
            if step["step"] == "units" and step.get("figures"):
                figures = step["figures"]
                lines.append(
                    f"generation {name}: {figures['units_created']} units via "
                    f"{figures['units_via']}, {figures['units_per_second']:,} units/s; "
                    f"whole data set {database['generated']['seconds']} s"
                )
        load = database.get("load")
        if load:
            if load.get("status") == "done":
                lines.append(
                    f"load run {name}: {load['users']} users, {load['seconds']} s, "
                    f"{load['requests']} requests, {load['throughput_rps']} req/s, "
                    f"{load['errors']} errors, p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms"
                )
            else:
                lines.append(f"load run {name}: {load.get('status')} {load.get('reason', '')}")
    for backend, figures in results.get("import", {}).items():
        if figures.get("status") == "done":
            lines.append(
                f"import {backend}: {figures['units_in_files']} units, first import "
                f"{figures['first']['units_per_second']:,} units/s, repeated "
                f"{figures['repeated']['units_per_second']:,} units/s"
            )
        else:
            lines.append(f"import {backend}: {figures.get('status')} {figures.get('reason', '')}")
    for database in databases:
        lines += _extras(f"{database['backend']} {scale_label(database['scale'])}", database)
    missed = _targets_missed(databases)
    lines.append("")
    lines.append("Targets missed at 1x: " + ("none" if not missed else ""))
    lines += [f"  {line}" for line in missed]
    return "\n".join(lines)
