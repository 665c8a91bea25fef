"""Loading a function app: its files into a typed description, checked as in the worker.

``model`` (the description: ``AppInfo``, ``FunctionInfo``, bindings and
parameters), ``config`` (``host.json``, ``local.settings.json``),
``v1_folders`` (a folder per function with its ``function.json``) and
``v2_indexing`` (``function_app.py``'s decorated functions),
``function_checks`` and ``signature`` (the worker's checks of bindings and
parameters), ``app_loader`` (loading, reloading and unloading an app's
modules and settings) and ``app_object`` (an app object handed over in
code, as the test client takes it).
"""
