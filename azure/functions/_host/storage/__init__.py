"""Storage for the local host: queues and blobs, embedded or real.

:mod:`.connection` picks a backend per connection setting; :mod:`.api`
states what a backend does; :mod:`.embedded` (SQLite, no set-up) and
:mod:`.azure_clients` (the official async clients: Azurite, Azure Storage)
do it; :mod:`.templates` resolves binding paths; :mod:`.bindings` reads
inputs and delivers outputs; :mod:`.queue_trigger` and :mod:`.blob_trigger`
are the triggers' listeners; :mod:`.runtime` ties them to a host.
"""
