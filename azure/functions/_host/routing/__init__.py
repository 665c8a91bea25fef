"""HTTP routes: templates as the Functions host reads them, and the router.

``constraints`` (``{id:int}`` ...), ``template`` (a parsed template and its
matching), ``parser`` (template text into a template) and ``router`` (the
app's routes: the best match for a method and path, with a cache of recent
lookups). Host-free: nothing here knows an app or a request.
"""
