"""Reporters of `perfdecl diff`: a name -> class table in base.py, one module per format."""
