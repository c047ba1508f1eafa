"""StoryIndex: ids, postings, candidate lookup, merges and expiry, on stories built by hand."""

from __future__ import annotations

from storyline.group.clusters import Cluster, StoryCluster
from storyline.group.story_index import StoryIndex
from storyline.model import Article


def _index(max_posting: int = 3) -> StoryIndex:
    return StoryIndex(max_posting=max_posting, max_centroid_terms=50, half_life_days=None)


def _story(index: StoryIndex, article_id: str, vector: dict[str, float], day: int | None = 100) -> StoryCluster:
    story = index.open(Article(id=article_id, text=f"report {article_id} about things"))
    story.absorb(article_id, vector, day, 50)
    story.events.append(Cluster(index.new_id("e", article_id), index.next_seq(), articles=[article_id]))
    index.post(story, sorted(vector.items(), key=lambda kv: -kv[1]))
    return story


def test_ids_derive_from_the_article_and_never_repeat() -> None:
    one, two = _index(), _index()
    assert one.open(Article(id="a1", text="x")).id == two.open(Article(id="a1", text="x")).id
    again = one.open(Article(id="a1", text="x"))
    assert again.id.endswith("-2") and len(one.stories) == 2
    assert one.new_id("e", "a1") != one.new_id("e", "a1")
    assert [s.seq for s in one.stories.values()] == [1, 2]


def test_untitled_story_takes_its_first_words_cut_at_a_content_word() -> None:
    story = _index().open(Article(id="a", text=" ".join(f"w{i}" for i in range(30))))
    assert story.title == " ".join(f"w{i}" for i in range(12)) + "…"
    text = "Para muchos blogueros iraníes, las actuales protestas en Egipto y el uso activista de los medios"
    assert _index().open(Article(id="b", text=text)).title == "Para muchos blogueros iraníes, las actuales protestas en Egipto y el uso…"
    cut = "Para muchos blogueros iraníes las actuales protestas en Egipto y de la gente que sigue"
    assert _index().open(Article(id="c", text=cut)).title == "Para muchos blogueros iraníes las actuales protestas en Egipto…"


def test_untitled_story_takes_its_first_sentence_when_short() -> None:
    text = "La OTAN reconoce el segundo bombardeo con víctimas civiles en Libia. Los aliados lamentan el error."
    assert _index().open(Article(id="a", text=text)).title == "La OTAN reconoce el segundo bombardeo con víctimas civiles en Libia."


def test_postings_keep_the_most_recent_stories() -> None:
    index = _index(max_posting=2)
    stories = [_story(index, f"a{i}", {"wquake": 1.0}) for i in range(3)]
    assert index.postings["wquake"] == [stories[1].id, stories[2].id]


def test_candidates_rank_by_shared_weight_then_opening_order() -> None:
    index = _index(max_posting=10)
    quake = _story(index, "a", {"wquake": 1.0})
    flood = _story(index, "b", {"wflood": 1.0})
    both = _story(index, "c", {"wquake": 0.6, "wflood": 0.8})
    twin = _story(index, "d", {"wquake": 1.0})
    found = index.candidates([("wquake", 1.0)], size=2)
    assert found == [quake, twin]  # equal scores: the older first; 'both' shares less
    assert index.candidates([("wflood", 1.0), ("wquake", 0.1)], size=5)[0] is flood
    assert both in index.candidates([("wflood", 1.0)], size=5)
    assert index.candidates([("wnothing", 1.0)], size=5) == []


def test_merge_keeps_the_older_id_and_records_it() -> None:
    index = _index(max_posting=10)
    old = _story(index, "a", {"wquake": 1.0})
    new = _story(index, "b", {"wflood": 1.0})
    new_id, new_events = new.id, [e.id for e in new.events]
    kept = index.merge([new, old], "c", 0.61234)
    assert kept is old and new_id not in index.stories
    assert kept.articles == ["a", "b"] and [e.id for e in kept.events][1:] == new_events
    assert index.merges == [{"kept": old.id, "merged": new_id, "article": "c", "score": 0.6123, "kind": "article"}]
    assert index.resolve(new_id) == old.id and index.absorbed(old.id) == [new_id]
    # The merged story's keys now find the survivor, once.
    assert index.candidates([("wflood", 1.0)], size=5) == [old]


def test_merge_chains_resolve_to_the_last_survivor() -> None:
    index = _index(max_posting=10)
    first, second, third = (_story(index, a, {"wquake": 1.0}) for a in "abc")
    ids = [s.id for s in (first, second, third)]
    index.merge([second, third], "x", 0.5)
    index.merge([first, second], "y", 0.5)
    assert [index.resolve(i) for i in ids] == [first.id] * 3
    assert sorted(index.absorbed(first.id)) == sorted(ids[1:])


def test_expire_takes_idle_stories_out_after_the_callback() -> None:
    index = _index(max_posting=10)
    idle = _story(index, "a", {"wquake": 1.0}, day=10)
    recent = _story(index, "b", {"wquake": 1.0}, day=50)
    undated = _story(index, "c", {"wquake": 1.0}, day=None)
    seen: list[str] = []
    index.expire(20, lambda story: seen.append(story.id))
    assert seen == [idle.id]
    assert not idle.is_active and idle.centroid == {} and idle.norm == 0 and idle.posted == set()
    assert recent.is_active and undated.is_active
    assert idle not in index.candidates([("wquake", 1.0)], size=5)
    index.expire(20, lambda story: seen.append(story.id))
    assert seen == [idle.id]  # an expired story is not expired twice
