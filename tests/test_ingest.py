"""Unit tests of helpers.ingest on inputs written for the tests."""
from __future__ import annotations

import random
import struct
from pathlib import Path

import pandas as pd
import pytest

from helpers import ingest

BAD_INPUT = Path(__file__).parent / "fixtures" / "bad_input"

# Status of every file of the bad-input folder, decided by reading make_bad_input.py, not by running ingest.
EXPECTED_STATUS = {
    "ambush report – Dayr az-Zawr été.txt": "ok",
    "binary.txt": "not_text",
    "clash-report.txt": "ok",
    "convoy-page.html": "ok",
    "empty.txt": "empty",
    "exact-copy.txt": "duplicate",
    "french.txt": "not_english",
    "latin1.txt": "ok",
    "mojibake.txt": "ok",
    "near-copy.txt": "duplicate",
    "notes.md": "not_text",
    "nested/deeper/bombing.txt": "ok",
    "oversized.txt": "error",
    "photo.png": "not_text",
    "utf16.txt": "ok",
    "whitespace.txt": "empty",
}


@pytest.fixture(scope="module")
def bad_run():
    return ingest.ingest_folder(BAD_INPUT, max_file_bytes=20_000)


def test_every_bad_input_file_has_the_expected_status(bad_run):
    ledger = bad_run["ledger"].set_index("file")
    assert dict(ledger["status"]) == EXPECTED_STATUS
    assert (ledger["reason"].str.len() > 0).all(), "every file needs a reason"


def test_sidecar_is_not_an_input_file():
    files = [path.relative_to(BAD_INPUT).as_posix() for path in ingest.list_input_files(BAD_INPUT)]
    assert "articles.csv" not in files
    assert "nested/deeper/bombing.txt" in files


def test_duplicates_name_the_article_they_copy(bad_run):
    ledger = bad_run["ledger"].set_index("file")
    assert ledger.loc["exact-copy.txt", "duplicate_of"] == "clash-report"
    assert ledger.loc["near-copy.txt", "duplicate_of"] == "clash-report"
    assert "near duplicate" in ledger.loc["near-copy.txt", "reason"]


def test_encodings_are_detected_and_text_decoded(bad_run):
    ledger = bad_run["ledger"].set_index("file")
    texts = bad_run["texts"].set_index("article_id")["text"]
    assert ledger.loc["latin1.txt", "encoding"] == "cp1252"
    assert "café" in texts["latin1"] and "convoy’s" in texts["latin1"]
    assert ledger.loc["utf16.txt", "encoding"].startswith("utf-16")
    assert "eleven" in texts["utf16"]
    assert "depot’s owner" in texts["mojibake"] and "Ã" not in texts["mojibake"]
    assert "mojibake repaired" in ledger.loc["mojibake.txt", "reason"]


def test_html_body_is_extracted_without_script_or_navigation(bad_run):
    texts = bad_run["texts"].set_index("article_id")
    body = texts.loc["convoy-page", "text"]
    assert "killing six soldiers" in body
    assert "INJECTED" not in body and "alert(" not in body and "Home" not in body
    assert texts.loc["convoy-page", "title"] == "Attack on convoy kills six"
    assert not body.startswith("Attack on convoy kills six")


def test_sidecar_overrides_and_bad_rows_are_reported(bad_run):
    articles = bad_run["articles"].set_index("article_id")
    assert articles.loc["clash-report", "published"] == "2022-03-14"
    assert articles.loc["clash-report", "published_from"] == "sidecar"
    assert articles.loc["clash-report", "outlet"] == "Example Wire"
    problems = bad_run["sidecar_problems"]
    joined = " | ".join(problems["problem"])
    assert "no input file has this article_id" in joined
    assert "not a real ISO date" in joined
    assert "quoting" in joined
    assert pd.isna(articles.loc["bombing", "published"])  # the impossible date was ignored


def test_unicode_file_name_becomes_the_article_id(bad_run):
    assert "ambush report – Dayr az-Zawr été" in set(bad_run["articles"]["article_id"])


def test_decode_bytes_handles_boms_and_refuses_binary():
    assert ingest.decode_bytes("attack".encode("utf-16")).text == "attack"
    assert ingest.decode_bytes(b"\xef\xbb\xbfattack").text == "attack"
    assert ingest.decode_bytes(b"\x89PNG\r\n\x1a\n rest").problem == "not text: PNG image"
    assert ingest.decode_bytes(b"%PDF-1.7 body").text is None


def test_furniture_lines_are_classified_by_general_patterns():
    assert ingest.classify_furniture("Share this story!") == "share_follow"
    assert ingest.classify_furniture("Leave a comment") == "comment_form"
    assert ingest.classify_furniture("Related stories") == "related"
    assert ingest.classify_furniture("Back to top") == "back_to_top"
    assert ingest.classify_furniture("Smoke rises over the town after the strike (Photo by Jane Doe/Reuters)") == "photo_credit"
    assert ingest.classify_furniture("Africa News") == "section_label"
    assert ingest.classify_furniture("READ ALSO: Gunmen kill nine farmers in a dawn raid on a village") == "related"
    assert ingest.classify_furniture("Read also:") == "related"
    assert ingest.classify_furniture("3 View gallery Mourners carry the coffin of a soldier killed in the ambush") == "photo_credit"
    assert ingest.classify_furniture("Residents said they would read also the names of the dead.") is None
    assert ingest.classify_furniture("Five soldiers were killed in the attack, officials said.") is None
    assert ingest.classify_furniture("The attack came as fighters were sweeping the town.") is None


def test_metadata_lines_are_read_and_removed_with_offsets_mapped():
    original = ("Militia fighters ambushed on highway\n\nTue 14 March 2023:\n\n"
                "Three militia fighters were killed on the highway, a monitor said.\n\nSource: Example Wire and agencies\n")
    cleaned = ingest.clean_text(original)
    assert cleaned.title == "Militia fighters ambushed on highway"
    assert cleaned.published == "2023-03-14"
    assert cleaned.outlet == "Example Wire"
    assert cleaned.text == "Three militia fighters were killed on the highway, a monitor said."
    start = cleaned.text.index("killed")
    assert original[ingest.to_original_offset(cleaned.segments, start):].startswith("killed")


def test_iso_date_line_glued_to_the_body_is_split_off():
    cleaned = ingest.clean_text(" date 2021-06-02 Rebels shelled a village, killing four people, medics said today.")
    assert cleaned.published == "2021-06-02"
    assert cleaned.text.startswith("Rebels shelled")


def test_impossible_dates_are_not_publication_dates():
    assert ingest.parse_iso_date("2023-02-30") is None
    cleaned = ingest.clean_text("31 February 2022\n\nGunmen killed two guards at a depot overnight, police said.\n")
    assert cleaned.published is None


@pytest.mark.parametrize("name, value, message", [
    ("near_duplicate_threshold", 1.5, "near_duplicate_threshold"),
    ("max_file_bytes", 0, "max_file_bytes"),
    ("language", "english", "language"),
])
def test_bad_parameters_stop_with_the_parameter_named(tmp_path, name, value, message):
    with pytest.raises(ingest.IngestParameterError, match=message):
        ingest.ingest_folder(tmp_path, **{name: value})


def test_missing_input_folder_is_refused(tmp_path):
    with pytest.raises(ingest.IngestParameterError, match="input_dir"):
        ingest.ingest_folder(tmp_path / "nowhere")


def test_same_input_gives_identical_tables():
    first = ingest.ingest_folder(BAD_INPUT, max_file_bytes=20_000)
    second = ingest.ingest_folder(BAD_INPUT, max_file_bytes=20_000)
    for name in ("ledger", "articles", "texts"):
        pd.testing.assert_frame_equal(first[name], second[name])


def test_wire_dateline_names_the_agency_and_stays_in_the_text():
    cleaned = ingest.clean_text("KANO, March 3 (Reuters) - Gunmen killed nine traders on a market road, police said.\n")
    assert cleaned.outlet == "Reuters"
    assert cleaned.text.startswith("KANO, March 3 (Reuters)")
    assert ingest.clean_text("Police said (Reuters) nothing - odd line with nine words here.").outlet is None


def test_plain_ascii_skips_ftfy_only_where_ftfy_would_change_nothing():
    import ftfy

    options = dict(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False, normalization="NFC")
    inert = [chr(code) for code in range(128) if ingest._FTFY_INERT.fullmatch(chr(code))]
    assert "&" not in inert and "\r" not in inert and "\x1b" not in inert and "a" in inert and "\n" in inert
    for character in inert:  # the fast path is only safe while ftfy leaves each of these characters alone
        text = f"Gunmen{character}killed five\n{character}{character}soldiers"
        assert ftfy.fix_text(text, **options) == text, repr(character)
    # Text outside the set still goes through ftfy: entities, CRLF line breaks, escapes, mojibake.
    assert ingest.repair_text("Smith &amp; Sons\r\nsaid") == "Smith & Sons\nsaid"
    assert ingest.repair_text("red\x1b[31m alert") == "red alert"
    assert ingest.decode_bytes("the depot’s owner".encode("utf-8").decode("cp1252").encode("utf-8")).is_repaired


def test_control_bytes_above_five_percent_are_binary():
    text_like = b"Gunmen killed five soldiers on Monday.\x01" * 3  # 1 control byte in 39
    assert ingest.sniff_binary(text_like) is None
    assert ingest.sniff_binary(b"ab\x01\x02cd\x03\x04efgh" * 10) == "binary data (control characters)"
    assert ingest.sniff_binary(b"tab\tfeed\x0cline\r\n" * 10) is None


def test_rust_langdetect_gives_langdetect_results_bit_for_bit():
    import langdetect
    import langdetect_rs

    texts = ["Gunmen killed five soldiers near the town on Monday, a monitor said.",
             "Des hommes armés ont attaqué un poste militaire à l'est de la ville dans la nuit de dimanche.",
             "Gunmen killed five soldiers. Des hommes armés ont tué cinq soldats près de la ville.",
             "Los atacantes huyeron hacia las colinas antes de la llegada de los refuerzos."]
    langdetect.DetectorFactory.seed = 0
    langdetect_rs.DetectorFactory.seed = 0
    for text in texts:
        expected = [(found.lang, found.prob) for found in langdetect.detect_langs(text)]
        assert [(found.lang, found.prob) for found in langdetect_rs.detect_langs(text)] == expected
    assert ingest.detect_language(texts[1])[0] == "fr"


def test_precomputed_signatures_find_the_same_duplicates():
    base = ("Gunmen killed five soldiers at a checkpoint near the town of Mayadin on Monday, a war monitor said, "
            "and reinforcements were sent to the area while a curfew was imposed in nearby villages overnight.")
    texts = {"a": base, "b": base.upper(), "c": base.replace("curfew", "lockdown"),
             "d": "Aid agencies warned that the violence was hampering deliveries of food and medicine to the east."}
    signatures = {key: ingest.text_signature(text) for key, text in texts.items()}
    found = ingest.find_duplicates(texts, threshold=0.5, signatures=signatures)
    assert found == ingest.find_duplicates(texts, threshold=0.5)
    assert found["b"][0] == "a" and "exact duplicate" in found["b"][1]
    assert found["c"][0] == "a" and "near duplicate" in found["c"][1]
    assert "d" not in found


def test_worker_processes_give_the_same_tables(monkeypatch):
    import multiprocessing

    contexts = []
    get_context = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method: contexts.append(method) or get_context(method))
    monkeypatch.setattr(ingest, "MIN_FILES_PER_PROCESS", 1)  # the fixture folder is small
    serial = ingest.ingest_folder(BAD_INPUT, max_file_bytes=20_000)
    parallel = ingest.ingest_folder(BAD_INPUT, max_file_bytes=20_000, n_process=2)
    assert contexts == ["fork"], "the second run should have used a process pool"
    for name in ("ledger", "articles", "texts", "furniture", "sidecar_problems"):
        pd.testing.assert_frame_equal(serial[name], parallel[name])


def test_n_process_must_be_a_positive_integer(tmp_path):
    with pytest.raises(ingest.IngestParameterError, match="n_process"):
        ingest.ingest_folder(tmp_path, n_process=0)


def test_dates_outside_the_bounds_are_refused_with_a_reason():
    assert ingest.parse_iso_date("0001-01-01") is None and ingest.parse_iso_date("9999-12-31") is None
    assert ingest.parse_iso_date("2021-01-09") == "2021-01-09"
    assert "outside 1900-01-01 to 2099-12-31" in ingest.iso_date_problem("9999-12-31")
    cleaned = ingest.clean_text("date 0001-01-01\n\nGunmen attacked a checkpoint on Sunday, killing five soldiers.")
    assert cleaned.published is None
    assert cleaned.problems == ["date line: date 0001-01-01 is outside 1900-01-01 to 2099-12-31; ignored"]


def test_a_sidecar_that_is_a_symbolic_link_is_never_followed(tmp_path):
    import os

    (tmp_path / "input").mkdir()
    (tmp_path / "outside.csv").write_text("article_id,title\na,Secret title\n", encoding="utf-8")
    os.symlink(tmp_path / "outside.csv", tmp_path / "input" / "articles.csv")
    rows, problems = ingest.read_sidecar(tmp_path / "input" / "articles.csv", {"a"})
    assert rows == {}
    assert problems == [{"row": 0, "article_id": "", "problem": "sidecar not read: a symbolic link, never followed"}]


def test_a_named_pipe_is_listed_and_never_opened(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block forever
    ledger = ingest.ingest_folder(tmp_path)["ledger"]
    assert ledger[["file", "status", "reason"]].values.tolist() == [
        ["pipe.txt", "not_text", "named pipe (FIFO), not a regular file; not opened"]]


def test_a_copy_with_another_figure_or_date_is_a_revision_and_a_copy_that_adds_nothing_a_duplicate():
    story = ("Gunmen attacked an army checkpoint on the river road east of the provincial capital late on Sunday, "
             "killing 12 soldiers and wounding three others, a local official said. The attackers fled towards "
             "the hills before reinforcements arrived, and the army said it had launched a search of nearby farms.")
    texts = {"a": story, "b": story.replace("12 soldiers", "14 soldiers"), "c": story.replace("Sunday", "Monday"),
             "d": story.replace("14", "12").replace("search", "sweep"), "e": story}
    duplicates, revisions = ingest.find_copies(texts, threshold=0.6, published={"e": "2022-01-02"})
    assert set(duplicates) == {"d"} and duplicates["d"][0] == "a"
    assert {key: value[0] for key, value in revisions.items()} == {"b": "a", "c": "a", "e": "a"}
    assert "12 → 14" in revisions["b"][1] and "sunday → monday" in revisions["c"][1]
    assert "published unknown → 2022-01-02" in revisions["e"][1]


MORTAR = ("Mortar rounds fell on a crowded market in the old town on Monday, killing four civilians and wounding "
          "eleven, the health directorate said. Shopkeepers said the shelling came from positions outside the "
          "town and lasted nearly half an hour before it stopped.\n")
# Arabic written for the test: "Four civilians were killed in shelling on a crowded market in the old town on Monday".
ARABIC = "قتل أربعة مدنيين وأصيب أحد عشر آخرون في قصف على سوق مزدحم في البلدة القديمة يوم الاثنين، وفق مديرية الصحة.\n"


def test_utf16_without_a_byte_order_mark_is_recognised_by_its_byte_pattern(tmp_path):
    (tmp_path / "little.txt").write_bytes(MORTAR.encode("utf-16-le"))
    (tmp_path / "big.txt").write_bytes(MORTAR.replace("Monday", "Tuesday").encode("utf-16-be"))
    (tmp_path / "arabic.txt").write_bytes((ARABIC * 3).encode("utf-16-le"))
    # Binary data with zero bytes: 16-bit counters (zeros at one parity, but control characters) and random bytes.
    (tmp_path / "counters.txt").write_bytes(struct.pack("<600H", *range(600)))
    (tmp_path / "noise.txt").write_bytes(random.Random(7).randbytes(4000) + b"\x00\x00")
    result = ingest.ingest_folder(tmp_path)
    ledger = result["ledger"].set_index("file")
    assert dict(ledger["status"]) == {"arabic.txt": "not_english", "big.txt": "ok", "counters.txt": "not_text",
                                      "little.txt": "ok", "noise.txt": "not_text"}
    assert dict(ledger["encoding"].loc[["little.txt", "big.txt", "arabic.txt"]]) == {
        "little.txt": "utf-16-le", "big.txt": "utf-16-be", "arabic.txt": "utf-16-le"}
    texts = result["texts"].set_index("article_id")["text"]
    assert "killing four civilians and wounding eleven" in texts["little"]
    assert "on Tuesday, killing four civilians" in texts["big"]
    assert ingest.decode_bytes((ARABIC * 3).encode("utf-16-be")).text == ARABIC * 3
    assert ingest.sniff_utf16(MORTAR.encode("utf-8")) is None


def test_files_sharing_a_name_get_distinct_ids_by_the_stated_rule():
    ids = ingest.article_ids(["story.txt", "story.jpg", "report.txt", "report.html", "a/brief.txt", "b/brief.txt",
                              "note", "note.md", "memo.txt", "memo.html", "memo.txt.md", "lone.png"])
    assert ids == {
        "story.txt": "story", "story.jpg": "story.jpg",  # one article file keeps the short id
        "report.txt": "report.txt", "report.html": "report.html",  # two article files: both by their path
        "a/brief.txt": "a/brief.txt", "b/brief.txt": "b/brief.txt",
        "note": "note", "note.md": "note.md",  # no extension is an article type
        "memo.txt": "memo.txt", "memo.html": "memo.html",
        "memo.txt.md": "memo.txt.md",  # its short id would be memo.txt, which is memo.txt's id
        "lone.png": "lone",
    }
    listed = ["story.jpg", "story.txt", "report.html", "report.txt"]
    assert ingest.article_ids(listed) == ingest.article_ids(list(reversed(listed)))


CONVOY = ("Gunmen ambushed a fuel convoy on the northern highway before dawn on Thursday, killing three drivers "
          "and a guard, police said. The trucks burned for hours and the road stayed closed until the evening, "
          "when engineers cleared the wrecks.\n")
CONVOY_PAGE = ("<html><body><article><p>A suicide bomber struck a wedding party in a village south of the capital "
               "late on Friday, killing nineteen guests and wounding dozens more, the provincial governor said. "
               "Relatives carried the wounded to a clinic in the next town, where doctors asked for blood "
               "donations.</p></article></body></html>")


def test_a_photo_or_a_page_beside_an_article_no_longer_makes_an_error(tmp_path):
    (tmp_path / "story.txt").write_text(MORTAR, encoding="utf-8")
    (tmp_path / "story.jpg").write_bytes(b"\xff\xd8\xff\xe0 a JPEG")
    (tmp_path / "convoy.txt").write_text(CONVOY, encoding="utf-8")
    (tmp_path / "convoy.html").write_text(CONVOY_PAGE, encoding="utf-8")
    result = ingest.ingest_folder(tmp_path)
    ledger = result["ledger"].set_index("file")
    assert dict(ledger["article_id"]) == {"convoy.html": "convoy.html", "convoy.txt": "convoy.txt",
                                          "story.jpg": "story.jpg", "story.txt": "story"}
    assert dict(ledger["status"]) == {"convoy.html": "ok", "convoy.txt": "ok", "story.jpg": "not_text",
                                      "story.txt": "ok"}
    assert sorted(result["articles"]["article_id"]) == ["convoy.html", "convoy.txt", "story"]


DEEP_BODY = ("<p>Militants attacked a police station in the river town on Saturday, killing six officers and wounding "
             "nine, a war monitor said.</p><p>The station had been reinforced after an earlier raid, officials "
             "added on Sunday.</p><div>Residents said the attackers withdrew towards the marshes.</div>"
             "<div>The interior ministry sent reinforcements to the area overnight.</div>")


def deep_page(depth: int) -> str:
    return ("<html><head><title>Attack on police station kills six</title></head><body><nav><a href='/'>Home</a> | "
            "<a href='/world'>World</a></nav>" + "<div>" * depth + DEEP_BODY + "</div>" * depth
            + "<footer>Related Articles</footer></body></html>")


def test_html_nested_500_levels_deep_keeps_its_text_and_paragraphs(tmp_path):
    (tmp_path / "deep.html").write_text(deep_page(500), encoding="utf-8")
    result = ingest.ingest_folder(tmp_path)
    assert result["ledger"].loc[0, "status"] == "ok", result["ledger"].loc[0, "reason"]
    article = result["texts"].iloc[0]
    assert article["title"] == "Attack on police station kills six"
    text = article["text"]
    for sentence in ["killing six officers and wounding nine", "reinforced after an earlier raid",
                     "withdrew towards the marshes.\nThe interior ministry"]:  # blocks stay apart
        assert sentence in text
    assert "Home" not in text and "Related Articles" not in text


def test_pages_of_ordinary_depth_reach_the_extractor_unchanged():
    page = deep_page(90)
    assert ingest.flatten_deep_html(page) is page
    flattened = ingest.flatten_deep_html(deep_page(500))
    import lxml.html

    tree = lxml.html.fromstring(flattened)
    assert max(sum(1 for _ in element.iterancestors()) for element in tree.iter()) <= ingest.MAX_HTML_DEPTH


def test_html_extraction_does_not_depend_on_pages_read_before():
    """trafilatura's deduplication remembers text across calls; off, a page gives the same body every time."""
    paragraphs = "".join(
        f"<p>Paragraph {n}: gunmen attacked a checkpoint near the river crossing at dawn, a police officer said, "
        f"and the army sent reinforcements from the district town before noon on the same day.</p>" for n in range(6))
    page = f"<html><head><title>Checkpoint attack</title></head><body><article>{paragraphs}</article></body></html>"
    first = ingest.extract_html(page)[0]
    assert "Paragraph 0" in first
    # With deduplication on, the fourth reading of the same page came back empty.
    assert [ingest.extract_html(page)[0] for _ in range(4)] == [first] * 4


def test_the_headline_under_a_related_heading_alone_on_its_line_is_furniture():
    text = ("Gunmen kill six in raid on market\n\nGunmen killed six traders at a market on Monday, police said.\n\n"
            "READ ALSO:\nBandits kill nine farmers in dawn raid\nThe police said the attackers fled on motorbikes.\n")
    cleaned = ingest.clean_text(text)
    assert "Bandits kill nine" not in cleaned.text and "fled on motorbikes." in cleaned.text
    assert {"rule": "related", "text": "Bandits kill nine farmers in dawn raid"} in cleaned.removed
    kept = ingest.clean_text("Title of the story\n\nRead more:\nFive soldiers were killed in the ambush, officials said.\n")
    assert "Five soldiers were killed in the ambush" in kept.text  # a sentence after the heading is the report's own
