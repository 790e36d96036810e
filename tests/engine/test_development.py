"""coach/development.py, the development plan's one home (the plan tab, the development_gaps tool and the
engine's develop operation): the paths, what each path's target roles own, the path a profile suggests, ratings
read from what a page sends. The plan itself and its exports: tests/app/test_app_logic.py. No index: the fast tier."""

import pytest

from coach.development import DEFAULT_PATH, PATHS, Path, centrality, clamp, path_for_profile, target_roles


def test_each_path_is_named_by_its_label():
    assert DEFAULT_PATH in PATHS and all(path.label == label for label, path in PATHS.items())
    assert PATHS["Senior-level → Executive-level"] == Path(
        "senior", "executive", "CSAP", "CSAP", "Senior-level → Executive-level"
    )


@pytest.mark.parametrize(
    ("label", "roles"),
    [
        ("CA-AM → CSAP", ["senior", "executive"]),  # a certificate: every role that needs it
        ("Starting out → Mid-level (CA-AM)", ["mid"]),
        ("Senior-level → Executive-level", ["executive"]),
    ],
)
def test_the_target_roles_of_a_path(model, label, roles):
    assert target_roles(model, PATHS[label]) == roles


def test_centrality_ranks_the_areas_the_target_role_owns(model):
    """0: a primary responsibility of a target role names the area; 1: only a secondary one; absent: neither."""
    ranks = centrality(model, PATHS["Senior-level → Executive-level"])
    executive = model.role("executive")
    primary = {code for resp in executive.primary for code in resp.codes}
    secondary = {code for resp in executive.secondary for code in resp.codes} - primary
    assert primary and secondary
    assert {code for code, rank in ranks.items() if rank == 0} == primary
    assert {code for code, rank in ranks.items() if rank == 1} == secondary
    assert str(min(primary)) == "I B" and ranks.get(model.areas[0].code) is None  # I A: the executive names it not


@pytest.mark.parametrize(
    ("role", "certification", "suggested"),
    [
        ("mid", None, "Mid-level → Senior-level"),
        ("mid", "CSAP", "Mid-level → Senior-level"),  # the role decides
        ("senior", None, "Senior-level → Executive-level"),
        (None, "CSAP", "Senior-level → Executive-level"),  # a CSAP holder of no stated role
        (None, "CA-AM", DEFAULT_PATH),
        ("executive", None, DEFAULT_PATH),  # no role above it
        (None, None, DEFAULT_PATH),
    ],
)
def test_the_path_a_profile_suggests(role, certification, suggested):
    assert path_for_profile(role, certification) == suggested


@pytest.mark.parametrize(("sent", "rating"), [(2, 2), ("3", 3), (9, 3), (-4, 0), (2.7, 2), ("abc", 0), (None, 0)])
def test_a_rating_from_the_page_is_read_on_the_0_to_3_scale(sent, rating):
    assert clamp(sent) == rating
