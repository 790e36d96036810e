"""Shared fixtures: the real corpus, the real embedding model and a real Chroma index, built once per
test run (`make test` runs on pytest-xdist workers, which share the build: `once_per_run`) and opened in a
temporary COACH_HOME of each worker's own (so the user's own index is never touched).

Every test is in one tier (pytest -m unit | integration | browser), marked here by what it uses:
- browser: drives the app in Chromium (the `browser` fixture and what uses it, or marked so by its module);
- integration: an index, a server or another process (the `coach` fixture and what uses it; tests marked
  server, load or llm; modules that build their own with `pytestmark = pytest.mark.integration`);
- unit: the rest — the corpus, the parsed model and pure code only. `make test-fast` runs this tier. A unit
  test that opens an index or starts a process fails, naming the tier it belongs in.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COACH = str(Path(sys.executable).parent / "coach")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


TIERS = ("unit", "integration", "browser")
BROWSER_FIXTURES = {"browser"}
INTEGRATION_FIXTURES = {"coach"}
INTEGRATION_MARKS = {"integration", "server", "load", "llm"}


def pytest_collection_modifyitems(config, items):
    """Put each test in its tier by the fixtures it uses (with theirs) and the marks it carries."""
    for item in items:
        marks = {mark.name for mark in item.iter_markers()}
        used = set(item.fixturenames)
        if "browser" in marks or used & BROWSER_FIXTURES:
            tier = "browser"
        elif marks & INTEGRATION_MARKS or used & INTEGRATION_FIXTURES:
            tier = "integration"
        else:
            tier = "unit"
        for other in TIERS:
            if other != tier and other in marks:
                raise pytest.UsageError(f"{item.nodeid} is marked {other} but uses what makes it {tier}")
        item.add_marker(tier)
    items[:] = heaviest_modules_first(items)


# The costliest kinds of test first, whole modules at a time: `make test` hands modules to its workers in this order
# (pytest-xdist, --dist loadfile --no-loadscope-reorder), so the long ones start early and the many short unit
# modules fill the gaps at the end instead of one long module running alone.
COST_ORDER = ("server", "load", "browser", "integration", "unit")


def heaviest_modules_first(items: list) -> list:
    def rank(item) -> int:
        marks = {mark.name for mark in item.iter_markers()}
        return min((COST_ORDER.index(name) for name in marks if name in COST_ORDER), default=len(COST_ORDER))

    module_rank: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        module_rank[module] = min(module_rank.get(module, len(COST_ORDER)), rank(item))
    return sorted(items, key=lambda item: module_rank[item.nodeid.split("::")[0]])


def _refuse(*args, **kwargs):
    pytest.fail(
        "a unit test opened an index or started a process: use the `coach` fixture or mark the test (or its "
        "module) pytest.mark.integration",
        pytrace=False,
    )


@contextlib.contextmanager
def _tier_guard(item):
    """Around a unit test's setup (its fixtures of every scope) and call: opening an index or starting a
    process fails, saying which tier the test belongs in."""
    if item.get_closest_marker("unit") is None:
        yield
        return
    import coach.facade
    import coach.index

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(coach.index, "open_index", _refuse)
        patch.setattr(coach.facade, "open_index", _refuse)
        patch.setattr(subprocess.Popen, "__init__", _refuse)
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    with _tier_guard(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    with _tier_guard(item):
        return (yield)


@pytest.fixture(scope="session")
def session_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("coach-home")


@pytest.fixture(scope="session")
def settings(session_home):
    from coach.settings import Settings

    return Settings.from_env({"COACH_HOME": str(session_home), "COACH_CORPUS": str(ROOT / "corpus")})


@pytest.fixture(scope="session")
def documents(settings):
    from coach.corpus import load_corpus

    return load_corpus(settings.corpus_dir)


@pytest.fixture(scope="session")
def model(documents):
    from coach.model import build_model

    return build_model(documents)


def once_per_run(tmp_path_factory, name: str, build) -> Path:
    """A folder `build(folder)` fills once per test run, however many pytest-xdist workers ask for it: the first
    builds it (the others wait on a lock), every later call finds it done. Read-only to those who share it."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the workers' common folder
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            build(folder)
            done.touch()
    return folder


def _index_home(settings, folder: Path) -> None:
    """`coach index` into a home of its own: a separate process, so its files are closed when it exits."""
    environment = {**os.environ, "COACH_HOME": str(folder), "COACH_CORPUS": str(settings.corpus_dir)}
    done = subprocess.run([COACH, "index"], capture_output=True, text=True, env=environment, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="session")
def coach(settings, tmp_path_factory):
    """One Coach over the session's index: indexed once per test run (the workers of `make test` each copy it into
    their own home, which their tests may then write to) and opened here."""
    from coach import Coach

    built = once_per_run(tmp_path_factory, "indexed-home", lambda folder: _index_home(settings, folder))
    if not (settings.home / "indexes").exists():
        shutil.copytree(built, settings.home, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.lock"))
    return Coach(settings)


@pytest.fixture(scope="session")
def retriever(coach):
    return coach.retriever


@pytest.fixture(scope="session")
def chroma_seed(tmp_path_factory, settings, documents, model) -> Path:
    """A `chroma run` data folder holding this corpus's index, built and published once per session. A
    server started on a copy of it (ChromaServer(path, seed=chroma_seed)) serves that index at once, as a
    server an operator indexed with `coach index`, so the tests that drop, replace or rebuild it in server
    mode do not each build it first."""
    from servers import ChromaServer

    from coach.index import build_passages, open_index

    def seed(folder: Path) -> None:
        server = ChromaServer(folder / "data").start()
        try:
            seeded = settings.with_(home=folder / "home", chroma_url=server.url)
            index = open_index(seeded, build_passages(model, documents))
            assert index.built
            index.store.close()
        finally:
            server.stop()

    return once_per_run(tmp_path_factory, "chroma-seed", seed) / "data"


@pytest.fixture
def cold_records(settings, tmp_path) -> dict[str, str]:
    """The environment of a build that embeds every record: a model cache holding the shared one's ONNX export,
    router and other vectors (links), but none of the records' vectors an earlier build kept. For tests that
    interrupt a build part-way or check what embedding loads; the others rebuild from the kept vectors."""
    from coach.vectors import cache_without

    return {"COACH_MODEL_CACHE": str(cache_without("records", settings.model_cache, tmp_path / "model-cache"))}


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private copy of corpus/ that a test may damage."""
    target = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", target)
    return target


@pytest.fixture(scope="session")
def app(coach, settings):
    """The real app (`python app.py`) on a free 127.0.0.1 port, over the session's index."""
    from servers import AppServer

    server = AppServer(settings.home).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for every browser test of the session (playwright cannot download one)."""
    from servers import BROWSER_ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield instance
        instance.close()


def _checked_page(browser, app, viewport, size):
    from pages import open_page

    page = open_page(browser, app.url, viewport)
    page.size = size
    yield page
    assert page.outside == [], f"the page fetched from outside: {page.outside}"
    assert page.errors == [], f"script errors on the page: {page.errors}"
    page.context.close()


@pytest.fixture(params=["phone", "desktop"])
def page(request, browser, app):
    """The app in a fresh browser context (its own storage), at phone size (390 × 844) and desktop size
    (1280 × 800); afterwards, no request may have left the app and no script may have failed."""
    from pages import SIZES

    yield from _checked_page(browser, app, SIZES[request.param], request.param)


@pytest.fixture(params=["small", "phone", "desktop"])
def sized_page(request, browser, app):
    """As `page`, at the three sizes the layout is checked at: 360 × 740, 390 × 844 and 1280 × 800."""
    from pages import LAYOUT_SIZES

    yield from _checked_page(browser, app, LAYOUT_SIZES[request.param], request.param)


@pytest.fixture
def desktop(browser, app):
    from pages import DESKTOP

    yield from _checked_page(browser, app, DESKTOP, "desktop")
