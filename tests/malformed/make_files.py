# ruff: noqa: E501  (a table of test files: one row per file reads better than wrapped rows)
"""Writes the malformed-files corpus (files/) and its manifest (manifest.json).

Every file is one way a data file goes wrong on a user's PC: Notepad's encodings, a bank pasted
from Word, a YAML alias bomb, a progress export edited by hand. The manifest says which reader
each file is for (bank, corpus or progress import), what is wrong with it, and what a user must
see: `error` (one Chinese line naming the file, and every line in `lines` when given; a non-zero
exit; nothing changed) or `ok` (a harmless variation that must be accepted, such as a BOM).
Entries with `make` are created by the test itself (a FIFO, a directory, a 200 MB file, a
device, an unreadable file): they cannot live in git.

Regenerate after editing the table below (the output is deterministic):

    python tests/malformed/make_files.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"

# ---------------------------------------------------------------- building blocks

QUESTION = """\
- id: M001
  type: single
  stem: 多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过（　）。
  options: [3人, 5人, 7人, 10人]
  answer: B
  basis: {article: 20, paragraph: 3}
  explanation: 第二十条第三款规定：“……代表人数不得超过5人。”
  difficulty: 1
  tags: [数字期限]
"""

JUDGE = """\
- id: M002
  type: judge
  stem: 信访人采用走访形式提出信访事项的，可以到任意一级机关的接待场所提出。
  answer: false
  basis: {article: 20, paragraph: 1}
  explanation: 第二十条第一款规定，应当“到有权处理的本级或者上一级机关、单位设立或者指定的接待场所提出”。
  difficulty: 1
"""

BANK = QUESTION + JUDGE

ARTICLE_20 = """\
      - number: 20
        summary: 走访的提出
        paragraphs:
          - text: "信访人采用走访形式提出信访事项的，应当到有权处理的本级或者上一级机关、单位设立或者指定的接待场所提出。"
          - text: "信访人采用走访形式提出涉及诉讼权利救济的信访事项，应当按照法律法规规定的程序向有关政法部门提出。"
          - text: "多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过5人。"
"""

CORPUS = """\
meta:
  title: 信访工作条例
  issuer: 中共中央、国务院
chapters:
  - number: 3
    title: 信访事项的提出和受理
    articles:
""" + ARTICLE_20

EXPORT = {
    "format": "xuezhi-progress", "version": 1, "schema": 2, "store_id": "s-1",
    "exported_at": "2025-03-14T12:00:00+08:00",
    "sessions": [{
        "uid": "sess-1", "mode": "practice", "filters": {}, "planned": 1,
        "started_at": "2025-03-14T09:00:00+08:00", "finished_at": "2025-03-14T09:01:00+08:00",
        "status": "finished", "score": 100, "elapsed_s": 60,
        "answers": [{
            "uid": "ans-1", "seq": 1, "question_id": "Q3022", "qtype": "single", "article": 20,
            "given": "B", "correct": True, "elapsed_ms": 5000, "timed_out": False, "rating": 3,
            "answered_at": "2025-03-14T09:00:30+08:00", "day": "2025-03-14",
        }],
    }],
    "daily": [],
}


def export_with(change) -> bytes:
    data = json.loads(json.dumps(EXPORT))
    change(data)
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def answer(data: dict) -> dict:
    return data["sessions"][0]["answers"][0]


def nested(depth: int, open_: str, close: str, leaf: str = "1") -> str:
    return open_ * depth + leaf + close * depth


def alias_bomb(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnop"
    for i in range(1, levels):
        prev, cur = names[i - 1], names[i]
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def bank_bomb(levels: int) -> str:
    """A bank whose question holds the bomb under an unknown key, and whose stem is its last alias."""
    bomb = "    " + alias_bomb(levels).rstrip("\n").replace("\n", "\n    ") + "\n"
    last = "abcdefghijklmnop"[levels - 1]
    question = replace_in(QUESTION, "stem: 多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过（　）。", f"stem: *{last}")
    return replace_in(question, "- id: M001\n", "- id: M001\n  x:\n" + bomb) + JUDGE


def replace_in(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def u(text: str) -> bytes:
    return text.encode("utf-8")


# ---------------------------------------------------------------- the corpus
# (name, reader, problem, content or None, expect, line, make)

CASES: list[tuple[str, str, str, bytes | None, str, int | list[int] | None, str | None]] = [
    # --- any reader: bytes that are not a YAML/JSON text at all
    ("empty.yaml", "bank", "空文件（0 字节）", b"", "error", None, None),
    ("blank-lines.yaml", "bank", "只有空行和空格", b"\n   \n\t\n", "error", None, None),
    ("comment-only.yaml", "bank", "只有注释", u("# 题库\n# 还没写\n"), "error", None, None),
    ("utf16.yaml", "bank", "记事本“Unicode”（UTF-16 带 BOM）", BANK.encode("utf-16"), "error", None, None),
    ("utf16be.yaml", "corpus", "UTF-16 BE 带 BOM", CORPUS.encode("utf-16-be").join([b"\xfe\xff", b""]),
     "error", None, None),
    ("gbk.yaml", "bank", "GBK 编码（中文 Windows 的“ANSI”）：第 3 行第一个汉字处出错", BANK.encode("gbk"),
     "error", 3, None),
    ("gbk-late.yaml", "bank", "前两题是 UTF-8，第三题是 GBK（拼接的文件）", u(BANK) + "- id: M003\n  stem: 第三题\n".encode("gbk"),
     "error", 18, None),
    ("latin1.yaml", "corpus", "Latin-1 字节", "meta:\n  title: caf\xe9\n".encode("latin-1"), "error", 2, None),
    ("png.yaml", "bank", "PNG 图片改了扩展名", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "error", None,
     None),
    ("docx.yaml", "bank", "Word 文档（zip）改了扩展名", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200) + b"word/document.xml",
     "error", None, None),
    ("nul.yaml", "bank", "题干中间有 NUL 字节", u(replace_in(BANK, "应当推选代表", "应当\x00推选代表")), "error", 3, None),
    ("bell.yaml", "bank", "从 Word 粘贴带来的控制字符 U+0007", u(replace_in(BANK, "应当推选代表", "应当\x07推选代表")),
     "error", 3, None),
    ("escape-seq.yaml", "bank", "题干里有终端转义序列", u(replace_in(BANK, "应当推选代表", "应当\x1b[2J推选代表")), "error", 3,
     None),
    ("bom.yaml", "bank", "UTF-8 带 BOM（记事本“UTF-8 BOM”）：应当接受", b"\xef\xbb\xbf" + u(BANK), "ok", None, None),
    ("crlf.yaml", "bank", "Windows 换行 CRLF：应当接受", u(BANK.replace("\n", "\r\n")), "ok", None, None),
    ("bom-crlf.yaml", "corpus", "BOM 加 CRLF 的条文：应当接受", b"\xef\xbb\xbf" + u(CORPUS.replace("\n", "\r\n")), "ok", None,
     None),
    ("cr-only.yaml", "bank", "老式 Mac 换行（只有 CR）：应当接受", u(BANK.replace("\n", "\r")), "ok", None, None),
    ("no-final-newline.yaml", "bank", "最后一行没有换行：应当接受", u(BANK.rstrip("\n")), "ok", None, None),
    # --- YAML syntax
    ("tab-indent.yaml", "bank", "用 Tab 缩进", u(BANK.replace("  type: single", "\ttype: single")), "error", 2, None),
    ("unclosed-quote.yaml", "bank", "引号没有闭合", u(replace_in(BANK, "stem: 多人", 'stem: "多人')), "error", None, None),
    ("unclosed-bracket.yaml", "bank", "方括号没有闭合", u(replace_in(BANK, "10人]", "10人")), "error", 4, None),
    ("two-documents.yaml", "bank", "两个文档（多余的 ---）", u(BANK + "---\n" + BANK), "error", None, None),
    ("bad-escape.yaml", "bank", "双引号中的无效转义", u(replace_in(BANK, "stem: 多人", 'stem: "多人\\q"\n  old: 多人')), "error",
     3, None),
    ("surrogate-escape.yaml", "bank", "双引号中的孤立代理 \\ud800", u(replace_in(BANK, "stem: 多人", 'stem: "多人\\ud800"\n  old: 多人')),
     "error", 3, None),
    ("python-tag.yaml", "bank", "!!python/object 标签（不安全的 YAML）",
     u(replace_in(BANK, "stem: 多人", "stem: !!python/object/apply:os.system [echo hi]\n  old: 多人")), "error", 3, None),
    ("binary-tag.yaml", "bank", "!!binary 标签", u(replace_in(BANK, "stem: 多人", "stem: !!binary aGVsbG8=\n  old: 多人")), "error",
     3, None),
    ("set-tag.yaml", "bank", "!!set 作为选项", u(replace_in(BANK, "options: [3人, 5人, 7人, 10人]", "options: !!set {3人, 5人}")),
     "error", 4, None),
    ("custom-tag.yaml", "corpus", "自定义标签 !条文", u(replace_in(CORPUS, "title: 信访工作条例", "title: !条文 信访工作条例")), "error",
     2, None),
    ("unhashable-key.yaml", "bank", "列表作为键（? [a, b]）", u(BANK + "- ? [a, b]\n  : c\n"), "error", 17, None),
    # --- anchors and aliases
    ("alias-bomb-8.yaml", "bank", "8 层嵌套的锚点与别名（十亿笑）", u(bank_bomb(8)), "error", None, None),
    ("alias-bomb-9.yaml", "corpus", "9 层别名炸弹作为条文", u(alias_bomb(9)), "error", None, None),
    ("alias-bomb-meta.yaml", "corpus", "条文 meta 里的 9 层别名炸弹",
     u(replace_in(CORPUS, "meta:\n", "meta:\n  bomb:\n    " + alias_bomb(9).replace("\n", "\n    ").rstrip() + "\n")),
     "error", None, None),
    ("alias-simple.yaml", "bank", "yaml.dump 写出的 &id001 与 *id001（复用一个列表）：应当接受",
     u(replace_in(BANK, "tags: [数字期限]", "tags: &id001 [数字期限]") + "  tags: *id001\n"), "ok", None, None),
    ("undefined-alias.yaml", "bank", "引用未定义的锚点", u(replace_in(BANK, "basis: {article: 20, paragraph: 3}", "basis: *nope")),
     "error", 6, None),
    # --- nesting
    ("deep-flow.yaml", "bank", "2 万层方括号嵌套", u(nested(20_000, "[", "]")), "error", None, None),
    ("deep-block.yaml", "corpus", "500 层缩进嵌套的映射", u("".join(" " * i + "a:\n" for i in range(500)) + " " * 500 + "b\n"),
     "error", None, None),
    ("deep-mapping.yaml", "bank", "题目中 3000 层花括号嵌套", u(replace_in(BANK, "basis: {article: 20, paragraph: 1}",
                                                                    "basis: " + nested(3000, "{a: ", "}"))), "error", None,
     None),
    # --- shape: top level
    ("top-scalar.yaml", "bank", "顶层是一个字符串", u("这是题库\n"), "error", None, None),
    ("top-number.yaml", "corpus", "顶层是数字", u("42\n"), "error", None, None),
    ("top-mapping.yaml", "bank", "顶层是映射但没有 questions", u("题目: 1\n"), "error", None, None),
    ("top-list-corpus.yaml", "corpus", "条文顶层是列表", u(BANK), "error", None, None),
    ("list-of-scalars.yaml", "bank", "题库是字符串列表", u("- 第一题\n- 第二题\n"), "error", 1, None),
    ("null-question.yaml", "bank", "题库里有一项是 null", u(BANK + "- \n"), "error", 17, None),
    # --- duplicated keys
    ("dup-answer.yaml", "bank", "一道题里 answer 写了两次（A，后来又写 B）",
     u(replace_in(BANK, "  answer: B\n", "  answer: A\n  answer: B\n")), "error", [5, 6], None),
    ("dup-id-key.yaml", "bank", "一道题里 id 写了两次", u(replace_in(BANK, "  type: single\n", "  id: M009\n  type: single\n")),
     "error", [1, 2], None),
    ("dup-basis-key.yaml", "bank", "basis 中 article 写了两次",
     u(replace_in(BANK, "{article: 20, paragraph: 3}", "{article: 20, article: 21, paragraph: 3}")), "error", 6, None),
    ("dup-corpus-number.yaml", "corpus", "一条里 number 写了两次", u(replace_in(CORPUS, "      - number: 20\n",
                                                                       "      - number: 20\n        number: 21\n")),
     "error", [8, 9], None),
    ("dup-corpus-meta.yaml", "corpus", "meta 中 title 写了两次", u(replace_in(CORPUS, "  issuer:", "  title: 另一个\n  issuer:")),
     "error", [2, 3], None),
    # --- wrong types and values in a bank
    ("answer-mapping.yaml", "bank", "answer 是映射", u(replace_in(BANK, "answer: B", "answer: {B: 1}")), "error", 5, None),
    ("options-string.yaml", "bank", "options 是一个字符串", u(replace_in(BANK, "options: [3人, 5人, 7人, 10人]", "options: 3人 5人")),
     "error", 4, None),
    ("difficulty-word.yaml", "bank", "difficulty 是英文单词", u(replace_in(BANK, "difficulty: 1\n  tags", "difficulty: hard\n  tags")),
     "error", 8, None),
    ("difficulty-inf.yaml", "bank", "difficulty 是 .inf", u(replace_in(BANK, "difficulty: 1\n  tags", "difficulty: .inf\n  tags")),
     "error", 8, None),
    ("difficulty-nan.yaml", "bank", "difficulty 是 .nan", u(replace_in(BANK, "difficulty: 1\n  tags", "difficulty: .nan\n  tags")),
     "error", 8, None),
    ("article-huge.yaml", "bank", "basis 的条号有 40 位", u(replace_in(BANK, "article: 20, paragraph: 3", "article: " + "9" * 40)),
     "error", 6, None),
    ("item-huge.yaml", "bank", "basis 的项号是 100000000", u(replace_in(BANK, "paragraph: 3}", "paragraph: 3, item: 100000000}")),
     "error", 6, None),
    ("paragraph-huge.yaml", "bank", "basis 的款号有 5000 位", u(replace_in(BANK, "paragraph: 3}", "paragraph: " + "7" * 5000 + "}")),
     "error", 6, None),
    ("article-negative.yaml", "bank", "basis 的条号是 -20", u(replace_in(BANK, "article: 20, paragraph: 3", "article: -20")), "error",
     6, None),
    ("article-float.yaml", "bank", "basis 的条号是 20.5", u(replace_in(BANK, "article: 20, paragraph: 3", "article: 20.5")), "error", 6,
     None),
    ("article-bool.yaml", "bank", "basis 的条号是 true", u(replace_in(BANK, "article: 20, paragraph: 3", "article: true")), "error", 6,
     None),
    ("article-chinese.yaml", "bank", "basis 的条号写成“二十”", u(replace_in(BANK, "article: 20, paragraph: 3", "article: 二十")), "error",
     6, None),
    ("basis-list.yaml", "bank", "basis 是列表", u(replace_in(BANK, "basis: {article: 20, paragraph: 3}", "basis: [20, 3]")), "error", 6,
     None),
    ("id-list.yaml", "bank", "id 是列表", u(replace_in(BANK, "- id: M001", "- id: [M, 1]")), "error", 1, None),
    ("type-unknown.yaml", "bank", "未知题型 essay", u(replace_in(BANK, "type: single", "type: essay")), "error", 2, None),
    ("type-null.yaml", "bank", "题型为空", u(replace_in(BANK, "type: single", "type:")), "error", 2, None),
    ("stem-number.yaml", "bank", "题干是数字", u(replace_in(BANK, "stem: 多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过（　）。", "stem: 12345")),
     "error", 3, None),
    ("stem-timestamp.yaml", "bank", "题干被 YAML 读成日期", u(replace_in(BANK, "stem: 多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过（　）。",
                                                               "stem: 2022-05-01")), "error", 3, None),
    ("tags-mapping.yaml", "bank", "tags 是映射", u(replace_in(BANK, "tags: [数字期限]", "tags: {数字期限: 1}")), "error", 9, None),
    ("answer-letter-out.yaml", "bank", "答案字母 Z 不在选项中", u(replace_in(BANK, "answer: B", "answer: Z")), "error", 5, None),
    ("judge-string.yaml", "bank", "判断题答案写成“错”", u(replace_in(BANK, "answer: false", "answer: 错误答案")), "error", 13, None),
    # --- wrong types and values in a corpus
    ("corpus-no-meta.yaml", "corpus", "缺少 meta", u(CORPUS.split("chapters:")[0].replace("meta:", "x:") + "chapters:" +
                                                    CORPUS.split("chapters:")[1]), "error", None, None),
    ("corpus-number-huge.yaml", "corpus", "条号有 400 位", u(replace_in(CORPUS, "- number: 20", "- number: " + "1" * 400)), "error", 8,
     None),
    ("corpus-number-string.yaml", "corpus", "条号是文本", u(replace_in(CORPUS, "- number: 20", "- number: 二十")), "error", 8, None),
    ("corpus-paragraphs-string.yaml", "corpus", "paragraphs 是文本",
     u(CORPUS.split("        paragraphs:")[0] + "        paragraphs: 全文\n"), "error", 10, None),
    ("corpus-title-list.yaml", "corpus", "meta.title 是列表", u(replace_in(CORPUS, "title: 信访工作条例", "title: [信访, 工作]")), "error",
     2, None),
    ("corpus-meta-dates.yaml", "corpus", "meta 的日期写成不存在的 2022-02-30（YAML 日期）",
     u(replace_in(CORPUS, "  issuer:", "  published: 2022-02-30\n  issuer:")), "error", 3, None),
    ("corpus-principle-item.yaml", "corpus", "五项原则引用第 20 条第 99 项",
     u(CORPUS + "principles:\n  - name: 原则\n    text: 文字\n    article: 20\n    item: 99\n"), "error", 18, None),
    # --- progress imports (JSON)
    ("import-empty.json", "import", "空文件", b"", "error", None, None),
    ("import-not-json.json", "import", "不是 JSON", u("这不是 JSON\n"), "error", 1, None),
    ("import-array.json", "import", "顶层是数组", b"[1, 2, 3]\n", "error", None, None),
    ("import-bom.json", "import", "UTF-8 带 BOM 的导出文件：应当接受", b"\xef\xbb\xbf" + export_with(lambda d: None), "ok", None, None),
    ("import-utf16.json", "import", "UTF-16 的导出文件（记事本另存为 Unicode）", export_with(lambda d: None).decode().encode("utf-16"),
     "error", None, None),
    ("import-gbk.json", "import", "GBK 的导出文件", export_with(lambda d: answer(d).update(given="五人")).decode().encode("gbk"), "error",
     None, None),
    ("import-truncated.json", "import", "拷贝中断，文件只有一半", export_with(lambda d: None)[:200], "error", None, None),
    ("import-deep.json", "import", "2 万层嵌套的数组", u(nested(20_000, "[", "]")), "error", None, None),
    ("import-bigint.json", "import", "seq 是 5000 位的整数", export_with(lambda d: None).replace(b'"seq": 1', b'"seq": ' + b"9" * 5000),
     "error", None, None),
    ("import-inf.json", "import", "score 是 1e400（读成无穷大）", export_with(lambda d: None).replace(b'"score": 100', b'"score": 1e400'),
     "error", None, None),
    ("import-nan.json", "import", "score 是 NaN", export_with(lambda d: None).replace(b'"score": 100', b'"score": NaN'), "error", None,
     None),
    ("import-seq-range.json", "import", "seq 超出范围（范围应显示为 1–1000000）", export_with(lambda d: answer(d).update(seq=2_000_000)),
     "error", None, None),
    ("import-dup-key.json", "import", "同一条作答里 correct 写了两次",
     export_with(lambda d: None).replace(b'"correct": true', b'"correct": false, "correct": true'), "error", None, None),
    ("import-version-new.json", "import", "更新版本的导出格式 99", export_with(lambda d: d.update(version=99)), "error", None, None),
    ("import-version-huge.json", "import", "格式版本有 300 位", export_with(lambda d: None).replace(b'"version": 1', b'"version": ' + b"9" * 300),
     "error", None, None),
    ("import-date-bad.json", "import", "作答日期 2025-13-45", export_with(lambda d: answer(d).update(day="2025-13-45")), "error", None, None),
    ("import-year-huge.json", "import", "时间的年份是 99999", export_with(lambda d: answer(d).update(answered_at="99999-01-01T00:00:00")),
     "error", None, None),
    ("import-rating-text.json", "import", "rating 是文本", export_with(lambda d: answer(d).update(rating="good")), "error", None, None),
    ("import-correct-text.json", "import", "correct 是文本 yes", export_with(lambda d: answer(d).update(correct="yes")), "error", None,
     None),
    ("import-status-bad.json", "import", "未知的答题状态", export_with(lambda d: d["sessions"][0].update(status="paused")), "error", None,
     None),
    ("import-surrogate.json", "import", "作答中有孤立代理 \\ud800",
     export_with(lambda d: None).replace(b'"given": "B"', b'"given": "\\ud800"'), "error", None, None),
    ("import-nul.json", "import", "作答中有 NUL 字符 \\u0000",
     export_with(lambda d: None).replace(b'"given": "B"', b'"given": "B\\u0000"'), "error", None, None),
    ("import-sessions-mapping.json", "import", "sessions 是映射", export_with(lambda d: d.update(sessions={"a": 1})), "error", None, None),
    ("import-answers-null.json", "import", "answers 是 null", export_with(lambda d: d["sessions"][0].update(answers=None)), "error", None,
     None),
    ("import-uid-list.json", "import", "uid 是列表", export_with(lambda d: answer(d).update(uid=["a"])), "error", None, None),
    ("import-yaml.json", "import", "把题库 YAML 当成学习记录导入", u(BANK), "error", None, None),
    # --- special paths (created by the test; see `make`)
    ("missing.yaml", "bank", "文件不存在", None, "error", None, "missing"),
    ("a-directory.yaml", "bank", "这是一个目录", None, "error", None, "directory"),
    ("a-directory.json", "import", "这是一个目录", None, "error", None, "directory"),
    ("fifo.yaml", "corpus", "命名管道（读它会一直等）", None, "error", None, "fifo"),
    ("fifo.json", "import", "命名管道", None, "error", None, "fifo"),
    ("unreadable.yaml", "bank", "没有读权限的文件", None, "error", None, "unreadable"),
    ("unreadable.json", "import", "没有读权限的导出文件", None, "error", None, "unreadable"),
    ("huge.yaml", "bank", "200 MB 的文件（稀疏文件，全是零字节）", None, "error", None, "huge"),
    ("huge.json", "import", "200 MB 的导出文件", None, "error", None, "huge"),
    ("symlink-loop.yaml", "corpus", "指向自身的符号链接", None, "error", None, "loop"),
    ("dev-zero", "import", "/dev/zero", None, "error", None, "device:/dev/zero"),
    ("dev-urandom", "bank", "/dev/urandom", None, "error", None, "device:/dev/urandom"),
    ("dev-zero-corpus", "corpus", "/dev/zero 作为条文", None, "error", None, "device:/dev/zero"),
    ("dev-null", "bank", "/dev/null（空的设备）", None, "error", None, "device:/dev/null"),
    ("file-as-dir.yaml", "bank", "路径中间是一个文件（bom.yaml/x.yaml）", None, "error", None, "under-file"),
]


def load_manifest() -> list[dict]:
    return json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))


def materialize(entry: dict, folder: Path) -> Path:
    """The path to hand a reader for this manifest entry: a copy of the file in `folder`, or the
    special path that `make` describes, created there."""
    import os
    import shutil

    target = folder / entry["file"]
    make = entry.get("make")
    if make is None:
        shutil.copyfile(FILES / entry["file"], target)
    elif make == "missing":
        pass
    elif make == "directory":
        target.mkdir()
    elif make == "fifo":
        os.mkfifo(target)
    elif make == "unreadable":
        target.write_bytes(BANK.encode() if entry["reader"] != "import" else export_with(lambda d: None))
        target.chmod(0)
        if os.geteuid() == 0 and os.path.exists("/proc/sys/vm/compact_memory"):
            # root reads a mode-000 file anyway; this one refuses even root (write-only, 0200)
            return Path("/proc/sys/vm/compact_memory")
    elif make == "huge":
        with open(target, "wb") as fh:
            fh.truncate(200 * 1024 * 1024)  # sparse: past both caps (16 MB for data, 128 MB for imports)
    elif make == "loop":
        target.symlink_to(target.name)
    elif make.startswith("device:"):
        return Path(make.split(":", 1)[1])
    elif make == "under-file":
        (folder / "plain.yaml").write_text(BANK, encoding="utf-8")
        return folder / "plain.yaml" / "x.yaml"
    else:
        raise ValueError(make)
    return target


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    manifest = []
    for name, reader, problem, content, expect, line, make in CASES:
        entry = {"file": name, "reader": reader, "problem": problem, "expect": expect}
        if line:
            entry["lines"] = line if isinstance(line, list) else [line]
        if make:
            entry["make"] = make
        else:
            assert content is not None
            (FILES / name).write_bytes(content)
        manifest.append(entry)
    names = [e["file"] for e in manifest]
    assert len(names) == len(set(names)), "duplicate file names"
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest)} entries, {sum(1 for e in manifest if 'make' not in e)} files in {FILES}")


if __name__ == "__main__":
    main()
