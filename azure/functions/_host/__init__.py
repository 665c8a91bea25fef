"""The local host: runs a function app without the Functions host or Core Tools.

Imported by ``python -m azure.functions`` and :mod:`azure.functions.testing`
only, never by ``import azure.functions``. Every value crosses the same
converters and ``Datum`` shapes the Python worker uses, so what works here
works when deployed.

One module per concern: ``model`` (the typed description of an app), ``config``
(``host.json``, ``local.settings.json``), ``app_loader`` (loading and reloading
an app), ``v1_folders`` and ``v2_indexing`` (v1 folders and v2
``function_app.py`` into that description), ``function_checks`` and
``signature`` (the worker's checks of bindings and parameters), ``invoke`` (the
pipeline), ``plan`` (what each function's calls need, worked out once),
``deadlines`` (``functionTimeout``), ``pool`` (the threads plain ``def``
functions run in), ``logs`` (invocation-scoped log records and the console),
``routing`` and ``keys`` (HTTP routes and auth levels), ``dispatch`` (HTTP
requests through routing, auth and invoke), ``payloads`` and ``event_payloads``
(trigger payloads as the host sends them), ``timers``, ``lifespan`` (the ASGI
lifespan of the app's ASGI applications), ``host`` (all of it together),
``watch`` (``--watch``: the app's files, polled), ``server`` (aiohttp) and
``cli``.
"""
