"""Attributions to documents, polls and reports, and quotations credited by a dash: frames the
speech-verb passes miss.

* :func:`document_subject` -- a clause whose subject is headed by a document noun of the pack
  (``document_nouns``: poll, report, study, analysis, video ...), however long its
  postmodifiers (``The latest Reuters/Ipsos poll released Friday shows that ...``, ``A USA TODAY
  analysis of newly filed reports shows Democrats ahead``, ``Un sondeo publicado el lunes indica
  que ...``, ``Eine Umfrage des ZDF zeigt, dass ...``), and its verb a speech verb or one of the
  pack's ``document_verbs`` (``shows``, ``muestra``, ``montre``, ``zeigt``: cues only after such
  a subject); also the same clause closing a sentence (``Donations rose, an analysis shows.``).
* :func:`document_opener` -- a sentence opening with the pack's ``document_openers`` and a
  document noun phrase up to a comma (``In the latest poll, Clinton led ...``, ``En el último
  sondeo, ...``, ``Dans ce sondage, ...``): the rest of the sentence is the document's.
* :func:`dash_credit` -- a quotation followed by a dash and a name ending its line (``"..." ―
  Maria Lopez``): the name is the speaker, the dash the cue, in any language.
* :func:`without_medium` -- a speaker span ending in the medium it spoke through loses it
  (``..., in a statement``; the pack's ``authored_nouns``).

The first three are tried only where the other passes found nothing; each reads a bounded window
of tokens around one sentence, one closing quote mark or one speaker: linear in the text.
"""

from __future__ import annotations

import re

from storyline.analyze.quote_sources import Found, kind
from storyline.analyze.speakers import TokenDoc, trim
from storyline.model import Span

__all__ = ["dash_credit", "document_opener", "document_subject", "without_medium"]

#: Tokens a document subject may span before its verb ("A USA TODAY analysis of super PACs ...").
_MAX_SUBJECT = 18
#: Marks that end a subject noun phrase on its left ("..., an analysis shows").
_LEFT_MARKS = frozenset(",;:(\u2014\u2013\"\u201c\u201d\u00ab\u00bb")
#: Tokens allowed inside a subject besides words: "Reuters/Ipsos", "Post-ABC", "$1 million".
_INNER_MARKS = frozenset("/'\u2019$%&")
#: A dash credit: dash, up to six words (a name: checked against the pack), then the line's end.
_DASH_CREDIT_RE = re.compile(
    r"[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*"
    r"([\w.'\u2019\-]+(?:[ \t\u00a0]+[\w.'\u2019\-]+){0,5})"
    r"[ \t\u00a0.]*(?:\n|$)")


def document_subject(doc: TokenDoc, sent: Span) -> Found | None:
    """The first verb of ``sent`` (a speech verb or a ``document_verbs`` form) whose subject is
    headed by a document noun; see the module docstring."""
    tokens = doc.tokens_in(sent.start, sent.end)
    c = doc.cues
    for i, tok in enumerate(tokens):
        low = doc.lower_word(*tok)
        if i == 0 or (low not in c.cue_forms and low not in c.document_verb_forms) or low in c.document_nouns:
            continue
        if c.is_participle(low) or (c.is_past(low) and _modifies(doc, tokens, i)):
            continue  # "Un sondeo publicado el lunes", "the report published on Monday": a modifier
        subject = _subject(doc, tokens, i)
        if subject is None:
            continue
        start, last = subject
        speaker = Span(tokens[start][0], tokens[last][1])
        found = _after_verb(doc, sent, speaker, Span(*tokens[i])) if start == 0 or doc.word(tokens[start - 1]) != "," \
            else _closing(doc, sent, speaker, Span(*tokens[i]))
        if found is not None:
            return found
    return None


def _subject(doc: TokenDoc, tokens: list[tuple[int, int]], verb: int) -> tuple[int, int] | None:
    """The first and last tokens of a document-headed subject before ``tokens[verb]`` (past
    auxiliaries and adverbs): the words back to the clause start hold a document noun early
    enough to be the head (before any preposition or participle), and no verb, relative, quote
    mark or clause mark."""
    c = doc.cues
    while verb > 1 and _between(doc, doc.word(tokens[verb - 1]).lower()):
        verb -= 1  # "The research not only documented", "The poll also shows": the subject ends before
    start = verb
    while start > 0 and verb - start < _MAX_SUBJECT:
        word = doc.word(tokens[start - 1])
        low = word.lower()
        if word in _LEFT_MARKS or (low in c.conjunctions and start < verb):
            break
        if not (word[0].isalnum() or word in _INNER_MARKS) or _relative(doc, low) or low in c.verbish \
                or low in c.complementizers or low in c.pronouns or (low in c.cue_forms and not _modifier(doc, word)):
            return None
        start -= 1
    words = [doc.word(t).lower() for t in tokens[start:verb]]
    head = next((k for k, w in enumerate(words) if w in c.document_nouns), None)
    if head is None or not words:
        return None
    if any(w in c.prepositions or c.is_past(w) or c.is_participle(w) for w in words[:head]):
        return None  # "the flaw in the report shows": the document is no head here
    if any(w in c.clause_openers or w in c.as_words or w in c.introducers for w in words[:1]) \
            or not _postmodifier(doc, words[head + 1 :]):
        return None  # "Come i media mostrano", "I rapporti continuano a crescere mentre scriviamo"
    if start > 0 and doc.word(tokens[start - 1]) not in _LEFT_MARKS \
            and doc.word(tokens[start - 1]).lower() not in c.conjunctions:
        return None
    return start, verb - 1


def _postmodifier(doc: TokenDoc, words: list[str]) -> bool:
    """What follows a document noun inside its subject is a postmodifier: nothing, or a phrase
    opened by a preposition, a participle, a name or an adjective (``of the incident``,
    ``released Friday``, ``Ifop``, ``libica``), never a verb or a subordinate clause."""
    if not words:
        return True
    c = doc.cues
    first = words[0]
    if first in c.prepositions or first in c.agent_prepositions or c.is_past(first) or c.is_participle(first):
        return True
    return not (first in c.verbish or first in c.introducers or _finite(doc, first)
                or any(_relative(doc, w) or w in c.clause_openers - c.relatives or w in c.introducers - c.prepositions
                       for w in words))


def _relative(doc: TokenDoc, low: str) -> bool:
    """A relative pronoun that is no article (German ``der``, ``die`` are both)."""
    return low in doc.cues.relatives and low not in doc.cues.determiners


def _finite(doc: TokenDoc, word: str) -> bool:
    """A copula or speech-verb form of the pack (``es``, ``dice``): a verb, no postmodifier."""
    return word in doc.cues.verbish or word in doc.cues.cue_forms


def _between(doc: TokenDoc, low: str) -> bool:
    """A word that may stand between a subject and its verb: an auxiliary or adverb of the pack
    (``also``, ``not only``, ``ya``), never a preposition, determiner or conjunction."""
    c = doc.cues
    if low in c.prepositions or low in c.determiners or low in c.np_inner_words or low in c.conjunctions \
            or low in c.relatives or low in c.complementizers or low in c.pronouns or low in c.time_words:
        return False  # "publiée mardi montre": the time belongs to the participle
    return low in c.auxiliaries or low in c.speaker_break_words or c.is_adverb(low)


def _modifies(doc: TokenDoc, tokens: list[tuple[int, int]], i: int) -> bool:
    """A past form followed by a preposition, agent, determiner or time word modifies the noun
    before it (``published on Monday``, ``released by the ministry``)."""
    if i + 1 >= len(tokens):
        return False
    after = doc.word(tokens[i + 1]).lower()
    c = doc.cues
    return after in c.prepositions or after in c.agent_prepositions or after in c.time_words or after in c.determiners


def _modifier(doc: TokenDoc, word: str) -> bool:
    """A cue form inside a subject as a participle or noun (``released``, ``conducted``,
    ``report``): past forms and document nouns, never a present-tense verb."""
    low = word.lower()
    return doc.cues.is_past(low) or doc.cues.is_participle(low) or low in doc.cues.document_nouns \
        or low.endswith(("ed", "ing"))


def _after_verb(doc: TokenDoc, sent: Span, speaker: Span, cue: Span) -> Found | None:
    """``<document subject> <verb> (that) <content>``: the content runs from after the verb (a
    complementizer included, a comma before it skipped) to the end of the sentence."""
    pos = cue.end
    while pos < sent.end and doc.text[pos] in " ,\u00a0":
        pos += 1
    content = trim(doc.text, pos, sent.end)
    if content is None or len(doc.text[content.start : content.end].split()) < 3:
        return None
    return Found(content, kind(doc.text, content), speaker, cue)


def _closing(doc: TokenDoc, sent: Span, speaker: Span, cue: Span) -> Found | None:
    """``<content>, <document subject> <verb>.``: only the sentence's end may follow the verb."""
    if doc.text[cue.end : sent.end].strip().strip(".!?"):
        return None
    content = trim(doc.text, sent.start, doc.text.rfind(",", sent.start, speaker.start))
    if content is None or len(doc.text[content.start : content.end].split()) < 3:
        return None
    return Found(content, kind(doc.text, content), speaker, cue)


def document_opener(doc: TokenDoc, sent: Span) -> Found | None:
    """``In the latest poll, <content>``: an opener of the pack, a noun phrase whose last word
    before the comma or a postmodifier is a document noun, a comma, and a content of four
    words or more."""
    c = doc.cues
    tokens = doc.tokens_in(sent.start, min(sent.end, sent.start + 160))[:16]
    if len(tokens) < 4 or doc.word(tokens[0]).lower() not in c.document_openers:
        return None
    comma = next((i for i, t in enumerate(tokens) if doc.word(t) == ","), None)
    if comma is None or comma < 2:
        return None
    words = [doc.word(t).lower() for t in tokens[1:comma]]
    head = next((k for k, w in enumerate(words) if w in c.document_nouns), None)
    if head is None or words[0] in c.self_words or words[head] in c.authored_nouns \
            or any(w in c.prepositions for w in words[:head]):
        return None  # "In a statement, Peabody ...": the statement's author is the subject, the source
    rest = doc.tokens_in(tokens[comma][1], sent.end)
    if any(c.is_gerund(w) for w in words) or any(doc.word(t).lower() in c.cue_forms for t in rest):
        return None  # "In offering analysis, Caddell told ...": the sentence has its own attribution
    after = words[head + 1 : head + 2]
    if after and not (after[0] in c.prepositions or c.is_past(after[0]) or c.is_participle(after[0])):
        return None  # "In the data room,": the document noun modifies another noun
    if any(w in c.cue_forms and w not in c.document_nouns and not _modifier(doc, w) or w in c.verbish
           or w in c.relatives or w in c.pronouns for w in words):
        return None
    content = trim(doc.text, tokens[comma][1], sent.end)
    if content is None or len(doc.text[content.start : content.end].split()) < 4:
        return None
    return Found(content, kind(doc.text, content), Span(tokens[1][0], tokens[comma - 1][1]), Span(*tokens[0]))


def without_medium(doc: TokenDoc, speaker: Span) -> Span:
    """A speaker ending in the medium it spoke through loses it (``Rep. Elijah Cummings, the
    top Democrat on the committee, in a statement``, ``Stumpf in a televised interview``): a
    preposition, then at most three modifiers and one of the pack's ``authored_nouns`` closing
    the span (or followed by one adjective: ``en una entrevista televisada``)."""
    c = doc.cues
    tokens = doc.tokens_in(speaker.start, speaker.end)
    words = [doc.word(t) for t in tokens]  # as written: "the Post" is a name, "a post" a medium
    if not any(w in c.authored_nouns for w in words[-2:]) or not words[-1].islower():
        return speaker  # the noun closes the span, or one lowercase adjective after it ("entrevista televisada")
    for i in range(max(1, len(tokens) - 6), len(tokens) - 1):
        if words[i].lower() not in c.prepositions or words[i].lower() in c.name_joiners:
            # "in a statement", "en una entrevista"; not "the author of the book", "pasaje del libro"
            continue
        if all(doc.word(t).isalpha() for t in tokens[i + 1 :]) and len(tokens) - i <= 5:
            cut = trim(doc.text, speaker.start, tokens[i][0])
            return cut if cut is not None else speaker
    return speaker


def dash_credit(doc: TokenDoc, pos: int, quote: Found) -> bool:
    """``"..." ― Maria Lopez`` at the end of a line: sets the quote's speaker (the name) and cue
    (the dash). The name holds no cue or function word (``—dijo el ministro`` is an inverted
    attribution the direct pass reads)."""
    match = _DASH_CREDIT_RE.match(doc.text, pos)
    if match is None:
        return False
    words = match.group(1).split()
    c = doc.cues
    if len(doc.text[quote.content.start : quote.content.end].split()) < 3:
        return False  # "« toutou » – de Washington": a word in quotes, no testimony
    if any(w.lower() in c.cue_forms or w.lower() in c.never_names or w.lower() in c.pronouns for w in words):
        return False
    if not words[0][0].isupper() or not all(w[0].isupper() or w.lower() in c.particles for w in words) \
            or not any(w[0].isupper() and w.lower() not in c.no_name_words for w in words):
        return False  # capitalised words and the pack's name particles ("Julie A. Diaz", "Ana de la Cruz")
    dash = next(i for i in range(pos, match.start(1)) if doc.text[i] in "\u2015\u2014\u2013")
    end = match.end(1)
    if doc.text[end - 1] == "." and len(words[-1]) > 2:
        end -= 1  # "― Carla Sanchez.": the sentence's full stop, not an initial's
    quote.speaker, quote.cue = Span(match.start(1), end), Span(dash, dash + 1)
    return True
