"""The GMB NER extract (``../shared/data/ner-gmb``): reading, the split, and our label mapping.

The file is cp1252 CSV, one token per row, IOB2 tags of 8 GMB types. There is no official split;
we use the one proposed in the dataset's SOURCE.md (contiguous blocks of sentence numbers):
train 1–38,366, dev 38,367–43,162, test 43,163–47,958 (sentence 47,959 is cut and dropped).

Label mapping (GMB → storyline), documented in docs/DATA.md:

========  =========  =====================================================================
GMB       storyline  why
========  =========  =====================================================================
per       PERSON     leading titles ("President", "Mr.", "Foreign Minister") are taken out
                     of the span: our PERSON is the name, the title is the entity's role
org       ORG
geo       GPE        countries, cities, regions; rules make ``river``/``sea``... spans LOC
gpe       NORP       GMB's gpe is mostly demonyms ("British", "Iraqis"), OntoNotes' NORP
tim       (O)        time expressions belong to :mod:`storyline.analyze.times`
art, eve,
nat       (O)        too rare to learn (320 / 262 / 153 training spans)
========  =========  =====================================================================
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from storyline.analyze.entity_patterns import KNOWN_ACRONYMS, TITLE_GLUE, TITLE_WORDS

__all__ = ["GMB_FILE", "LABEL_MAP", "SPLITS", "normalise_tags", "read_gmb"]

GMB_FILE = "ner_dataset.csv.gz"
#: Inclusive sentence-number ranges of each part (SOURCE.md).
SPLITS: dict[str, tuple[int, int]] = {
    "train": (1, 38_366), "dev": (38_367, 43_162), "test": (43_163, 47_958),
}
LABEL_MAP = {"per": "PERSON", "org": "ORG", "geo": "GPE", "gpe": "NORP"}

Sentence = tuple[list[str], list[str]]


def read_gmb(data_dir: Path, split: str) -> Iterator[Sentence]:
    """Sentences of one split as ``(words, tags)``, tags mapped and titles taken out.

    Args:
        data_dir: The ``ner-gmb`` folder.
        split: ``train``, ``dev`` or ``test``.

    Raises:
        ValueError: unknown split.
        FileNotFoundError: the CSV is not in ``data_dir``.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {sorted(SPLITS)}, got {split!r}")
    first, last = SPLITS[split]
    number = 0
    words: list[str] = []
    tags: list[str] = []
    with gzip.open(data_dir / GMB_FILE, "rb") as raw:
        reader = csv.reader(io.TextIOWrapper(raw, encoding="cp1252", newline=""))
        next(reader)
        for row in reader:
            if row[0]:
                if words and first <= number <= last:
                    yield words, normalise_tags(words, tags)
                number = int(row[0].split(":")[1])
                words, tags = [], []
                if number > last:
                    return
            words.append(row[1])
            tags.append(row[3])
    if words and first <= number <= last:
        yield words, normalise_tags(words, tags)


def normalise_tags(words: list[str], tags: list[str]) -> list[str]:
    """Map GMB tags to ours (``B-per`` → ``B-PERSON``...) and move leading titles out of PERSON."""
    out: list[str] = []
    for tag in tags:
        if tag == "O" or tag[2:] not in LABEL_MAP:
            out.append("O")
        else:
            out.append(tag[:2] + LABEL_MAP[tag[2:]])
    i = 0
    while i < len(out):
        if out[i] != "B-PERSON":
            i += 1
            continue
        end = i + 1
        while end < len(out) and out[end] == "I-PERSON":
            end += 1
        cut = i
        while cut < end - 1 and _is_title_token(words[cut], cut > i):
            cut += 1
        if cut > i:
            for k in range(i, cut):
                out[k] = "O"
            out[cut] = "B-PERSON"
        i = end
    return out


def _is_title_token(word: str, inside: bool) -> bool:
    low = word.lower()
    return low in TITLE_WORDS or (inside and low in TITLE_GLUE) or word in KNOWN_ACRONYMS
