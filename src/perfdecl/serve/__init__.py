"""``perfdecl serve``: the checks in a browser page for clerks who never open a terminal.

A local web application over the library (lint, render, diff, convert's importer, opinion),
never a subprocess of perfdecl itself: :mod:`perfdecl.serve.work` does what the pages ask with
the library alone; :mod:`perfdecl.serve.app` is the FastAPI application (the only module that
imports the web stack, with the command); ``templates/`` and ``static/`` hold the page, its
stylesheet and its script, shipped in the package (no CDN: the page works offline).
"""
