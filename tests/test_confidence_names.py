"""Names and local terms are not misspellings; real misspellings and names spelt two ways are."""

from __future__ import annotations

from reviewer.confidence import NameModel, load_model, score
from reviewer.model import Finding
from reviewer.text.document import Document
from tests.test_confidence_features import at, finding, plain

THRESHOLD = load_model().min_confidence


def confidence(doc: Document, f: Finding, names: NameModel | None = None) -> float:
    return score([f], doc.text, names=names or NameModel())[0]


def flagged(text: str, word: str, nth: int = 0, replacements: tuple[str, ...] = (),
            names: NameModel | None = None) -> tuple[float, float]:
    """The speller's finding on `word`: its confidence without and with the name model."""
    doc = plain(text)
    f = finding(doc, *at(doc, word, nth), replacements=replacements)
    return score([f], doc.text)[0], confidence(doc, f, names)


def test_kazakh_names_are_left_below_the_threshold() -> None:
    text = ("The forum was opened by the deputy akim, Yerlan Nurmagambetov. "
            "Later Nurmagambetov met the farmers of the region.\n")
    _, lowered = flagged(text, "Nurmagambetov")
    assert lowered < THRESHOLD
    _, first_name = flagged(text, "Yerlan", replacements=("Merlin",))
    assert first_name < THRESHOLD  # shape (ye-), mid-sentence, next to a surname


def test_currency_admin_term_and_city_of_the_gazetteer() -> None:
    text = ("The akimat of Ust-Kamenogorsk allocated 5 billion tenge; "
            "the akimats of Aktobe oblasts did the same.\n")
    for word, replacements in (("tenge", ("tense", "tinge")), ("akimat", ("animate",)),
                               ("Ust-Kamenogorsk", ()), ("akimats", ()), ("Aktobe", ())):
        before, after = flagged(text, word, replacements=replacements)
        assert after < THRESHOLD, (word, before)


def test_a_words_in_a_quoted_programme_title_and_the_projects_own_words() -> None:
    text = "Under the programme «Salamatty Tabigat» the clinics were rebuilt.\n"
    _, lowered = flagged(text, "Salamatty")
    assert lowered < THRESHOLD  # mid-sentence and inside a quoted title
    text = "The Samruk holding paid the bonus.\n"
    doc = plain(text)
    f = finding(doc, *at(doc, "Samruk"), replacements=("Sam ruk",))
    alone = confidence(doc, f)
    project = confidence(doc, f, NameModel.build(["Samruk"]))
    assert project < THRESHOLD and project <= alone


def test_a_real_misspelling_of_a_common_lowercase_word_is_kept() -> None:
    text = "The goverment of Kazakhstan approved the plan for the region.\n"
    before, after = flagged(text, "goverment", replacements=("government",))
    assert after == before


def test_a_capitalised_typo_of_a_common_word_is_kept_even_when_repeated() -> None:
    text = "We thank the Goverment of Kazakhstan. The Goverment agreed.\n"
    before, after = flagged(text, "Goverment", replacements=("Government",))
    assert after == before


def test_a_name_spelt_two_ways_in_one_document_is_still_reported() -> None:
    text = ("The report was signed by Mayor Asanaliev. "
            "Later Mayor Asanaliyev thanked the Bank.\n")
    for word in ("Asanaliev", "Asanaliyev"):
        before, after = flagged(text, word)
        assert after == before, word


def test_switched_off_the_finding_keeps_the_models_confidence() -> None:
    text = "The akimat paid 5 billion tenge.\n"
    doc = plain(text)
    f = finding(doc, *at(doc, "tenge"), replacements=("tense",))
    assert score([f], doc.text, names=None)[0] == score([f], doc.text)[0]
    assert score([f], doc.text, names=NameModel())[0] < THRESHOLD


def test_a_capitalised_word_the_document_also_writes_in_lowercase_is_a_common_word() -> None:
    text = "Viewers of BBC Chanell and First Chanell left; the chanells lost money.\n"
    before, after = flagged(text, "Chanell", replacements=("Chanel",))
    assert after == before
