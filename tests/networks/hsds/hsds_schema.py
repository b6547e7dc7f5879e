"""The official HSDS 3.0 schemas (tests/standards/hsds-3.0, copied unchanged) as validators of
real responses: each path's 200 response schema, exactly as openapi.json gives it, with every
$ref resolved from the copies here rather than from raw.githubusercontent.com."""

import functools
import json
import re
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

STANDARD = Path(__file__).resolve().parents[2] / "standards" / "hsds-3.0"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI_URL = BASE + "openapi.json"

# The HSDS 3.0 API reference (docs.openreferral.org, "API Reference") makes these required and
# every other path optional; openapi.json of 3.0 does not mark them itself.
REQUIRED_PATHS = {"/", "/services", "/services/{id}"}


def openapi():
    return json.loads((STANDARD / "schema" / "openapi.json").read_text())


@functools.cache
def registry():
    resources = []
    for path in sorted((STANDARD / "schema").rglob("*.json")):
        uri = BASE + path.relative_to(STANDARD / "schema").as_posix()
        contents = json.loads(path.read_text())
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def _pointer(*parts):
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@functools.cache
def validator(api_path):
    """The validator of the 200 response of GET api_path ("/services/{id}"), as openapi.json
    defines it."""
    response = _pointer("paths", api_path, "get", "responses", "200", "content")
    schema = {"$ref": f"{OPENAPI_URL}#/{response}/{_pointer('application/json')}/schema"}
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def assert_valid(api_path, data):
    errors = sorted(validator(api_path).iter_errors(data), key=lambda error: error.json_path)
    assert not errors, "\n".join(f"{error.json_path}: {error.message}" for error in errors)


def openapi_path(url_path, prefix="/api/hsds"):
    """The openapi.json path a request path is an instance of: /api/hsds/services/abc ->
    /services/{id}; None for one it does not name."""
    relative = url_path.removeprefix(prefix) or "/"
    for candidate in openapi()["paths"]:
        pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(candidate))
        if re.fullmatch(pattern, relative):
            return candidate
    return None
