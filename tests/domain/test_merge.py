"""The eight merge rules of DESIGN.md, rule by rule, plus properties (no Flask)."""

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.domain.merge import (
    ContactKey,
    ContactState,
    manual_edit,
    match_contact,
    merge_update,
)
from tests.domain.factories import Candidate, entry, entry_ref

RECRUITER_OWNED = {
    "notes": "Met at the fair",
    "tags": ["silver medalist"],
    "stage": "interviewing",
    "rating": 4,
    "cadence_days": 7,
    "last_contacted_at": "2026-01-02",
    "next_follow_up": "2026-01-09",
}
NOW = datetime(2026, 2, 1, tzinfo=timezone.utc)


def apply(docs, state=None):
    for doc in docs:
        state = merge_update(state, doc).state
    return state


# Rule 1: match
def test_rule1_matches_the_contact_linked_to_the_ref_first():
    doc = Candidate().send()
    keys = [ContactKey(1, None, "casey@example.com"), ContactKey(2, doc["candidate"]["ref"], "other@example.com")]
    assert match_contact(keys, doc) == 2


def test_rule1_matches_current_email_case_insensitively():
    doc = Candidate().send()
    assert match_contact([ContactKey(5, None, "Casey@Example.COM")], doc) == 5


def test_rule1_matches_a_previous_email():
    candidate = Candidate()
    candidate.send()
    doc = candidate.send(email="casey@new.example")
    assert match_contact([ContactKey(7, None, "casey@example.com")], doc) == 7


def test_rule1_never_takes_a_contact_linked_to_another_candidate():
    doc = Candidate().send()
    assert match_contact([ContactKey(3, "c_" + "b" * 32, "casey@example.com")], doc) is None


def test_rule1_no_match_means_a_new_contact():
    doc = Candidate().send()
    assert match_contact([ContactKey(1, None, "someone@example.com")], doc) is None
    result = merge_update(None, doc)
    assert result.state.fields["name"] == "Casey Candidate" and result.state.candidate_ref == doc["candidate"]["ref"]


# Rule 2: candidate-owned fields take the update's values; recruiter-owned never touched
def test_rule2_candidate_fields_take_new_values_recruiter_fields_untouched():
    candidate = Candidate()
    state = ContactState(recruiter=dict(RECRUITER_OWNED), fields={"name": "Old Name", "email": "casey@example.com"})
    state = merge_update(state, candidate.send(title="Vice President, Sales")).state
    assert state.fields["title"] == "Vice President, Sales" and state.fields["name"] == "Casey Candidate"
    assert state.recruiter == RECRUITER_OWNED


# Rule 3: history
def test_rule3_every_change_is_recorded_with_old_new_when_and_source():
    candidate = Candidate()
    state = merge_update(None, candidate.send()).state
    doc = candidate.send(title="Vice President, Sales")
    changes = merge_update(state, doc).changes
    assert [(c.field, c.old, c.new, c.source, c.update_id) for c in changes] == [
        ("title", "Account Director", "Vice President, Sales", "update", doc["id"])
    ]
    assert changes[0].at.isoformat().startswith(doc["issued_at"][:10])


# Rule 4: order
def test_rule4_a_late_update_changes_no_field_and_is_marked_superseded():
    candidate = Candidate()
    first = candidate.send(title="Director")
    second = candidate.send(title="Vice President")
    state = merge_update(None, second).state
    late = merge_update(state, first)
    assert late.superseded and late.changes == []
    assert late.state.fields["title"] == "Vice President" and late.state.last_sequence == 2


# Rule 5: idempotence
def test_rule5_the_same_update_twice_changes_nothing():
    candidate = Candidate()
    candidate.entries[1] = entry(1)
    doc = candidate.send()
    once = merge_update(None, doc)
    twice = merge_update(once.state, doc)
    assert twice.state == once.state
    assert not twice.changed_anything


# Rule 6: manual edits
def test_rule6_a_later_update_overwrites_a_manual_edit_and_says_so():
    candidate = Candidate()
    state = merge_update(None, candidate.send()).state
    state, manual = manual_edit(state, {"phone": "+1 555 0000"}, NOW)
    assert [(c.field, c.old, c.new, c.source) for c in manual] == [
        ("phone", "+1 313 555 0142", "+1 555 0000", "manual")
    ]
    result = merge_update(state, candidate.send(title="VP"))
    assert result.state.fields["phone"] == "+1 313 555 0142"
    assert result.overwrote_manual == ["phone"]
    assert ("phone", "+1 555 0000", "+1 313 555 0142") in [(c.field, c.old, c.new) for c in result.changes]
    assert result.state.manual_fields == frozenset()


def test_rule6_a_late_update_does_not_overwrite_a_manual_edit():
    candidate = Candidate()
    first = candidate.send()
    second = candidate.send()
    state = merge_update(None, second).state
    state, _ = manual_edit(state, {"phone": "+1 555 0000"}, NOW)
    result = merge_update(state, first)
    assert result.state.fields["phone"] == "+1 555 0000" and result.overwrote_manual == []


# Rule 7: entries
def test_rule7_entries_added_deduplicated_and_edits_replace():
    candidate = Candidate()
    candidate.entries = {1: entry(1), 2: entry(2)}
    state = merge_update(None, candidate.send()).state
    candidate.entries[2] = entry(2, revision=2, title="Edited title")
    result = merge_update(state, candidate.send())
    assert result.entries_added == [] and result.entries_replaced == [entry_ref(2)]
    assert len(result.state.entries) == 2
    assert result.state.entries[entry_ref(2)].data["title"] == "Edited title"


def test_rule7_a_late_update_still_adds_its_entries_but_never_an_older_version():
    candidate = Candidate()
    candidate.entries = {1: entry(1)}
    first = candidate.send()
    candidate.entries[1] = entry(1, revision=2, title="Newer")
    candidate.entries[2] = entry(2)
    second = candidate.send()
    state = merge_update(None, second).state
    state = merge_update(state, first).state
    assert state.entries[entry_ref(1)].data["title"] == "Newer"
    assert set(state.entries) == {entry_ref(1), entry_ref(2)}


def test_rule7_retracted_entries_are_withdrawn_and_stay_withdrawn():
    candidate = Candidate()
    candidate.entries = {1: entry(1)}
    first = candidate.send()
    del candidate.entries[1]
    second = candidate.send()
    state = merge_update(merge_update(None, first).state, second).state
    assert state.entries[entry_ref(1)].retracted and state.entries[entry_ref(1)].data == {}
    assert merge_update(state, first).state.entries[entry_ref(1)].retracted  # a late copy does not resurrect it


# Properties
def scenarios():
    """A candidate's series of clicks: each changes some fields and entries."""
    step = st.fixed_dictionaries(
        {
            "title": st.sampled_from(["Director", "VP", "CRO", "Account Director"]),
            "email": st.sampled_from(["casey@example.com", "casey@new.example"]),
            "skills": st.lists(st.sampled_from(["a", "b", "c"]), unique=True, max_size=3),
            "share": st.sets(st.integers(1, 4), max_size=4),
            "edit": st.sets(st.integers(1, 4), max_size=2),
        }
    )
    return st.lists(step, min_size=1, max_size=6)


def run(steps):
    candidate = Candidate()
    revisions = {n: 1 for n in range(1, 5)}
    shared: set[int] = set()
    docs = []
    for step in steps:
        # an edit, and flipping the share box (an edit too), bump the entry's revision
        for n in step["edit"] | (step["share"] ^ shared):
            revisions[n] += 1
        shared = step["share"]
        candidate.entries = {n: entry(n, revision=revisions[n], title=f"e{n} r{revisions[n]}") for n in step["share"]}
        docs.append(candidate.send(title=step["title"], email=step["email"], skills=step["skills"]))
    return docs


def final(state):
    return (state.fields, state.recruiter, state.entries, state.last_sequence, state.candidate_ref)


@settings(max_examples=150, deadline=None)
@given(steps=scenarios(), data=st.data())
def test_any_order_gives_the_same_contact_as_sequence_order(steps, data):
    docs = run(steps)
    shuffled = data.draw(st.permutations(docs))
    start = ContactState(recruiter=dict(RECRUITER_OWNED))
    assert final(apply(shuffled, start)) == final(apply(docs, start))


@settings(max_examples=100, deadline=None)
@given(steps=scenarios(), data=st.data())
def test_applying_an_update_twice_equals_applying_it_once(steps, data):
    docs = run(steps)
    repeated = data.draw(st.lists(st.sampled_from(docs), max_size=4))
    assert final(apply(docs + repeated)) == final(apply(docs))


@settings(max_examples=100, deadline=None)
@given(steps=scenarios(), data=st.data())
def test_recruiter_owned_fields_never_change(steps, data):
    docs = data.draw(st.permutations(run(steps)))
    state = ContactState(recruiter=dict(RECRUITER_OWNED))
    for doc in docs:
        state = merge_update(state, doc).state
        assert state.recruiter == RECRUITER_OWNED
