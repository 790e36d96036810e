"""The package's shape, read from its source (no index, no servers): which stage may import which, and one home
for each concept — one class per name, one definition of each shared constant."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coach"
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions too), as absolute names."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_import_reader_resolves_relative_imports():
    tools = PACKAGE / "interfaces" / "tools.py"
    names = imported(tools)
    assert "coach.errors" in names and "coach.development" in names and "pydantic" in names


@pytest.mark.parametrize("path", [p for p in MODULES if not within(module_name(p), "coach.app")], ids=module_name)
def test_nothing_outside_the_app_imports_the_app(path):
    """The app is one interface among several: the interfaces, the engine and the tools reach the coach through
    `Coach` and the stages, never through the Gradio app."""
    assert not [name for name in imported(path) if within(name, "coach.app")]


def class_homes() -> dict[str, list[str]]:
    homes: dict[str, list[str]] = {}
    for path in MODULES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                homes.setdefault(node.name, []).append(module_name(path))
    return homes


# Names two modules still give to different things, each with its reason; a new pair fails the test below.
SHARED_NAMES = {
    "JobChange": {"coach.development", "coach.interfaces.tools"},  # the plan's record and its wire (JSON) form
    "Section": {"coach.model.guide", "coach.results"},  # a part of the guide; a titled part of an answer
    "Scope": {"coach.library", "coach.operations.sets"},  # an example's scope; the set an operation counts
}


def test_one_class_per_name():
    twice = {name: set(homes) for name, homes in class_homes().items() if len(homes) > 1}
    assert twice == SHARED_NAMES
    assert class_homes()["Query"] == ["coach.query"]  # the explorer's search is a SearchRequest


def copies() -> dict[str, set[str]]:
    """Module-level UPPER_CASE names given the same literal value in more than one module: a copy."""
    homes: dict[tuple[str, str], set[str]] = {}
    for path in MODULES:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id.isupper() and len(target.id) > 1:
                        homes.setdefault((target.id, ast.dump(node.value)), set()).add(module_name(path))
    return {name: modules for (name, _), modules in homes.items() if len(modules) > 1}


# Copies that remain, each with its reason; a new copy fails the test below.
KNOWN_COPIES = {
    # two limits that happen to match: a stored text field in the browser, an answer kept with its feedback
    "MAX_TEXT": {"coach.app.storage", "coach.feedback"},
}


def test_each_constant_is_defined_once():
    assert copies() == KNOWN_COPIES


def importers(module: str) -> set[str]:
    return {module_name(path) for path in MODULES if module in imported(path)}


def test_one_spelling_corrector_and_one_sentence_splitter():
    assert importers("difflib") == {"coach.spelling"}  # the explorer's search reads typos through it
    splitters = {
        module_name(path)
        for path in MODULES
        if "(?<=[.!?])" in path.read_text(encoding="utf-8")  # a sentence end: after . ! or ?
    }
    assert splitters == {"coach.sentences"}


def test_the_plan_and_the_develop_operation_share_one_home():
    assert "coach.development" in imported(PACKAGE / "operations" / "develop.py")
    assert class_homes()["Path"] == ["coach.development"]
