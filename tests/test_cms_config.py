"""The web editor's configuration (issue 14, point 1): `xxgk cms-config` generates Decap CMS's
config.yml from the item schema and the catalogue — every schema field has a widget with its
Chinese label and help, the catalogue's vocabularies and the schema's enums are the selects'
options, dates are date pickers, 索引号 and 发文字号 are validated as the gate validates them,
one collection per unit and editable column, pull requests through the editorial workflow."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import PROJECT
from xxgk.cms import cms_config, field_paths
from xxgk.cms.config import FORM_REQUIRED
from xxgk.core.catalogue import load_catalogue
from xxgk.core.items import INDEX_PATTERN
from xxgk.core.newitem import editable_columns
from xxgk.core.schema import item_schema
from xxgk.rules.checks.doc_number_format import VALID as DOC_NUMBER

CATALOGUE = load_catalogue(str(PROJECT), [])
SCHEMA = item_schema()
CONFIG = cms_config(CATALOGUE)


def spec_at(path: tuple) -> dict:
    spec = SCHEMA
    for name in path:
        spec = spec.get("items", spec) if spec.get("type") == "array" else spec
        spec = spec["properties"][name]
    return spec


def field_at(fields: list, path: tuple) -> dict:
    field = {"fields": fields}
    for name in path:
        field = next(f for f in field["fields"] if f["name"] == name)
    return field


def test_there_is_a_collection_for_every_unit_and_editable_column():
    expected = [(u.id, c.id) for u in CATALOGUE.units.values() for c in editable_columns(CATALOGUE, u)]
    got = [tuple(c["name"].split("-", 1)) for c in CONFIG["collections"]]
    assert got == expected and len(got) > 50
    for collection in CONFIG["collections"]:
        unit, column = collection["name"].split("-", 1)
        assert collection["folder"] == f"content/{unit}/{column}" and collection["path"].startswith("{{year}}/")
        assert collection["label"].startswith(CATALOGUE.units[unit].name)
        assert collection["format"] == "frontmatter" and collection["media_folder"] == ""  # attachments beside it
        assert collection["delete"] is False  # Decap would delete a published item past the pull request
        body = collection["fields"][-1]
        assert body["name"] == "body" and body["widget"] == "markdown" and body["sanitize_preview"] is True
    assert CONFIG["publish_mode"] == "editorial_workflow" and CONFIG["locale"] == "zh_Hans"


@pytest.mark.parametrize("path", field_paths(SCHEMA), ids="/".join)
def test_every_schema_field_has_a_widget_with_its_chinese_label(path):
    for collection in CONFIG["collections"][:3] + CONFIG["collections"][-2:]:
        field = field_at(collection["fields"], path)
        spec = spec_at(path)
        assert field["widget"] and field["label"] == spec.get("title", path[-1])
        assert re.search(r"[\u4e00-\u9fff]", field["label"]), path
        if spec.get("description") and field["widget"] != "hidden":
            assert field["hint"] == spec["description"]
        parent = spec_at(path[:-1]) if len(path) > 1 else SCHEMA
        parent = parent.get("items", parent) if parent.get("type") == "array" else parent
        if field["widget"] != "hidden":
            # the schema's required fields, and the review the gate's missing-review asks for
            assert field["required"] == (path[-1] in parent.get("required", ()) or path in FORM_REQUIRED), path


def test_the_config_has_no_field_the_schema_lacks():
    paths = set(field_paths(SCHEMA))

    def walk(fields, path=()):
        for field in fields:
            here = path + (field["name"],)
            if here != ("body",) and here[:1] != ("attachments",):
                assert here in paths, here
            walk(field.get("fields", ()), here)

    walk(CONFIG["collections"][0]["fields"])


def test_selects_offer_exactly_the_catalogue_and_schema_values():
    fields = CONFIG["collections"][0]["fields"]
    assert field_at(fields, ("topic",))["options"] == list(CATALOGUE.topics)
    assert field_at(fields, ("kind",))["options"] == list(CATALOGUE.document_kinds)
    for path in [p for p in field_paths(SCHEMA) if "enum" in spec_at(p)]:
        assert field_at(fields, path)["widget"] == "select" and field_at(fields, path)["options"] == spec_at(path)["enum"]
    assert field_at(fields, ("mode",))["options"] == ["主动公开", "依申请公开", "不予公开"]
    assert field_at(fields, ("validity", "status"))["options"][0] == "有效"


def test_dates_are_date_pickers_and_numbers_are_validated_as_the_gate_does():
    fields = CONFIG["collections"][0]["fields"]
    dates = [p for p in field_paths(SCHEMA) if "\\d{4}-\\d{2}-\\d{2}" in spec_at(p).get("pattern", "")]
    assert {("formed",), ("published",), ("review", "date")} <= set(dates)
    for path in dates:
        field = field_at(fields, path)
        assert field["widget"] == "datetime" and field["time_format"] is False and field["format"] == "YYYY-MM-DD"
    for collection in CONFIG["collections"]:
        unit = CATALOGUE.units[collection["name"].split("-", 1)[0]]
        index, message = field_at(collection["fields"], ("index",))["pattern"]
        assert "索引号" in message
        other = next(u.credit_code for u in CATALOGUE.units.values() if u is not unit)
        # The gate's form, with this unit's own code: RegExp.test is unanchored, so the pattern
        # must be anchored itself (re.search, not re.fullmatch, is what the browser does).
        for value in (f"{unit.credit_code}/2026-00021", f"{unit.credit_code}/2026-0021",
                      f"{unit.credit_code.lower()}/2026-00021", f"x{unit.credit_code}/2026-00021",
                      f"{unit.credit_code}/2026-000210", f"{other}/2026-00021"):
            gate = bool(INDEX_PATTERN.fullmatch(value)) and value.startswith(unit.credit_code)
            assert bool(re.search(index, value)) == gate, (unit.id, value)
        for historic in unit.index_patterns:  # a migrated item keeps its old index and can still be saved
            assert re.search(index, historic.example) and re.fullmatch(historic.pattern, historic.example)
        reference, _ = field_at(collection["fields"], ("interprets",))["pattern"]
        for u in CATALOGUE.units.values():
            assert re.search(reference, f"{u.credit_code}/2025-00003")
            assert all(re.search(reference, h.example) for h in u.index_patterns)
        assert not re.search(reference, "见附件")
    assert any(u.index_patterns for u in CATALOGUE.units.values())  # the demo has a migrated unit
    doc, message = field_at(fields, ("doc_number",))["pattern"]
    for value in ("青财预〔2026〕15号", "青财预[2026]15号", "青财预(2026)15号"):
        assert bool(re.match(doc, value)) == bool(DOC_NUMBER.match(value)), value
    assert "〔〕" in message


def test_a_unit_and_column_come_from_the_folder_never_typed():
    for collection in CONFIG["collections"]:
        unit, column = collection["name"].split("-", 1)
        fields = collection["fields"]
        assert field_at(fields, ("unit",))["widget"] == "hidden" and field_at(fields, ("unit",))["default"] == unit
        assert field_at(fields, ("column",))["default"] == column


def test_the_command_prints_the_same_config_for_the_backend_asked():
    result = subprocess.run([sys.executable, "-m", "xxgk.cli", "cms-config", "--backend", "gitlab", "--repo", "qc/site"],
                            capture_output=True, text=True, cwd=PROJECT)
    assert result.returncode == 0, result.stderr
    printed = yaml.safe_load(result.stdout)
    assert printed["backend"] | {"commit_messages": None} == {"name": "gitlab", "repo": "qc/site", "branch": "main", "commit_messages": None}
    assert printed["collections"] == CONFIG["collections"]
