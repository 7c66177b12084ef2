#!/usr/bin/env python3
"""An independent oracle for what dbt builds from a small dbt project, in Python.

Renders every model with Python's own jinja2 (ref, source, config, var and the project's macros
as plain functions, no dbt installed) and runs the SQL with the sqlite3 module, seeds loaded from
their CSV files the way dbt's CSV loader types them (integer, number or text; an empty field is
NULL). Then it runs the four generic data tests with dbt's own SQL semantics (accepted_values lets
NULL pass, relationships ignores NULL children) and the singular tests, and writes every model's
rows and every test's failure count as JSON.

The workbench's engine (TypeScript, @huggingface/jinja, sql.js) must produce the same: see
tests/core/models/dbt-jaffle.spec.ts and dbt-hanbit.spec.ts, which compare to this script's
output and re-run it when python3 and jinja2 are present.

Usage:
  python3 scripts/dbt-oracle.py [project_dir] [--db warehouse.sqlite] [--out expected.json]
Defaults: tests/fixtures/jaffle_shop, no database, output to stdout. With --db the project's
sources are read from that SQLite file (attached read-only) and only the models are built there.
"""
import argparse
import csv
import json
import os
import re
import sqlite3
import sys

import jinja2
import yaml

INT_RE = re.compile(r"^-?\d+$")
NUM_RE = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def read(path):
    with open(path, encoding="utf-8-sig") as f:
        return f.read()


def walk(root, sub, exts):
    base = os.path.join(root, sub)
    out = []
    for dirpath, _dirs, files in os.walk(base):
        for name in files:
            if name.lower().endswith(exts):
                full = os.path.join(dirpath, name)
                out.append(os.path.relpath(full, root).replace(os.sep, "/"))
    return sorted(out)


def seed_rows(path):
    """Columns, their SQLite types and rows, typed as dbt's CSV loader would (agate)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    types = []
    for i, _ in enumerate(header):
        vals = [r[i] for r in body if i < len(r) and r[i] != ""]
        if vals and all(INT_RE.match(v) for v in vals):
            types.append("integer")
        elif vals and all(NUM_RE.match(v) for v in vals):
            types.append("real")
        else:
            types.append("text")
    typed = []
    for r in body:
        out = []
        for i, t in enumerate(types):
            v = r[i] if i < len(r) else ""
            if v == "":
                out.append(None)
            elif t == "integer":
                out.append(int(v))
            elif t == "real":
                out.append(float(v))
            else:
                out.append(v)
        typed.append(out)
    return header, types, typed


def model_config_from_project(project, path_parts):
    """The materialization dbt_project.yml gives a model by its folder (+materialized, nested)."""
    models_conf = (project.get("models") or {}).get(project["name"]) or {}
    mat = "view"
    node = models_conf
    for key in ("+materialized", "materialized"):
        if key in node:
            mat = node[key]
    for part in path_parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            break
        for key in ("+materialized", "materialized"):
            if key in node:
                mat = node[key]
    return mat


def test_args(spec):
    """A generic test entry as (kind, arguments) for every form dbt accepts."""
    if isinstance(spec, str):
        return spec, {}
    ((kind, body),) = spec.items() if "name" not in spec and "test_name" not in spec else (
        (spec.get("test_name", spec.get("name")), spec),
    )
    body = body or {}
    args = dict(body.get("arguments") or {})
    for k, v in body.items():
        if k not in ("arguments", "config", "name", "test_name", "description", "severity", "where", "tags", "meta"):
            args.setdefault(k, v)
    return kind, args


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("project", nargs="?", default="tests/fixtures/jaffle_shop")
    ap.add_argument("--db")
    ap.add_argument("--out")
    a = ap.parse_args()
    root = a.project
    project = yaml.safe_load(read(os.path.join(root, "dbt_project.yml")))
    variables = project.get("vars") or {}

    if a.db:
        # The warehouse is opened read-only as main; everything built goes to an attached scratch
        # database, so the file is never changed.
        con = sqlite3.connect("file:" + os.path.abspath(a.db) + "?mode=ro", uri=True)
        con.execute("attach database ':memory:' as build")
        schema = "build."
    else:
        con = sqlite3.connect(":memory:")
        schema = ""

    # Seeds
    seeds = {}
    for rel in walk(root, "seeds", (".csv",)):
        name = os.path.splitext(os.path.basename(rel))[0]
        cols, types, rows = seed_rows(os.path.join(root, rel))
        target = schema + '"' + name + '"'
        con.execute("create table %s (%s)" % (target, ", ".join('"%s" %s' % (c, t) for c, t in zip(cols, types))))
        con.executemany("insert into %s values (%s)" % (target, ", ".join("?" * len(cols))), rows)
        seeds[name] = cols

    # Sources, from every YAML file under models/
    sources = {}
    model_yaml = {}
    source_yaml = []
    for rel in walk(root, "models", (".yml", ".yaml")):
        doc = yaml.safe_load(read(os.path.join(root, rel))) or {}
        for src in doc.get("sources") or []:
            for t in src.get("tables") or []:
                sources[(src["name"], t["name"])] = t.get("identifier", t["name"])
        for m in doc.get("models") or []:
            model_yaml[m["name"]] = m
        for src in doc.get("sources") or []:
            for t in src.get("tables") or []:
                source_yaml.append((src["name"], t))

    # Macros become globals, as in dbt
    env = jinja2.Environment(extensions=["jinja2.ext.do"], undefined=jinja2.StrictUndefined)
    macro_text = "\n".join(read(os.path.join(root, rel)) for rel in walk(root, "macros", (".sql",)))

    state = {}

    def ref(name, *_):
        state.setdefault("refs", []).append(name)
        return schema + '"' + name + '"'

    def source(src, table):
        return '"' + sources[(src, table)] + '"'

    def config(**kw):
        state.setdefault("config", {}).update(kw)
        return ""

    def var(name, default=None):
        if name in variables:
            return variables[name]
        if default is None:
            raise KeyError("var %s is not defined" % name)
        return default

    env.globals.update(
        ref=ref,
        source=source,
        config=config,
        var=var,
        is_incremental=lambda: False,
        target={"name": "dev", "schema": "main", "type": "sqlite"},
    )
    if macro_text.strip():
        module = env.from_string(macro_text).make_module()
        for k in dir(module):
            if not k.startswith("_"):
                env.globals[k] = getattr(module, k)

    # Render every model first to learn its refs, then build in dependency order.
    models = {}
    for rel in walk(root, "models", (".sql",)):
        name = os.path.splitext(os.path.basename(rel))[0]
        state.clear()
        sql = env.from_string(read(os.path.join(root, rel))).render(this=name)
        mat = (state.get("config") or {}).get("materialized") or model_config_from_project(project, rel.split("/")[1:])
        models[name] = {"sql": sql, "refs": [r for r in state.get("refs", []) if r not in seeds], "materialized": mat}

    built = []
    pending = dict(models)
    while pending:
        ready = sorted(n for n, m in pending.items() if all(r in built for r in m["refs"]))
        if not ready:
            sys.exit("cycle or missing ref among: %s" % ", ".join(sorted(pending)))
        for n in ready:
            m = pending.pop(n)
            kind = "view" if m["materialized"] == "view" else "table"
            # SQLite views cannot name another schema; in --db mode build views as tables there.
            if schema:
                kind = "table"
            con.execute("create %s %s as %s" % (kind, schema + '"' + n + '"', m["sql"]))
            built.append(n)

    def rows_of(sql):
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description]
        return cols, cur.fetchall()

    out_models = {}
    for n in built:
        cols, rows = rows_of("select * from %s" % (schema + '"' + n + '"'))
        rows = sorted((list(r) for r in rows), key=lambda r: [(v is not None, str(type(v)), v) for v in r])
        out_models[n] = {"materialized": models[n]["materialized"], "columns": cols, "rows": rows}

    # Generic tests with dbt's SQL (dbt/include/global_project/macros/generic_test_sql/*.sql semantics)
    tests = []

    def rel_of(expr):
        return env.from_string("{{ " + expr + " }}").render() if "(" in expr else '"' + expr + '"'

    def run_test(model, model_sql_name, column, spec):
        kind, args = test_args(spec)
        col = '"' + column + '"' if column else None
        m = model_sql_name
        if kind == "unique":
            sql = "select %s from %s where %s is not null group by %s having count(*) > 1" % (col, m, col, col)
        elif kind == "not_null":
            sql = "select * from %s where %s is null" % (m, col)
        elif kind == "accepted_values":
            if args.get("quote", True):
                vals = ", ".join("'" + str(v).replace("'", "''") + "'" for v in args["values"])
            else:
                vals = ", ".join(str(v) for v in args["values"])
            sql = "select %s as value_field, count(*) from %s group by %s having %s not in (%s)" % (col, m, col, col, vals)
        elif kind == "relationships":
            parent = rel_of(args["to"])
            field = '"' + args["field"] + '"'
            sql = (
                "select child.%s from (select %s from %s where %s is not null) as child "
                "left join (select %s from %s) as parent on child.%s = parent.%s where parent.%s is null"
                % (col, col, m, col, field, parent, col, field, field)
            )
        else:
            return
        failures = len(con.execute(sql).fetchall())
        tests.append({"kind": kind, "model": model, "column": column, "failures": failures})

    for name, m in model_yaml.items():
        target = schema + '"' + name + '"'
        for spec in (m.get("data_tests") or []) + (m.get("tests") or []):
            run_test(name, target, None, spec)
        for c in m.get("columns") or []:
            for spec in (c.get("data_tests") or []) + (c.get("tests") or []):
                run_test(name, target, c["name"], spec)
    for src_name, t in source_yaml:
        target = '"' + t.get("identifier", t["name"]) + '"'
        label = "%s.%s" % (src_name, t["name"])
        for spec in (t.get("data_tests") or []) + (t.get("tests") or []):
            run_test(label, target, None, spec)
        for c in t.get("columns") or []:
            for spec in (c.get("data_tests") or []) + (c.get("tests") or []):
                run_test(label, target, c["name"], spec)
    for rel in walk(root, "tests", (".sql",)):
        state.clear()
        sql = env.from_string(read(os.path.join(root, rel))).render()
        tests.append({"kind": "singular", "model": None, "column": None, "name": os.path.splitext(os.path.basename(rel))[0], "failures": len(con.execute(sql).fetchall())})

    result = {
        "generatedBy": "scripts/dbt-oracle.py (Python jinja2 %s, sqlite3 %s)" % (jinja2.__version__, sqlite3.sqlite_version),
        "project": project["name"],
        "models": out_models,
        "tests": tests,
    }
    text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
