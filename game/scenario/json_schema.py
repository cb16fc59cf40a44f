"""The JSON Schema (draft 2020-12) of scenario files, for editors: `suunta schema`.

It is generated from the pydantic models of `game.scenario.schema`, so it cannot drift
from what the loader accepts, and adjusted where YAML and JSON differ from Python:

- Year keys (a driver's `intensity`) are ints in the model; in JSON they are strings, and
  YAML gives ints. The schema says only that a key looks like a year, which holds for
  both.
- A file with `extends:` holds only what differs from its parent, so it is checked
  against a *patch* form of the format: nothing is required but the ids that say which
  entry an override is for, and entries may say `remove: true`. What the loader merges
  by key or by id is relaxed; lists that are replaced whole (an event's options, its
  effects) keep the full form.

Cross-references (an actor id in a team exists, …) and the semantic checks are beyond a
JSON Schema: `suunta validate` does those.
"""

from __future__ import annotations

import copy
from typing import Any

from game.scenario import schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "Suunta 2040 scenario file"

# definitions a child file may give in part (the loader merges them key by key or by id)
_PATCHED = (
    "Meta",
    "Constants",
    "Vision",
    "Elections",
    "Programme",
    "RegionType",
    "Indicator",
    "Theme",
    "Actor",
    "Team",
    "Mandate",
    "Edge",
    "Driver",
    "Event",
    "When",
    "Package",
    "Requires",
    "GlossaryEntry",
)
# keys that say which entry an override is for: still required in a patch
_IDENTITY = {"Edge": ["a", "b"], "GlossaryEntry": ["term"]}
# entries that merge by id, so they may say remove: true
_REMOVABLE = {
    "RegionType",
    "Indicator",
    "Theme",
    "Actor",
    "Team",
    "Driver",
    "Event",
    "Package",
    "Programme",
    "Edge",
    "GlossaryEntry",
}


def _ref(name: str) -> str:
    return f"#/$defs/{name}"


def _patch_refs(node: Any, in_list: bool = False, lists_too: bool = False) -> Any:
    """Point the `$ref`s of a patch definition at patch forms.

    Lists that are replaced whole keep the full forms; `lists_too` is for the lists that
    merge by id.
    """
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and (not in_list or lists_too):
                name = v.rsplit("/", 1)[-1]
                out[k] = _ref(f"{name}Patch") if name in _PATCHED else v
            elif k in ("items", "prefixItems"):
                out[k] = _patch_refs(v, True, lists_too)
            else:
                out[k] = _patch_refs(v, in_list, lists_too)
        return out
    if isinstance(node, list):
        return [_patch_refs(v, in_list, lists_too) for v in node]
    return node


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario file format."""
    generated = schema.ScenarioFile.model_json_schema(mode="validation")
    defs: dict[str, Any] = generated.pop("$defs")
    defs["ScenarioFile"] = generated
    # years as keys: ints from YAML, strings from JSON; `pattern` only judges strings
    defs["Driver"]["properties"]["intensity"]["propertyNames"] = {"pattern": "^[0-9]{4}$"}
    defs["ScenarioFile"]["properties"]["extends"] = {
        "type": "string",
        "description": "The scenario this one builds on: a bundled id (finland-2040) or a "
        "path. Then give only what differs.",
    }
    patches: dict[str, Any] = {}
    for name in _PATCHED:
        d = copy.deepcopy(defs[name])
        keep = _IDENTITY.get(name, ["id"] if "id" in d.get("properties", {}) else [])
        keep = [k for k in keep if k in d.get("required", [])]
        d.pop("required", None)
        if keep:
            d["required"] = keep
        if name in _REMOVABLE:
            d["properties"]["remove"] = {
                "const": True,
                "description": "Delete this entry of the scenario being extended.",
            }
        d["title"] = f"{d.get('title', name)} (override)"
        patches[f"{name}Patch"] = _patch_refs(d, lists_too=name == "Elections")
    top = copy.deepcopy(defs["ScenarioFile"])
    top.pop("required", None)
    top["required"] = ["extends"]
    top["title"] = "Scenario that extends another"
    patches["ScenarioPatch"] = _patch_refs(top, lists_too=True)
    return {
        "$schema": DRAFT,
        "title": TITLE,
        "description": "A Suunta 2040 scenario (YAML). Check cross-references and balance "
        "with `suunta validate FILE`; the guide is docs/scenario-authoring.md.",
        "type": "object",
        "if": {"required": ["extends"]},
        "then": {"$ref": _ref("ScenarioPatch")},
        "else": {"$ref": _ref("ScenarioFile")},
        "$defs": {**defs, **patches},
    }
