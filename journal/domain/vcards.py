"""vCard 4.0 (RFC 6350) for a person's current details, through vobject."""

from __future__ import annotations

from typing import Any

import vobject


def person_vcard(person: dict[str, Any], uid: str | None = None) -> str:
    """Serialise name, email, phone, location, title, employer, links and industries as one vCard 4.0."""
    card = vobject.vCard()
    card.add("version").value = "4.0"
    name = " ".join((person.get("name") or person.get("email") or "Unknown").split())
    card.add("fn").value = name
    given, _, family = name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if uid:
        card.add("uid").value = f"urn:career-journal:{uid}"
    if person.get("email"):
        card.add("email").value = person["email"]
    if person.get("phone"):
        tel = card.add("tel")
        tel.value = person["phone"]
        tel.type_param = "voice"
    if person.get("title"):
        card.add("title").value = person["title"]
    if person.get("employer"):
        card.add("org").value = [person["employer"]]
    if person.get("location"):
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(city=person["location"])
    for url in person.get("links") or []:
        card.add("url").value = url
    if person.get("industries") or person.get("tags"):
        card.add("categories").value = list(person.get("industries") or []) + list(person.get("tags") or [])
    if person.get("headline"):
        card.add("note").value = person["headline"]
    return card.serialize()
