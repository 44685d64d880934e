"""Messages of the deposits topic: ``{code: (zh, en)}`` (see :mod:`wealthcalc.i18n`)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
