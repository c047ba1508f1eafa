"""Build ``demo/summaries.jsonl``: a small dev set for ``storyline eval summary`` from the demo corpus.

One line per demo story, ``{"id", "docs": [{"id", "text"}], "references": [...]}``: the story's
reports as storyline's own readers and cleaning give them (plain text, HTML, RSS and JSONL through
:func:`storyline.cli.inputs.read_articles`), grouped by ``demo/expected.json`` (a document's id is
its report key there: the path under ``demo/corpus``, plus ``#index`` for RSS items and JSONL
lines), and two reference summaries of about 100 words each, written for this project from the
demo texts (which are invented; see ``demo/README.md``). The references below are the only
hand-made part; nothing else is edited.

Reproducible: the same corpus and references give the same file, byte for byte.

Usage::

    .venv/bin/python scripts/build_demo_summaries.py [--demo demo] [--out demo/summaries.jsonl]
    .venv/bin/storyline eval summary --data demo/summaries.jsonl

The set is for measuring, not tuning: keep it out of the tests that choose parameters.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from storyline.cli.inputs import read_articles

ROOT = Path(__file__).resolve().parents[1]

#: Two references per story, each about 100 words, in story order of demo/expected.json.
REFERENCES: dict[str, tuple[str, str]] = {
    "estravia-fuel-levy": (
        "Thousands of hauliers and farmers marched through Varno, Estravia's capital, on Saturday 7 March "
        "against the government's planned fuel levy. Police put the crowd at about 18,000; more than 400 "
        "trucks and tractors blocked Republic Avenue, and 23 people were arrested after bottles were thrown "
        "near the Finance Ministry. On Tuesday the National Assembly approved the levy by 112 votes to 87. "
        "It raises the duty on diesel by 9 cents a litre from 1 July and should bring in about 640 million "
        "crowns a year, which Finance Minister Amara Okonjo promised to spend on trains and buses. The "
        "opposition Civic Union will challenge the law in the Constitutional Court.",
        "Estravia's parliament passed a contested diesel levy on 10 March, three days after a mass protest "
        "in the capital. The bill, backed by 112 lawmakers with 87 against, adds 9 cents to each litre of "
        "diesel from July and is expected to raise 640 million crowns a year for rail and bus services. "
        "Prime Minister Jonas Ferrand called it a good day for commuters. At the weekend about 18,000 people "
        "had marched on the National Assembly in Varno and 23 were detained. The hauliers' federation, led "
        "by Lukas Brandtner, will decide at the end of the month on new protests, and opposition leader "
        "Teodor Vălescu plans a court challenge.",
    ),
    "teren-bank-trawler": (
        "Selvaria's coast guard seized the Norvanian trawler Marta Leigh and its 14 crew early on Sunday "
        "8 March about 40 nautical miles west of the island of Orsk, near the disputed Teren Bank, saying "
        "it had been fishing with banned nets inside Selvaria's exclusive economic zone. The vessel was "
        "taken to the port of Dravik. Norvania, which says the boat was in international waters, summoned "
        "Selvaria's ambassador. On 11 March foreign ministers Søren Halvorsen and Yusuf Çelikkaya agreed by "
        "telephone that the crew would go home within days, while the captain, Anders Lindqvist, stays in "
        "Dravik until a maritime court hears the case. A joint fisheries commission will meet in April.",
        "A row over fishing rights flared when Selvarian coast guards boarded the Norvanian trawler Marta "
        "Leigh near the Teren Bank, waters both countries have claimed since the 1990s, and detained its 14 "
        "crew. Selvaria accused the boat of using nets with a banned mesh size; its owner, Kessby Seafoods, "
        "said it had stayed in international waters. Norvanian Foreign Minister Søren Halvorsen called the "
        "seizure unacceptable. After a phone call on Wednesday, the two foreign ministers agreed that the "
        "crew would be flown home, but the captain must stay in Dravik until a maritime court hearing on "
        "24 March. The two sides will also revive a joint commission on fishing rights.",
    ),
    "lise-floods": (
        "The River Lise burst its banks on Monday 9 March after three days of heavy rain, flooding Corvelle, "
        "Lisbourg and villages downstream in Norvania's Aurelia province. The river reached 6.4 metres at "
        "Corvelle, its highest level since 1987. About 3,200 people were evacuated and two died, an "
        "81-year-old man and a volunteer firefighter. Governor Marguerite Duchêne declared a state of "
        "emergency. On Thursday Prime Minister Elin Marstrand, visiting Corvelle, pledged 40 million crowns "
        "in emergency aid: up to 5,000 crowns for each flooded household and 20,000 for small businesses. "
        "Duchêne said the damage exceeds 120 million crowns. Army engineers will build a temporary bridge.",
        "Floods on the River Lise forced about 3,200 people from their homes in Aurelia province and killed "
        "two people, including a volunteer firefighter swept away while helping to evacuate a care home. "
        "The river peaked at 6.4 metres in Corvelle, the worst-hit town, and evacuation centres in Corvelle "
        "and Lisbourg filled up. Three days later Prime Minister Elin Marstrand promised 40 million crowns "
        "of emergency aid, with payments for households and small businesses from next week. The regional "
        "governor welcomed the package but put the damage above 120 million crowns. Army engineers will "
        "replace Corvelle's damaged stone bridge with a temporary one, and about 1,900 residents have "
        "returned home.",
    ),
}


def report_texts(corpus: Path, keys: list[str]) -> dict[str, str]:
    """The cleaned text of each report key (``path`` or ``path#index``), read by storyline's readers."""
    texts: dict[str, str] = {}
    for path in sorted({key.split("#", 1)[0] for key in keys}):
        articles, errors = read_articles(corpus / path)
        if errors:
            raise SystemExit(f"build_demo_summaries: {path}: {errors[0]}")
        for index, article in enumerate(articles):
            texts[f"{path}#{index}"] = article.text
        if len(articles) == 1:
            texts[path] = articles[0].text
    missing = [key for key in keys if key not in texts]
    if missing:
        raise SystemExit(f"build_demo_summaries: not read: {', '.join(missing)}")
    return texts


def build(demo: Path) -> list[dict[str, object]]:
    """The dev set's clusters, in the story order of ``expected.json``, reports in its order."""
    expected = json.loads((demo / "expected.json").read_text(encoding="utf-8"))
    keys = [report["key"] for report in expected["reports"]]
    texts = report_texts(demo / "corpus", keys)
    clusters = []
    for story in expected["stories"]:
        docs = [{"id": r["key"], "text": texts[r["key"]]} for r in expected["reports"] if r["story"] == story["id"]]
        clusters.append({"id": story["id"], "docs": docs, "references": list(REFERENCES[story["id"]])})
    if {c["id"] for c in clusters} != set(REFERENCES):
        raise SystemExit("build_demo_summaries: the references and expected.json name different stories")
    return clusters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", type=Path, default=ROOT / "demo", help="the demo folder (corpus/, expected.json)")
    parser.add_argument("--out", type=Path, default=None, help="output JSONL [default: DEMO/summaries.jsonl]")
    args = parser.parse_args(argv)
    out = args.out or args.demo / "summaries.jsonl"
    clusters = build(args.demo)
    out.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in clusters), encoding="utf-8")
    words = [len(r.split()) for c in clusters for r in c["references"]]  # type: ignore[union-attr]
    print(f"{out}: {len(clusters)} stories, {sum(len(c['docs']) for c in clusters)} reports, "  # type: ignore[arg-type]
          f"{len(words)} references of {min(words)}-{max(words)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
