"""The local host: runs a function app without the Functions host or Core Tools.

Imported by ``python -m azure.functions`` and :mod:`azure.functions.testing`
only, never by ``import azure.functions``. Every value crosses the same
converters and ``Datum`` shapes the Python worker uses, so what works here
works when deployed.

From the top down (``tests/test_layering.py`` checks that ``wire``,
``routing``, ``loading`` and ``payloads`` never import ``host``, ``admin``,
``server`` or ``cli``, and that ``wire`` and ``routing`` need nothing else of
the host):

- ``cli`` (``python -m azure.functions start``), ``server`` (aiohttp in front
  of a host), ``watch`` (``--watch``: the app's files, polled);
- ``host`` (a loaded app with its routes, timers, keys, storage and invoker;
  :meth:`~.host.Host.handle_http` is the one entry point for an HTTP request,
  the server's and the test client's) and ``admin`` (``/admin``, reaching the
  host through a protocol);
- ``wire`` (host-free: request and response data, the ``http`` datum and its
  metadata, the response from the function's ``http`` output);
- ``invoke`` (the pipeline), ``plan`` (what each function's calls need,
  worked out once), ``deadlines`` (``functionTimeout``), ``pool`` (the threads
  plain ``def`` functions run in), ``logs`` (records tagged with their
  invocation) and ``console`` (the lines as ``func start`` prints them,
  written in batches);
- ``routing/`` (route templates, their constraints and parser, the router),
  ``keys`` (auth levels), ``cors``, ``timers``, ``lifespan`` (the ASGI lifespan
  of the app's ASGI applications), ``storage/`` (queues and blobs);
- ``loading/`` (the app's files into ``model``'s typed description:
  ``config``, ``v1_folders``, ``v2_indexing``, ``function_checks``,
  ``signature``, ``app_loader``, ``app_object``);
- ``payloads/`` (trigger payloads as the host sends them: ``core``, one event
  per invocation; ``batched``, the brokers whose triggers take batches).
"""
