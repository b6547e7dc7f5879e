import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from networks.models import Network, NetworkRole, Person
from tests.networks.factories import NetworkFactory, NetworkRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def contact_status(network):
    return Network.objects.with_contact_status().get(pk=network.pk)


def test_network_without_roles_is_awaiting_update():
    network = NetworkFactory()
    annotated = contact_status(network)
    assert annotated.has_confirmed_contact is False
    assert annotated.last_confirmed_on is None
    assert list(Network.objects.awaiting_update()) == [network]


def test_public_confirmed_contact_clears_awaiting_update():
    role = NetworkRoleFactory(confirmed_on=datetime.date(2026, 3, 2))
    annotated = contact_status(role.network)
    assert annotated.has_confirmed_contact is True
    assert annotated.last_confirmed_on == datetime.date(2026, 3, 2)
    assert not Network.objects.awaiting_update().exists()


@pytest.mark.parametrize(
    ("is_public", "confirmed_on"),
    [(False, datetime.date(2026, 3, 2)), (True, None)],
    ids=["private-confirmed", "public-unconfirmed"],
)
def test_private_or_unconfirmed_contact_still_awaits_update(is_public, confirmed_on):
    role = NetworkRoleFactory(is_public=is_public, confirmed_on=confirmed_on)
    assert contact_status(role.network).has_confirmed_contact is False


def test_last_confirmed_is_the_newest_confirmation():
    network = NetworkFactory()
    NetworkRoleFactory(network=network, confirmed_on=datetime.date(2024, 5, 1))
    NetworkRoleFactory(network=network, confirmed_on=datetime.date(2025, 9, 1))
    assert contact_status(network).last_confirmed_on == datetime.date(2025, 9, 1)


def test_one_person_holds_roles_in_several_networks():
    person = PersonFactory(email="chair@museum.example")
    first, second = NetworkFactory(), NetworkFactory()
    NetworkRoleFactory(person=person, network=first, role=NetworkRole.Role.CHAIR)
    NetworkRoleFactory(person=person, network=second, role=NetworkRole.Role.CONTACT)
    assert Person.objects.count() == 1
    assert set(person.roles.values_list("network__name", flat=True)) == {first.name, second.name}


def test_same_email_cannot_be_entered_twice():
    PersonFactory(email="Chair@Museum.example")
    duplicate = Person(name="Someone else", email="chair@museum.example")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already in the directory" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_people_without_email_are_not_duplicates():
    PersonFactory(email="")
    Person(name="Another", email="").full_clean()
    PersonFactory(email="")
    assert Person.objects.filter(email="").count() == 2


def test_one_role_of_a_kind_per_person_per_network():
    role = NetworkRoleFactory(role=NetworkRole.Role.CHAIR)
    twin = NetworkRole(network=role.network, person=role.person, role=NetworkRole.Role.CHAIR)
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "already chair of this network" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    # A different role in the same network is fine.
    NetworkRole(network=role.network, person=role.person, role=NetworkRole.Role.SECRETARY).save()


def test_network_cannot_be_its_own_parent():
    network = NetworkFactory()
    network.parent = network
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert "cannot be its own parent" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        network.save()


def test_network_cannot_be_its_own_successor_or_close_in_the_future():
    network = NetworkFactory(status=Network.Status.CLOSED)
    network.successor = network
    network.closed_on = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert "cannot be its own successor" in str(error.value)
    assert "cannot be in the future" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        network.save()


def test_public_excludes_closed_networks():
    active = NetworkFactory(status=Network.Status.ACTIVE)
    dormant = NetworkFactory(status=Network.Status.DORMANT)
    NetworkFactory(status=Network.Status.CLOSED)
    assert set(Network.objects.public()) == {active, dormant}


def test_string_forms_and_urls():
    role = NetworkRoleFactory(role=NetworkRole.Role.CHAIR, person__name="Ada", network__slug="x")
    assert str(role) == f"Chair of {role.network.name}: Ada"
    assert role.network.get_absolute_url() == "/networks/x/"
    assert str(role.person) == "Ada (Example Museum)"
