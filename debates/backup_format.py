"""The ``archive`` serialization format of backups: Django's JSON, with times to the microsecond.

Django's JSON encoder cuts datetimes and times to milliseconds, so a round trip through a JSON
dump changes every ``created_at`` and history date a little.  A backup must give back exactly what
it took, so its encoder writes full ISO 8601 times; reading them back needs nothing special.
Registered in ``settings.SERIALIZATION_MODULES``; backup files are named ``*.archive`` (or
``*.archive.gz`` and the like), and are JSON inside.
"""

import datetime

from django.core.serializers import json as django_json


class FullPrecisionEncoder(django_json.DjangoJSONEncoder):
    """DjangoJSONEncoder without the cut to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = FullPrecisionEncoder


Deserializer = django_json.Deserializer
