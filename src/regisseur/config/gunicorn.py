"""gunicorn's logger for `regisseur run` and `regisseur serve`: its access and error logs
mask answer-link tokens like Django's own logging does (core/logs.py)."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from regisseur.core.logs import MaskTokens


class MaskingLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            log.addFilter(MaskTokens())
