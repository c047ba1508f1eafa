"""Cleaning: the five s400 samples (junk gone, every sentence kept) and each rule on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.clean import clean_text, normalize_text

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "s400"

#: Hand-labelled junk per sample: every other non-empty line is article text and must be kept.
JUNK = {
    "000_6845ac8b50c1c149.txt": [
        " date 2021-02-11 .", ".", "Language", "Turkey and USA",
        "Flags of the United States and Turkey. (Stock photo)",
        "US State Dept expects Blinken, Turkey's minister to chat, says S-400 policy unchanged",
        "Followed Unfollow", "Reuters", "Published: Updated:",
        "For all the latest headlines follow our Google News channel online or via the app.",
        "Read more:", "Majority of US senators urge Biden to press Turkey on rights",
        "Turkey hints at compromise with US over Russian S-400 missile system",
        "Turkey's Erdogan preparing for worst during 4 years of US incoming president Biden",
        "Get the latest stories from AlArabiya on Google News", "Editor's Choice",
        "What was behind the UAE’s mission to Mars? What was behind the UAE’s mission to Mars?",
        "Top Content", "Before you go",
        "Israel's Netanyahu says vaccinees account for less than 3% of COVID-19 deaths", "Explore More",
    ],
    "001_e967ca61c5950d90.txt": [],
    "002_5d03ed00456f9d7f.txt": [],
    "003_27e241ab6e7f3ee0.txt": [
        "1. Home", "2. English", "3. S-400: US pressures Turkey to terminate missile deal with Russia",
        "S-400: US pressures Turkey to terminate missile deal with Russia", "0", "Social Share",
        "Vinayak Barot", "LEAVE YOUR COMMENT", "Your email address will not be published.",
        "Join our WhatsApp Channel", "And stay informed with the latest news and updates.", "Join Now",
        "revoi whats app qr code",
    ],
    "004_0b410a4c2b4a097b.txt": [],
}
TITLES = {
    "000_6845ac8b50c1c149.txt": "US State Dept expects Blinken, Turkey's minister to chat, says S-400 policy unchanged",
    "003_27e241ab6e7f3ee0.txt": "S-400: US pressures Turkey to terminate missile deal with Russia",
}

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples/s400 is absent")


def _lines(text: str) -> list[str]:
    return [line for line in normalize_text(text).split("\n") if line]


def _is_junk(line: str, junk: list[str]) -> bool:
    # Lines of the "Top Content" block are all doubled headlines; they count as junk too.
    half = (len(line) - 1) // 2
    doubled = len(line) % 2 == 1 and line[:half] == line[half + 1 :]
    return doubled or line in {normalize_text(j).strip() for j in junk}


@needs_samples
@pytest.mark.parametrize("name", sorted(JUNK))
def test_clean_samples_keep_every_sentence_and_drop_junk(name: str) -> None:
    raw = (SAMPLES / name).read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    kept = cleaned.text.split("\n\n")
    for line in _lines(raw):
        if _is_junk(line, JUNK[name]):
            assert line not in kept, f"junk kept: {line!r}"
        else:
            assert line in kept, f"article text lost: {line!r}"


@needs_samples
@pytest.mark.parametrize("name", sorted(JUNK))
def test_clean_samples_title(name: str) -> None:
    cleaned = clean_text((SAMPLES / name).read_text(encoding="utf-8"))
    assert cleaned.title == TITLES.get(name)


@needs_samples
def test_clean_sample_header_date_and_bylines_become_metadata() -> None:
    first = clean_text((SAMPLES / "000_6845ac8b50c1c149.txt").read_text(encoding="utf-8"))
    assert (first.published, first.published_from) == ("2021-02-11", "header")
    assert first.authors == ("Reuters",)
    fourth = clean_text((SAMPLES / "003_27e241ab6e7f3ee0.txt").read_text(encoding="utf-8"))
    assert fourth.authors == ("Vinayak Barot",)
    assert fourth.published is None


def test_clean_keeps_curly_quotes_and_repairs_mojibake() -> None:
    cleaned = clean_text("The minister said “we will not back down” at the CafÃ© on Monday in the capital city.")
    assert "“we will not back down”" in cleaned.text
    assert "Café" in cleaned.text


@pytest.mark.parametrize("line", [
    "Share this article", "Follow us on Twitter", "Subscribe to our newsletter for daily updates",
    "Leave a comment", "Comments (12)", "Advertisement", "Skip to content", "Home > World > Europe",
    "Photo: Jane Doe/Reuters", "Sign up for our morning newsletter", "Download the app",
    "Click here to read the full report", "Tell us what you think...",
])
def test_clean_drops_interface_lines(line: str) -> None:
    body = "The parliament approved the budget on Tuesday after a debate that lasted nine hours."
    cleaned = clean_text(f"{body}\n{line}\n{body} It was the third vote this year.")
    assert line not in cleaned.text
    assert body in cleaned.text


@pytest.mark.parametrize("line", [
    "“We are open to talks,” he said.",
    "Prices rose 3%.",
    "NISSAN SENTRA",
    "- 40 million crowns for the relief fund",
    "Share prices fell sharply on Monday after the announcement by the central bank.",
    "Follow-up talks are scheduled for next week, officials said.",
])
def test_clean_keeps_short_article_lines_between_paragraphs(line: str) -> None:
    body = "The parliament approved the budget on Tuesday after a debate that lasted nine hours."
    cleaned = clean_text(f"{body}\n{line}\nThe opposition said it would challenge the vote in the constitutional court.")
    assert line in cleaned.text.split("\n\n")


def test_clean_related_block_ends_where_text_resumes() -> None:
    text = ("The river rose two metres overnight and flooded the lower town near the old bridge.\n"
            "Read more:\nMinister visits flooded towns\nRelief fund announced\n"
            "Rescue teams reached the last stranded families by boat on Thursday morning, the mayor said.")
    kept = clean_text(text).text.split("\n\n")
    assert kept == [
        "The river rose two metres overnight and flooded the lower town near the old bridge.",
        "Rescue teams reached the last stranded families by boat on Thursday morning, the mayor said.",
    ]


def test_clean_inline_related_link_and_doubled_line() -> None:
    body = "The central bank raised its main interest rate by half a point on Thursday, surprising markets."
    doubled = "Markets tumble after rate decision Markets tumble after rate decision"
    cleaned = clean_text(f"{body}\nRead more: Markets tumble after rate decision\n{doubled}\n{body}")
    assert cleaned.text == body


def test_clean_stamp_becomes_metadata() -> None:
    text = ("Published: 10 March 2026 Updated: 11 March 2026 09:30\n"
            "The parliament approved the fuel levy by 112 votes to 87 late on Tuesday evening, officials said.")
    cleaned = clean_text(text)
    assert cleaned.published == "2026-03-10"
    assert cleaned.published_from == "stamp"
    assert cleaned.updated == "2026-03-11T09:30:00"
    assert cleaned.text.startswith("The parliament")


def test_clean_joins_hard_wrapped_lines() -> None:
    text = "The committee met on Monday and agreed\nto publish its findings next month, the chair said."
    assert clean_text(text).text == ("The committee met on Monday and agreed to publish its findings next month, "
                                     "the chair said.")


def test_clean_without_clear_paragraph_keeps_everything_not_matched() -> None:
    scores = "GIRLS BASKETBALL\nPalm Bay d. Rockledge 70-44\nRockledge 14 11 6 15 — 44"
    assert clean_text(scores).text.split("\n\n") == scores.split("\n")


def test_clean_cjk_paragraphs_are_sentences() -> None:
    text = "見出しのテキスト\nさて、このKindle for PC、Amazonがあまり力を入れていないのか操作性などあまりよくありません。設定で変更できる箇所も少なく。"
    cleaned = clean_text(text, title="見出しのテキスト")
    assert "操作性" in cleaned.text


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "Hello"])
def test_clean_degenerate_inputs(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == text.strip()


def test_clean_removes_control_characters_and_normalises_spaces() -> None:
    cleaned = clean_text("The\x00 minister\u00a0 said\u200b the talks would resume in Geneva on Friday morning.")
    assert cleaned.text == "The minister said the talks would resume in Geneva on Friday morning."


PROSE = ("Le Conseil de sécurité a voté jeudi soir la résolution 1973, qui autorise le recours à la force "
         "pour protéger les civils libyens.")


@pytest.mark.parametrize("code", [
    'var minutes = d.getMinutes();\nif (minutes < 10){minutes = "0"+minutes;}\n'
    "document.write('<strong>' + d_names[d.getDay()] + '</strong>');",
    ".c-gallery .flickity-viewport{margin-bottom:1rem}.c-gallery .cell{opacity:1;transition:.3s ease;width:70%}"
    + "@media screen and (min-width:600px){.c-gallery .cell{width:50%;padding:0}}" * 8,
    '{"type":"gallery","object":{"title":"Gaza","description":"","uri":"https:\\/\\/www.example.it\\/foto"}}',
    "{src: 'https://example.org/player.swf', width: 320, height: 24, wmode: 'transparent' },",
    "success: function (data){ error: function (data){",
])
def test_clean_drops_script_style_and_json_lines_long_or_hard_wrapped(code: str) -> None:
    cleaned = clean_text(f"{PROSE}\n{code}\n{PROSE.replace('jeudi', 'vendredi')}").text
    assert "{" not in cleaned and "document.write" not in cleaned and "minutes" not in cleaned
    assert PROSE in cleaned


@pytest.mark.parametrize("prose", [
    "Le texte prévoit deux mesures ; la zone d'exclusion aérienne (article 6) et le gel des avoirs ; le vote a eu lieu.",
    "Le porte-parole {sic} a répondu : « nous verrons » ; puis il est parti.",
])
def test_clean_keeps_prose_with_semicolons_or_a_brace_pair(prose: str) -> None:
    assert prose in clean_text(f"{PROSE}\n{prose}\n{PROSE.replace('jeudi', 'vendredi')}").text


def test_clean_takes_off_link_language_marks_where_a_page_has_several() -> None:
    text = ("Para muchos blogueros iraníes, las protestas en Egipto [en] recuerdan el Movimiento Verde de Irán [en].\n"
            "Viona dice que está feliz de ver crecer el movimiento [fa], y otros blogueros opinan lo mismo.")
    cleaned = clean_text(text).text
    assert "[" not in cleaned
    assert "las protestas en Egipto recuerdan el Movimiento Verde de Irán." in cleaned


def test_clean_takes_off_three_letter_link_language_marks_but_not_sic() -> None:
    text = ("Las noticias sobre las protestas [eng] en Yemen están siendo bien recibidas [ara] en el mundo árabe.\n"
            "El comunicado [sic] fue leído dos veces por el portavoz del ministerio el lunes.")
    cleaned = clean_text(text).text
    assert "[eng]" not in cleaned and "[ara]" not in cleaned
    assert "las protestas en Yemen están siendo bien recibidas en el mundo árabe." in cleaned
    assert "[sic]" in cleaned


@pytest.mark.parametrize("text", [
    "El ministro dijo que [el] presidente vendrá el lunes a la capital para reunirse con los rebeldes.",
    "The statement [sic] was read twice [ibid] by the spokesman of the ministry on Monday morning.",
])
def test_clean_keeps_an_editors_bracketed_insertion(text: str) -> None:
    assert clean_text(text).text == text


def test_a_kicker_over_a_longer_headline_is_not_the_title() -> None:
    text = ("Anuncio del Ministerio de Exteriores\n"
            "Tres hijos de Gadafi y la mujer del coronel abandonan Libia y entran en Argelia\n"
            "La mujer del derrocado dictador libio Muamar Gadafi, Safia, y tres de sus hijos han entrado en "
            "Argelia, según ha anunciado este lunes el Ministerio de Exteriores argelino en un comunicado.\n"
            "Los rebeldes controlan ya la mayor parte de Trípoli desde la semana pasada.")
    cleaned = clean_text(text)
    assert cleaned.title == "Tres hijos de Gadafi y la mujer del coronel abandonan Libia y entran en Argelia"
    assert cleaned.title_candidates[:1] == ("Anuncio del Ministerio de Exteriores",)
    assert "Anuncio del Ministerio" not in cleaned.text


def test_a_short_headline_over_a_sentence_stays_the_title() -> None:
    text = ("Gadafi huye a Argelia\n"
            "La mujer del derrocado dictador libio y tres de sus hijos han entrado en Argelia, según ha "
            "anunciado este lunes el Ministerio de Exteriores argelino en un comunicado.\n"
            "Los rebeldes controlan ya la mayor parte de Trípoli desde la semana pasada.")
    assert clean_text(text).title == "Gadafi huye a Argelia"
