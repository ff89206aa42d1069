"""The item-writing standard's machine checks (docs/命题规范.md 【机检】): each has a small bank that
breaks it, and the shipped bank keeps every one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from xuezhi.bank.load import read_bank
from xuezhi.bank.model import QType
from xuezhi.bank.validation import review_bank, validate_bank

OPTIONS = ["3人", "5人", "7人", "10人"]  # 第二十条第三款: 代表人数不得超过5人


def single(n: int, key_at: int, options: list[str] | None = None, **extra) -> dict:
    opts = list(options or OPTIONS)
    right = opts.pop(opts.index("5人"))
    opts.insert(key_at, right)
    return {"id": f"S{n:03d}", "type": "single", "stem": f"第{n}问：多人走访时代表人数的上限是（　）。",
            "options": opts, "answer": "ABCD"[key_at], "basis": {"article": 20, "paragraph": 3},
            "explanation": "第二十条第三款规定：“代表人数不得超过5人。”"} | extra


def multiple(n: int, answer: str, options: list[str]) -> dict:
    return {"id": f"M{n:03d}", "type": "multiple", "stem": f"第{n}问：第二条所列适用本条例的有（　）。",
            "options": options, "answer": answer, "basis": {"article": 2}, "explanation": "第二条。"}


def write(tmp_path: Path, questions: list[dict], name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(questions, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def problems(tmp_path: Path, questions: list[dict], reg) -> list:
    return validate_bank(read_bank(write(tmp_path, questions)), reg, near_duplicates=False)


def rules(found: list) -> set[tuple[str | None, str, bool]]:
    return {(p.qid, p.rule, p.warning) for p in found}


def test_single_choice_keys_all_at_a_are_a_bank_error(tmp_path, reg):
    found = problems(tmp_path, [single(i, 0) for i in range(20)], reg)
    keyed = [p for p in found if p.rule == "答案位置"]
    assert [p.qid for p in keyed] == [None] * 4  # A at 100 %, B, C and D at 0 %
    assert "答案为 A 的占 100%" in keyed[0].message and "20%–30%" in keyed[0].message
    assert not [p for p in problems(tmp_path, [single(i, i % 4) for i in range(20)], reg) if p.rule == "答案位置"]


def test_key_positions_are_not_judged_on_a_handful_of_questions(tmp_path, reg):
    assert not [p for p in problems(tmp_path, [single(i, 0) for i in range(5)], reg) if p.rule == "答案位置"]


def test_key_as_the_one_longest_option_at_most_40_percent(tmp_path, reg):
    longest = ["3人", "不得超过5人", "7人", "10人"]  # the key is never shorter
    bank = [single(i, i % 4, [o if o != "不得超过5人" else "5人" for o in longest]) for i in range(20)]
    for q in bank:
        q["options"] = [("代表不得超过5人" if o == "5人" else o) for o in q["options"]]
    found = problems(tmp_path, bank, reg)
    assert [p.message for p in found if p.rule == "最长选项"] == [
        "正确项是唯一最长选项的单选题占 100%，不应超过 40%：把干扰项写得同样完整"]


BODIES = ["群团组织", "国有企事业单位", "监察机关", "审判机关", "外国驻华机构"]


def test_multiple_choice_with_only_one_wrong_option_each(tmp_path, reg):
    bank = [multiple(i, "ABCD", BODIES) for i in range(20)]
    found = [p.message for p in problems(tmp_path, bank, reg) if p.rule == "多选正确项个数"]
    assert found == ["有两个及以上错误选项的多选题只占 0%（20 道多选题），应至少三分之一：不能总是“只有一个错误选项”"]


def test_multiple_choice_all_correct_at_most_a_fifth(tmp_path, reg):
    bank = [multiple(i, "ABCD", BODIES[:4]) for i in range(10)] + [
        multiple(i, "BC", ["外国驻华机构", "群团组织", "审判机关", "境外媒体"]) for i in range(10, 20)]
    found = [p.message for p in problems(tmp_path, bank, reg) if p.rule == "多选正确项个数"]
    assert found == ["全部选项都正确的多选题占 50%（20 道多选题），不应超过五分之一"]


def test_multiple_choice_keys_always_leading_letters(tmp_path, reg):
    bank = [multiple(i, "AB", ["群团组织", "审判机关", "外国驻华机构", "境外媒体"]) for i in range(20)]
    found = [p.message for p in problems(tmp_path, bank, reg) if p.rule == "答案位置"]
    assert found == ["正确选项排在最前（AB、ABC……）的多选题占 100%（20 道多选题），不应超过三分之一：调整选项顺序"]


def test_a_stem_that_contains_its_key(tmp_path, reg):
    q = single(1, 1) | {"stem": "代表人数不得超过5人。多人走访时代表人数的上限是（　）。"}
    blank = {"id": "B1", "type": "blank", "stem": "信访部门在15日内处理，即收到信访事项后（　）内处理。",
             "answer": ["15日"], "basis": {"article": 22, "paragraph": 1}, "explanation": "第二十二条第一款。"}
    found = [p for p in problems(tmp_path, [q, blank], reg) if p.rule == "题干含答案"]
    assert [(p.qid, p.warning) for p in found] == [("S001", False), ("B1", False)]
    assert "“5人”" in found[0].message


def test_absolute_words_in_a_distractor_are_a_warning(tmp_path, reg):
    q = single(1, 1, ["一律不设上限", "5人", "7人", "10人"])
    found = [p for p in problems(tmp_path, [q], reg) if p.rule == "绝对化干扰项"]
    assert [(p.qid, p.warning) for p in found] == [("S001", True)] and "“一律”" in found[0].message
    keyed = single(1, 0, ["5人", "所有人", "7人", "10人"])  # only distractors are looked at
    assert not [p for p in problems(tmp_path, [keyed], reg) if p.rule == "绝对化干扰项" and "5人" in p.message]


def test_a_choice_question_with_the_wrong_number_of_options_fails_validate(tmp_path, reg, invoke):
    """三、1 and 三、2: a single choice has 4 options, a multiple choice 4–5 (the loader takes 2–6)."""
    bank = [single(1, 1, ["3人", "5人", "7人"]), single(2, 2),
            multiple(3, "BC", ["外国驻华机构", "群团组织", "审判机关"]),
            multiple(4, "BCE", ["外国驻华机构", "群团组织", "审判机关", "境外媒体", "监察机关", "外国商会"]),
            multiple(5, "BC", ["外国驻华机构", "群团组织", "审判机关", "境外媒体"]),
            multiple(6, "BCE", ["外国驻华机构", "群团组织", "审判机关", "境外媒体", "监察机关"]),
            judge(True, "8名群众一起走访，应当推选不超过5名代表。") | {"id": "J2"}]
    found = [p for p in problems(tmp_path, bank, reg) if p.rule == "选项个数"]
    assert [(p.qid, p.warning, p.message) for p in found] == [
        ("S001", False, "单选题应有 4 个选项，本题有 3 个"),
        ("M003", False, "多选题应有 4–5 个选项，本题有 3 个"),
        ("M004", False, "多选题应有 4–5 个选项，本题有 6 个")]
    r = invoke("validate", str(write(tmp_path, bank)))
    assert r.exit_code == 2 and "[错误·选项个数] 单选题应有 4 个选项，本题有 3 个" in r.stderr
    three = write(tmp_path, [bank[0]], "three.yaml")
    r = invoke("quiz", "--bank", str(three), "-n", "1", "--no-save", input="A\n")
    assert r.exit_code == 0 and "  C. " in r.stdout and "  D. " not in r.stdout, r.output  # a trainer's quiz runs


def judge(answer: bool, stem: str) -> dict:
    return {"id": "J1", "type": "judge", "stem": stem, "answer": answer, "basis": {"article": 20, "paragraph": 3},
            "explanation": "第二十条第三款规定：“多人采用走访形式提出共同的信访事项的，应当推选代表，"
                           "代表人数不得超过5人。”"}


def test_a_true_statement_copied_from_the_text_is_a_warning(tmp_path, reg):
    copied = judge(True, "依照第二十条第三款，多人采用走访形式提出共同的信访事项的，应当推选代表，"
                         "代表人数不得超过5人。")
    assert ("J1", "照抄原文", True) in rules(problems(tmp_path, [copied], reg))
    reworded = judge(True, "8名群众就同一问题一起到信访局走访，应当从中推选不超过5名代表。")
    changed = judge(False, "多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过10人。")
    assert not [p for p in problems(tmp_path, [reworded], reg) + problems(tmp_path, [changed], reg)
                if p.rule == "照抄原文"]


LISTED = {"id": "L1", "type": "blank", "stem": "本条例适用于各级党的机关……以及（　）、（　）等开展信访工作。",
          "answer": ["群团组织", "国有企事业单位"], "basis": {"article": 2}, "explanation": "第二条。"}


def test_blanks_listed_in_the_text_should_be_order_free(tmp_path, reg):
    found = [p for p in problems(tmp_path, [LISTED], reg) if p.rule == "空的顺序"]
    assert [(p.qid, p.warning) for p in found] == [("L1", True)] and "order_free: true" in found[0].message
    assert not [p for p in problems(tmp_path, [LISTED | {"order_free": True}], reg) if p.rule == "空的顺序"]
    in_order = {"id": "L2", "type": "blank", "stem": "信访部门收到信访事项，应当予以（　），并在（　）内分别处理。",
                "answer": ["登记", "15日"], "basis": {"article": 22, "paragraph": 1},
                "explanation": "第二十二条第一款。"}
    assert not [p for p in problems(tmp_path, [in_order], reg) if p.rule == "空的顺序"]


CUED = {"id": "C1", "type": "blank", "stem": "多人采用走访形式提出共同的信访事项的，应当推选代表，"
                                              "代表人数不得超过（　）。",
        "answer": ["5人"], "basis": {"article": 20, "paragraph": 3}, "explanation": "第二十条第三款。"}
GIVER = {"id": "C2", "type": "single", "stem": "8名群众走访反映同一问题，应当如何？（　）",
         "options": ["全部进入接待场所", "推选代表，代表人数不得超过5人", "推选代表，人数不限", "改为书信形式"],
         "answer": "B", "basis": {"article": 20, "paragraph": 3}, "explanation": "第二十条第三款。"}


def test_a_question_that_prints_anothers_key_is_a_cue_pair(tmp_path, reg):
    path = write(tmp_path, [CUED, GIVER])
    review = review_bank(read_bank(path), reg, near_duplicates=False)
    cues = [p for p in review.problems if p.rule == "提示对"]
    assert review.cue_pairs == 1 and len(cues) == 1 and not cues[0].warning
    line = path.read_text(encoding="utf-8").splitlines().index("- id: C2") + 1
    assert cues[0].qid == "C2" and cues[0].line == line and "C1" in cues[0].message and "“超过5人”" in cues[0].message
    assert review.sentence_groups == 1  # both test 代表人数不得超过5人


def test_a_declared_group_is_not_reported(tmp_path, reg):
    grouped = [CUED | {"group": "走访代表"}, GIVER | {"group": "走访代表"}]
    review = review_bank(read_bank(write(tmp_path, grouped)), reg, near_duplicates=False)
    assert review.cue_pairs == 0 and not [p for p in review.problems if p.rule == "提示对"]


def test_a_citation_in_a_stem_is_not_a_cue(tmp_path, reg):
    """依照第二十条…: citing an article is not quoting the text, even where 第二十条 is an answer."""
    refs = {"id": "R1", "type": "blank", "stem": "依照第四十七条第一款，信访人违反本条例第（　）条规定的……",
            "answer": [["二十", "20"]], "basis": {"article": 47, "paragraph": 1}, "explanation": "第四十七条第一款。"}
    citing = judge(True, "依照第二十条第三款，8名群众一起走访的，应当推选不超过5名代表。")
    review = review_bank(read_bank(write(tmp_path, [refs, citing])), reg, near_duplicates=False)
    assert review.cue_pairs == 0


def test_a_retired_id_is_not_reused(tmp_path, reg):
    write(tmp_path, ["Q9001", "S001"], "retired_ids.yaml")
    found = [p for p in problems(tmp_path, [single(1, 1), single(2, 2)], reg) if p.rule == "复用已删除题号"]
    assert [(p.qid, p.warning) for p in found] == [("S001", False)] and "retired_ids.yaml 第 2 行" in found[0].message


def test_a_malformed_retired_list_names_its_file_and_line(tmp_path, reg):
    from xuezhi.errors import DataFileError

    (tmp_path / "retired_ids.yaml").write_text("- Q9001\n- [Q9002]\n", encoding="utf-8")
    with pytest.raises(DataFileError) as e:
        problems(tmp_path, [single(1, 1)], reg)
    assert e.value.line == 2 and "retired_ids.yaml" in str(e.value)


def test_a_bank_used_for_a_quiz_is_held_to_the_content_rules_only(invoke, tmp_path):
    path = write(tmp_path, [single(i, 0) | {"stem": f"第{i}题：代表人数最多（　）。"} for i in range(20)])
    r = invoke("validate", str(path))
    assert r.exit_code == 2 and "[错误·答案位置]" in r.stderr
    r = invoke("quiz", "--bank", str(path), "-n", "1", "--no-save", input="A\n")
    assert r.exit_code == 0, r.output


# ---------------------------------------------------------------- the shipped bank


def test_shipped_bank_meets_the_standard(invoke, bank, reg):
    review = review_bank(bank, reg)
    assert [str(p) for p in review.problems if not p.warning] == []
    assert review.cue_pairs == 0
    shares = review.shares
    assert shares is not None and set(shares.single_keys) == set("ABCD")
    assert all(0.20 <= v <= 0.30 for v in shares.single_keys.values()), shares.single_keys
    assert shares.single_longest <= 0.40 and shares.multiple_two_wrong >= 1 / 3
    assert shares.multiple_all_right <= 0.20 and shares.multiple_leading <= 1 / 3
    r = invoke("validate")
    assert r.exit_code == 0 and "互相提示的题 0 对" in r.stdout and "单选题答案位置：A " in r.stdout


def test_shipped_order_free_questions_are_blank_questions(bank):
    assert all(q.type is QType.BLANK and len(q.blanks) > 1 for q in bank.questions if q.order_free)
