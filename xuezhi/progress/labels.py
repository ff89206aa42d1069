"""What the session columns may hold (mode, status) and what the user calls them."""



MODE_LABELS = {
    "practice": "练习", "exam": "考试", "challenge": "挑战", "review": "复习",
    "wrong": "错题本", "daily": "每日一练", "extra": "加练", "cloze": "填空卡",
}


STATUS_LABELS = {
    "running": "进行中", "finished": "完成", "stopped": "提前结束", "time_up": "时间到", "unfinished": "未完成（中断）",
}
