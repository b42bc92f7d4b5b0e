"""Training, scoring, clustering and judgements on small synthetic sets."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from enlace.resolution.engine import (
    Judgement,
    JudgementLog,
    Merge,
    ResolverConfig,
    Verdict,
    cluster,
    link_exact,
    prepare,
    score_pairs,
    strong_key,
)
from enlace.resolution.engine.blocking import (
    DEFAULT_RULES,
    BlockingRule,
    _deletions,
    rule_pair_keys,
)
from enlace.resolution.engine.fellegi_sunter import _patterns

GIVEN = ["ana", "luis", "jose", "maria", "pedro", "rosa", "juan", "elena", "carlos", "sofia",
         "diego", "laura", "miguel", "paula", "raul", "irene"]  # fmt: skip
SURNAMES = ["garcia", "lopez", "ruiz", "torres", "navarro", "ortega", "molina", "vargas",
            "castro", "romero", "herrera", "medina", "aguilar", "rios",
            "campos", "vega"]  # fmt: skip


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def synthetic(people: int = 300, seed: int = 1) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for p in range(people):
        g, s = rng.choice(GIVEN), rng.choice(SURNAMES)
        dob = f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        pc = str(rng.randint(10000, 10100))
        for k in range(rng.choice([1, 2, 2, 3])):
            noisy = k > 0 and rng.random() < 0.5
            rows.append({
                "record_id": f"p{p}-{k}", "given_names": _typo(g, rng) if noisy else g,
                "surname_1": s, "dob": dob, "postcode": pc, "entity": f"p{p}",
            })  # fmt: skip
    return pd.DataFrame(rows)


def test_em_converges_and_separates_matches_from_non_matches() -> None:
    df = synthetic()
    scored = score_pairs(prepare(df), ResolverConfig())
    params = scored.params
    assert params.converged
    entity = df["entity"].to_numpy()
    same = entity[scored.left] == entity[scored.right]
    predicted = scored.probability >= 0.5
    precision = (predicted & same).sum() / predicted.sum()
    recall = (predicted & same).sum() / same.sum()
    assert precision > 0.95 and recall > 0.9
    birth = [c.name for c in params.comparisons].index("birth")
    assert params.m[birth][1] > params.u[birth][1] * 100  # exact dob is strong evidence


def test_siblings_sharing_surnames_address_and_phone_do_not_merge() -> None:
    rows = []
    for i, (given, dob) in enumerate([("Ana", "1990-01-05"), ("Rosa", "1994-07-21")]):
        for k in range(2):
            rows.append({
                "record_id": f"s{i}{k}", "given_names": given, "surname_1": "García",
                "surname_2": "Hernández", "dob": dob, "phone": "+52 246 123 4567",
                "address": "Calle Hidalgo 12", "city": "Tenancingo",
            })  # fmt: skip
    df = pd.concat([pd.DataFrame(rows), synthetic(120)], ignore_index=True).fillna("")
    scored = score_pairs(prepare(df), ResolverConfig())
    ids = df["record_id"].tolist()
    clusters = cluster(ids, scored.left, scored.right, scored.probability, 0.5)
    assert clusters[0] == clusters[1]  # the same sister twice
    assert clusters[0] != clusters[2]  # but never her sister


def _household(people: list[tuple[str, str]]) -> pd.DataFrame:
    rows = [
        {"record_id": f"h{i}{k}", "given_names": given, "surname_1": "Xicohténcatl",
         "surname_2": "Cuamatzi", "dob": dob, "phone": "+52 246 123 4567",
         "address": "Calle Hidalgo 12", "city": "Tenancingo", "sex": sex}
        for i, (given, dob) in enumerate(people)
        for k, sex in enumerate(["", "F" if given in ("Ana", "Rosa") else "M"])
    ]  # fmt: skip
    return pd.concat([pd.DataFrame(rows), synthetic(120)], ignore_index=True).fillna("")


def test_twins_and_a_father_and_son_of_one_name_do_not_merge() -> None:
    # Twins: same date of birth, household and surnames, two real given names.
    df = _household([("Ana", "1990-01-05"), ("Rosa", "1990-01-05"),
                     ("Pedro", "1960-03-02"), ("Pedro", "1988-03-02")])  # fmt: skip
    scored = score_pairs(prepare(df), ResolverConfig())
    clusters = cluster(df["record_id"].tolist(), scored.left, scored.right, scored.probability, 0.5)
    assert clusters[0] == clusters[1] and clusters[2] == clusters[3]
    assert len({clusters[0], clusters[2], clusters[4], clusters[6]}) == 4


def test_a_birth_year_with_two_digits_swapped_is_a_typo_not_a_generation() -> None:
    # Same day and month, 1941 keyed as 1914: one man, not a father and son 27 years apart;
    # 1960 and 1988 on another day stay a father and son.
    df = _household([("Pedro", "1941-01-28"), ("Pedro", "1914-01-28"),
                     ("Luis", "1960-03-02"), ("Luis", "1988-05-09")])  # fmt: skip
    scored = score_pairs(prepare(df), ResolverConfig())
    clusters = cluster(df["record_id"].tolist(), scored.left, scored.right, scored.probability, 0.5)
    assert clusters[0] == clusters[2]
    assert clusters[4] != clusters[6]


def _tip_and_record(extra: list[dict[str, str]]) -> tuple[pd.DataFrame, dict[str, float]]:
    rows = [
        {"record_id": "tip", "full_name": "Juan Torres", "dob": "age~40", "city": "Puebla"},
        {"record_id": "cbp", "full_name": "TORRES, JUAN", "dob": "03/02/1985", "country": "US"},
        *extra,
    ]
    df = pd.concat([pd.DataFrame(rows), synthetic(150)], ignore_index=True).fillna("")
    scored = score_pairs(prepare(df), ResolverConfig())
    ids = df["record_id"].to_numpy()
    return df, {
        f"{ids[a]}-{ids[b]}": float(p)
        for a, b, p in zip(scored.left, scored.right, scored.probability, strict=True)
    }


def test_a_tip_fitting_two_namesakes_is_held_for_review() -> None:
    _, alone = _tip_and_record([])
    assert alone["tip-cbp"] >= 0.5  # names and age, and nobody else could be meant
    namesake = {"record_id": "other", "full_name": "Juan Torres Ruiz", "dob": "1984-11-30"}
    _, contested = _tip_and_record([namesake])
    assert 0.2 < contested["tip-cbp"] < 0.5 and contested["tip-other"] < 0.5


def test_a_tip_is_corroborated_through_a_third_record() -> None:
    namesake = {"record_id": "other", "full_name": "Juan Torres Ruiz", "dob": "1984-11-30"}
    file = {"record_id": "file", "full_name": "Juan Torres García", "dob": "02/03/1985",
            "country": "MX", "phone": "+52 222 555 0101"}  # fmt: skip
    tip_phone = {"record_id": "tip2", "full_name": "Juan Torres", "dob": "about 40",
                 "phone": "222 555 0101", "country": "MX"}  # fmt: skip
    _, p = _tip_and_record([namesake, file, tip_phone])
    assert p["cbp-file"] >= 0.9 and p["file-tip2"] >= 0.9
    assert p.get("cbp-tip2", p.get("tip2-cbp", 0.0)) >= 0.5  # vouched for by the file


def test_negative_judgement_blocks_transitive_merge() -> None:
    ids = ["a", "b", "c"]
    left, right, prob = [0, 1], [1, 2], [0.99, 0.95]
    assert len(set(cluster(ids, left, right, prob, 0.5))) == 1
    log = JudgementLog([Judgement("a", "c", Verdict.NEGATIVE, "analyst1", "different tattoos")])
    audit: list[Merge] = []
    result = cluster(ids, left, right, prob, 0.5, log, audit)
    assert result[0] != result[2]
    assert result[0] == result[1]  # the stronger edge a~b wins, b~c is refused
    assert [(m.left, m.right) for m in audit] == [("a", "b")]


def test_later_judgements_supersede_and_positive_overrides_model() -> None:
    ids = ["a", "b"]
    log = JudgementLog()
    log.append(Judgement("a", "b", Verdict.NEGATIVE))
    log.append(Judgement("b", "a", Verdict.POSITIVE, reason="confirmed by fingerprint"))
    assert len(log.history("a", "b")) == 2
    assert cluster(ids, [], [], [], 0.5, log) == ["a", "a"]
    round_trip = Judgement.from_json(log.history("a", "b")[1].to_json())
    assert round_trip.verdict is Verdict.POSITIVE


def test_cluster_ids_are_stable_across_runs_and_input_order() -> None:
    ids = ["r5", "r2", "r9", "r7"]
    first = cluster(ids, [0, 2], [1, 3], [0.99, 0.99], 0.5)
    assert first == ["r2", "r2", "r7", "r7"]
    order = [3, 1, 0, 2]
    shuffled = [ids[i] for i in order]
    inverse = {old: new for new, old in enumerate(order)}
    again = cluster(shuffled, [inverse[0], inverse[2]], [inverse[1], inverse[3]], [0.99, 0.99], 0.5)
    assert dict(zip(shuffled, again, strict=True)) == dict(zip(ids, first, strict=True))


def test_strong_identifiers_link_after_normalization() -> None:
    assert strong_key("phone", "+52 1 246 123 4567") == strong_key("phone", "044 246 123 4567")
    assert strong_key("plate", "abc-123 (tx)") == "plate:ABC123|TX"
    groups = link_exact([
        ("r1", "phone", "+52 246 123 4567"), ("r2", "phone", "(246) 123 4567"),
        ("r2", "email", "Ana@Example.com"), ("r3", "email", "ana@example.com "),
        ("r4", "phone", "12"),
    ])  # fmt: skip
    assert groups["r1"] == groups["r2"] == groups["r3"] == "r1"
    assert groups["r4"] == "r4"


def test_scoring_new_records_alone_matches_scoring_every_pair() -> None:
    # Incremental resolution scores only the pairs touching a report's new records; the
    # guards must still see the stored records' own pairs (a vouching file, a namesake).
    new = [
        {
            "record_id": "tip2",
            "full_name": "Juan Torres",
            "dob": "about 40",
            "phone": "222 555 0101",
            "country": "MX",
        },
        {"record_id": "tip", "full_name": "Juan Torres", "dob": "age~40", "city": "Puebla"},
    ]
    stored = [{"record_id": "cbp", "full_name": "TORRES, JUAN", "dob": "03/02/1985",
               "country": "US"},
              {"record_id": "other", "full_name": "Juan Torres Ruiz", "dob": "1984-11-30"},
              {"record_id": "file", "full_name": "Juan Torres García", "dob": "02/03/1985",
               "country": "MX", "phone": "+52 222 555 0101"}]  # fmt: skip
    df = pd.concat([pd.DataFrame(new + stored), synthetic(40)], ignore_index=True).fillna("")
    prepared = prepare(df)
    params = score_pairs(prepared, ResolverConfig()).params
    every_pair = BlockingRule("all", lambda p: [pd.Series(["k"] * len(p), dtype=object)])
    config = ResolverConfig(rules=(every_pair,))
    full = score_pairs(prepared, config, params=params)
    focused = score_pairs(prepared, config, params=params, focus=len(new))
    touching = full.left < len(new)
    assert (focused.left == full.left[touching]).all()
    assert (focused.right == full.right[touching]).all()
    assert np.array_equal(focused.probability, full.probability[touching])
    ids = df["record_id"].to_numpy()
    p = {f"{ids[a]}-{ids[b]}": x for a, b, x in
         zip(focused.left, focused.right, focused.probability, strict=True)}  # fmt: skip
    assert p["tip2-cbp"] >= 0.5  # vouched for by the file, a pair of two stored records
    assert p["tip-cbp"] < 0.5  # contested by the stored namesake


def test_pairs_are_unique_and_ordered() -> None:
    scored = score_pairs(prepare(synthetic(80)), ResolverConfig())
    keys = scored.left * 10_000 + scored.right
    assert (scored.left < scored.right).all()
    assert len(np.unique(keys)) == len(keys)


def _namesakes(count: int) -> pd.DataFrame:
    """``count`` people of one name (one big block), each recorded twice, births apart."""
    rows = []
    for p in range(count):
        dob = f"19{50 + p % 50}-{1 + p // 50 % 12:02d}-{1 + p // 600 % 28:02d}"
        for k in range(2):
            rows.append({"record_id": f"p{p}-{k}", "given_names": "juan",
                         "surname_1": "garcia", "dob": dob})  # fmt: skip
    return pd.DataFrame(rows)


def test_a_large_block_is_paired_by_sorted_neighbourhood() -> None:
    prepared = prepare(_namesakes(1000))
    rule = next(r for r in DEFAULT_RULES if r.name == "name")
    assert rule.window is not None
    keys = rule_pair_keys(prepared, rule, max_block=2000)
    # Linear in the block (not 2000² / 2), and each person's two records meet.
    assert len(keys) <= rule.window * len(prepared)
    n = len(prepared)
    copies = np.arange(0, n, 2) * n + np.arange(1, n, 2)
    assert np.isin(copies, keys).all()
    unwindowed = rule_pair_keys(prepared, replace(rule, window=None), max_block=5000)
    assert len(unwindowed) == n * (n - 1) // 2


def test_id_deletion_keys_meet_one_substitution_or_transposition() -> None:
    ids = pd.Series(["48213907", "48213807", "48219307", "48293107", "123", "48213907"])
    keys = [{int(k[i]) for k in _deletions(ids)} - {0} for i in range(len(ids))]
    shared = [{j for j in range(len(ids)) if j != i and keys[i] & keys[j]} for i in range(len(ids))]
    assert shared[0] == {1, 2, 5}  # one digit wrong, two swapped, the same number
    assert 3 not in shared[0]  # two edits apart
    assert shared[4] == set()  # too short to carry a key


def test_level_patterns_match_numpy_unique() -> None:
    rng = np.random.default_rng(3)
    levels = rng.integers(0, 5, size=(5000, 7)).astype(np.int8)
    distinct, counts = _patterns(levels)
    expected, expected_counts = np.unique(levels, axis=0, return_counts=True)
    assert (distinct == expected).all()
    assert (counts == expected_counts).all()
