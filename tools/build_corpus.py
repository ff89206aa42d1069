"""Rebuild data/条例.yaml from the official Markdown text plus the curated annotations.

Run from the repository root:
    python tools/build_corpus.py "../shared/sources/信访工作条例(2022-02-25).md" > data/条例.yaml

The official text is copied line by line, never retyped; only 条旨 (summary) and search
keywords are ours. The shipped YAML is the file the tool reads; this script records how it
was made so that anyone can check or redo it.
"""

from __future__ import annotations

import json
import re
import sys

ARTICLE = re.compile(r"^第([一二三四五六七八九十百]+)条\s+")
ITEM = re.compile(r"^（[一二三四五六七八九十]+）")
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


def cn(text: str) -> int:
    digits = "零一二三四五六七八九"
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return digits.index(text)


def parse(path: str) -> list[dict]:
    chapters: list[dict] = []
    article = None
    past_info = False
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if not past_info:
                past_info = line == "<!-- INFO END -->"
                continue
            if not line:
                continue
            m = CHAPTER.match(line)
            if m:
                chapters.append({"number": cn(m.group(1)), "title": m.group(2), "articles": []})
                continue
            m = ARTICLE.match(line)
            if m:
                n = cn(m.group(1))
                article = {"number": n, "summary": SUMMARIES[n], "keywords": KEYWORDS[n],
                           "paragraphs": []}
                chapters[-1]["articles"].append(article)
                article["paragraphs"].append({"text": line[m.end():]})
                continue
            if ITEM.match(line):
                article["paragraphs"][-1].setdefault("items", []).append(ITEM.sub("", line))
            else:
                article["paragraphs"].append({"text": line})
    return chapters


def q(s: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML), so no text is reflowed."""
    return json.dumps(s, ensure_ascii=False)


def emit(chapters: list[dict]) -> str:
    out = [
        "# 《信访工作条例》全文。正文逐字取自官方文本；summary（条旨）与 keywords（检索用语）为本项目所加。",
        "# 由 tools/build_corpus.py 生成，修改正文请改官方来源后重新生成。",
        "meta:",
        "  title: 信访工作条例",
        "  issuer: 中共中央、国务院",
        "  approved: \"2022-01-24\"",
        "  approved_by: 中共中央政治局会议审议批准",
        "  published: \"2022-02-25\"",
        "  effective: \"2022-05-01\"",
        "  interpreted_by: 国家信访局",
        "chapters:",
    ]
    for ch in chapters:
        out += [f"  - number: {ch['number']}", f"    title: {ch['title']}", "    articles:"]
        for a in ch["articles"]:
            out += [f"      - number: {a['number']}",
                    f"        summary: {a['summary']}",
                    f"        keywords: [{', '.join(a['keywords'])}]",
                    "        paragraphs:"]
            for p in a["paragraphs"]:
                out.append(f"          - text: {q(p['text'])}")
                if "items" in p:
                    out.append("            items:")
                    out += [f"              - {q(i)}" for i in p["items"]]
    art5 = next(a for ch in chapters for a in ch["articles"] if a["number"] == 5)
    out.append("principles:")
    for i, (name, item) in enumerate(zip(PRINCIPLE_NAMES, art5["paragraphs"][0]["items"], strict=True), 1):
        assert item.startswith(name + "。"), item
        out += [f"  - name: {name}", f"    text: {q(item[len(name) + 1:])}",
                "    article: 5", f"    item: {i}"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    sys.stdout.write(emit(parse(sys.argv[1])))
