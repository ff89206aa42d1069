"""The 2005 《信访条例》 shipped beside the 2022 text is the official text, and --edition finds it."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from xuezhi.errors import XuezhiError
from xuezhi.text.corpus import load_regulation
from xuezhi.text.editions import DEFAULT, edition, edition_of, edition_path

# SHA-256 of the official text of ../shared/sources/信访条例(2005-01-10).md after its info block:
# the seven chapter titles, one per line, then every article line as printed (第一条 为了……), the
# source's half-width item markers (一) written （一） as the corpus prints them. Computed from the
# source file itself, so a single changed character in data/信访条例2005.yaml changes the digest.
OFFICIAL_SHA256 = "8f851b7ebc9795ccf6b94b62c04279731c498bf4fbec166ae27f7bee31335113"
ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="module")
def old():
    return load_regulation(edition_path("2005"))


def test_corpus_reproduces_the_official_2005_text_character_for_character(old):
    blob = "\n".join(f"{c.label} {c.title}" for c in old.chapters) + "\n" + "\n".join(
        f"{a.label} {a.text}" for a in old.articles)
    assert hashlib.sha256(blob.encode("utf-8")).hexdigest() == OFFICIAL_SHA256


def test_digest_is_the_official_sources_when_available():
    source = SOURCES / "信访条例(2005-01-10).md"
    if not source.exists():
        pytest.skip("official source not beside the checkout")
    lines = [line.strip() for line in source.read_text(encoding="utf-8").split("<!-- INFO END -->")[1].splitlines()
             if line.strip()]
    chapters = [line[3:] for line in lines if line.startswith("## ")]
    body = [re.sub(r"^\(([一二三四五六七八九十]+)\)", r"（\1）", line) for line in lines if not line.startswith("## ")]
    blob = "\n".join(chapters) + "\n" + "\n".join(body)
    assert hashlib.sha256(blob.encode("utf-8")).hexdigest() == OFFICIAL_SHA256


@pytest.mark.parametrize(("source", "shipped"), [
    ("信访工作条例(2022-02-25).md", "条例.yaml"), ("信访条例(2005-01-10).md", "信访条例2005.yaml")])
def test_the_builder_makes_the_shipped_files_byte_for_byte(source, shipped):
    """tools/build_corpus.py is how the files were made: rebuilding changes nothing (the 2022 file
    included, which the 2005 profile must not have touched)."""
    if not (SOURCES / source).exists():
        pytest.skip("official source not beside the checkout")
    built = subprocess.run([sys.executable, str(ROOT / "tools" / "build_corpus.py"), str(SOURCES / source)],
                           capture_output=True, check=True).stdout
    assert built == (ROOT / "data" / shipped).read_bytes()


def test_structure_meta_and_summaries(old):
    assert [(c.title, c.article_range) for c in old.chapters] == [
        ("总则", (1, 8)), ("信访渠道", (9, 13)), ("信访事项的提出", (14, 20)), ("信访事项的受理", (21, 27)),
        ("信访事项的办理和督办", (28, 39)), ("法律责任", (40, 48)), ("附则", (49, 51))]
    assert old.meta["issuer"] == "国务院" and old.meta["document"] == "中华人民共和国国务院令第431号"
    assert (old.meta["approved"], old.meta["published"], old.meta["effective"]) == (
        "2005-01-05", "2005-01-10", "2005-05-01")
    assert all(a.summary and len(a.summary) <= 20 for a in old.articles)
    assert len({a.summary for a in old.articles}) == 51
    assert not old.principles


def test_the_line_between_items_three_and_four_of_article_21_stays_in_item_three(old):
    """In the source it is a further paragraph of （三）; as a 款 of its own it would renumber （四）
    as （一） and break 前款第(二)项至第(四)项."""
    a21 = old.article(21)
    assert len(a21.paragraphs) == 2 and len(a21.items()) == 4
    three = a21.items()[2]
    assert three.endswith("报告转送信访事项的办理情况。") and "\n县级以上人民政府信访工作机构要定期" in three
    assert a21.paragraphs[1].text.startswith("按照前款第(二)项至第(四)项规定")


@pytest.mark.parametrize("name", ["2005", "2005年", "旧", " 旧条例 "])
def test_edition_names(name):
    assert edition(name).file == "信访条例2005.yaml"
    assert edition_of(edition_path(name)) == edition("2005")


def test_an_unknown_edition_names_the_choices():
    with pytest.raises(XuezhiError, match=r"没有“1995”这一版本，可选 2022：.*2005："):
        edition("1995")
    assert edition(DEFAULT).file == "条例.yaml"
    assert edition_of(Path("elsewhere.yaml")) is None
