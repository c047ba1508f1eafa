"""One story told in eleven reports, ten languages and four scripts, through the whole pipeline:
the reports join one story, and its people, places and bodies are one entity in every spelling.

The reports are written for this test (no dataset is copied): a wire story of April 2011 as an
English, Russian, Arabic, Chinese, Turkish, Spanish, German, Portuguese, Italian and French outlet
would give it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.config import IngestConfig
from storyline.pipeline import ingest
from storyline.present.run import run
from storyline.store import Store

REPORTS = [
    {"id": "en1", "title": "Gaddafi forces shell Misrata", "text": "Forces loyal to Muammar Gaddafi shelled the rebel-held city of Misrata on Monday, rebels said. NATO said its aircraft struck tanks near the city. \"The shelling went on all night,\" said rebel spokesman Ahmed Bani.", "published": "2011-04-18", "language": "en"},
    {"id": "ru1", "title": "Войска Каддафи обстреляли Мисурату", "text": "Войска, верные Муаммару Каддафи, в понедельник обстреляли город Мисурата, удерживаемый повстанцами, сообщили повстанцы. НАТО заявило, что его самолеты нанесли удары по танкам возле города. «Обстрел продолжался всю ночь», — сказал представитель повстанцев Ахмед Бани.", "published": "2011-04-18", "language": "ru"},
    {"id": "ar1", "title": "قوات القذافي تقصف مصراتة", "text": "قصفت القوات الموالية لمعمر القذافي مدينة مصراتة التي يسيطر عليها الثوار يوم الاثنين، بحسب ما قال الثوار. وقال حلف الناتو إن طائراته قصفت دبابات قرب المدينة. وقال المتحدث باسم الثوار أحمد باني: \"استمر القصف طوال الليل\".", "published": "2011-04-18", "language": "ar"},
    {"id": "zh1", "title": "卡扎菲部队炮击米苏拉塔", "text": "反对派说，忠于穆阿迈尔·卡扎菲的部队周一炮击了反对派控制的米苏拉塔市。北约说，其飞机袭击了该市附近的坦克。反对派发言人艾哈迈德·巴尼说：“炮击持续了一整夜。”", "published": "2011-04-18", "language": "zh"},
    {"id": "tr1", "title": "Kaddafi güçleri Misrata'yı bombaladı", "text": "Muammer Kaddafi'ye bağlı güçler pazartesi günü muhaliflerin elindeki Misrata kentini bombaladı, muhalifler açıkladı. NATO, uçaklarının kent yakınlarındaki tankları vurduğunu söyledi. Muhalif sözcü Ahmed Bani, \"Bombardıman bütün gece sürdü\" dedi.", "published": "2011-04-18", "language": "tr"},
    {"id": "es1", "title": "Las fuerzas de Gadafi bombardean Misrata", "text": "Las fuerzas leales a Muamar el Gadafi bombardearon el lunes la ciudad rebelde de Misrata, según los rebeldes. La OTAN dijo que sus aviones atacaron tanques cerca de la ciudad. \"El bombardeo duró toda la noche\", dijo el portavoz rebelde Ahmed Bani.", "published": "2011-04-18", "language": "es"},
    {"id": "de1", "title": "Gaddafi-Truppen beschießen Misrata", "text": "Die Truppen des libyschen Machthabers Muammar al-Gaddafi haben am Montag die von Rebellen gehaltene Stadt Misrata beschossen. Das teilten die Aufständischen mit. Die NATO erklärte, ihre Flugzeuge hätten Panzer in der Nähe der Stadt getroffen. \"Der Beschuss dauerte die ganze Nacht\", sagte der Rebellensprecher Ahmed Bani. Der Anwalt Gamal Eid sagte gestern, die Regierung in Tripolis habe die Kontrolle verloren. Laut dem UN-Generalsekretär Ban Ki-moon sind seit Februar mehr als 10.000 Menschen getötet worden.", "published": "2011-04-19", "language": "de"},
    {"id": "pt1", "title": "Forças de Kadafi bombardeiam Misrata", "text": "As forças leais a Muammar Kadafi bombardearam na segunda-feira a cidade de Misrata, controlada pelos rebeldes, segundo os insurgentes. A Otan disse que seus aviões atingiram tanques perto da cidade. \"O bombardeio durou a noite toda\", disse o porta-voz rebelde Ahmed Bani. O advogado Gamal Eid afirmou ontem que o governo em Trípoli perdeu o controle. Segundo o secretário-geral da ONU, Ban Ki-moon, mais de 10 mil pessoas foram mortas desde fevereiro.", "published": "2011-04-19", "language": "pt"},
    {"id": "it1", "title": "Le forze di Gheddafi bombardano Misurata", "text": "Le forze fedeli a Muammar Gheddafi hanno bombardato lunedì la città di Misurata, controllata dai ribelli, secondo gli insorti. La Nato ha detto che i suoi aerei hanno colpito carri armati vicino alla città. \"Il bombardamento è durato tutta la notte\", ha detto il portavoce dei ribelli Ahmed Bani. L'avvocato Gamal Eid ha affermato ieri che il governo di Tripoli ha perso il controllo. Secondo il segretario generale dell'Onu Ban Ki-moon, oltre 10mila persone sono state uccise da febbraio. Il ministro Khaled Mahmoud al Cairo ha incontrato i diplomatici.", "published": "2011-04-19", "language": "it"},
    {"id": "fr1", "title": "Les forces de Kadhafi pilonnent Misrata", "text": "Les forces fidèles à Mouammar Kadhafi ont pilonné lundi la ville de Misrata, tenue par les rebelles, selon les insurgés. L'Otan a indiqué que ses avions avaient frappé des chars près de la ville. \"Le bombardement a duré toute la nuit\", a déclaré le porte-parole rebelle Ahmed Bani. L'avocat Gamal Eid, qui a affirmé hier que le gouvernement de Tripoli avait perdu le contrôle, reste prudent. Selon le secrétaire général de l'ONU, Ban Ki-moon, plus de 10 000 personnes ont été tuées depuis février.", "published": "2011-04-19", "language": "fr"},
    {"id": "en2", "title": "Gaddafi's forces shell Misrata", "text": "Forces loyal to Muammar Gaddafi shelled the rebel-held city of Misrata on Monday, rebels said. NATO said its aircraft struck tanks near the city. \"The shelling went on all night,\" said rebel spokesman Ahmed Bani. Lawyer Gamal Eid said yesterday that the government in Tripoli had lost control. According to UN Secretary-General Ban Ki-moon, more than 10,000 people have been killed since February.", "published": "2011-04-19", "language": "en"},
]


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    folder = tmp_path_factory.mktemp("languages")
    source = folder / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in REPORTS), encoding="utf-8")
    store = Store(f"sqlite:///{folder / 'store.db'}")
    config = IngestConfig(workers=1)
    paths = run(store, folder / "out", ingest([str(source)], store, config, command="run", keep_open=True))
    return json.loads(Path(paths.stories).read_text(encoding="utf-8"))["stories"]


def _entity(story: dict, alias: str) -> dict:
    [found] = [e for e in story["entities"] if alias in e["aliases"]]
    return found


def test_the_reports_of_every_script_but_han_join_one_story(stories: list[dict]) -> None:
    [story] = [s for s in stories if "en1" in s["articles"]]
    assert {"en1", "en2", "ru1", "ar1", "tr1", "es1", "de1", "pt1", "it1", "fr1"} <= set(story["articles"])


def test_one_entity_per_person_place_and_body_in_every_spelling(stories: list[dict]) -> None:
    [story] = [s for s in stories if "en1" in s["articles"]]
    gaddafi = _entity(story, "Mouammar Kadhafi")
    assert gaddafi["type"] == "PERSON"
    assert {"Muammar Gaddafi", "Muamar el Gadafi", "Muammar Gheddafi", "Muammer Kaddafi"} <= set(gaddafi["aliases"])
    assert "معمر القذافي" in gaddafi["aliases"]  # the Arabic report's people, found through the story
    assert _entity(story, "Misrata")["type"] == "GPE" and {"Мисурата", "مصراتة"} <= set(_entity(story, "Misrata")["aliases"])
    assert {"OTAN", "НАТО", "حلف الناتو"} <= set(_entity(story, "NATO")["aliases"])
    assert "Ахмед Бани" in _entity(story, "Ahmed Bani")["aliases"]
    assert {"Secretary-General Ban Ki-moon", "Ban Ki-moon"} & set(_entity(story, "Ban Ki-moon")["aliases"])
    assert not [e for e in story["entities"] if e["name"] in ("Войска", "Обстрел", "Muhalif", "Bombardıman")]


def test_speakers_and_speaker_roles_in_english(stories: list[dict]) -> None:
    [story] = [s for s in stories if "en1" in s["articles"]]
    shelling = [q for q in story["quotes"] if q["text"].startswith("The shelling went on all night")]
    assert shelling and shelling[0]["speaker"] == "Ahmed Bani"
