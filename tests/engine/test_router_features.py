"""The router's features and heads read a question with numpy alone, exactly as scikit-learn would: the same
n-grams and tf-idf weights as TfidfVectorizer, the same probabilities as LogisticRegression (which train them)."""

from pathlib import Path

import numpy as np
import pytest

from coach.router.features import Featurizer, Row, normalized
from coach.router.model import LinearHead

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def texts(model) -> list[str]:
    from coach.library import load_library, matrix_codes

    library = load_library(ROOT / "library" / "examples", matrix_codes(model))
    return [example.text for example in library.examples]


def sklearn_features(texts: list[str], fitted_on: list[str]):
    """The features as the router built them with TfidfVectorizer's own analyzers."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    words = TfidfVectorizer(
        preprocessor=normalized, ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=r"[\w'-]+"
    ).fit(fitted_on)
    chars = TfidfVectorizer(
        preprocessor=normalized, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
    ).fit(fitted_on)
    return words, chars


def test_the_ngram_features_are_tfidf_vectorizers(texts):
    train, unseen = texts[::2], [*texts[1::2], "Goverance  of II C.3 — “who” owns it?", "", "a"]
    words, chars = sklearn_features(unseen, train)
    featurizer = Featurizer((2, 5), (1, 2), vector_weight=1.0)
    featurizer.fit_matrix(train, np.zeros((len(train), 3), dtype=np.float32))
    assert featurizer.words is not None and featurizer.chars is not None
    assert featurizer.words.columns == words.vocabulary_ and featurizer.chars.columns == chars.vocabulary_
    expected = np.hstack([words.transform(unseen).toarray(), chars.transform(unseen).toarray()])
    ours = np.zeros_like(expected)
    for n, row in enumerate(featurizer.rows(unseen, np.zeros((len(unseen), 3), dtype=np.float32))):
        ours[n, row.columns - 3] = row.values
    assert np.abs(ours - expected).max() < 1e-12


@pytest.mark.parametrize("classes", [2, 5])
def test_a_linear_head_gives_the_logistic_regressions_probabilities(classes):
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    dense, sparse = rng.normal(size=(200, 4)), (rng.random((200, 30)) < 0.2) * rng.random((200, 30))
    labels = rng.integers(0, classes, size=200)
    x = np.hstack([dense, sparse])
    model = LogisticRegression(C=4.0, max_iter=2000).fit(x, labels)
    rows = [Row(d, np.flatnonzero(s) + 4, s[s != 0]) for d, s in zip(dense, sparse, strict=True)]
    ours = LinearHead.fitted(model).probabilities(rows)
    assert np.abs(ours - model.predict_proba(x)).max() < 1e-12
    assert LinearHead.fitted(model).classes == tuple(range(classes))


@pytest.mark.parametrize("classes", [2, 5])
def test_a_head_fitted_without_its_empty_features_is_the_full_fit(classes):
    """The router fits each head on the features its rows hold (the area head: about a quarter fewer weights to
    walk); a feature no row holds keeps a weight of 0, and the probabilities are those of a fit on all of them."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from coach.router.model import _fit

    rng = np.random.default_rng(1)
    x = (rng.random((300, 40)) < 0.15) * rng.random((300, 40))
    x[:, [3, 17, 18, 39]] = 0.0  # features only other heads' rows hold
    labels = [str(label) for label in rng.integers(0, classes, size=300)]
    head = _fit(csr_matrix(x), labels, 2.0, seed=0, tol=1e-8)
    full = LogisticRegression(C=2.0, max_iter=2000, tol=1e-8).fit(x, labels)
    assert head.coef.shape == full.coef_.shape and not head.coef[:, [3, 17, 18, 39]].any()
    rows = [Row(np.zeros(0), np.flatnonzero(r), r[r != 0]) for r in x]
    assert np.abs(head.probabilities(rows) - full.predict_proba(x)).max() < 1e-6


def test_an_items_closeness_is_the_mean_of_its_three_closest_descriptions():
    from coach.codes import Code
    from coach.router.descriptions import Descriptions

    many, one = Code.parse("II K.2"), Code.parse("II J.2")
    # II K.2 described five times, once very close to the question; II J.2 once, fairly close
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [0.8, 0.6]], dtype=np.float32)
    described = Descriptions([many, many, many, many, many, one], vectors)
    (closeness,) = described.closeness(np.array([[1.0, 0.0]], dtype=np.float32))
    assert closeness == ((one, pytest.approx(0.8)), (many, pytest.approx(1 / 3)))
    assert Descriptions([], np.zeros((0, 2))).closeness(np.ones((2, 2))) == [(), ()]
    assert described.closeness(np.array([[1.0, 0.0]]), limit=1) == [((one, pytest.approx(0.8)),)]


def test_an_areas_reading_from_its_best_described_item():
    """RouterSettings.item_area_blend: each area read by the closeness of its best-described item, sharpened
    like the items' own closeness; an area no label describes gets next to nothing."""
    from coach.codes import Code
    from coach.router.descriptions import Descriptions
    from coach.router.model import AreaCloseness, Router, RouterSettings

    areas = [Code.parse("II J"), Code.parse("II K"), Code.parse("II M")]
    router = Router(RouterSettings(item_area_blend=0.2), AreaCloseness(areas, areas, np.eye(3, dtype=np.float32)))
    vectors = np.array([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32)
    router.items = Descriptions([Code.parse("II K.2"), Code.parse("II J.2")], vectors)
    (reading,) = router._described_areas(router.items.matrix(np.array([[1.0, 0.0]], dtype=np.float32)))
    assert reading.sum() == pytest.approx(1.0)
    assert reading[1] > 0.99 and reading[0] < 0.01 and reading[2] < 1e-6  # II K.2's question is the closest
