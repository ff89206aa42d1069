"""The reading commands' data: what `toc`, `show`, `principles` and `info` report.

These dicts are the documented --json output; the terminal rendering is built from the
same dataclasses, so both always say the same thing.
"""

from __future__ import annotations

from xuezhi.text.corpus import Article, Regulation, label


def article_json(article: Article, reg: Regulation) -> dict:
    return {
        "article": article.number,
        "label": article.label,
        "chapter": article.chapter,
        "chapter_title": article.chapter_title,
        "summary": article.summary,
        "keywords": list(article.keywords),
        "paragraphs": [{"text": p.text, "items": list(p.items)} for p in article.paragraphs],
        "text": article.text,
        "references": [
            {"article": r.article, "item": r.item, "label": r.label(),
             "summary": (reg.article(r.article).summary if reg.article(r.article) else "")}
            for r in article.references
        ],
        "referenced_by": [a.number for a in reg.referenced_by(article.number)],
    }


def toc_json(reg: Regulation) -> list[dict]:
    return [
        {
            "chapter": c.number,
            "label": c.label,
            "title": c.title,
            "first_article": c.article_range[0],
            "last_article": c.article_range[1],
            "articles": [{"article": a.number, "label": a.label, "summary": a.summary} for a in c.articles],
        }
        for c in reg.chapters
    ]


def principles_json(reg: Regulation) -> list[dict]:
    return [
        {"name": p.name, "text": p.text, "article": p.article, "item": p.item,
         "source": label(p.article, item=p.item)}
        for p in reg.principles
    ]


def info_json(reg: Regulation, extra: dict | None = None) -> dict:
    m = reg.meta
    out = {
        "title": reg.title,
        "issuer": m.get("issuer", ""),
        "approved": m.get("approved", ""),
        "approved_by": m.get("approved_by", ""),
        "published": m.get("published", ""),
        "effective": m.get("effective", ""),
        "interpreted_by": m.get("interpreted_by", ""),
        "chapters": len(reg.chapters),
        "articles": len(reg.articles),
        "corpus_file": str(reg.source.resolve()),
    }
    return out | (extra or {})
