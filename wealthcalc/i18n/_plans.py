"""Messages of the plans topic: ``{code: (zh, en)}`` (see :mod:`wealthcalc.i18n`)."""

MESSAGES: dict[str, tuple[str, str]] = {
}
