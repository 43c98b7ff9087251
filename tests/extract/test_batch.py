"""Batch extraction over a folder of articles in the encodings and formats people save."""

from __future__ import annotations

import shutil
from pathlib import Path

from graph_builder.extract import load_extractor
from graph_builder.extract.batch import article_paths, run_batch

GOLD = Path(__file__).parents[1] / "extract_gold"


def test_a_folder_of_utf16_text_and_html_pages_is_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = (GOLD / "en07-korea-koica-wire.txt").read_text(encoding="utf-8")
    (folder / "saved-by-word.txt").write_text(text, encoding="utf-16")
    shutil.copy(GOLD / "id18-as-semikonduktor.html", folder)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an article suffix: not read
    paths = article_paths([folder])
    assert [p.name for p in paths] == ["id18-as-semikonduktor.html", "saved-by-word.txt"]
    summary = run_batch(load_extractor(), paths, tmp_path / "out")
    assert summary.failed == []
    korea = (tmp_path / "out" / "saved-by-word.yaml").read_text(encoding="utf-8")
    assert "about: KR" in korea and "about: ID" in korea
    usa = (tmp_path / "out" / "id18-as-semikonduktor.yaml").read_text(encoding="utf-8")
    assert "about: US" in usa and "semiconductor" in usa
