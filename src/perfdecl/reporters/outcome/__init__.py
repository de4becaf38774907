"""Reporters of ``perfdecl outcome``: a name -> class table in base.py, one module per format."""
