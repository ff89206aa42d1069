"""Rebuild a corpus YAML (data/条例.yaml, data/信访条例2005.yaml) from an official Markdown text
plus the curated annotations.

Run from the repository root:
    python tools/build_corpus.py "../shared/sources/信访工作条例(2022-02-25).md" > data/条例.yaml
    python tools/build_corpus.py "../shared/sources/信访条例(2005-01-10).md" > data/信访条例2005.yaml

The official text is copied line by line, never retyped; only 条旨 (summary) and search
keywords are ours. The annotations are chosen by the source's `# title` line (PROFILES); a text
without a profile is built with its meta read from the dated event lines and no annotations.
The shipped YAML is the file the tool reads; this script records how it was made so that anyone
can check or redo it.
"""

from __future__ import annotations

import json
import re
import sys

ARTICLE = re.compile(r"^第([一二三四五六七八九十百]+)条\s+")
# （一） in the 2022 text, (一) in the 2005 one; the corpus keeps the item without its marker.
ITEM = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")
EVENT = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.+?)\s*$")
CHAPTER = re.compile(r"^##\s*第([一二三四五六七八九十]+)章\s*(.+?)\s*$")

SUMMARIES = {
    1: "立法目的", 2: "适用范围", 3: "信访工作的定位", 4: "指导思想和目标",
    5: "信访工作原则", 6: "畅通信访渠道", 7: "信访工作格局", 8: "党中央的统一领导",
    9: "地方党委的领导责任", 10: "各级政府的职责", 11: "中央信访工作联席会议的职责",
    12: "中央联席会议的运行", 13: "地方信访工作联席会议", 14: "信访部门的职责",
    15: "其他机关单位和基层的职责", 16: "信访部门建设和工作保障", 17: "信访形式和信访人",
    18: "公开渠道、领导接访和保护信访人", 19: "信访事项的提出要求", 20: "走访的提出",
    21: "信访信息化建设", 22: "信访部门登记和转送交办", 23: "其他机关单位的受理和告知",
    24: "受理争议的处理", 25: "重大紧急信访事项的报告", 26: "信访人的禁止行为",
    27: "三到位一处理", 28: "办理要求、诉访分离与回避", 29: "建议意见类事项的办理",
    30: "检举控告类事项的办理", 31: "申诉求决类事项的分类办理", 32: "信访处理意见书",
    33: "调解与和解", 34: "办理期限", 35: "复查", 36: "复核", 37: "多元化解与帮扶救助",
    38: "督查", 39: "考核、表彰与约谈", 40: "督办和三项建议", 41: "信访情况年度报告",
    42: "导致信访事项发生的追责", 43: "信访部门的责任", 44: "受理机关、单位的责任",
    45: "办理机关、单位的责任", 46: "机关单位及其人员的责任", 47: "信访人违法的处理",
    48: "涉外信访事项的参照适用", 49: "解释机关", 50: "施行日期",
}

KEYWORDS = {
    1: ["立法宗旨", "制定目的"],
    2: ["适用对象", "适用机关"],
    3: ["信访工作定位", "群众工作", "民情民智民利民心"],
    4: ["指导思想", "两个维护", "四个意识", "四个自信", "底线思维"],
    5: ["五个坚持", "基本原则", "五项原则"],
    6: ["畅通渠道"],
    7: ["工作格局", "齐抓共管", "五位一体格局"],
    8: ["党中央统一领导", "信访干部队伍"],
    9: ["地方党委职责", "常委会听取汇报"],
    10: ["政府职责", "矛盾排查"],
    11: ["中央联席会议", "联席会议办公室", "召集人"],
    12: ["全体会议", "成员单位职责"],
    13: ["地方联席会议", "乡镇联席会议", "街道联席会议"],
    14: ["信访部门职责", "信访局职责", "专门机构"],
    15: ["枫桥经验", "小事不出村", "矛盾不上交", "两代表一委员", "基层治理"],
    16: ["信访督查专员", "副秘书长兼任", "年轻干部锻炼", "经费保障", "党校培训"],
    17: ["信访形式", "网上信访", "信访人定义", "投诉请求"],
    18: ["领导接访", "领导下访", "包案化解", "联合接访", "一站式", "打击报复", "渠道公开"],
    19: ["书面信访", "口头信访", "越级信访", "重复信访", "诬告陷害"],
    20: ["走访", "集体访", "推选代表", "代表人数", "就地反映", "越级走访", "上访", "集体上访"],
    21: ["信息化", "信访信息系统", "网上流转", "智能化"],
    22: ["信访部门登记", "15日内处理", "涉法涉诉", "转送交办", "办结报告"],
    23: ["受理告知", "书面告知", "提出异议", "5个工作日"],
    24: ["受理争议", "管辖争议", "协商受理", "机关撤销"],
    25: ["重大紧急", "信息报告", "报告国家信访局"],
    26: ["禁止行为", "非法聚集", "缠访闹访", "管制器具", "以访敛财"],
    27: ["三到位一处理", "解决问题到位", "思想教育到位", "帮扶救助到位", "依法处理", "就地解决"],
    28: ["诉访分离", "诉讼与信访分离", "回避", "推诿敷衍拖延", "利害关系"],
    29: ["建议意见类", "人民建议征集", "建议奖励", "采纳建议"],
    30: ["检举控告类", "纪检监察", "反映干部问题", "检举保密"],
    31: ["申诉求决类", "分类处理", "导入程序", "依法分类处理", "信访处理意见书", "听证"],
    32: ["处理意见书内容", "予以支持", "不予支持", "解释说明", "疏导教育"],
    33: ["调解", "和解", "调解协议书", "和解协议书"],
    34: ["办理期限", "60日", "延期办理", "延长30日", "办结期限"],
    35: ["复查", "复查期限", "复查意见", "不服处理意见"],
    36: ["复核", "复核意见", "复核听证", "不再受理", "信访终结"],
    37: ["多元化解", "三调联动", "社会救助", "司法救助", "帮扶救助"],
    38: ["专项督查", "督查"],
    39: ["考核", "约谈", "挂牌督办", "表彰奖励", "限期整改"],
    40: ["督办", "三项建议", "改进工作建议", "完善政策建议", "追责建议", "书面反馈"],
    41: ["年度报告", "巡视巡察", "数据统计"],
    42: ["追责情形", "滥用职权", "不作为", "刑事责任"],
    43: ["信访部门责任", "未登记", "未转送", "未督办"],
    44: ["受理责任", "不予受理", "未书面告知"],
    45: ["办理责任", "未按期办结", "推诿敷衍拖延"],
    46: ["态度恶劣", "吃拿卡要", "隐瞒谎报缓报", "泄露检举材料", "打击报复", "集体访处置不力"],
    47: ["信访人法律责任", "劝阻批评教育", "治安管理处罚", "缠访闹访", "诬告陷害"],
    48: ["外国人信访", "涉外信访", "无国籍人"],
    49: ["解释权", "解释机关"],
    50: ["施行日期", "生效日期", "实施时间"],
}

PRINCIPLE_NAMES = [
    "坚持党的全面领导", "坚持以人民为中心", "坚持落实信访工作责任",
    "坚持依法按政策解决问题", "坚持源头治理化解矛盾",
]


SUMMARIES_2005 = {
    1: "立法目的", 2: "信访和信访人", 3: "做好信访工作和保护信访人", 4: "信访工作原则",
    5: "源头预防、工作格局和领导阅批接待", 6: "信访工作机构的设立和职责", 7: "信访工作责任制和考核",
    8: "奖励", 9: "信访工作事项的公布", 10: "负责人信访接待日和面谈沟通", 11: "信访信息系统",
    12: "投诉请求的录入和查询", 13: "社会参与的纠纷解决机制", 14: "向行政机关提出信访事项",
    15: "人大、法院、检察院的信访事项", 16: "走访的层级和重复信访", 17: "信访事项的形式和内容",
    18: "走访的场所和代表人数", 19: "客观真实反映", 20: "信访人的禁止行为",
    21: "信访工作机构的登记和处理", 22: "其他行政机关的登记和受理", 23: "检举揭发材料保密",
    24: "受理争议的处理", 25: "机关分立合并撤销后的受理", 26: "重大紧急信访事项的报告",
    27: "重大紧急信访事项的处置", 28: "办理信访事项的要求", 29: "建议意见的研究采纳", 30: "回避",
    31: "调查核实和听证", 32: "处理意见和书面答复", 33: "办理期限", 34: "复查", 35: "复核",
    36: "督办和改进建议", 37: "政策性问题的报告和建议", 38: "给予行政处分的建议",
    39: "信访情况分析报告", 40: "导致信访事项发生的责任", 41: "信访工作机构的责任",
    42: "受理机关的责任", 43: "办理机关的责任", 44: "泄露检举材料和作风粗暴的责任",
    45: "隐瞒谎报缓报的责任", 46: "打击报复信访人的责任", 47: "违反走访规定和禁止行为的处理",
    48: "诬告陷害的责任", 49: "社会团体和企业事业单位的参照执行", 50: "涉外信访事项的参照执行",
    51: "施行日期和旧条例的废止",
}

# Annotations by the source's `# title`. "meta" is written in this order; without "meta" it is read from
# the dated event lines above <!-- INFO END -->.
PROFILES: dict[str, dict] = {
    "信访工作条例": {
        "header": "# 《信访工作条例》全文。正文逐字取自官方文本；summary（条旨）与 keywords（检索用语）为本项目所加。",
        "meta": [("title", "信访工作条例"), ("issuer", "中共中央、国务院"), ("approved", "2022-01-24"),
                 ("approved_by", "中共中央政治局会议审议批准"), ("published", "2022-02-25"),
                 ("effective", "2022-05-01"), ("interpreted_by", "国家信访局")],
        "summaries": SUMMARIES, "keywords": KEYWORDS, "principles": PRINCIPLE_NAMES,
    },
    "信访条例": {
        "header": "# 《信访条例》（2005年，国务院令第431号，已被2022年《信访工作条例》取代）全文。"
                  "正文逐字取自官方文本；summary（条旨）为本项目所加。",
        "issuer": "国务院",
        "summaries": SUMMARIES_2005,
    },
}


def cn(text: str) -> int:
    digits = "零一二三四五六七八九"
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return digits.index(text)


def read(path: str) -> tuple[str, list[str], list[str]]:
    """The title, the dated event lines and the non-empty body lines after <!-- INFO END -->."""
    title, events, body = "", [], []
    past_info = False
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if not past_info:
                past_info = line == "<!-- INFO END -->"
                if line.startswith("# "):
                    title = line[2:].strip()
                elif EVENT.match(line):
                    events.append(line)
                continue
            if line:
                body.append(line)
    return title, events, body


def event_meta(title: str, events: list[str], issuer: str = "") -> list[tuple[str, str]]:
    """meta from lines like `2005年1月10日 中华人民共和国国务院令第431号公布`."""
    meta = [("title", title)] + ([("issuer", issuer)] if issuer else [])
    for line in events:
        y, mo, d, what = EVENT.match(line).groups()
        day = f"{y}-{int(mo):02d}-{int(d):02d}"
        if what.endswith(("通过", "批准")):
            meta += [("approved", day), ("approved_by", what)]
        elif what.endswith(("公布", "发布")):
            meta += [("published", day)]
            if what[:-2].endswith("号"):
                meta.append(("document", what[:-2]))
        elif what.endswith("施行"):
            meta.append(("effective", day))
    return meta


def item_number(line: str) -> int | None:
    m = ITEM.match(line)
    return cn(m.group(1)) if m else None


def parse(path: str, profile: dict | None = None) -> list[dict]:
    """Chapters → articles → paragraphs (款) → items (项).

    A plain line between two items of one list (2005 第二十一条, after （三）) is a further paragraph of
    the item before it, not a new 款: it is kept in that item after a line break, so the items stay
    numbered as in the source and 前款第（二）项至第（四）项 still points at the right list."""
    profile = profile or {}
    summaries, keywords = profile.get("summaries", {}), profile.get("keywords", {})
    chapters: list[dict] = []
    article = None
    body = read(path)[2]
    for i, line in enumerate(body):
        m = CHAPTER.match(line)
        if m:
            chapters.append({"number": cn(m.group(1)), "title": m.group(2), "articles": []})
            continue
        m = ARTICLE.match(line)
        if m:
            n = cn(m.group(1))
            article = {"number": n, "summary": summaries.get(n), "keywords": keywords.get(n),
                       "paragraphs": []}
            chapters[-1]["articles"].append(article)
            article["paragraphs"].append({"text": line[m.end():]})
            continue
        last = article["paragraphs"][-1]
        if ITEM.match(line):
            last.setdefault("items", []).append(ITEM.sub("", line))
        elif (items := last.get("items")) and i + 1 < len(body) and item_number(body[i + 1]) == len(items) + 1:
            items[-1] += "\n" + line
        else:
            article["paragraphs"].append({"text": line})
    return chapters


def q(s: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML), so no text is reflowed."""
    return json.dumps(s, ensure_ascii=False)


def scalar(value: str) -> str:
    """Dates quoted (YAML would read 2022-05-01 as a date), other meta plain."""
    return f'"{value}"' if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else value


def emit(chapters: list[dict], title: str = "信访工作条例", events: list[str] | None = None) -> str:
    profile = PROFILES.get(title, {})
    meta = profile.get("meta") or event_meta(title, events or [], profile.get("issuer", ""))
    out = [
        profile.get("header", f"# 《{title}》全文。正文逐字取自官方文本。"),
        "# 由 tools/build_corpus.py 生成，修改正文请改官方来源后重新生成。",
        "meta:",
        *(f"  {k}: {scalar(v)}" for k, v in meta),
        "chapters:",
    ]
    for ch in chapters:
        out += [f"  - number: {ch['number']}", f"    title: {ch['title']}", "    articles:"]
        for a in ch["articles"]:
            out.append(f"      - number: {a['number']}")
            if a["summary"]:
                out.append(f"        summary: {a['summary']}")
            if a["keywords"]:
                out.append(f"        keywords: [{', '.join(a['keywords'])}]")
            out.append("        paragraphs:")
            for p in a["paragraphs"]:
                out.append(f"          - text: {q(p['text'])}")
                if "items" in p:
                    out.append("            items:")
                    out += [f"              - {q(i)}" for i in p["items"]]
    names = profile.get("principles")
    if names:
        art5 = next(a for ch in chapters for a in ch["articles"] if a["number"] == 5)
        out.append("principles:")
        for i, (name, item) in enumerate(zip(names, art5["paragraphs"][0]["items"], strict=True), 1):
            assert item.startswith(name + "。"), item
            out += [f"  - name: {name}", f"    text: {q(item[len(name) + 1:])}",
                    "    article: 5", f"    item: {i}"]
    return "\n".join(out) + "\n"


def build(path: str) -> str:
    title, events, _ = read(path)
    profile = PROFILES.get(title, {})
    chapters = parse(path, profile)
    for ch in chapters:
        for a in ch["articles"]:
            assert not profile.get("summaries") or a["summary"], f"{title} 第{a['number']}条没有条旨"
            assert len(a["summary"] or "") <= 20, a["summary"]
    return emit(chapters, title, events)


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stdout.write(build(sys.argv[1]))
