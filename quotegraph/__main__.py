"""``python -m quotegraph`` is the same as the ``quotegraph`` command."""

from quotegraph.cli import main

if __name__ == "__main__":
    main()
