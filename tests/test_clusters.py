"""Clustering events from many reports into happenings (issue 6).

Two layers: pure tests of ``cluster_events`` on hand-built Event records, and an end-to-end
test that ingests tests/fixtures/clusters (fictional reports, real towns) through the real
pipeline into a temporary store. That corpus:

- Iran International (opposition), Fars (state), Reuters (independent) report the Isfahan
  farmers' protest of 2024-05-14 with "over 1,500", "two" and "about 200" killed; Iran
  International reports it twice (two documents, still one outlet);
- HRANA (independent) and Zayandeh Daily (not in the registry) report a workers' protest
  the same day in Shahreza, about 74 km away: a cluster of its own;
- Iran International reports another Isfahan protest a week later: its own cluster;
- Fars reports 45 arrested in Isfahan the same day: COERCE, so its own cluster.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from according.actors import ActorEntry, ActorRegistry
from according.analysis.clusters import (
    EventCluster,
    SourcedCount,
    cluster_events,
    cluster_id,
    clusters_from_store,
    compare_counts,
    haversine_km,
)
from according.batch import ingest
from according.exports.clusters import write_clusters
from according.records.model import Event, Place, Quantity, Span, TimeSpan

CORPUS = Path(__file__).resolve().parent / "fixtures" / "clusters"
ISFAHAN = (32.65246, 51.67462)
SHAHREZA = (32.00877, 51.86407)
EAST_OF_ISFAHAN = (32.65, 51.99)  # about 30 km east of Isfahan, 43 km from Khomeyni Shahr
KHOMEINI_SHAHR = (32.6856, 51.53609)  # about 14 km from Isfahan

REGISTRY = ActorRegistry(
    [
        ActorEntry("s", "State Wire", "media", "news_agency", "state", "IR", ()),
        ActorEntry("o", "Opposition TV", "media", "broadcaster", "opposition", "IR", ()),
        ActorEntry("i", "Free Press", "media", "news_agency", "independent", None, ()),
    ]
)


def place(name: str, at: tuple[float, float] | None, precision: int = 1, **kw: object) -> Place:
    lat, lon = at if at else (None, None)
    return Place(text=name, name=name, lat=lat, lon=lon, precision=precision, **kw)


def event(
    eid: str,
    *,
    doc: str | None = None,
    outlet: str | None = None,
    category: str = "PROTEST",
    mode: str | None = "demo",
    places: list[Place] | None = None,
    start: str | None = "2024-05-14",
    end: str | None = None,
    counts: list[Quantity] | None = None,
    evidence: str | None = None,
    status: str = "reported",
) -> Event:
    when = TimeSpan(text=start, start=start, end=end or start) if start else None
    extra = {"document_id": doc or f"doc-{eid}", "outlet": outlet}
    sentence = evidence or f"sentence of {eid}"
    return Event(
        id=eid,
        category=category,
        mode=mode,
        places=[place("Isfahan", ISFAHAN)] if places is None else places,
        when=when,
        counts=counts or [],
        status=status,
        evidence=[Span(start=0, end=len(sentence), text=sentence)],
        **extra,
    )


def deaths(value: int, bound: str, text: str) -> Quantity:
    return Quantity(kind="fatalities", value=value, bound=bound, text=text)


def groups(clusters: list[EventCluster]) -> set[frozenset[str]]:
    return {frozenset(c.events) for c in clusters}


# -- pure --------------------------------------------------------------------------------


def test_haversine_known_distance():
    assert haversine_km(*ISFAHAN, *SHAHREZA) == pytest.approx(74, abs=2)
    assert haversine_km(*ISFAHAN, *ISFAHAN) == 0


def test_same_happening_from_three_outlets_is_one_cluster_with_sides_and_conflict():
    evs = [
        event("a", outlet="Opposition TV", counts=[deaths(1500, "lower", "over 1,500")]),
        event("b", outlet="State Wire", counts=[deaths(2, "exact", "two")], status="claimed"),
        event("c", outlet="Free Press", counts=[deaths(200, "approx", "about 200")]),
    ]
    (cluster,) = cluster_events(evs, REGISTRY)
    assert set(cluster.events) == {"a", "b", "c"}
    assert cluster.n_outlets == 3 and cluster.n_documents == 3 and cluster.n_events == 3
    sides = {o.name: o.side for o in cluster.outlets}
    assert sides == {
        "Opposition TV": "opposition",
        "State Wire": "state",
        "Free Press": "independent",
    }
    fatal = cluster.counts_by_source["fatalities"]
    assert fatal.conflict is True
    assert {(v.outlet, v.text) for v in fatal.values} == {
        ("Opposition TV", "over 1,500"), ("State Wire", "two"), ("Free Press", "about 200"),
    }  # fmt: skip
    assert (fatal.low, fatal.high) == (2, 1500)
    assert cluster.statuses == ["claimed", "reported"]
    assert cluster.when is not None and cluster.when.start == cluster.when.end == "2024-05-14"


def test_hedges_that_can_all_be_true_are_no_conflict():
    def c(value: int, bound: str) -> SourcedCount:
        return SourcedCount(value=value, bound=bound, text=str(value), event="e")

    assert not compare_counts([c(300, "lower"), c(350, "approx"), c(400, "upper")]).conflict
    assert not compare_counts([c(1500, "lower"), c(200, "lower")]).conflict
    assert compare_counts([c(1500, "lower"), c(200, "approx")]).conflict
    assert compare_counts([c(2, "exact"), c(3, "exact")]).conflict
    assert not compare_counts([c(200, "approx"), c(220, "exact")]).conflict


def test_distance_threshold():
    near = event("b", places=[place("Khomeyni Shahr", KHOMEINI_SHAHR)])
    far = event("c", places=[place("Somewhere east", EAST_OF_ISFAHAN)])
    assert groups(cluster_events([event("a"), near, far], REGISTRY)) == {
        frozenset({"a", "b"}), frozenset({"c"}),
    }  # fmt: skip


def test_any_place_pair_links_a_multi_town_event():
    multi = event(
        "b", places=[place("Shahreza", SHAHREZA), place("Khomeyni Shahr", KHOMEINI_SHAHR)]
    )
    assert groups(cluster_events([event("a"), multi], REGISTRY)) == {frozenset({"a", "b"})}


def test_dates_within_a_day_link_but_not_two_days_or_a_week():
    evs = [
        event("a"),
        event("b", start="2024-05-15"),
        event("c", start="2024-05-17"),
        event("d", start="2024-05-21"),
    ]
    assert groups(cluster_events(evs, REGISTRY)) == {
        frozenset({"a", "b"}), frozenset({"c"}), frozenset({"d"}),
    }  # fmt: skip


def test_multi_day_spans_overlap():
    evs = [event("a", start="2024-05-10", end="2024-05-14"), event("b", start="2024-05-12")]
    (cluster,) = cluster_events(evs, REGISTRY)
    assert cluster.when is not None
    assert (cluster.when.start, cluster.when.end) == ("2024-05-10", "2024-05-14")


def test_category_must_match_but_mode_may_differ():
    evs = [
        event("a"),
        event("b", mode="riot"),
        event("c", category="COERCE", mode="arrest"),
    ]
    clusters = cluster_events(evs, REGISTRY)
    assert groups(clusters) == {frozenset({"a", "b"}), frozenset({"c"})}
    protest = next(c for c in clusters if c.category == "PROTEST")
    assert protest.modes == ["demo", "riot"]


def test_events_without_place_or_date_or_vague_date_stay_alone():
    evs = [
        event("a"),
        event("b", places=[]),
        event("c", start=None),
        event("d", start="2024-05-01", end="2024-05-31"),  # "in May"
        event("e", places=[place("Somewhere", None)]),
    ]
    clusters = cluster_events(evs, REGISTRY)
    assert len(clusters) == 5
    assert all(c.n_events == 1 for c in clusters)


def test_region_only_places_match_only_the_same_region():
    iran = place("Iran", (32.0, 53.0), precision=3, country="IR", geonames_id=130758)
    iran2 = place("Iran", (32.0, 53.0), precision=3, country="IR", geonames_id=130758)
    province = place("Isfahan Province", (33.2, 52.5), precision=3, country="IR",
                     admin1="Isfahan", geonames_id=418862)  # fmt: skip
    evs = [
        event("a", places=[iran]),
        event("b", places=[iran2]),
        event("c", places=[province]),
        event("d", places=[place("Isfahan", ISFAHAN)]),
    ]
    assert groups(cluster_events(evs, REGISTRY)) == {
        frozenset({"a", "b"}), frozenset({"c"}), frozenset({"d"}),
    }  # fmt: skip


def test_two_events_of_one_document_never_merge_even_through_a_third():
    evs = [
        event("a1", doc="A", evidence="Farmers protested in Isfahan."),
        event("a2", doc="A", evidence="Students protested in Isfahan."),
        event("b", doc="B"),
    ]
    clusters = cluster_events(evs, REGISTRY)
    assert all(len({e[0] for e in c.events}) == c.n_events for c in clusters)
    assert not any({"a1", "a2"} <= set(c.events) for c in clusters)
    assert len(clusters) == 2


def test_one_document_identical_evidence_merges():
    evs = [
        event("a1", doc="A", evidence="Farmers protested in Isfahan."),
        event("a2", doc="A", evidence="Farmers protested in Isfahan."),
    ]
    assert groups(cluster_events(evs, REGISTRY)) == {frozenset({"a1", "a2"})}


def test_one_outlet_twice_counts_once_and_unknown_outlets_have_no_side():
    evs = [
        event("a", outlet="Opposition TV"),
        event("b", outlet="Opposition TV"),
        event("c", outlet="Village Gazette"),
        event("d", outlet=None),
    ]
    (cluster,) = cluster_events(evs, REGISTRY)
    assert cluster.n_documents == 4
    assert cluster.n_outlets == 2
    assert {o.name: o.side for o in cluster.outlets} == {
        "Opposition TV": "opposition", "Village Gazette": None,
    }  # fmt: skip


def test_ids_are_stable_and_order_independent():
    evs = [event("a"), event("b", start="2024-05-15"), event("c", start="2024-06-01")]
    first = cluster_events(evs, REGISTRY)
    again = cluster_events(list(reversed(evs)), REGISTRY)
    assert [c.id for c in first] == [c.id for c in again]
    assert first[0].id == cluster_id(["b", "a"])
    assert [c.when.start for c in first if c.when] == ["2024-05-14", "2024-06-01"]


def test_cluster_round_trips_as_a_record():
    evs = [event("a", counts=[deaths(3, "exact", "three")]), event("b")]
    (cluster,) = cluster_events(evs, REGISTRY)
    back = EventCluster.model_validate_json(cluster.model_dump_json())
    assert back == cluster


@pytest.mark.slow  # a bound on time at scale: measured where nothing else runs (CI)
def test_sweep_scales_to_many_events():
    """5,000 events over 50 days in 20 towns: linear enough to stay well under a second."""
    import time

    evs = []
    for i in range(5000):
        day = 1 + i % 28
        lat, lon = 30 + (i % 20) * 0.5, 50 + (i % 20) * 0.5
        evs.append(event(f"e{i}", start=f"2024-05-{day:02d}", places=[place("T", (lat, lon))]))
    t0 = time.perf_counter()
    clusters = cluster_events(evs, REGISTRY)
    assert time.perf_counter() - t0 < 10
    assert sum(c.n_events for c in clusters) == 5000


def test_write_clusters_formats():
    evs = [
        event("a", outlet="Opposition TV", counts=[deaths(1500, "lower", "over 1,500")]),
        event("b", outlet="State Wire", counts=[deaths(2, "exact", "two")]),
    ]
    clusters = cluster_events(evs, REGISTRY)
    buf = io.StringIO()
    assert write_clusters(clusters, "json", buf) == 1
    (data,) = json.loads(buf.getvalue())
    assert data["n_outlets"] == 2 and data["counts_by_source"]["fatalities"]["conflict"]
    buf = io.StringIO()
    write_clusters(clusters, "table", buf)
    assert "over 1,500" in buf.getvalue() and "CONFLICT" in buf.getvalue()
    from according.errors import UsageError

    with pytest.raises(UsageError):
        write_clusters(clusters, "geojson", io.StringIO())


def test_write_clusters_to_a_file(tmp_path):
    target = tmp_path / "clusters.jsonl"
    assert write_clusters(cluster_events([event("a"), event("b")], REGISTRY), "jsonl", target) == 1
    assert json.loads(target.read_text(encoding="utf-8"))["n_events"] == 2
    assert not (tmp_path / "clusters.jsonl.part").exists()


# -- end to end through the real pipeline ------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from according.store import Store

    db = tmp_path_factory.mktemp("clusters") / "c.db"
    with Store(db) as s:
        ingest(s, [CORPUS], workers=1)
        yield s


def test_pipeline_extracts_the_events_the_corpus_is_built_on(store):
    rows = sorted(
        (e.outlet, e.category, e.places[0].name if e.places else None, e.when.start,
         tuple((q.kind, q.value, q.bound) for q in e.counts if q.kind == "fatalities"))
        for e in store.events()
    )  # fmt: skip
    ii_deaths = (("fatalities", 1500, "lower"),)
    assert rows == sorted([
        ("Iran International", "PROTEST", "Isfahan", "2024-05-14", ii_deaths),
        ("Iran International", "PROTEST", "Isfahan", "2024-05-14", ii_deaths),
        ("Iran International", "PROTEST", "Isfahan", "2024-05-21", ()),
        ("Fars News Agency", "PROTEST", "Isfahan", "2024-05-14", (("fatalities", 2, "exact"),)),
        ("Fars News Agency", "COERCE", "Isfahan", "2024-05-14", ()),
        ("Reuters", "PROTEST", "Isfahan", "2024-05-14", (("fatalities", 200, "approx"),)),
        ("HRANA", "PROTEST", "Shahreẕā", "2024-05-14", ()),
        ("Zayandeh Daily", "PROTEST", "Shahreẕā", "2024-05-14", ()),
    ])  # fmt: skip


def test_corpus_clusters(store):
    clusters = clusters_from_store(store)
    assert sum(c.n_events for c in clusters) == 8
    assert len(clusters) == 4

    def where(c: EventCluster) -> tuple[str, str, str]:
        return c.category, c.places[0].name, c.when.start if c.when else ""

    by = {where(c): c for c in clusters}
    main = by[("PROTEST", "Isfahan", "2024-05-14")]
    assert main.n_events == 4 and main.n_documents == 4 and main.n_outlets == 3
    assert {o.name: o.side for o in main.outlets} == {
        "Iran International": "opposition", "Fars News Agency": "state", "Reuters": "independent",
    }  # fmt: skip
    fatal = main.counts_by_source["fatalities"]
    assert fatal.conflict
    assert sorted((v.outlet, v.text) for v in fatal.values) == [
        ("Fars News Agency", "two protesters"),
        ("Iran International", "over 1,500 protesters"),
        ("Iran International", "over 1,500 protesters"),
        ("Reuters", "about 200 protesters"),
    ]

    shahreza = by[("PROTEST", "Shahreẕā", "2024-05-14")]
    assert shahreza.n_outlets == 2
    assert {o.name: o.side for o in shahreza.outlets} == {"HRANA": "independent",
                                                          "Zayandeh Daily": None}  # fmt: skip
    assert by[("PROTEST", "Isfahan", "2024-05-21")].n_events == 1
    assert by[("COERCE", "Isfahan", "2024-05-14")].n_events == 1


def test_store_filters_apply_before_clustering(store):
    only_protests = clusters_from_store(store, category="PROTEST", until="2024-05-15")
    assert [c.n_events for c in only_protests if c.category == "PROTEST"] and all(
        c.category == "PROTEST" for c in only_protests
    )
    assert sorted(c.n_events for c in only_protests) == [2, 4]
