"""What changed between an old and a new text, character by character, after normalisation.

rapidfuzz's Indel opcodes give a shortest edit; left as they are, they thread a rewritten sentence
through every 的 and 信访 the two happen to share. A semantic cleanup (as in diff-match-patch)
folds a short equal run (at most KEEP characters) into the changes around it when it is no longer
than either of them, and no cut may fall inside a renamed word or a cross-reference. The changes are then mapped back to
the original texts, which is what every view shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from xuezhi.compare.normal import Normalised

INS, DEL = "〔增：", "〔删："
CLOSE = "〕"
KEEP = 6  # a run of more equal characters than this is a shared phrase and always shown as such


@dataclass(frozen=True)
class Change:
    """Normal-form ranges: old[a0:a1] became new[b0:b1]; `equal` when they are the same."""

    equal: bool
    a0: int
    a1: int
    b0: int
    b1: int

    @property
    def tag(self) -> str:
        if self.equal:
            return "equal"
        return "replace" if self.a0 < self.a1 and self.b0 < self.b1 else ("delete" if self.a0 < self.a1 else "insert")


def _merge(a: Change, b: Change) -> Change:
    return Change(False, a.a0, b.a1, a.b0, b.b1)


def diff(old: Normalised, new: Normalised) -> list[Change]:
    from rapidfuzz.distance import Indel

    ops: list[Change] = []
    for op in Indel.opcodes(old.norm, new.norm):
        c = Change(op.tag == "equal", op.src_start, op.src_end, op.dest_start, op.dest_end)
        if ops and not ops[-1].equal and not c.equal:
            ops[-1] = _merge(ops[-1], c)
        else:
            ops.append(c)
    changed = True
    while changed:
        changed = False
        for i in range(1, len(ops) - 1):
            eq, before, after = ops[i], ops[i - 1], ops[i + 1]
            if eq.equal and not before.equal and not after.equal:
                size = eq.a1 - eq.a0
                if size <= KEEP and size <= max(before.a1 - before.a0, before.b1 - before.b0) and \
                        size <= max(after.a1 - after.a0, after.b1 - after.b0):
                    ops[i - 1:i + 2] = [_merge(before, after)]
                    changed = True
                    break
        if not changed:
            changed = _snap(ops, old, new)
    ops = _factor(ops, old.norm, new.norm)
    while _snap(ops, old, new):
        pass
    return ops


def _factor(ops: list[Change], a: str, b: str) -> list[Change]:
    """A change whose two sides begin or end alike gives the common part back to the equal runs
    around it (the cleanup can leave 提出；……信访 → 设立……提出。信访, which would show 信访 as both
    deleted and inserted)."""
    out: list[Change] = []

    def put(c: Change) -> None:
        if c.a0 == c.a1 and c.b0 == c.b1:
            return
        if out and out[-1].equal and c.equal:
            out[-1] = Change(True, out[-1].a0, c.a1, out[-1].b0, c.b1)
        else:
            out.append(c)

    for c in ops:
        x, y = a[c.a0:c.a1], b[c.b0:c.b1]
        if c.equal or not x or not y:
            put(c)
            continue
        most = min(len(x), len(y))
        pre = next((k for k in range(most) if x[k] != y[k]), most)
        suf = next((k for k in range(most - pre) if x[-1 - k] != y[-1 - k]), most - pre)
        put(Change(True, c.a0, c.a0 + pre, c.b0, c.b0 + pre))
        put(Change(False, c.a0 + pre, c.a1 - suf, c.b0 + pre, c.b1 - suf))
        put(Change(True, c.a1 - suf, c.a1, c.b1 - suf, c.b1))
    return out


def _snap(ops: list[Change], old: Normalised, new: Normalised) -> bool:
    """Move one cut that falls inside a renamed word or a 第N条 (either side) to the edge of that
    word, the change taking the whole word; False when every cut is clean."""
    for i in range(len(ops) - 1):
        left, right = ops[i], ops[i + 1]
        back = max(old.into_unit(left.a1), new.into_unit(left.b1))
        if not back:
            continue
        if left.equal and back < left.a1 - left.a0:
            ops[i:i + 2] = [Change(True, left.a0, left.a1 - back, left.b0, left.b1 - back),
                            Change(False, left.a1 - back, right.a1, left.b1 - back, right.b1)]
            return True
        forward = max(old.out_of_unit(left.a1), new.out_of_unit(left.b1))
        if right.equal and forward < right.a1 - right.a0:
            ops[i:i + 2] = [Change(False, left.a0, right.a0 + forward, left.b0, right.b0 + forward),
                            Change(True, right.a0 + forward, right.a1, right.b0 + forward, right.b1)]
            return True
        ops[i:i + 2] = [_merge(left, right)]
        if i + 1 < len(ops) and not ops[i + 1].equal:  # three changes in a row become one
            ops[i:i + 2] = [_merge(ops[i], ops[i + 1])]
        if i and not ops[i - 1].equal:
            ops[i - 1:i + 1] = [_merge(ops[i - 1], ops[i])]
        return True
    return False


def segments(side: Normalised, changes: list[Change], which: str) -> list[tuple[str, str]]:
    """The original text of one side ("old" or "new") in runs: kind "changed" (deleted from the old,
    inserted in the new), "renamed" (a systematic renaming, counted as the same) or ""."""
    n = len(side.text)
    status = [""] * n
    covered = [False] * n
    for c in changes:
        lo, hi = (c.a0, c.a1) if which == "old" else (c.b0, c.b1)
        for k in range(lo, hi):
            s, e = side.spans[k]
            kind = "" if c.equal else "changed"
            if c.equal and side.renamed[k]:
                kind = "renamed"
            for p in range(s, e):
                covered[p] = True
                if status[p] != "changed":
                    status[p] = kind
    # Punctuation between two changed characters is part of the change; elsewhere it is not marked.
    before, after = [""] * n, [""] * n
    last = ""
    for p in range(n):
        last = "" if p in side.markup else (status[p] if covered[p] else last)
        before[p] = last
    last = ""
    for p in reversed(range(n)):
        last = "" if p in side.markup else (status[p] if covered[p] else last)
        after[p] = last
    for p in range(n):
        if not covered[p] and p not in side.markup and before[p] == after[p] == "changed":
            status[p] = "changed"
    runs: list[tuple[str, str]] = []
    for p, ch in enumerate(side.text):
        kind = status[p] if p not in side.markup else ""
        if runs and runs[-1][1] == kind:
            runs[-1] = (runs[-1][0] + ch, kind)
        else:
            runs.append((ch, kind))
    return runs


def marked_side(runs: list[tuple[str, str]], which: str) -> str:
    """One side as plain text: 〔删：…〕 around what the old text lost, 〔增：…〕 around what the new gained."""
    mark = DEL if which == "old" else INS
    return "".join(f"{mark}{t}{CLOSE}" if kind == "changed" else t for t, kind in runs)


def marked(old: Normalised, new: Normalised, changes: list[Change]) -> str:
    """The new text with the changes written in: 〔删：…〕 where old text was dropped, 〔增：…〕 around
    new text. Punctuation and line breaks are the new text's own (the old text's ①, （一） and labels
    are left out of a deletion); a deletion sits before the punctuation that follows it, unless in
    the old text it came right after punctuation."""
    out: list[str] = []
    pending = new.gap(0)
    for c in changes:
        tag = c.tag
        if tag == "delete":
            dropped = f"{DEL}{old.body(c.a0, c.a1, markup=False)}{CLOSE}"
            out += [pending, dropped] if old.gap(c.a0) and not old.gap(c.a1) else [dropped, pending]
            pending = ""
            continue
        if tag == "replace":
            dropped = f"{DEL}{old.body(c.a0, c.a1, markup=False)}{CLOSE}"
            out += [pending, dropped] if old.gap(c.a0) and not old.gap(c.a1) else [dropped, pending]
            out.append(f"{INS}{new.body(c.b0, c.b1)}{CLOSE}")
        else:
            out.append(pending)
            out.append(new.body(c.b0, c.b1) if tag == "equal" else f"{INS}{new.body(c.b0, c.b1)}{CLOSE}")
        pending = new.gap(c.b1)
    out.append(pending)
    return "".join(out)


def changed_counts(changes: list[Change]) -> tuple[int, int]:
    """Characters (normal form) deleted from the old text and inserted in the new one."""
    return (sum(c.a1 - c.a0 for c in changes if not c.equal), sum(c.b1 - c.b0 for c in changes if not c.equal))
