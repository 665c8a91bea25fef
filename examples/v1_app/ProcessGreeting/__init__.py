"""Takes greetings off the ``greetings`` queue."""

from __future__ import annotations

import logging

import azure.functions as func


def main(msg: func.QueueMessage, context: func.Context) -> None:
    """Log the message and how many times it was dequeued."""
    logging.info(
        "ProcessGreeting %s: %s (dequeued %s times)",
        context.invocation_id,
        msg.get_body().decode(),
        msg.dequeue_count,
    )
