"""Runs every five minutes (NCRONTAB ``0 */5 * * * *``: seconds first)."""

from __future__ import annotations

import logging

import azure.functions as func


def main(timer: func.TimerRequest) -> None:
    """Log the tick; a late one (after a restart, say) is past due."""
    if timer.past_due:
        logging.warning("TimerTriggerFunction: running late")
    logging.info(
        "TimerTriggerFunction: tick; next at %s", timer.schedule_status.get("Next")
    )
