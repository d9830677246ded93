"""The shop's signed-in users, and offers made through the API, for its test modules."""

import pytest


@pytest.fixture
def ann(signed_in):
    """The headers of a signed-in shop user."""
    return signed_in("shop", "ann")


@pytest.fixture
def admin(signed_in):
    return signed_in("shop", "boss", "admin")


@pytest.fixture
def add_offer(client, admin):
    """Create an offer as an admin; its answer."""

    def add_offer(**terms) -> dict:
        response = client.post("/api/offers", json=terms, headers=admin)
        assert response.status_code == 201, response.json
        return response.json

    return add_offer
