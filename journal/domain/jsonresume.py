"""Export a journal as JSON Resume, and read one back with every error listed.

Standard sections carry what JSON Resume has a place for (work, education,
certificates, awards, skills). Everything else, including reviews, raises and
notes, lives under the namespaced extension key ``x-career-journal``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft7Validator

from journal.domain.entries import KINDS_BY_CODE, is_web_address, shared_default

EXT = "x-career-journal"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
STATUSES = ("open", "looking", "not_looking")
LIMITS = {
    "title": 200,
    "employer": 120,
    "name": 120,
    "email": 254,
    "phone": 40,
    "location": 120,
    "headline": 200,
    "currency": 3,
}
# section -> (kinds exported there, field holding the title, field holding the employer)
SECTIONS = {
    "work": (("role", "promotion"), "position", "name"),
    "education": (("education",), "area", "institution"),
    "certificates": (("certification",), "name", "issuer"),
    "awards": (("achievement",), "title", "awarder"),
}
SECTION_OF = {kind: section for section, (kinds, _, _) in SECTIONS.items() for kind in kinds}
DATE_FIELD = {"work": "startDate", "education": "endDate", "certificates": "date", "awards": "date"}
SUMMARY_FIELD = {"work": "summary", "awards": "summary"}


class ResumeError(ValueError):
    """The file cannot be imported; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ResumeImport:
    """What a valid file contributes: profile fields that it sets, and entries."""

    profile: dict[str, Any] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _validator() -> Draft7Validator:
    schema = json.loads(resources.files("journal.data").joinpath("jsonresume.schema.json").read_text())
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def build_resume(profile: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Build a JSON Resume document from a profile and its entries (any order)."""
    ordered = sorted(entries, key=lambda e: (e["date"], e.get("title", "")))
    resume: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": _basics(profile)}
    for section in SECTIONS:
        resume[section] = []
    extra = []
    work_dates = [e["date"] for e in ordered if SECTION_OF.get(e["kind"]) == "work"]
    for entry in reversed(ordered):  # JSON Resume lists newest first
        section = SECTION_OF.get(entry["kind"])
        if section is None:
            extra.append(_entry_ext(entry, full=True))
            continue
        resume[section].append(_section_item(section, entry, work_dates))
    resume["skills"] = [{"name": skill} for skill in profile.get("skills") or []]
    resume[EXT] = {
        "version": 1,
        "profile": {key: profile.get(key) for key in ("title", "employer", "industries", "status")},
        "entries": extra,
    }
    return resume


def _basics(profile: dict[str, Any]) -> dict[str, Any]:
    links = list(profile.get("links") or [])
    basics = {
        "name": profile.get("name", ""),
        "label": profile.get("headline", ""),
        "email": profile.get("email", ""),
        "phone": profile.get("phone", ""),
        "location": {"address": profile.get("location", "")},
        "profiles": [{"network": urlsplit(url).hostname or "", "url": url} for url in links],
    }
    if links:
        basics["url"] = links[0]
    return basics


def _section_item(section: str, entry: dict[str, Any], work_dates: list[date]) -> dict[str, Any]:
    _, title_key, employer_key = SECTIONS[section]
    item: dict[str, Any] = {title_key: entry["title"], employer_key: entry.get("employer", "")}
    item[DATE_FIELD[section]] = entry["date"].isoformat()
    if section == "work":
        later = [d for d in work_dates if d > entry["date"]]
        if later:
            item["endDate"] = later[0].isoformat()
    if section in SUMMARY_FIELD:
        item[SUMMARY_FIELD[section]] = entry.get("details", "")
    item[EXT] = _entry_ext(entry, full=section not in SUMMARY_FIELD, minimal=True)
    return item


def _entry_ext(entry: dict[str, Any], *, full: bool, minimal: bool = False) -> dict[str, Any]:
    ext: dict[str, Any] = {"kind": entry["kind"], "shared": bool(entry["shared"])}
    if not minimal:
        ext.update(date=entry["date"].isoformat(), title=entry["title"], employer=entry.get("employer", ""))
        amount = entry.get("amount")
        ext.update(amount=None if amount is None else str(amount), currency=entry.get("currency", ""))
    if full:
        ext["details"] = entry.get("details", "")
    return ext


def parse_resume(raw: bytes | str) -> ResumeImport:
    """Validate a JSON Resume file and return what it holds, or raise ResumeError listing every problem."""
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise ResumeError(["The file is not UTF-8 text."]) from None
    except json.JSONDecodeError as exc:
        raise ResumeError([f"The file is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."]) from None
    except RecursionError:
        raise ResumeError([f"The file nests its values more than {MAX_DEPTH} levels deep."]) from None
    except ValueError:  # an integer of thousands of digits (Python's int_max_str_digits)
        raise ResumeError(["The file holds a number too long to be real."]) from None
    if not isinstance(data, dict):
        raise ResumeError(["A JSON Resume file must hold one JSON object."])
    if _depth(data) > MAX_DEPTH:
        raise ResumeError([f"The file nests its values more than {MAX_DEPTH} levels deep."])
    errors = [
        _schema_message(err) for err in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if errors:
        raise ResumeError(errors)
    reader = _Reader()
    result = ResumeImport(profile=reader.profile(data), entries=reader.entries(data))
    if reader.errors:
        raise ResumeError(reader.errors)
    return result


MAX_DEPTH = 16  # a JSON Resume, extension included, is 5 deep


def _depth(data: Any) -> int:
    """How deep objects and arrays nest, counted without recursion."""
    deepest, level = 0, [(data, 1)]
    while level:
        value, depth = level.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                level.extend((child, depth + 1) for child in (value.values() if isinstance(value, dict) else value))
    return deepest


def _schema_message(error) -> str:
    where = _path(error.absolute_path) or "The file"
    if error.validator == "pattern" and error.schema == _validator().schema["definitions"]["iso8601"]:
        return f"{where}: '{error.instance}' is not a date like 2020-04-30, 2020-04 or 2020."
    return f"{where}: {error.message}"


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class _Reader:
    """Reads a schema-valid document, collecting errors the schema cannot express."""

    def __init__(self):
        self.errors: list[str] = []

    def text(self, value: Any, where: str, limit: int | None = None) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            self.errors.append(f"{where}: must be text.")
            return ""
        value = value.replace("\x00", "").strip()
        if limit and len(value) > limit:
            self.errors.append(f"{where}: is longer than {limit} characters.")
        return value

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        """An object the extension expects; anything else is an error and reads as empty."""
        if value is None or isinstance(value, dict):
            return value or {}
        self.errors.append(f"{where}: must be an object.")
        return {}

    def sequence(self, value: Any, where: str) -> list[Any]:
        if value is None or isinstance(value, list):
            return value or []
        self.errors.append(f"{where}: must be a list.")
        return []

    def link(self, url: Any, where: str) -> str | None:
        if not is_web_address(url):
            self.errors.append(f"{where}: '{str(url)[:80]}' is not an http(s) link.")
            return None
        return url

    def date(self, value: Any, where: str) -> date | None:
        if not value:
            self.errors.append(f"{where}: a date is required.")
            return None
        parts = str(value).split("-") + ["01", "01"]
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            self.errors.append(f"{where}: '{value}' is not a real date.")
            return None

    def profile(self, data: dict[str, Any]) -> dict[str, Any]:
        basics = data.get("basics") or {}
        ext = self.mapping(self.mapping(data.get(EXT), EXT).get("profile"), f"{EXT}.profile")
        profile: dict[str, Any] = {}
        for key, source in (("name", "name"), ("headline", "label"), ("email", "email"), ("phone", "phone")):
            value = self.text(basics.get(source), f"basics.{source}", LIMITS[key])
            if value:
                profile[key] = value
        location = _location_text(basics.get("location") or {})
        if location:
            profile["location"] = self.text(location, "basics.location", LIMITS["location"])
        links = [basics.get("url")] + [p.get("url") for p in basics.get("profiles") or []]
        links = list(dict.fromkeys(u for u in links if u))
        for url in links:
            self.link(url, "basics.profiles")
        if links:
            profile["links"] = links
        skills = [s.get("name", "").strip() for s in data.get("skills") or [] if s.get("name")]
        if skills:
            profile["skills"] = skills
        for key in ("title", "employer"):
            value = self.text(ext.get(key), f"{EXT}.profile.{key}", LIMITS[key])
            if value:
                profile[key] = value
        industries = self.sequence(ext.get("industries"), f"{EXT}.profile.industries")
        if industries:
            profile["industries"] = [self.text(i, f"{EXT}.profile.industries") for i in industries]
        status = ext.get("status")
        if status:
            if isinstance(status, str) and status in STATUSES:
                profile["status"] = status
            else:
                self.errors.append(f"{EXT}.profile.status: must be one of {', '.join(STATUSES)}.")
        return profile

    def entries(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        entries = []
        for section, (kinds, title_key, employer_key) in SECTIONS.items():
            for index, item in enumerate(data.get(section) or []):
                where = f"{section}[{index}]"
                ext = self.mapping(item.get(EXT), f"{where}.{EXT}")
                kind = ext.get("kind", kinds[0])
                if not isinstance(kind, str) or kind not in kinds:
                    self.errors.append(f"{where}.{EXT}.kind: '{kind}' does not belong in {section}.")
                    continue
                title = self.text(item.get(title_key), f"{where}.{title_key}", LIMITS["title"])
                if not title:
                    self.errors.append(f"{where}.{title_key}: is required.")
                details = item.get(SUMMARY_FIELD.get(section, ""), ext.get("details", ""))
                entries.append(
                    self._entry(
                        where,
                        kind,
                        item.get(DATE_FIELD[section]) or item.get("startDate"),
                        title,
                        item.get(employer_key),
                        details,
                        ext.get("shared"),
                    )
                )
        extension = self.mapping(data.get(EXT), EXT)
        for index, item in enumerate(self.sequence(extension.get("entries"), f"{EXT}.entries")):
            where = f"{EXT}.entries[{index}]"
            if not isinstance(item, dict) or not isinstance(item.get("kind"), str) or item["kind"] not in KINDS_BY_CODE:
                self.errors.append(f"{where}.kind: must be one of {', '.join(KINDS_BY_CODE)}.")
                continue
            entry = self._entry(
                where,
                item["kind"],
                item.get("date"),
                self.text(item.get("title"), f"{where}.title", LIMITS["title"]),
                item.get("employer"),
                item.get("details"),
                item.get("shared"),
            )
            entry["amount"], entry["currency"] = self._amount(item, where)
            if not entry["title"]:
                self.errors.append(f"{where}.title: is required.")
            entries.append(entry)
        return entries

    def _entry(self, where, kind, when, title, employer, details, shared) -> dict[str, Any]:
        return {
            "kind": kind,
            "date": self.date(when, f"{where}.date"),
            "title": title,
            "employer": self.text(employer, f"{where}.employer", LIMITS["employer"]),
            "details": self.text(details, f"{where}.details"),
            "shared": shared if isinstance(shared, bool) else shared_default(kind),
            "amount": None,
            "currency": "",
        }

    def _amount(self, item: dict[str, Any], where: str) -> tuple[Decimal | None, str]:
        amount = item.get("amount")
        currency = self.text(item.get("currency"), f"{where}.currency", LIMITS["currency"]).upper()
        if amount in (None, ""):
            return None, currency
        try:
            value = Decimal(str(amount))
            if not value.is_finite() or abs(value) >= Decimal("1e12"):
                raise InvalidOperation
        except InvalidOperation:
            self.errors.append(f"{where}.amount: '{amount}' is not a number.")
            return None, currency
        return value.quantize(Decimal("0.01")), currency


def _location_text(location: dict[str, Any]) -> str:
    if not isinstance(location, dict):
        return ""
    if location.get("address"):
        return str(location["address"])
    parts = [location.get(k) for k in ("city", "region", "countryCode")]
    return ", ".join(str(p) for p in parts if p)
