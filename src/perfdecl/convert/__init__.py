"""Import, export, init skeletons and the YAML writer: declarations to and from other forms."""
