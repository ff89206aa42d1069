"""What the generator looks for and what it refuses, as data: patterns of Chinese legal prose, not of
one regulation. Nothing here names an article; any corpus in the schema is read the same way.
"""

from __future__ import annotations

import re
from functools import cache

# -- blanks that test nothing

STOP_WORDS = frozenset(("工作", "有关", "进行", "相关", "情况", "事项", "信访", "信访事项", "信访工作", "信访人",
    "规定", "要求", "问题", "处理", "办理", "机关", "单位", "部门", "各级", "及时", "依法", "加强", "做好", "其他",
    "以及", "及其", "或者", "和", "等", "方式", "程序", "内容", "职责", "责任", "制度", "机制", "建设", "落实",
    "需要", "工作人员", "领导", "意见", "建议", "机关、单位", "各级机关、单位", "有关机关、单位", "本机关、单位",
    "其他机关、单位", "相关机关、单位", "所涉及的机关、单位", "有关部门", "相关部门", "有关单位", "该机关、单位",
    "本级", "上级", "下级", "同级", "本地区", "当地", "群众", "人民群众", "社会"))
"""Generic words: a blank whose answer is one of these could be filled from any sentence of the text."""

SET_PHRASES = (
    "构成犯罪的，依法追究刑事责任", "依法追究刑事责任", "追究刑事责任", "责令改正", "责令限期整改",
    "依规依纪依法严肃处理", "依规依纪依法", "直接负责的主管人员和其他直接责任人员", "造成严重后果的",
    "违反治安管理行为", "给予治安管理处罚", "法律、法规、规章或者其他有关规定", "法律、法规",
    "公民、法人或者其他组织", "党和政府", "合法权益", "社会和谐稳定", "情节严重",
)
"""Boilerplate whose words complete each other: 责令___ is 改正 whatever the article. A blank that
touches one of these is no test of the article."""

# -- what is worth hiding

MODALS = ("不得", "不予", "不再", "可以", "应当", "必须", "禁止")
"""Words a rule turns on. 应当 is everywhere: it is hidden only where the same paragraph also says
可以/不得/不予 (the contrast is the point), or where nothing else of the paragraph is worth a card."""
CONTRAST = frozenset(("可以", "不得", "不予", "不再", "禁止"))

NUMBER = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d+(?:个工作日|个月|工作日|日|天|人|名|年|周|次|项|倍|%)")
"""A deadline, a count or a limit as legal texts write them: 15日, 5个工作日, 5人, 2022年5月1日."""

QUOTED = re.compile(r"“([^“”]{2,24})”")
DEFINED = re.compile(r"(?:，|^)(?:称|简称|是指)([^，。；：“”]{2,12})(?=[。；])")
"""The word a sentence defines: hidden even when it is a common word of the text (信访人)."""

BODY_HEADS = (
    "信访工作联席会议办公室", "信访工作联席会议", "联席会议办公室", "联席会议", "党中央、国务院", "国家信访局",
    "信访部门", "政法部门", "督查部门", "纪检监察机关", "公安机关", "审判机关", "检察机关", "监察机关",
    "巡视巡察机构", "党委和政府", "党工委和办事处", "党委", "政府", "党组织", "人民法院", "人民检察院",
    "机关、单位", "机关", "单位", "部门", "机构", "负责同志", "负责人",
)
"""What an acting body's name ends with (the longer first: 机关、单位 before 机关)."""
BODY_VERBS = ("应当", "可以", "不得", "负责", "收到", "接到", "发现", "领导", "是", "作出", "决定", "对", "在", "按照",
              "根据")
"""A clause that starts with a body followed by one of these names who acts."""
BODY_TRIGGERS = ("由", "向", "报告", "报请", "转送", "交由", "交办", "通报", "提请", "报送")
"""…and a body right after one of these is who receives, decides or is reported to."""

LIST_LEADS = ("按照", "构建", "建立健全", "建立", "坚持", "各级", "本级", "应当", "可以", "不得", "做好", "使",
              "公布", "推进", "加强", "发挥", "采用", "通过", "遵守", "包括", "实行", "做到", "努力做到", "运用",
              "综合运用", "适用于", "适用", "涉及", "载明", "明确", "履行", "提出", "反映", "损害", "维护", "进行",
              "对", "向", "在", "以", "将", "把", "由", "是", "为")
"""Words before the first item of an inline list that are not part of the item (构建|党委统一领导、…)."""
LIST_ENDS = ("等", "的")
"""…and after the last item (各方齐抓共管|的信访工作格局, 刑事|等诉讼权利救济)."""

NOT_IN_BODY = ("由", "经", "执行", "对", "在")
"""A 'body' with one of these inside is a clause that happens to end in a name."""
GLUED_HEADS = ("工作", "信访", "事项")
"""A keyword starting with one of these, right after other characters, is the tail of a longer word."""

MAX_ANSWER = 24  # longer than that is a paragraph to recite, not a blank to fill
MAX_ITEM = 40  # an item longer than that is not hidden whole in a list card
MAX_SEGMENT = 12  # one item of an inline (、) list
MAX_CONTEXT = 96  # characters of context shown around a blank; longer sentences lose far clauses
WINDOW = 8  # characters either side that make "the same context" in the ambiguity check
SPARE_SHOULD = 3  # 应当 candidates tried per unit (one per paragraph becomes a card)
FREQUENT = 8  # a term in more units than this is a word of the whole text, not of the article


_NAME = "[^，。；：“”、]{0,16}(?:%s)"  # greedy: the longest name (党委和政府信访部门, not 党委和政府)


@cache
def subject_pattern() -> re.Pattern[str]:
    """A body that opens a clause and acts (… 有权处理的机关、单位应当 …)."""
    heads = "|".join(map(re.escape, BODY_HEADS))
    return re.compile(f"(?:^|(?<=[{CLAUSE_END}]))({_NAME % heads})(?:{'|'.join(BODY_VERBS)})")


@cache
def triggered_pattern() -> re.Pattern[str]:
    """A body right after a trigger word, not inside 理由/事由/自由 (由) or 方向 (向)."""
    heads = "|".join(map(re.escape, BODY_HEADS))
    return re.compile(f"(?<![理事自缘经因方志倾导意去走])(?:{'|'.join(BODY_TRIGGERS)})({_NAME % heads})")


@cache
def list_break() -> re.Pattern[str]:
    """Inside a piece of a 、-list: the end of one list and the start of the next."""
    return re.compile("以及|及其|等|而")


@cache
def last_join() -> re.Pattern[str]:
    """How the last item of a Chinese list is joined on: A、B或者C, A、B和C."""
    return re.compile("或者|和(?![谐解平睦])|(?<![以涉普危])及(?![时其早])")


@cache
def joined() -> re.Pattern[str]:
    """A piece of a 、-list that joins two things itself (住址和请求): shown, never hidden."""
    return re.compile("和|或者|及|与|并")


@cache
def set_phrase_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(SET_PHRASES, key=len, reverse=True))))


CLAUSE_END = "，。；：！？"
SENTENCE_END = "。！？"
PIECE_END = "。；！？"
