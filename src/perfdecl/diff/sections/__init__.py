"""The differ's sections, one module per part of the declaration, run in order by
:func:`perfdecl.diff.differ.diff_sides`; each reads a :class:`~perfdecl.diff.sections.context.Context`
and emits changes into it."""
