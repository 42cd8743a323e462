"""Tests of the output-folder rules: where a run may write, judged before any work."""
from __future__ import annotations

import pytest

from helpers.output_folder import OutputFolderError, check_output_folder
from helpers.paths import DATA_DIR, NOTEBOOKS_DIR, REFERENCE_RUN_DIR, REPO_DIR


@pytest.fixture
def folders(tmp_path):
    articles = tmp_path / "articles"
    (articles / "sub").mkdir(parents=True)
    (tmp_path / "a-file.txt").write_text("not a folder\n")
    return tmp_path, articles


def refused(output, input_dir, problem, **options):
    with pytest.raises(OutputFolderError, match=problem) as raised:
        check_output_folder(output, input_dir, option=options.pop("option", "--output"), **options)
    message = str(raised.value)
    assert str(output) in message and "--output" in message
    return message


def test_new_folders_outside_the_input_and_the_repository_sources_are_accepted(folders):
    root, articles = folders
    check_output_folder(root / "out", articles, option="--output")
    check_output_folder(root / "deep" / "new" / "out", articles, option="--output")
    check_output_folder(REPO_DIR / "output" / "run", articles, option="--output")


def test_the_input_folder_inside_it_or_around_it_is_refused(folders):
    root, articles = folders
    refused(articles, articles, "is the input folder")
    refused(articles / "sub", articles, "is inside the input folder")
    refused(articles / "sub" / "new", articles, "is inside the input folder")
    refused(root, articles, "contains the input folder")


def test_a_link_to_the_input_folder_is_the_input_folder(folders):
    root, articles = folders
    (root / "link").symlink_to(articles)
    refused(root / "link", articles, "is the input folder")
    (root / "dangling").symlink_to(root / "nowhere")
    refused(root / "dangling", articles, "is a link to")


def test_a_file_on_the_way_is_refused(folders):
    root, articles = folders
    refused(root / "a-file.txt", articles, "is a file")
    refused(root / "a-file.txt" / "out", articles, "cannot be created: .*a-file.txt' is a file")


def test_a_folder_that_cannot_be_written_is_refused(read_only_folder, folders):
    _, articles = folders
    refused(read_only_folder, articles, "is not writable")
    refused(read_only_folder / "out", articles, "cannot be created: .*read-only' is not writable")


@pytest.mark.parametrize("folder, problem", [
    (REPO_DIR, "is the repository's root"),
    (NOTEBOOKS_DIR, "is the repository's notebooks/ folder"),
    (REPO_DIR / "src", "is the repository's src/ folder"),
    (REPO_DIR / "src" / "helpers" / "new", "is inside the repository's src/ folder"),
    (DATA_DIR, "is the repository's data/ folder"),
    (DATA_DIR / "gold", "is inside the repository's data/ folder"),
    (REPO_DIR / "tests", "is the repository's tests/ folder"),
    (REFERENCE_RUN_DIR, "is the committed reference run"),
    (REFERENCE_RUN_DIR / "tables", "is inside the repository's data/ folder"),
])
def test_the_repository_and_its_source_folders_are_refused(folders, folder, problem):
    _, articles = folders
    refused(folder, articles, problem)


def test_only_the_notebooks_themselves_may_write_the_reference_run(folders):
    _, articles = folders
    check_output_folder(REFERENCE_RUN_DIR, REPO_DIR / "seeds", option="output_dir", allow_reference_run=True)
    with pytest.raises(OutputFolderError, match="output_dir"):
        check_output_folder(REFERENCE_RUN_DIR / "tables", articles, option="output_dir", allow_reference_run=True)
    with pytest.raises(OutputFolderError, match="output_dir"):
        check_output_folder(NOTEBOOKS_DIR, articles, option="output_dir", allow_reference_run=True)
