"""``python -m perfdecl`` runs the CLI."""

from perfdecl.cli import main

if __name__ == "__main__":
    main()
