"""Password policy (no Flask)."""

import pytest

from journal.domain.passwords import common_passwords, password_problem


@pytest.mark.parametrize("password", ["12345678", "password", "Password1", "qwertyuiop", "iloveyou"])
def test_common_passwords_are_refused(password):
    assert "too common" in password_problem(password)


def test_list_is_large():
    assert len(common_passwords()) > 15000


@pytest.mark.parametrize("password", ["short", "", "1234567"])
def test_short_passwords_are_refused(password):
    assert "at least 8" in password_problem(password)


@pytest.mark.parametrize("password", ["tangerine-otter-lamp", "x" * 64, "Ünïcødé passphrase 🙂", "a" * 200 + "b"])
def test_good_passwords_pass_without_composition_rules(password):
    assert password_problem(password) is None


def test_personal_details_are_refused():
    assert password_problem("jane.doe@example.com", email="jane.doe@example.com")
    assert password_problem("jane.doeX", email="jane.doeX@example.com")
    assert password_problem("Jane Doe Smith", name="jane doe smith")
