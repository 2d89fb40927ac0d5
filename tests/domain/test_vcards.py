"""vCard 4.0 output parsed back (no Flask)."""

import vobject

from journal.domain.vcards import person_vcard


def test_vcard_round_trips_through_a_parser():
    text = person_vcard(
        {
            "name": "Casey O'Neil, Jr; the second",
            "email": "casey@example.com",
            "phone": "+1 313 555 0142",
            "title": "VP, Sales",
            "employer": "Northline",
            "location": "Detroit, MI",
            "links": ["https://example.com/casey"],
            "industries": ["automotive", "ev"],
            "headline": "Sales leader\nwith two lines",
        },
        uid="c_123",
    )
    assert text.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    card = vobject.readOne(text)
    assert card.fn.value == "Casey O'Neil, Jr; the second"
    assert card.email.value == "casey@example.com" and card.tel.value == "+1 313 555 0142"
    assert card.title.value == "VP, Sales" and card.org.value == ["Northline"]
    assert card.url.value == "https://example.com/casey" and card.categories.value == ["automotive", "ev"]
    assert card.note.value == "Sales leader\nwith two lines" and card.uid.value == "urn:career-journal:c_123"


def test_minimal_vcard():
    card = vobject.readOne(person_vcard({"email": "only@example.com"}))
    assert card.fn.value == "only@example.com"
