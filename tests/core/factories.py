import factory

from core.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    """An email in the outbox, about a volunteer's offer unless told otherwise."""

    class Meta:
        model = Notification

    kind = Notification.Kind.STAFF
    to = "mdo-team@localhost"
    subject = factory.Sequence(lambda n: f"New volunteer offer MV-{n:06d}")
    body = "A new offer."
    about = factory.SubFactory("tests.mentoring.factories.VolunteerFactory")
