import json
import logging

# Attributes every LogRecord has; anything else was passed in `extra=` and is worth printing.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def _value(value):
    text = str(value)
    if text and not any(c.isspace() or c in '"=' for c in text):
        return text
    return json.dumps(text, ensure_ascii=False)


class LogfmtFormatter(logging.Formatter):
    """One line per event, key=value pairs: easy to read, easy for a log service to parse.

    time=2026-11-30T10:00:00+0000 level=INFO logger=django.request msg="Not Found: /x" status=404
    """

    def format(self, record):
        fields = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key != "request" and not key.startswith("_"):
                fields[key] = value
        if record.exc_info:
            fields["exc"] = self.formatException(record.exc_info)
        return " ".join(f"{key}={_value(value)}" for key, value in fields.items())
