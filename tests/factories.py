import datetime

import factory

from networks.models import Network, NetworkRole, Person, SubRegion, Topic


class SubRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubRegion
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Sub-region {n}")
    slug = factory.Sequence(lambda n: f"sub-region-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Museum Network {n}")
    slug = factory.Sequence(lambda n: f"museum-network-{n}")
    kind = Network.Kind.SUB_REGIONAL
    summary = "Museum workers sharing skills."
    sub_region = factory.SubFactory(SubRegionFactory)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@museum.example")
    organisation = "Example Museum"


class NetworkRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkRole

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(PersonFactory)
    role = NetworkRole.Role.CONTACT
    is_public = True
    confirmed_on = datetime.date(2026, 3, 2)
